//! Finds the active data or element segment that makes instantiation fail.
//!
//! wasmi reports "out of bounds" without saying which segment; reading the binary again and
//! checking each active segment with a constant offset against its memory's or table's initial
//! size finds the culprit, so the diagnostic can point at it.

use wasmparser::{DataKind, ElementKind, Operator, Parser, Payload, TypeRef};

/// A segment that does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSegment {
    /// Data (memory) or element (table) segment.
    pub is_data: bool,
    /// Its index among segments of its kind.
    pub index: usize,
    /// First byte or element it writes.
    pub start: u64,
    /// One past the last.
    pub end: u64,
    /// Initial size of the memory (bytes) or table (elements).
    pub size: u64,
}

fn const_offset(expr: &wasmparser::ConstExpr<'_>) -> Option<u64> {
    let mut reader = expr.get_operators_reader();
    match reader.read().ok()? {
        Operator::I32Const { value } => Some(value as u32 as u64),
        Operator::I64Const { value } => Some(value as u64),
        _ => None,
    }
}

/// The first active segment with a constant offset that overruns its target's initial size.
pub fn first_out_of_bounds(bytes: &[u8]) -> Option<BadSegment> {
    let mut memories: Vec<u64> = Vec::new();
    let mut tables: Vec<u64> = Vec::new();
    let mut elem_idx = 0;
    let mut data_idx = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.ok()? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    match import.ok()?.ty {
                        TypeRef::Memory(m) => memories.push(m.initial << m.page_size_log2.unwrap_or(16)),
                        TypeRef::Table(t) => tables.push(t.initial),
                        _ => {}
                    }
                }
            }
            Payload::MemorySection(reader) => {
                for m in reader {
                    let m = m.ok()?;
                    memories.push(m.initial << m.page_size_log2.unwrap_or(16));
                }
            }
            Payload::TableSection(reader) => {
                for t in reader {
                    tables.push(t.ok()?.ty.initial);
                }
            }
            Payload::ElementSection(reader) => {
                for e in reader {
                    let e = e.ok()?;
                    if let ElementKind::Active { table_index, offset_expr } = &e.kind {
                        let size = *tables.get(table_index.unwrap_or(0) as usize)?;
                        if let Some(start) = const_offset(offset_expr) {
                            let n_items = match &e.items {
                                wasmparser::ElementItems::Functions(r) => r.count(),
                                wasmparser::ElementItems::Expressions(_, r) => r.count(),
                            };
                            let end = start + n_items as u64;
                            if end > size {
                                return Some(BadSegment { is_data: false, index: elem_idx, start, end, size });
                            }
                        }
                    }
                    elem_idx += 1;
                }
            }
            Payload::DataSection(reader) => {
                for d in reader {
                    let d = d.ok()?;
                    if let DataKind::Active { memory_index, offset_expr } = &d.kind {
                        let size = *memories.get(*memory_index as usize)?;
                        if let Some(start) = const_offset(offset_expr) {
                            let end = start + d.data.len() as u64;
                            if end > size {
                                return Some(BadSegment { is_data: true, index: data_idx, start, end, size });
                            }
                        }
                    }
                    data_idx += 1;
                }
            }
            _ => {}
        }
    }
    None
}
