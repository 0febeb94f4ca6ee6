//! Wording shared by the notes: counts and plurals, LEB128 explanations, strings, value types,
//! function signatures, block types and float literals, each spelled as WAT or the spec writes
//! them. Nothing here reads bytes or knows where a note goes.

use wasmparser::{BlockType, HeapType, RefType, ValType};

pub(super) fn hex_list(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("0x{b:02x}")).collect::<Vec<_>>().join(" ")
}

pub(super) use crate::words::{plural, plural_noun};

/// The note for a vec's length prefix: "2 types (vec length)".
pub(super) fn count_note(n: u32, noun: &str, leb: &[u8]) -> String {
    let base = if n == 0 {
        format!("no {} (vec length 0)", plural_noun(noun))
    } else {
        format!("{} (vec length)", plural(n.into(), noun))
    };
    base + &leb_suffix(leb, n.into())
}

/// Explains an unsigned LEB128 only when it is more than one byte; a one-byte LEB128 is just the
/// number, and saying so on every line would drown the interesting cases.
pub(super) fn leb_suffix(leb: &[u8], value: u64) -> String {
    if leb.len() > 1 {
        format!(" (LEB128: {} = {value})", hex_list(leb))
    } else {
        String::new()
    }
}

/// A string's payload as the learner would write it in WAT: printable ASCII as is, everything
/// else as `\hh`, cut at 40 characters.
pub(super) fn wat_string(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for (i, &b) in bytes.iter().enumerate() {
        if i == 40 {
            s.push_str("\"…");
            return s;
        }
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:02x}")),
        }
    }
    s.push('"');
    s
}

/// ` ($name)` for an index the name section names, else nothing.
pub(super) fn name_suffix(name: Option<&String>) -> String {
    match name {
        Some(n) => format!(" (${})", crate::words::DisplayName(n)),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Types as text

pub(super) fn valtype_text(ty: ValType) -> String {
    match ty {
        ValType::Ref(r) => reftype_text(r),
        other => other.to_string(),
    }
}

/// wasmparser's Display spells concrete types `(ref null (module 3))`; WAT says `(ref null 3)`.
pub(super) fn reftype_text(r: RefType) -> String {
    let null = if r.is_nullable() { "null " } else { "" };
    match r.heap_type() {
        HeapType::Concrete(i) => match i.as_module_index() {
            Some(i) => format!("(ref {null}{i})"),
            None => r.to_string(),
        },
        HeapType::Exact(i) => match i.as_module_index() {
            Some(i) => format!("(ref {null}(exact {i}))"),
            None => r.to_string(),
        },
        HeapType::Abstract { .. } => r.to_string(),
    }
}

pub(super) fn heaptype_text(h: HeapType) -> String {
    match h {
        HeapType::Abstract { shared, ty } => {
            // AbstractHeapType's Debug names (Func, NoExtern, I31) are the WAT keywords capitalized.
            let name = format!("{ty:?}").to_lowercase();
            if shared {
                format!("(shared {name})")
            } else {
                name
            }
        }
        HeapType::Concrete(i) | HeapType::Exact(i) => {
            i.as_module_index().map_or_else(|| i.to_string(), |m| m.to_string())
        }
    }
}

/// `(sub final 2) ` for a GC subtype declaration, nothing for a plain final type.
pub(super) fn sub_text(st: &wasmparser::SubType) -> String {
    if st.is_final && st.supertype_idxs.is_empty() {
        return String::new();
    }
    let fin = if st.is_final { " final" } else { "" };
    let supers: String = st
        .supertype_idxs
        .iter()
        .map(|i| match i.unpack().as_module_index() {
            Some(m) => format!(" {m}"),
            None => format!(" {i}"),
        })
        .collect();
    format!("(sub{fin}{supers}) ")
}

pub(super) fn types_text(tys: &[ValType]) -> String {
    let inner: Vec<String> = tys.iter().map(|t| valtype_text(*t)).collect();
    format!("[{}]", inner.join(" "))
}

/// `[i32 i32] -> [i32]`, the spec's notation for a function type.
pub(super) fn sig_text(sig: &FuncSig) -> String {
    format!("{} -> {}", types_text(&sig.params), types_text(&sig.results))
}

pub(super) fn blocktype_text(ty: BlockType) -> String {
    match ty {
        BlockType::Empty => String::new(),
        BlockType::Type(t) => format!(" (result {})", valtype_text(t)),
        BlockType::FuncType(i) => format!(" (type {i})"),
    }
}

pub(super) fn f32_text(bits: u32) -> String {
    float_text(f64::from(f32::from_bits(bits)), bits >> 31 == 1, u64::from(bits & 0x7f_ffff), 0x40_0000, || {
        format!("{:?}", f32::from_bits(bits))
    })
}

pub(super) fn f64_text(bits: u64) -> String {
    float_text(f64::from_bits(bits), bits >> 63 == 1, bits & 0xf_ffff_ffff_ffff, 1 << 51, || {
        format!("{:?}", f64::from_bits(bits))
    })
}

/// WAT float literals: Rust's Debug form for numbers, `inf`, and `nan`/`nan:0x..` for NaNs, whose
/// payload Rust would not show.
pub(super) fn float_text(v: f64, negative: bool, payload: u64, canonical: u64, finite: impl Fn() -> String) -> String {
    let sign = if negative { "-" } else { "" };
    if v.is_nan() {
        if payload == canonical {
            format!("{sign}nan")
        } else {
            format!("{sign}nan:0x{payload:x}")
        }
    } else if v.is_infinite() {
        format!("{sign}inf")
    } else {
        finite()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FuncSig {
    pub(super) params: Vec<ValType>,
    pub(super) results: Vec<ValType>,
}
