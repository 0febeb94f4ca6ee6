//! Instruction text: the WAT mnemonic of every wasmparser operator (generated from its operator
//! table, so SIMD, threads and GC are covered), its immediates as WAT writes them, and the
//! encoding details after the dash (LEB128 immediates, prefix opcodes, memargs). Names from the
//! name section are added by code.rs, which knows them.

use wasmparser::{
    BinaryReader, BlockType, BrTable, Catch, HeapType, Ieee32, Ieee64, MemArg, MemArgTarget, Operator, Ordering,
    RefType, ResumeTable, TryTable, ValType, V128,
};

use super::notes::{
    blocktype_text, f32_text, f64_text, heaptype_text, hex_list, leb_suffix, plural, reftype_text, valtype_text,
};
use super::pos;

/// Immediates as WAT writes them. Every immediate type in wasmparser's operator table needs an
/// impl, so a new kind of immediate is a compile error here rather than a silent gap.
pub(super) trait Immediate {
    fn wat(&self) -> String;
}

impl Immediate for u32 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for u8 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for i32 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for i64 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for Ieee32 {
    fn wat(&self) -> String {
        f32_text(self.bits())
    }
}
impl Immediate for Ieee64 {
    fn wat(&self) -> String {
        f64_text(self.bits())
    }
}
impl Immediate for V128 {
    fn wat(&self) -> String {
        let lanes: Vec<String> =
            self.bytes().chunks(4).map(|c| format!("0x{:08x}", u32::from_le_bytes([c[0], c[1], c[2], c[3]]))).collect();
        format!("i32x4 {}", lanes.join(" "))
    }
}
impl Immediate for [u8; 16] {
    fn wat(&self) -> String {
        self.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(" ")
    }
}
impl Immediate for MemArg {
    /// `1 offset=4 align=1`: memory index, offset and alignment, each only when not the default.
    fn wat(&self) -> String {
        let mut parts = Vec::new();
        match self.target {
            MemArgTarget::Memory(0) => {}
            MemArgTarget::Memory(m) => parts.push(m.to_string()),
            MemArgTarget::Array(t) => parts.push(format!("(array {t})")),
        }
        if self.offset != 0 {
            parts.push(format!("offset={}", self.offset));
        }
        if self.align != self.max_align {
            parts.push(format!("align={}", 1u128 << self.align.min(64)));
        }
        parts.join(" ")
    }
}
impl Immediate for BlockType {
    fn wat(&self) -> String {
        blocktype_text(*self).trim_start().to_string()
    }
}
impl Immediate for BrTable<'_> {
    /// The targets, then the default, as WAT lists them; long tables are cut after 16.
    fn wat(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (k, t) in self.targets().take(16).enumerate() {
            match t {
                Ok(t) if k < 16 => parts.push(t.to_string()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        if self.len() > 16 {
            parts.push(format!("… ({} more)", self.len() - 16));
        }
        parts.push(self.default().to_string());
        parts.join(" ")
    }
}
impl Immediate for RefType {
    fn wat(&self) -> String {
        reftype_text(*self)
    }
}
impl Immediate for ValType {
    fn wat(&self) -> String {
        format!("(result {})", valtype_text(*self))
    }
}
impl Immediate for Vec<ValType> {
    fn wat(&self) -> String {
        let tys: Vec<String> = self.iter().map(|t| valtype_text(*t)).collect();
        format!("(result {})", tys.join(" "))
    }
}
impl Immediate for HeapType {
    fn wat(&self) -> String {
        heaptype_text(*self)
    }
}
impl Immediate for TryTable {
    fn wat(&self) -> String {
        let mut s = blocktype_text(self.ty).trim_start().to_string();
        for c in &self.catches {
            let clause = match c {
                Catch::One { tag, label } => format!("(catch {tag} {label})"),
                Catch::OneRef { tag, label } => format!("(catch_ref {tag} {label})"),
                Catch::All { label } => format!("(catch_all {label})"),
                Catch::AllRef { label } => format!("(catch_all_ref {label})"),
            };
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&clause);
        }
        s
    }
}
impl Immediate for ResumeTable {
    fn wat(&self) -> String {
        // Stack switching is far from anything a learner meets; Debug is enough.
        format!("{:?}", self.handlers)
    }
}
impl Immediate for Ordering {
    fn wat(&self) -> String {
        match self {
            Ordering::SeqCst => String::new(),
            Ordering::AcqRel => "acq_rel".to_string(),
        }
    }
}

/// Generates `visit_name` (the operator's `visit_*` method name, the snake-case spelling of its
/// WAT name) and `generic_immediates` from wasmparser's one table of operators, so that every
/// operator, including SIMD, threads and GC, gets a name and its immediates.
macro_rules! define_operator_tables {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        fn visit_name(op: &Operator<'_>) -> &'static str {
            match op {
                $( Operator::$op { .. } => stringify!($visit), )*
                _ => "visit_unknown",
            }
        }

        fn generic_immediates(op: &Operator<'_>) -> Vec<String> {
            match op {
                $( Operator::$op $({ $($arg),* })? => vec![$($( Immediate::wat($arg) ),*)?], )*
                _ => Vec::new(),
            }
        }
    };
}
wasmparser::for_each_operator!(define_operator_tables);

/// The WAT mnemonic: `visit_i32_trunc_sat_f32_s` -> `i32.trunc_sat_f32_s`. The first `_` after
/// a type or namespace prefix becomes `.`, as do those after `atomic` and `rmwN` (threads).
pub(crate) fn wat_name(op: &Operator<'_>) -> String {
    let snake = visit_name(op).trim_start_matches("visit_");
    match snake {
        "typed_select" | "typed_select_multi" => return "select".to_string(),
        "ref_test_non_null" | "ref_test_nullable" => return "ref.test".to_string(),
        "ref_cast_non_null" | "ref_cast_nullable" => return "ref.cast".to_string(),
        _ => {}
    }
    const PREFIXES: &[&str] = &[
        "i32", "i64", "f32", "f64", "v128", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2", "memory", "table",
        "local", "global", "ref", "data", "elem", "struct", "array", "any", "extern", "i31", "cont",
    ];
    let mut name = snake.to_string();
    if let Some((head, rest)) = snake.split_once('_') {
        if PREFIXES.contains(&head) {
            name = format!("{head}.{rest}");
        }
    }
    name = name.replace("atomic_", "atomic.");
    for rmw in ["rmw_", "rmw8_", "rmw16_", "rmw32_"] {
        name = name.replace(rmw, &format!("{}.", &rmw[..rmw.len() - 1]));
    }
    name
}

/// WAT text for operators without names to look up.
pub(crate) fn plain_op_text(op: &Operator<'_>) -> String {
    let name = wat_name(op);
    let args: Vec<String> = match op {
        // WAT puts the memory before the data segment, the binary after it.
        Operator::MemoryInit { data_index, mem } if *mem != 0 => {
            vec![mem.to_string(), data_index.to_string()]
        }
        Operator::MemoryInit { data_index, .. } => vec![data_index.to_string()],
        Operator::TableInit { elem_index, table } if *table != 0 => {
            vec![table.to_string(), elem_index.to_string()]
        }
        Operator::TableInit { elem_index, .. } => vec![elem_index.to_string()],
        Operator::MemorySize { mem: 0 } | Operator::MemoryGrow { mem: 0 } | Operator::MemoryFill { mem: 0 } => vec![],
        Operator::MemoryCopy { dst_mem: 0, src_mem: 0 } | Operator::TableCopy { dst_table: 0, src_table: 0 } => vec![],
        Operator::RefTestNullable { hty } | Operator::RefCastNullable { hty } => {
            vec![format!("(ref null {})", heaptype_text(*hty))]
        }
        Operator::RefTestNonNull { hty } | Operator::RefCastNonNull { hty } => {
            vec![format!("(ref {})", heaptype_text(*hty))]
        }
        _ => generic_immediates(op),
    };
    let args: Vec<String> = args.into_iter().filter(|a| !a.is_empty()).collect();
    if args.is_empty() {
        name
    } else {
        format!("{name} {}", args.join(" "))
    }
}

/// How the instruction's immediates are encoded, for the part of the note after the dash.
pub(super) fn op_details(op: &Operator<'_>, bytes: &[u8]) -> Vec<String> {
    let mut details = Vec::new();
    let (prefix_len, prefix_note) = opcode_prefix(bytes);
    let imm = bytes.get(prefix_len..).unwrap_or(&[]);
    details.extend(prefix_note);
    match op {
        Operator::I32Const { value } => details.push(format!("LEB128 signed: {} = {value}", hex_list(imm))),
        Operator::I64Const { value } => details.push(format!("LEB128 signed: {} = {value}", hex_list(imm))),
        Operator::F32Const { value } => {
            details.push(format!("IEEE 754 bits 0x{:08x}, stored little-endian", value.bits()))
        }
        Operator::F64Const { value } => {
            details.push(format!("IEEE 754 bits 0x{:016x}, stored little-endian", value.bits()))
        }
        Operator::Block { blockty }
        | Operator::Loop { blockty }
        | Operator::If { blockty }
        | Operator::Try { blockty } => {
            details.push(match blockty {
                BlockType::Empty => "0x40 = no params, no results".to_string(),
                BlockType::Type(t) => format!("{} = result {}", hex_list(imm), valtype_text(*t)),
                BlockType::FuncType(i) => {
                    format!("type index {i} as signed LEB128 (s33): {}", hex_list(imm))
                }
            });
        }
        // Index immediates that the WAT text leaves out when they are 0: without a word the
        // trailing 0x00 bytes look unexplained.
        Operator::CallIndirect { type_index, table_index }
        | Operator::ReturnCallIndirect { type_index, table_index } => {
            details.push(format!("type index {type_index}, table index {table_index}"))
        }
        Operator::MemorySize { mem } | Operator::MemoryGrow { mem } | Operator::MemoryFill { mem } => {
            details.push(format!("memory index {mem}"))
        }
        Operator::MemoryCopy { dst_mem, src_mem } => {
            details.push(format!("memory index {dst_mem} (to), memory index {src_mem} (from)"))
        }
        Operator::MemoryInit { data_index, mem } => {
            details.push(format!("data index {data_index}, memory index {mem}"))
        }
        Operator::LocalGet { local_index: i }
        | Operator::LocalSet { local_index: i }
        | Operator::LocalTee { local_index: i }
        | Operator::GlobalGet { global_index: i }
        | Operator::GlobalSet { global_index: i }
        | Operator::Call { function_index: i }
        | Operator::RefFunc { function_index: i }
        | Operator::Br { relative_depth: i }
        | Operator::BrIf { relative_depth: i }
            if imm.len() > 1 =>
        {
            details.push(format!("LEB128: {} = {i}", hex_list(imm)));
        }
        _ => {}
    }
    if let Some(m) = memarg_of(op) {
        let size = plural(1u64.checked_shl(m.align.into()).unwrap_or(0), "byte");
        let mut s = format!("memarg: align 2^{} = {size}, offset {}", m.align, m.offset);
        if let MemArgTarget::Memory(idx) = m.target {
            if idx != 0 {
                s.push_str(&format!(", memory {idx} (flag 0x40 in the align field)"));
            }
        }
        details.push(s);
    }
    details
}

/// Operators from 0xfb..=0xfe are a prefix byte and a LEB128 sub-opcode; saying so explains the
/// two-or-more byte opcodes of bulk memory, SIMD, GC and atomics.
pub(super) fn opcode_prefix(bytes: &[u8]) -> (usize, Option<String>) {
    let Some(&first) = bytes.first() else {
        return (0, None);
    };
    if !(0xfb..=0xfe).contains(&first) {
        return (1, None);
    }
    let mut r = BinaryReader::new(&bytes[1..], 0);
    match r.read_var_u32() {
        Ok(sub) => {
            // A sub-opcode of 128 or more takes two LEB128 bytes (`i32x4.add` is 0xfd 0xae 0x01);
            // without the spelled-out value the second byte would look like an immediate.
            let end = 1 + pos(&r);
            let leb = bytes.get(1..end).unwrap_or(&[]);
            let note = format!("prefix 0x{first:02x}, opcode {sub}{}", leb_suffix(leb, sub.into()));
            (end, Some(note))
        }
        Err(_) => (1, None),
    }
}

pub(super) fn memarg_of(op: &Operator<'_>) -> Option<MemArg> {
    macro_rules! define_memarg_of {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
            match op {
                $( Operator::$op $({ $($arg),* })? => {
                    $($( if let Some(m) = AsMemArg::as_memarg($arg) { return Some(m); } )*)?
                    None
                } )*
                _ => None,
            }
        };
    }
    wasmparser::for_each_operator!(define_memarg_of)
}

/// Picks the `MemArg` out of an operator's immediates, whatever their order.
pub(super) trait AsMemArg {
    fn as_memarg(&self) -> Option<MemArg> {
        None
    }
}
impl AsMemArg for MemArg {
    fn as_memarg(&self) -> Option<MemArg> {
        Some(*self)
    }
}
impl AsMemArg for u32 {}
impl AsMemArg for u8 {}
impl AsMemArg for i32 {}
impl AsMemArg for i64 {}
impl AsMemArg for Ieee32 {}
impl AsMemArg for Ieee64 {}
impl AsMemArg for V128 {}
impl AsMemArg for [u8; 16] {}
impl AsMemArg for BlockType {}
impl AsMemArg for BrTable<'_> {}
impl AsMemArg for ValType {}
impl AsMemArg for RefType {}
impl AsMemArg for Vec<ValType> {}
impl AsMemArg for HeapType {}
impl AsMemArg for TryTable {}
impl AsMemArg for ResumeTable {}
impl AsMemArg for Ordering {}
