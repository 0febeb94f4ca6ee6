//! Active data and element segments: where their offsets really point, and which one makes
//! instantiation fail.
//!
//! wasmi reports "out of bounds" without saying which segment, and a start function that
//! traps the same way looks alike from outside. Reading the binary again, evaluating each
//! offset expression in full (extended constants, `global.get` of imported globals with their
//! linked values) and checking it against the sizes the memories and tables really have after
//! linking finds the culprit, or shows there is none. What imports resolve to is asked of the
//! caller through [`Imports`], so this module never touches a store.

use wasmparser::{ConstExpr, DataKind, ElementKind, Operator, Parser, Payload, TypeRef};

/// A segment that does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSegment {
    /// Data (memory) or element (table) segment.
    pub is_data: bool,
    /// Its index among segments of its kind.
    pub index: usize,
    /// First byte or element it writes.
    pub start: u64,
    /// One past the last (saturated at `u64::MAX`).
    pub end: u64,
    /// Size of the memory (bytes) or table (elements) at instantiation.
    pub size: u64,
}

/// A number a constant expression computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// An `i32`.
    I32(i32),
    /// An `i64`.
    I64(i64),
}

impl Num {
    /// The value as an unsigned offset: i32 offsets are unsigned 32-bit, i64 ones 64-bit.
    pub fn offset(self) -> u64 {
        match self {
            Num::I32(v) => u64::from(v as u32),
            Num::I64(v) => v as u64,
        }
    }
}

/// What the module's imports turned out to be after linking.
pub trait Imports {
    /// Current size in bytes of the memory imported as `module` `name`.
    fn memory_bytes(&self, module: &str, name: &str) -> Option<u64>;
    /// Current length of the table imported as `module` `name`.
    fn table_len(&self, module: &str, name: &str) -> Option<u64>;
    /// The value of the integer global imported as `module` `name`.
    fn global(&self, module: &str, name: &str) -> Option<Num>;
}

/// Evaluates a constant expression of integers: `i32.const`, `i64.const`, `global.get` (looked
/// up with `global`), and the extended-constant `add`, `sub` and `mul` of both widths.
/// `None` for anything else (references, floats, a global whose value is unknown).
pub fn eval_const(expr: &ConstExpr<'_>, global: &dyn Fn(u32) -> Option<Num>) -> Option<Num> {
    let mut stack: Vec<Num> = Vec::new();
    let mut reader = expr.get_operators_reader();
    loop {
        let op = reader.read().ok()?;
        let value = match op {
            Operator::End => break,
            Operator::I32Const { value } => Num::I32(value),
            Operator::I64Const { value } => Num::I64(value),
            Operator::GlobalGet { global_index } => global(global_index)?,
            Operator::I32Add | Operator::I32Sub | Operator::I32Mul => {
                let (Num::I32(b), Num::I32(a)) = (stack.pop()?, stack.pop()?) else { return None };
                Num::I32(match op {
                    Operator::I32Add => a.wrapping_add(b),
                    Operator::I32Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            Operator::I64Add | Operator::I64Sub | Operator::I64Mul => {
                let (Num::I64(b), Num::I64(a)) = (stack.pop()?, stack.pop()?) else { return None };
                Num::I64(match op {
                    Operator::I64Add => a.wrapping_add(b),
                    Operator::I64Sub => a.wrapping_sub(b),
                    _ => a.wrapping_mul(b),
                })
            }
            _ => return None,
        };
        stack.push(value);
    }
    match stack.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// `initial` units of `2^log2` bytes, saturating (a memory64 minimum can exceed `u64` bytes).
fn bytes_of(initial: u64, page_size_log2: Option<u32>) -> u64 {
    let bytes = u128::from(initial) << page_size_log2.unwrap_or(16).min(64);
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

/// The page size in bytes of each memory `bytes` declares or imports, imports first.
pub fn page_sizes(bytes: &[u8]) -> Vec<u64> {
    let mut sizes = Vec::new();
    for payload in Parser::new(0).parse_all(bytes).flatten() {
        match payload {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports().flatten() {
                    if let TypeRef::Memory(m) = import.ty {
                        sizes.push(bytes_of(1, m.page_size_log2));
                    }
                }
            }
            Payload::MemorySection(reader) => {
                sizes.extend(reader.into_iter().flatten().map(|m| bytes_of(1, m.page_size_log2)))
            }
            _ => {}
        }
    }
    sizes
}

/// An active segment, its offset evaluated when possible.
struct Active {
    is_data: bool,
    index: usize,
    target: u32,
    offset: Option<u64>,
    len: u64,
}

/// The first active segment that overruns its memory or table as they are after linking
/// (imports sized by `imports`). Segments whose offset cannot be evaluated are skipped, so a
/// `None` means "no segment is to blame".
pub fn first_out_of_bounds(bytes: &[u8], imports: &dyn Imports) -> Option<BadSegment> {
    let mut memories: Vec<Option<u64>> = Vec::new();
    let mut tables: Vec<Option<u64>> = Vec::new();
    let mut globals: Vec<Option<Num>> = Vec::new();
    let mut segments: Vec<Active> = Vec::new();
    let (mut elem_idx, mut data_idx) = (0, 0);
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.ok()? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.ok()?;
                    match import.ty {
                        TypeRef::Memory(_) => memories.push(imports.memory_bytes(import.module, import.name)),
                        TypeRef::Table(_) => tables.push(imports.table_len(import.module, import.name)),
                        TypeRef::Global(_) => globals.push(imports.global(import.module, import.name)),
                        _ => {}
                    }
                }
            }
            Payload::MemorySection(reader) => {
                for m in reader {
                    let m = m.ok()?;
                    memories.push(Some(bytes_of(m.initial, m.page_size_log2)));
                }
            }
            Payload::TableSection(reader) => {
                for t in reader {
                    tables.push(Some(t.ok()?.ty.initial));
                }
            }
            Payload::GlobalSection(reader) => {
                for g in reader {
                    let g = g.ok()?;
                    let value = eval_const(&g.init_expr, &|i| globals.get(i as usize).copied().flatten());
                    globals.push(value);
                }
            }
            Payload::ElementSection(reader) => {
                for e in reader {
                    let e = e.ok()?;
                    if let ElementKind::Active { table_index, offset_expr } = &e.kind {
                        let len = match &e.items {
                            wasmparser::ElementItems::Functions(r) => r.count(),
                            wasmparser::ElementItems::Expressions(_, r) => r.count(),
                        };
                        let offset =
                            eval_const(offset_expr, &|i| globals.get(i as usize).copied().flatten()).map(Num::offset);
                        let target = table_index.unwrap_or(0);
                        segments.push(Active { is_data: false, index: elem_idx, target, offset, len: len.into() });
                    }
                    elem_idx += 1;
                }
            }
            Payload::DataSection(reader) => {
                for d in reader {
                    let d = d.ok()?;
                    if let DataKind::Active { memory_index, offset_expr } = &d.kind {
                        let offset =
                            eval_const(offset_expr, &|i| globals.get(i as usize).copied().flatten()).map(Num::offset);
                        let len = d.data.len() as u64;
                        segments.push(Active { is_data: true, index: data_idx, target: *memory_index, offset, len });
                    }
                    data_idx += 1;
                }
            }
            _ => {}
        }
    }
    // The spec initialises every element segment before any data segment, in order.
    segments.into_iter().find_map(|s| {
        let sizes = if s.is_data { &memories } else { &tables };
        let size = (*sizes.get(s.target as usize)?)?;
        let start = s.offset?;
        let end = start.saturating_add(s.len);
        // `start + len` past `u64::MAX` never fits, even in a table64 or memory64 (issue 9).
        let overflows = start.checked_add(s.len).is_none();
        (overflows || end > size).then_some(BadSegment { is_data: s.is_data, index: s.index, start, end, size })
    })
}

/// Every data segment of `bytes`, in order: `Some((memory, offset, bytes))` for an active
/// one whose offset evaluates (globals by index through `global`), `None` otherwise.
pub fn active_data(bytes: &[u8], global: &dyn Fn(u32) -> Option<Num>) -> Vec<Option<(u32, u64, Vec<u8>)>> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(bytes).flatten() {
        if let Payload::DataSection(reader) = payload {
            for d in reader.into_iter().flatten() {
                out.push(match d.kind {
                    DataKind::Active { memory_index, offset_expr } => {
                        eval_const(&offset_expr, global).map(|n| (memory_index, n.offset(), d.data.to_vec()))
                    }
                    DataKind::Passive => None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Imports as the spectest module provides them: memory 1 page, table 10, global_i32 666.
    struct Spectest;

    impl Imports for Spectest {
        fn memory_bytes(&self, _: &str, name: &str) -> Option<u64> {
            (name == "memory").then_some(65536)
        }
        fn table_len(&self, _: &str, name: &str) -> Option<u64> {
            (name == "table").then_some(10)
        }
        fn global(&self, _: &str, name: &str) -> Option<Num> {
            (name == "global_i32").then_some(Num::I32(666))
        }
    }

    fn bad(wat: &str) -> Option<(bool, usize, u64, u64, u64)> {
        let bytes = wat::parse_str(wat).unwrap();
        first_out_of_bounds(&bytes, &Spectest).map(|b| (b.is_data, b.index, b.start, b.end, b.size))
    }

    /// Issue 9: only the first instruction of an offset was read, so this segment was checked
    /// at 65530 and blamed although it lies at 65430.
    #[test]
    fn extended_constant_offsets_are_evaluated() {
        let fits = r#"(module (memory 1) (data (offset (i32.sub (i32.const 65530) (i32.const 100))) "abcdefgh"))"#;
        assert_eq!(bad(fits), None);
        let over = r#"(module (memory 1) (data (offset (i32.add (i32.const 65530) (i32.const 100))) "ab"))"#;
        assert_eq!(bad(over), Some((true, 0, 65630, 65632, 65536)));
    }

    /// Issue 9: an imported memory or table was checked against its declared minimum, not
    /// against what the host provides.
    #[test]
    fn imports_are_checked_at_their_linked_size() {
        let mem = r#"(module (import "spectest" "memory" (memory 0)) (data (i32.const 100) "abc"))"#;
        assert_eq!(bad(mem), None);
        let table = r#"(module (import "spectest" "table" (table 0 funcref)) (func $f) (elem (i32.const 8) $f $f))"#;
        assert_eq!(bad(table), None);
        let over = r#"(module (import "spectest" "table" (table 0 funcref)) (func $f) (elem (i32.const 9) $f $f))"#;
        assert_eq!(bad(over), Some((false, 0, 9, 11, 10)));
    }

    #[test]
    fn imported_globals_have_their_linked_values() {
        let g = r#"(module (import "spectest" "global_i32" (global i32)) (memory 1)
            (data (global.get 0) "a") (data (i32.add (global.get 0) (i32.const 65000)) "b"))"#;
        assert_eq!(bad(g), Some((true, 1, 65666, 65667, 65536)));
    }

    /// Issue 9: `start + len` overflowed for a memory64 or table64 offset near 2^64.
    #[test]
    fn offsets_near_the_top_do_not_overflow() {
        let m = r#"(module (memory i64 1) (data (i64.const -1) "ab"))"#;
        assert_eq!(bad(m), Some((true, 0, u64::MAX, u64::MAX, 65536)));
        let t = r#"(module (table i64 1 funcref) (func $f) (elem (i64.const -2) $f $f $f))"#;
        assert_eq!(bad(t).map(|b| b.2), Some(u64::MAX - 1));
    }

    #[test]
    fn active_data_evaluates_offsets_with_the_given_globals() {
        let bytes = wat::parse_str(
            r#"(module (import "m" "g" (global i32)) (memory 1)
                (data (global.get 0) "x") (data "p") (data (i32.sub (i32.const 100) (i32.const 50)) "yz"))"#,
        )
        .unwrap();
        let data = active_data(&bytes, &|i| (i == 0).then_some(Num::I32(7)));
        assert_eq!(data, vec![Some((0, 7, b"x".to_vec())), None, Some((0, 50, b"yz".to_vec()))]);
    }
}
