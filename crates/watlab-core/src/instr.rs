//! The instruction table: every WebAssembly instruction watlab's engine can run, with its
//! opcode, operand types and a one-line summary for learners, plus the look-ups built on it:
//! `lookup` for `explain`, `complete` for Tab completion, `suggest` for "did you mean" and
//! `fixed_params` for type-mismatch messages.
//!
//! The table covers the text format that wast 263 parses, restricted to the proposals wasmi
//! 2.0 (with its `simd` feature) implements: MVP, sign extension, saturating float-to-int,
//! multi-value, bulk memory, reference types, tail calls, extended const, memory64,
//! multi-memory, SIMD with relaxed SIMD, and wide arithmetic (which wasmi only accepts after
//! `Config::wasm_wide_arithmetic(true)`). Mnemonics that wast parses but
//! the engine rejects (GC, typed function references, exceptions, threads, ...) are kept apart
//! in [`UNSUPPORTED`] so messages can name the proposal instead of saying "unknown".
//!
//! This module knows names, not syntax: parsing immediates stays with wast and type checking
//! with wasmparser. Opcodes and mnemonics were taken from what wast 263 encodes; a unit test
//! re-encodes every entry to keep them honest, and another validates every signature without
//! a `*` against wasmparser.
//!
//! # Signatures
//!
//! [`Instr::params`] and [`Instr::results`] list operand types bottom to top, so the last
//! param is the one on top of the stack: `i32.sub` computes `params[0] - params[1]`, which the
//! summaries call `a - b`. Each word is one of:
//!
//! - `i32` `i64` `f32` `f64` `v128` `funcref`: a value of exactly that type;
//! - `t`: one value of any type, fixed by an immediate (`local.get 0`) or by the other
//!   operands (`drop`, `select`);
//! - `ref`: a reference of the table's element type (or of `ref.null`'s heap type);
//! - `*`: zero or more values whose types come from an immediate: a block type, a function
//!   type or a branch label.
//!
//! Addresses, sizes and page counts are written `i32`, which is right for the default 32-bit
//! memories and tables. A memory or table declared with `i64` (memory64) takes and returns
//! `i64` in those places instead; the table does not repeat every entry for that case.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// One instruction mnemonic as the text format spells it, with what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instr {
    /// The mnemonic, e.g. `"i32.add"`.
    pub name: &'static str,
    /// The binary opcode: one byte (`[0x6a]`), or a prefix byte and a sub-opcode for the
    /// prefixed families (`[0xfc, 8]` for `memory.init`, `[0xfd, 12]` for `v128.const`).
    pub opcode: &'static [u32],
    /// The spec's instruction group.
    pub category: Category,
    /// Operand types popped, bottom to top, space-separated; `""` for none. See the module
    /// docs for `t`, `ref` and `*`.
    pub params: &'static str,
    /// Result types pushed, bottom to top, in the same notation as `params`.
    pub results: &'static str,
    /// One plain-English sentence for learners.
    pub summary: &'static str,
}

/// The groups the spec sorts instructions into (its "Instructions" chapter).
///
/// SIMD loads and stores are `Memory`, as in the spec; every other SIMD instruction is
/// `Vector`. Scalar arithmetic, comparisons, conversions and constants are `Numeric`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Structured control flow, branches and calls: `block`, `br_if`, `call`, ...
    Control,
    /// Making and testing references: `ref.null`, `ref.is_null`, `ref.func`.
    Reference,
    /// Instructions that work on any value type: `drop`, `select`.
    Parametric,
    /// Reading and writing locals and globals.
    Variable,
    /// Tables of references: `table.get`, `table.grow`, `elem.drop`, ...
    Table,
    /// Linear memory: loads, stores, `memory.grow`, `memory.copy`, `data.drop`, ...
    Memory,
    /// Scalar numbers: constants, arithmetic, comparisons and conversions.
    Numeric,
    /// 128-bit SIMD (`v128`) operations other than loads and stores.
    Vector,
}

impl Category {
    /// The group's name in lowercase, as the spec's headings say it ("control", "vector", ...).
    pub fn name(self) -> &'static str {
        match self {
            Category::Control => "control",
            Category::Reference => "reference",
            Category::Parametric => "parametric",
            Category::Variable => "variable",
            Category::Table => "table",
            Category::Memory => "memory",
            Category::Numeric => "numeric",
            Category::Vector => "vector",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The value types a signature word can name exactly; anything else (`t`, `ref`, `*`) depends
/// on immediates or neighbouring operands.
const VALUE_TYPES: &[&str] = &["i32", "i64", "f32", "f64", "v128", "funcref", "externref"];

impl Instr {
    /// The operand types this instruction pops, bottom to top, when its mnemonic alone fixes
    /// them; `None` when any of them is `t`, `ref` or `*`.
    pub fn fixed_params(&self) -> Option<Vec<&'static str>> {
        fixed_types(self.params)
    }

    /// The result types this instruction pushes, when its mnemonic alone fixes them.
    pub fn fixed_results(&self) -> Option<Vec<&'static str>> {
        fixed_types(self.results)
    }
}

fn fixed_types(signature: &'static str) -> Option<Vec<&'static str>> {
    let words: Vec<&'static str> = signature.split_whitespace().collect();
    words.iter().all(|w| VALUE_TYPES.contains(w)).then_some(words)
}

/// Every supported instruction, ordered by opcode (one-byte opcodes, then the `0xfc` family,
/// then the `0xfd` SIMD family).
pub fn all() -> &'static [Instr] {
    table::TABLE
}

/// The instruction with exactly this mnemonic. Case matters, as it does in the text format:
/// `I32.add` is not found (but [`suggest`] maps it to `i32.add`).
pub fn lookup(name: &str) -> Option<&'static Instr> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| table::TABLE.iter().enumerate().map(|(idx, instr)| (instr.name, idx)).collect());
    index.get(name).map(|&idx| &table::TABLE[idx])
}

/// Instructions whose mnemonic starts with `prefix`, for Tab completion, in table order.
///
/// The prefix is lowercased first, since every mnemonic is lowercase; `""` yields everything.
pub fn complete(prefix: &str) -> impl Iterator<Item = &'static Instr> {
    // Owned, so the iterator does not borrow the caller's string (edition 2021 return-position
    // `impl Trait` may not capture that lifetime).
    let prefix = prefix.to_ascii_lowercase();
    table::TABLE.iter().filter(move |instr| instr.name.starts_with(prefix.as_str()))
}

/// For type-mismatch messages: the operand types `name` pops, bottom to top, if its mnemonic
/// alone fixes them.
///
/// `"i32.add"` gives `["i32", "i32"]` and `"i64.store"` gives `["i32", "i64"]` (the address is
/// `i32` for a 32-bit memory; a memory64 memory wants `i64` there). `"nop"` gives `[]`.
/// Unknown names and instructions whose operands depend on immediates or on each other
/// (`drop`, `local.set`, `call`, `br_if`, `table.set`) give `None`.
pub fn fixed_params(name: &str) -> Option<Vec<&'static str>> {
    lookup(name)?.fixed_params()
}

/// The proposal an instruction belongs to when wast parses it but watlab's engine does not
/// run it: `unsupported("struct.new")` is `Some("garbage collection")`.
pub fn unsupported(name: &str) -> Option<&'static str> {
    UNSUPPORTED.iter().find(|(mnemonic, _)| *mnemonic == name).map(|&(_, proposal)| proposal)
}

/// The closest known mnemonic to a misspelling, for "help: did you mean `i32.add`?".
///
/// Tries, in order, on the lowercased input (so `I32.add` works):
///
/// 1. the name itself: a correct mnemonic is returned unchanged;
/// 2. spelling repairs: `_`, `-`, `:` or nothing in place of the dot (`i32_add`, `i32add`,
///    `local_get`), C-style type names (`int32.add`, `float64.mul`), swapped halves
///    (`add.i32`), and a bare operator taken as i32 (`add` -> `i32.add`);
/// 3. pre-2019 names from old tutorials: `get_local`/`set_local`/`tee_local` ->
///    `local.get`/..., `get_global`/`set_global`, `current_memory`/`grow_memory`, and the
///    slash forms `i32.trunc_s/f32` -> `i32.trunc_f32_s`, `i64.extend_u/i32`, ...;
/// 4. a missing or extra sign suffix: `i32.div` -> `i32.div_s` (see below), `f32.div_s` ->
///    `f32.div`;
/// 5. the nearest mnemonic by edit distance (with transpositions), if it is within about a
///    third of the input's length: `i32.ad` -> `i32.add`, `i32.addd` -> `i32.add`,
///    `blok` -> `block`. Ties go to the longer common prefix, then to table order.
///
/// When only the signedness is missing, as in `i32.div`, both `i32.div_s` and `i32.div_u`
/// fit equally well; this returns the signed one and [`suggest_all`] returns both, so a
/// message can say "did you mean `i32.div_s` or `i32.div_u`?".
///
/// `None` when nothing is close, and for mnemonics listed in [`UNSUPPORTED`]: those are spelt
/// right, and "did you mean" a different instruction would mislead (use [`unsupported`]).
pub fn suggest(name: &str) -> Option<&'static str> {
    suggest_all(name).into_iter().next()
}

/// Every equally good suggestion for a misspelling, best first; empty when nothing is close.
///
/// Usually one name. Several only when the input is missing its signedness suffix
/// (`i32.div` -> `i32.div_s`, `i32.div_u`). See [`suggest`] for the rules.
pub fn suggest_all(name: &str) -> Vec<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    if lower.is_empty() || unsupported(&lower).is_some() {
        return Vec::new();
    }
    let repaired = respellings(&lower);
    for form in repaired.iter().chain(bare_operator(&lower).iter()) {
        if let Some(found) = known_as(form) {
            return found;
        }
    }
    closest(&repaired).into_iter().collect()
}

/// The input and its repaired spellings, deduplicated, most literal first.
fn respellings(lower: &str) -> Vec<String> {
    let typed = c_type_to_wasm(lower);
    let candidates = [Some(lower.to_string()), Some(fix_separator(&typed)), Some(typed), swap_halves(lower)];
    let mut forms: Vec<String> = Vec::new();
    for form in candidates.into_iter().flatten() {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// A name that is known under this exact spelling, an old spelling, or a sign-suffix fix.
fn known_as(form: &str) -> Option<Vec<&'static str>> {
    if let Some(instr) = lookup(form) {
        return Some(vec![instr.name]);
    }
    if let Some(new) = renamed(form) {
        return Some(vec![new]);
    }
    let with_sign: Vec<&'static str> =
        ["_s", "_u"].iter().filter_map(|suffix| lookup(&format!("{form}{suffix}"))).map(|instr| instr.name).collect();
    if !with_sign.is_empty() {
        return Some(with_sign);
    }
    // Floats have no signedness, so `f32.div_s` most likely means `f32.div`.
    let unsigned = form.strip_suffix("_s").or_else(|| form.strip_suffix("_u"))?;
    lookup(unsigned).map(|instr| vec![instr.name])
}

/// C and Java type names learners reach for, longest first so `int32` wins over `int`.
const C_TYPES: &[(&str, &str)] = &[
    ("uint32", "i32"),
    ("uint64", "i64"),
    ("int32", "i32"),
    ("int64", "i64"),
    ("float32", "f32"),
    ("float64", "f64"),
    ("double", "f64"),
    ("float", "f32"),
    ("long", "i64"),
    ("int", "i32"),
];

fn c_type_to_wasm(lower: &str) -> String {
    for (c_name, wasm_name) in C_TYPES {
        if let Some(rest) = lower.strip_prefix(c_name) {
            return format!("{wasm_name}{rest}");
        }
    }
    lower.to_string()
}

/// The parts before the dot (`i32`, `i8x16`, `local`, `memory`, ...), longest first so that
/// `i32x4add` is read as `i32x4` + `add`, not `i32` + `x4add`.
fn namespaces() -> &'static [&'static str] {
    static NAMESPACES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMESPACES.get_or_init(|| {
        let mut found: Vec<&'static str> =
            table::TABLE.iter().filter_map(|instr| Some(instr.name.split_once('.')?.0)).collect();
        found.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        found.dedup();
        found
    })
}

/// `i32_add`, `i32-add`, `i32:add`, `i32 add` and `i32add` -> `i32.add`.
fn fix_separator(form: &str) -> String {
    for ns in namespaces() {
        let Some(rest) = form.strip_prefix(ns) else {
            continue;
        };
        let mut chars = rest.chars();
        match chars.next() {
            Some('_' | '-' | ':' | ' ') => return format!("{ns}.{}", chars.as_str()),
            Some(c) if c.is_ascii_alphabetic() => return format!("{ns}.{rest}"),
            _ => return form.to_string(),
        }
    }
    form.to_string()
}

/// `add.i32` -> `i32.add`, when the second half is a namespace.
fn swap_halves(form: &str) -> Option<String> {
    let (op, ns) = form.split_once('.')?;
    namespaces().contains(&ns).then(|| format!("{ns}.{op}"))
}

/// A bare operator such as `add` or `div` read as its i32 form, the type learners meet first.
/// Only ever matched exactly: fuzzy-matching `i32.` + anything would turn `xyz` into `i32.xor`.
fn bare_operator(lower: &str) -> Option<String> {
    (!lower.contains('.')).then(|| format!("i32.{lower}"))
}

/// Names from before the 2019 renaming, which old tutorials and blog posts still use.
/// Compared with separators removed, so `get_local`, `get.local` and `getlocal` all match.
const RENAMED: &[(&str, &str)] = &[
    ("getlocal", "local.get"),
    ("setlocal", "local.set"),
    ("teelocal", "local.tee"),
    ("getglobal", "global.get"),
    ("setglobal", "global.set"),
    ("currentmemory", "memory.size"),
    ("growmemory", "memory.grow"),
];

fn renamed(form: &str) -> Option<&'static str> {
    let squashed: String = form.chars().filter(|c| !matches!(c, '_' | '.' | '-' | ' ')).collect();
    RENAMED
        .iter()
        .find(|(old, _)| *old == squashed)
        .map(|&(_, new)| new)
        .or_else(|| lookup(&slash_conversion(form)?).map(|instr| instr.name))
}

/// The old conversion spelling `type.op[_s|_u][:sat]/source` in today's order
/// `type.op[_sat]_source[_s|_u]`: `i64.extend_s/i32` -> `i64.extend_i32_s`,
/// `i32.trunc_u:sat/f64` -> `i32.trunc_sat_f64_u`, `f32.demote/f64` -> `f32.demote_f64`.
fn slash_conversion(form: &str) -> Option<String> {
    let (head, source) = form.split_once('/')?;
    let (ty, op) = head.split_once('.')?;
    let (op, saturating) = match op.strip_suffix(":sat") {
        Some(op) => (op, "_sat"),
        None => (op, ""),
    };
    let (op, sign) = match (op.strip_suffix("_s"), op.strip_suffix("_u")) {
        (Some(op), _) => (op, "_s"),
        (_, Some(op)) => (op, "_u"),
        _ => (op, ""),
    };
    Some(format!("{ty}.{op}{saturating}_{source}{sign}"))
}

/// The nearest mnemonic to any of `forms` (see [`crate::words::closest_to_any`]).
fn closest(forms: &[String]) -> Option<&'static str> {
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    crate::words::closest_to_any(&forms, table::TABLE.iter().map(|i| i.name))
}

/// Mnemonics that wast 263 parses but watlab's engine (wasmi) does not run, with the proposal
/// each belongs to, so a message can say "`struct.new` belongs to the garbage collection
/// proposal, which watlab's engine does not support".
///
/// Proposals: garbage collection, typed function references, exception handling (and its
/// legacy form), threads, shared-everything threads, stack switching, custom descriptors and
/// memory control.
#[rustfmt::skip]
pub static UNSUPPORTED: &[(&str, &str)] = &[
    ("call_ref", "typed function references"),
    ("return_call_ref", "typed function references"),
    ("memory.discard", "memory control"),
    ("ref.as_non_null", "typed function references"),
    ("br_on_null", "typed function references"),
    ("br_on_non_null", "typed function references"),
    ("ref.eq", "garbage collection"),
    ("struct.new", "garbage collection"),
    ("struct.new_default", "garbage collection"),
    ("struct.get", "garbage collection"),
    ("struct.get_s", "garbage collection"),
    ("struct.get_u", "garbage collection"),
    ("struct.set", "garbage collection"),
    ("array.new", "garbage collection"),
    ("array.new_default", "garbage collection"),
    ("array.new_fixed", "garbage collection"),
    ("array.new_data", "garbage collection"),
    ("array.new_elem", "garbage collection"),
    ("array.get", "garbage collection"),
    ("array.get_s", "garbage collection"),
    ("array.get_u", "garbage collection"),
    ("array.set", "garbage collection"),
    ("array.len", "garbage collection"),
    ("array.fill", "garbage collection"),
    ("array.copy", "garbage collection"),
    ("array.init_data", "garbage collection"),
    ("array.init_elem", "garbage collection"),
    ("ref.i31", "garbage collection"),
    ("i31.get_s", "garbage collection"),
    ("i31.get_u", "garbage collection"),
    ("ref.test", "garbage collection"),
    ("ref.cast", "garbage collection"),
    ("br_on_cast", "garbage collection"),
    ("br_on_cast_fail", "garbage collection"),
    ("any.convert_extern", "garbage collection"),
    ("extern.convert_any", "garbage collection"),
    ("memory.atomic.notify", "threads"),
    ("memory.atomic.wait32", "threads"),
    ("memory.atomic.wait64", "threads"),
    ("atomic.fence", "threads"),
    ("pause", "threads"),
    ("i32.atomic.load", "threads"),
    ("i64.atomic.load", "threads"),
    ("i32.atomic.load8_u", "threads"),
    ("i32.atomic.load16_u", "threads"),
    ("i64.atomic.load8_u", "threads"),
    ("i64.atomic.load16_u", "threads"),
    ("i64.atomic.load32_u", "threads"),
    ("i32.atomic.store", "threads"),
    ("i64.atomic.store", "threads"),
    ("i32.atomic.store8", "threads"),
    ("i32.atomic.store16", "threads"),
    ("i64.atomic.store8", "threads"),
    ("i64.atomic.store16", "threads"),
    ("i64.atomic.store32", "threads"),
    ("i32.atomic.rmw.add", "threads"),
    ("i64.atomic.rmw.add", "threads"),
    ("i32.atomic.rmw8.add_u", "threads"),
    ("i32.atomic.rmw16.add_u", "threads"),
    ("i64.atomic.rmw8.add_u", "threads"),
    ("i64.atomic.rmw16.add_u", "threads"),
    ("i64.atomic.rmw32.add_u", "threads"),
    ("i32.atomic.rmw.sub", "threads"),
    ("i64.atomic.rmw.sub", "threads"),
    ("i32.atomic.rmw8.sub_u", "threads"),
    ("i32.atomic.rmw16.sub_u", "threads"),
    ("i64.atomic.rmw8.sub_u", "threads"),
    ("i64.atomic.rmw16.sub_u", "threads"),
    ("i64.atomic.rmw32.sub_u", "threads"),
    ("i32.atomic.rmw.and", "threads"),
    ("i64.atomic.rmw.and", "threads"),
    ("i32.atomic.rmw8.and_u", "threads"),
    ("i32.atomic.rmw16.and_u", "threads"),
    ("i64.atomic.rmw8.and_u", "threads"),
    ("i64.atomic.rmw16.and_u", "threads"),
    ("i64.atomic.rmw32.and_u", "threads"),
    ("i32.atomic.rmw.or", "threads"),
    ("i64.atomic.rmw.or", "threads"),
    ("i32.atomic.rmw8.or_u", "threads"),
    ("i32.atomic.rmw16.or_u", "threads"),
    ("i64.atomic.rmw8.or_u", "threads"),
    ("i64.atomic.rmw16.or_u", "threads"),
    ("i64.atomic.rmw32.or_u", "threads"),
    ("i32.atomic.rmw.xor", "threads"),
    ("i64.atomic.rmw.xor", "threads"),
    ("i32.atomic.rmw8.xor_u", "threads"),
    ("i32.atomic.rmw16.xor_u", "threads"),
    ("i64.atomic.rmw8.xor_u", "threads"),
    ("i64.atomic.rmw16.xor_u", "threads"),
    ("i64.atomic.rmw32.xor_u", "threads"),
    ("i32.atomic.rmw.xchg", "threads"),
    ("i64.atomic.rmw.xchg", "threads"),
    ("i32.atomic.rmw8.xchg_u", "threads"),
    ("i32.atomic.rmw16.xchg_u", "threads"),
    ("i64.atomic.rmw8.xchg_u", "threads"),
    ("i64.atomic.rmw16.xchg_u", "threads"),
    ("i64.atomic.rmw32.xchg_u", "threads"),
    ("i32.atomic.rmw.cmpxchg", "threads"),
    ("i64.atomic.rmw.cmpxchg", "threads"),
    ("i32.atomic.rmw8.cmpxchg_u", "threads"),
    ("i32.atomic.rmw16.cmpxchg_u", "threads"),
    ("i64.atomic.rmw8.cmpxchg_u", "threads"),
    ("i64.atomic.rmw16.cmpxchg_u", "threads"),
    ("i64.atomic.rmw32.cmpxchg_u", "threads"),
    ("global.atomic.get", "shared-everything threads"),
    ("global.atomic.set", "shared-everything threads"),
    ("global.atomic.rmw.add", "shared-everything threads"),
    ("global.atomic.rmw.sub", "shared-everything threads"),
    ("global.atomic.rmw.and", "shared-everything threads"),
    ("global.atomic.rmw.or", "shared-everything threads"),
    ("global.atomic.rmw.xor", "shared-everything threads"),
    ("global.atomic.rmw.xchg", "shared-everything threads"),
    ("global.atomic.rmw.cmpxchg", "shared-everything threads"),
    ("table.atomic.get", "shared-everything threads"),
    ("table.atomic.set", "shared-everything threads"),
    ("table.atomic.rmw.xchg", "shared-everything threads"),
    ("table.atomic.rmw.cmpxchg", "shared-everything threads"),
    ("struct.atomic.get", "shared-everything threads"),
    ("struct.atomic.get_s", "shared-everything threads"),
    ("struct.atomic.get_u", "shared-everything threads"),
    ("struct.atomic.set", "shared-everything threads"),
    ("struct.atomic.rmw.add", "shared-everything threads"),
    ("struct.atomic.rmw.sub", "shared-everything threads"),
    ("struct.atomic.rmw.and", "shared-everything threads"),
    ("struct.atomic.rmw.or", "shared-everything threads"),
    ("struct.atomic.rmw.xor", "shared-everything threads"),
    ("struct.atomic.rmw.xchg", "shared-everything threads"),
    ("struct.atomic.rmw.cmpxchg", "shared-everything threads"),
    ("array.atomic.get", "shared-everything threads"),
    ("array.atomic.get_s", "shared-everything threads"),
    ("array.atomic.get_u", "shared-everything threads"),
    ("array.atomic.set", "shared-everything threads"),
    ("array.atomic.rmw.add", "shared-everything threads"),
    ("array.atomic.rmw.sub", "shared-everything threads"),
    ("array.atomic.rmw.and", "shared-everything threads"),
    ("array.atomic.rmw.or", "shared-everything threads"),
    ("array.atomic.rmw.xor", "shared-everything threads"),
    ("array.atomic.rmw.xchg", "shared-everything threads"),
    ("array.atomic.rmw.cmpxchg", "shared-everything threads"),
    ("ref.i31_shared", "shared-everything threads"),
    ("throw_ref", "exception handling"),
    ("try_table", "exception handling"),
    ("throw", "exception handling"),
    ("try", "legacy exception handling"),
    ("catch", "legacy exception handling"),
    ("rethrow", "legacy exception handling"),
    ("delegate", "legacy exception handling"),
    ("catch_all", "legacy exception handling"),
    ("cont.new", "stack switching"),
    ("cont.bind", "stack switching"),
    ("suspend", "stack switching"),
    ("resume", "stack switching"),
    ("resume_throw", "stack switching"),
    ("resume_throw_ref", "stack switching"),
    ("switch", "stack switching"),
    ("struct.new_desc", "custom descriptors"),
    ("struct.new_default_desc", "custom descriptors"),
    ("ref.get_desc", "custom descriptors"),
    ("ref.cast_desc_eq", "custom descriptors"),
    ("br_on_cast_desc_eq", "custom descriptors"),
    ("br_on_cast_desc_eq_fail", "custom descriptors"),
];

mod table {
    //! The table itself, one line per instruction, ordered by opcode. Kept in a module of its
    //! own so the short `Control`/`Numeric`/... names stay out of the parent's namespace.

    use super::Category::{Control, Memory, Numeric, Parametric, Reference, Table, Variable, Vector};
    use super::{Category, Instr};

    /// Keeps each row of the table on one line.
    const fn i(
        name: &'static str,
        opcode: &'static [u32],
        category: Category,
        params: &'static str,
        results: &'static str,
        summary: &'static str,
    ) -> Instr {
        Instr { name, opcode, category, params, results, summary }
    }

    /// Every supported instruction. Opcodes are as wast 263 encodes them; the signature words
    /// are described in the parent module's docs.
    #[rustfmt::skip]
    pub(super) static TABLE: &[Instr] = &[
        i("unreachable", &[0x00], Control, "*", "*", "Trap immediately; marks code that should never run."),
        i("nop", &[0x01], Control, "", "", "Do nothing."),
        i("block", &[0x02], Control, "*", "*", "Start a block; a branch to its label jumps forward to its `end`. Its block type gives the values it takes and produces."),
        i("loop", &[0x03], Control, "*", "*", "Start a loop; a branch to its label jumps back to the top. It does not repeat on its own: use `br` or `br_if` to go round again."),
        i("if", &[0x04], Control, "* i32", "*", "Pop an i32 condition; run the then-branch if it is non-zero, otherwise the `else` branch (if any)."),
        i("else", &[0x05], Control, "*", "*", "Start the else-branch of an `if`; the then-branch must have produced the if's results."),
        i("end", &[0x0b], Control, "*", "*", "Close the innermost `block`, `loop`, `if` or the function body; its results must be on the stack."),
        i("br", &[0x0c], Control, "*", "*", "Branch to a label: out to the end of a `block` or `if`, or back to the top of a `loop`, carrying the label's values."),
        i("br_if", &[0x0d], Control, "* i32", "*", "Pop an i32 condition; branch to the label if it is non-zero, otherwise continue with the next instruction."),
        i("br_table", &[0x0e], Control, "* i32", "*", "Pop an i32 index and branch to the label at that position in the list; an out-of-range index takes the last (default) label."),
        i("return", &[0x0f], Control, "*", "*", "Return from the current function, taking its results from the top of the stack."),
        i("call", &[0x10], Control, "*", "*", "Call a function: pop its parameters (last one on top) and push its results."),
        i("call_indirect", &[0x11], Control, "* i32", "*", "Pop an i32 table index and call the function stored there; traps if the entry is null, out of bounds, or not of the stated type."),
        i("return_call", &[0x12], Control, "*", "*", "Tail call: call a function and return its results from this one, reusing the current call frame."),
        i("return_call_indirect", &[0x13], Control, "* i32", "*", "Tail call through a table: like `call_indirect`, but returns the callee's results from this function, reusing the frame."),
        i("drop", &[0x1a], Parametric, "t", "", "Pop one value of any type and throw it away."),
        i("select", &[0x1b], Parametric, "t t i32", "t", "Pop an i32 condition and two values of the same type; push the first if the condition is non-zero, else the second. Reference values need the typed form `select (result t)`."),
        i("local.get", &[0x20], Variable, "", "t", "Push the value of a local variable; the function's parameters are its first locals."),
        i("local.set", &[0x21], Variable, "t", "", "Pop a value and store it in a local variable."),
        i("local.tee", &[0x22], Variable, "t", "t", "Store the top value in a local variable but leave it on the stack (`local.set` then `local.get`)."),
        i("global.get", &[0x23], Variable, "", "t", "Push the value of a global variable."),
        i("global.set", &[0x24], Variable, "t", "", "Pop a value and store it in a global variable, which must be declared `mut`."),
        i("table.get", &[0x25], Table, "i32", "ref", "Pop an index and push the reference stored there in the table; traps if out of bounds."),
        i("table.set", &[0x26], Table, "i32 ref", "", "Pop a reference and an index and store the reference at that index of the table; traps if out of bounds."),
        i("i32.load", &[0x28], Memory, "i32", "i32", "Pop an address and push the i32 stored there (4 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("i64.load", &[0x29], Memory, "i32", "i64", "Pop an address and push the i64 stored there (8 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("f32.load", &[0x2a], Memory, "i32", "f32", "Pop an address and push the f32 stored there (4 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("f64.load", &[0x2b], Memory, "i32", "f64", "Pop an address and push the f64 stored there (8 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("i32.load8_s", &[0x2c], Memory, "i32", "i32", "Load 1 byte from memory and sign-extend to i32 (_s: the value is signed); traps if out of bounds."),
        i("i32.load8_u", &[0x2d], Memory, "i32", "i32", "Load 1 byte from memory and zero-extend to i32 (_u: the value is unsigned); traps if out of bounds."),
        i("i32.load16_s", &[0x2e], Memory, "i32", "i32", "Load 2 bytes from memory and sign-extend to i32 (_s: the value is signed); traps if out of bounds."),
        i("i32.load16_u", &[0x2f], Memory, "i32", "i32", "Load 2 bytes from memory and zero-extend to i32 (_u: the value is unsigned); traps if out of bounds."),
        i("i64.load8_s", &[0x30], Memory, "i32", "i64", "Load 1 byte from memory and sign-extend to i64 (_s: the value is signed); traps if out of bounds."),
        i("i64.load8_u", &[0x31], Memory, "i32", "i64", "Load 1 byte from memory and zero-extend to i64 (_u: the value is unsigned); traps if out of bounds."),
        i("i64.load16_s", &[0x32], Memory, "i32", "i64", "Load 2 bytes from memory and sign-extend to i64 (_s: the value is signed); traps if out of bounds."),
        i("i64.load16_u", &[0x33], Memory, "i32", "i64", "Load 2 bytes from memory and zero-extend to i64 (_u: the value is unsigned); traps if out of bounds."),
        i("i64.load32_s", &[0x34], Memory, "i32", "i64", "Load 4 bytes from memory and sign-extend to i64 (_s: the value is signed); traps if out of bounds."),
        i("i64.load32_u", &[0x35], Memory, "i32", "i64", "Load 4 bytes from memory and zero-extend to i64 (_u: the value is unsigned); traps if out of bounds."),
        i("i32.store", &[0x36], Memory, "i32 i32", "", "Pop an i32 value and an address, and write the value to memory (4 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("i64.store", &[0x37], Memory, "i32 i64", "", "Pop an i64 value and an address, and write the value to memory (8 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("f32.store", &[0x38], Memory, "i32 f32", "", "Pop an f32 value and an address, and write the value to memory (4 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("f64.store", &[0x39], Memory, "i32 f64", "", "Pop an f64 value and an address, and write the value to memory (8 bytes, little-endian, at address + offset); traps if out of bounds."),
        i("i32.store8", &[0x3a], Memory, "i32 i32", "", "Store the low 8 bits of an i32 to memory (1 byte at address + offset); traps if out of bounds."),
        i("i32.store16", &[0x3b], Memory, "i32 i32", "", "Store the low 16 bits of an i32 to memory (2 bytes at address + offset); traps if out of bounds."),
        i("i64.store8", &[0x3c], Memory, "i32 i64", "", "Store the low 8 bits of an i64 to memory (1 byte at address + offset); traps if out of bounds."),
        i("i64.store16", &[0x3d], Memory, "i32 i64", "", "Store the low 16 bits of an i64 to memory (2 bytes at address + offset); traps if out of bounds."),
        i("i64.store32", &[0x3e], Memory, "i32 i64", "", "Store the low 32 bits of an i64 to memory (4 bytes at address + offset); traps if out of bounds."),
        i("memory.size", &[0x3f], Memory, "", "i32", "Push the current size of the memory in pages (1 page = 64 KiB)."),
        i("memory.grow", &[0x40], Memory, "i32", "i32", "Pop a number of pages and grow the memory by that much; push the old size in pages, or -1 if it cannot grow."),
        i("i32.const", &[0x41], Numeric, "", "i32", "Push a constant i32 given as an immediate (decimal or 0x hex, may be negative)."),
        i("i64.const", &[0x42], Numeric, "", "i64", "Push a constant i64 given as an immediate (decimal or 0x hex, may be negative)."),
        i("f32.const", &[0x43], Numeric, "", "f32", "Push a constant f32 given as an immediate (e.g. 1.5, -0x1p-3, inf, nan)."),
        i("f64.const", &[0x44], Numeric, "", "f64", "Push a constant f64 given as an immediate (e.g. 1.5, -0x1p-3, inf, nan)."),
        i("i32.eqz", &[0x45], Numeric, "i32", "i32", "Pop an i32; push 1 if it is zero, else 0."),
        i("i32.eq", &[0x46], Numeric, "i32 i32", "i32", "Pop two i32 values; push 1 if they are equal, else 0."),
        i("i32.ne", &[0x47], Numeric, "i32 i32", "i32", "Pop two i32 values; push 1 if they differ, else 0."),
        i("i32.lt_s", &[0x48], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a < b comparing as signed integers, else 0."),
        i("i32.lt_u", &[0x49], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a < b comparing as unsigned integers, else 0."),
        i("i32.gt_s", &[0x4a], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a > b comparing as signed integers, else 0."),
        i("i32.gt_u", &[0x4b], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a > b comparing as unsigned integers, else 0."),
        i("i32.le_s", &[0x4c], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a <= b comparing as signed integers, else 0."),
        i("i32.le_u", &[0x4d], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a <= b comparing as unsigned integers, else 0."),
        i("i32.ge_s", &[0x4e], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a >= b comparing as signed integers, else 0."),
        i("i32.ge_u", &[0x4f], Numeric, "i32 i32", "i32", "Pop b then a; push 1 if a >= b comparing as unsigned integers, else 0."),
        i("i64.eqz", &[0x50], Numeric, "i64", "i32", "Pop an i64; push 1 if it is zero, else 0."),
        i("i64.eq", &[0x51], Numeric, "i64 i64", "i32", "Pop two i64 values; push 1 if they are equal, else 0."),
        i("i64.ne", &[0x52], Numeric, "i64 i64", "i32", "Pop two i64 values; push 1 if they differ, else 0."),
        i("i64.lt_s", &[0x53], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a < b comparing as signed integers, else 0."),
        i("i64.lt_u", &[0x54], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a < b comparing as unsigned integers, else 0."),
        i("i64.gt_s", &[0x55], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a > b comparing as signed integers, else 0."),
        i("i64.gt_u", &[0x56], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a > b comparing as unsigned integers, else 0."),
        i("i64.le_s", &[0x57], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a <= b comparing as signed integers, else 0."),
        i("i64.le_u", &[0x58], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a <= b comparing as unsigned integers, else 0."),
        i("i64.ge_s", &[0x59], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a >= b comparing as signed integers, else 0."),
        i("i64.ge_u", &[0x5a], Numeric, "i64 i64", "i32", "Pop b then a; push 1 if a >= b comparing as unsigned integers, else 0."),
        i("f32.eq", &[0x5b], Numeric, "f32 f32", "i32", "Pop two f32 values; push 1 if they are equal, else 0 (0 if either is NaN; -0 equals +0)."),
        i("f32.ne", &[0x5c], Numeric, "f32 f32", "i32", "Pop two f32 values; push 1 if they are not equal, else 0 (1 if either is NaN)."),
        i("f32.lt", &[0x5d], Numeric, "f32 f32", "i32", "Pop b then a; push 1 if a < b, else 0 (0 if either is NaN)."),
        i("f32.gt", &[0x5e], Numeric, "f32 f32", "i32", "Pop b then a; push 1 if a > b, else 0 (0 if either is NaN)."),
        i("f32.le", &[0x5f], Numeric, "f32 f32", "i32", "Pop b then a; push 1 if a <= b, else 0 (0 if either is NaN)."),
        i("f32.ge", &[0x60], Numeric, "f32 f32", "i32", "Pop b then a; push 1 if a >= b, else 0 (0 if either is NaN)."),
        i("f64.eq", &[0x61], Numeric, "f64 f64", "i32", "Pop two f64 values; push 1 if they are equal, else 0 (0 if either is NaN; -0 equals +0)."),
        i("f64.ne", &[0x62], Numeric, "f64 f64", "i32", "Pop two f64 values; push 1 if they are not equal, else 0 (1 if either is NaN)."),
        i("f64.lt", &[0x63], Numeric, "f64 f64", "i32", "Pop b then a; push 1 if a < b, else 0 (0 if either is NaN)."),
        i("f64.gt", &[0x64], Numeric, "f64 f64", "i32", "Pop b then a; push 1 if a > b, else 0 (0 if either is NaN)."),
        i("f64.le", &[0x65], Numeric, "f64 f64", "i32", "Pop b then a; push 1 if a <= b, else 0 (0 if either is NaN)."),
        i("f64.ge", &[0x66], Numeric, "f64 f64", "i32", "Pop b then a; push 1 if a >= b, else 0 (0 if either is NaN)."),
        i("i32.clz", &[0x67], Numeric, "i32", "i32", "Count the leading (high) zero bits of an i32; 32 for zero."),
        i("i32.ctz", &[0x68], Numeric, "i32", "i32", "Count the trailing (low) zero bits of an i32; 32 for zero."),
        i("i32.popcnt", &[0x69], Numeric, "i32", "i32", "Count the bits that are 1 in an i32."),
        i("i32.add", &[0x6a], Numeric, "i32 i32", "i32", "Add two i32 values (wrapping around on overflow)."),
        i("i32.sub", &[0x6b], Numeric, "i32 i32", "i32", "Pop b then a; push a - b (wrapping around on overflow)."),
        i("i32.mul", &[0x6c], Numeric, "i32 i32", "i32", "Multiply two i32 values, keeping the low 32 bits (wrapping around on overflow)."),
        i("i32.div_s", &[0x6d], Numeric, "i32 i32", "i32", "Pop b then a; push a / b as signed integers, rounded toward zero; traps if b is 0 or the result overflows (MIN / -1)."),
        i("i32.div_u", &[0x6e], Numeric, "i32 i32", "i32", "Pop b then a; push a / b as unsigned integers, rounded down; traps if b is 0."),
        i("i32.rem_s", &[0x6f], Numeric, "i32 i32", "i32", "Pop b then a; push the remainder of a / b as signed integers (it takes the sign of a); traps if b is 0."),
        i("i32.rem_u", &[0x70], Numeric, "i32 i32", "i32", "Pop b then a; push the remainder of a / b as unsigned integers; traps if b is 0."),
        i("i32.and", &[0x71], Numeric, "i32 i32", "i32", "Bitwise AND of two i32 values."),
        i("i32.or", &[0x72], Numeric, "i32 i32", "i32", "Bitwise OR of two i32 values."),
        i("i32.xor", &[0x73], Numeric, "i32 i32", "i32", "Bitwise exclusive OR of two i32 values."),
        i("i32.shl", &[0x74], Numeric, "i32 i32", "i32", "Pop b then a; shift a left by b bits (b modulo 32), filling with zeros."),
        i("i32.shr_s", &[0x75], Numeric, "i32 i32", "i32", "Pop b then a; shift a right by b bits (b modulo 32), copying the sign bit in (arithmetic shift)."),
        i("i32.shr_u", &[0x76], Numeric, "i32 i32", "i32", "Pop b then a; shift a right by b bits (b modulo 32), filling with zeros (logical shift)."),
        i("i32.rotl", &[0x77], Numeric, "i32 i32", "i32", "Pop b then a; rotate the bits of a left by b (modulo 32); bits leaving on the left come back on the right."),
        i("i32.rotr", &[0x78], Numeric, "i32 i32", "i32", "Pop b then a; rotate the bits of a right by b (modulo 32); bits leaving on the right come back on the left."),
        i("i64.clz", &[0x79], Numeric, "i64", "i64", "Count the leading (high) zero bits of an i64; 64 for zero."),
        i("i64.ctz", &[0x7a], Numeric, "i64", "i64", "Count the trailing (low) zero bits of an i64; 64 for zero."),
        i("i64.popcnt", &[0x7b], Numeric, "i64", "i64", "Count the bits that are 1 in an i64."),
        i("i64.add", &[0x7c], Numeric, "i64 i64", "i64", "Add two i64 values (wrapping around on overflow)."),
        i("i64.sub", &[0x7d], Numeric, "i64 i64", "i64", "Pop b then a; push a - b (wrapping around on overflow)."),
        i("i64.mul", &[0x7e], Numeric, "i64 i64", "i64", "Multiply two i64 values, keeping the low 64 bits (wrapping around on overflow)."),
        i("i64.div_s", &[0x7f], Numeric, "i64 i64", "i64", "Pop b then a; push a / b as signed integers, rounded toward zero; traps if b is 0 or the result overflows (MIN / -1)."),
        i("i64.div_u", &[0x80], Numeric, "i64 i64", "i64", "Pop b then a; push a / b as unsigned integers, rounded down; traps if b is 0."),
        i("i64.rem_s", &[0x81], Numeric, "i64 i64", "i64", "Pop b then a; push the remainder of a / b as signed integers (it takes the sign of a); traps if b is 0."),
        i("i64.rem_u", &[0x82], Numeric, "i64 i64", "i64", "Pop b then a; push the remainder of a / b as unsigned integers; traps if b is 0."),
        i("i64.and", &[0x83], Numeric, "i64 i64", "i64", "Bitwise AND of two i64 values."),
        i("i64.or", &[0x84], Numeric, "i64 i64", "i64", "Bitwise OR of two i64 values."),
        i("i64.xor", &[0x85], Numeric, "i64 i64", "i64", "Bitwise exclusive OR of two i64 values."),
        i("i64.shl", &[0x86], Numeric, "i64 i64", "i64", "Pop b then a; shift a left by b bits (b modulo 64), filling with zeros."),
        i("i64.shr_s", &[0x87], Numeric, "i64 i64", "i64", "Pop b then a; shift a right by b bits (b modulo 64), copying the sign bit in (arithmetic shift)."),
        i("i64.shr_u", &[0x88], Numeric, "i64 i64", "i64", "Pop b then a; shift a right by b bits (b modulo 64), filling with zeros (logical shift)."),
        i("i64.rotl", &[0x89], Numeric, "i64 i64", "i64", "Pop b then a; rotate the bits of a left by b (modulo 64); bits leaving on the left come back on the right."),
        i("i64.rotr", &[0x8a], Numeric, "i64 i64", "i64", "Pop b then a; rotate the bits of a right by b (modulo 64); bits leaving on the right come back on the left."),
        i("f32.abs", &[0x8b], Numeric, "f32", "f32", "Absolute value of an f32 (clears the sign bit)."),
        i("f32.neg", &[0x8c], Numeric, "f32", "f32", "Negate an f32 (flips the sign bit)."),
        i("f32.ceil", &[0x8d], Numeric, "f32", "f32", "Round an f32 up to a whole number (toward +infinity)."),
        i("f32.floor", &[0x8e], Numeric, "f32", "f32", "Round an f32 down to a whole number (toward -infinity)."),
        i("f32.trunc", &[0x8f], Numeric, "f32", "f32", "Round an f32 toward zero to a whole number (drops the fraction)."),
        i("f32.nearest", &[0x90], Numeric, "f32", "f32", "Round an f32 to the nearest whole number; ties go to the even one (2.5 -> 2.0)."),
        i("f32.sqrt", &[0x91], Numeric, "f32", "f32", "Square root of an f32; NaN for negative numbers."),
        i("f32.add", &[0x92], Numeric, "f32 f32", "f32", "Add two f32 values (IEEE 754 rounding; never traps)."),
        i("f32.sub", &[0x93], Numeric, "f32 f32", "f32", "Pop b then a; push a - b (IEEE 754 rounding; never traps)."),
        i("f32.mul", &[0x94], Numeric, "f32 f32", "f32", "Multiply two f32 values (IEEE 754 rounding; never traps)."),
        i("f32.div", &[0x95], Numeric, "f32 f32", "f32", "Pop b then a; push a / b. Dividing by zero gives infinity or NaN instead of trapping."),
        i("f32.min", &[0x96], Numeric, "f32 f32", "f32", "The smaller of two f32 values; NaN if either is NaN, and -0 counts as smaller than +0."),
        i("f32.max", &[0x97], Numeric, "f32 f32", "f32", "The larger of two f32 values; NaN if either is NaN, and +0 counts as larger than -0."),
        i("f32.copysign", &[0x98], Numeric, "f32 f32", "f32", "Pop b then a; push a with its sign replaced by the sign of b."),
        i("f64.abs", &[0x99], Numeric, "f64", "f64", "Absolute value of an f64 (clears the sign bit)."),
        i("f64.neg", &[0x9a], Numeric, "f64", "f64", "Negate an f64 (flips the sign bit)."),
        i("f64.ceil", &[0x9b], Numeric, "f64", "f64", "Round an f64 up to a whole number (toward +infinity)."),
        i("f64.floor", &[0x9c], Numeric, "f64", "f64", "Round an f64 down to a whole number (toward -infinity)."),
        i("f64.trunc", &[0x9d], Numeric, "f64", "f64", "Round an f64 toward zero to a whole number (drops the fraction)."),
        i("f64.nearest", &[0x9e], Numeric, "f64", "f64", "Round an f64 to the nearest whole number; ties go to the even one (2.5 -> 2.0)."),
        i("f64.sqrt", &[0x9f], Numeric, "f64", "f64", "Square root of an f64; NaN for negative numbers."),
        i("f64.add", &[0xa0], Numeric, "f64 f64", "f64", "Add two f64 values (IEEE 754 rounding; never traps)."),
        i("f64.sub", &[0xa1], Numeric, "f64 f64", "f64", "Pop b then a; push a - b (IEEE 754 rounding; never traps)."),
        i("f64.mul", &[0xa2], Numeric, "f64 f64", "f64", "Multiply two f64 values (IEEE 754 rounding; never traps)."),
        i("f64.div", &[0xa3], Numeric, "f64 f64", "f64", "Pop b then a; push a / b. Dividing by zero gives infinity or NaN instead of trapping."),
        i("f64.min", &[0xa4], Numeric, "f64 f64", "f64", "The smaller of two f64 values; NaN if either is NaN, and -0 counts as smaller than +0."),
        i("f64.max", &[0xa5], Numeric, "f64 f64", "f64", "The larger of two f64 values; NaN if either is NaN, and +0 counts as larger than -0."),
        i("f64.copysign", &[0xa6], Numeric, "f64 f64", "f64", "Pop b then a; push a with its sign replaced by the sign of b."),
        i("i32.wrap_i64", &[0xa7], Numeric, "i64", "i32", "Convert an i64 to i32 by keeping its low 32 bits."),
        i("i32.trunc_f32_s", &[0xa8], Numeric, "f32", "i32", "Convert an f32 to a signed i32, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i32.trunc_f32_u", &[0xa9], Numeric, "f32", "i32", "Convert an f32 to an unsigned i32, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i32.trunc_f64_s", &[0xaa], Numeric, "f64", "i32", "Convert an f64 to a signed i32, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i32.trunc_f64_u", &[0xab], Numeric, "f64", "i32", "Convert an f64 to an unsigned i32, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i64.extend_i32_s", &[0xac], Numeric, "i32", "i64", "Widen an i32 to i64, treating it as signed (the sign bit is copied into the new high bits)."),
        i("i64.extend_i32_u", &[0xad], Numeric, "i32", "i64", "Widen an i32 to i64, treating it as unsigned (the new high bits are zero)."),
        i("i64.trunc_f32_s", &[0xae], Numeric, "f32", "i64", "Convert an f32 to a signed i64, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i64.trunc_f32_u", &[0xaf], Numeric, "f32", "i64", "Convert an f32 to an unsigned i64, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i64.trunc_f64_s", &[0xb0], Numeric, "f64", "i64", "Convert an f64 to a signed i64, dropping the fraction; traps on NaN or if the result does not fit."),
        i("i64.trunc_f64_u", &[0xb1], Numeric, "f64", "i64", "Convert an f64 to an unsigned i64, dropping the fraction; traps on NaN or if the result does not fit."),
        i("f32.convert_i32_s", &[0xb2], Numeric, "i32", "f32", "Convert an i32, read as signed, to f32 (rounded to nearest)."),
        i("f32.convert_i32_u", &[0xb3], Numeric, "i32", "f32", "Convert an i32, read as unsigned, to f32 (rounded to nearest)."),
        i("f32.convert_i64_s", &[0xb4], Numeric, "i64", "f32", "Convert an i64, read as signed, to f32 (rounded to nearest)."),
        i("f32.convert_i64_u", &[0xb5], Numeric, "i64", "f32", "Convert an i64, read as unsigned, to f32 (rounded to nearest)."),
        i("f32.demote_f64", &[0xb6], Numeric, "f64", "f32", "Convert an f64 to f32, rounding to nearest (large values become infinity)."),
        i("f64.convert_i32_s", &[0xb7], Numeric, "i32", "f64", "Convert an i32, read as signed, to f64 (exact)."),
        i("f64.convert_i32_u", &[0xb8], Numeric, "i32", "f64", "Convert an i32, read as unsigned, to f64 (exact)."),
        i("f64.convert_i64_s", &[0xb9], Numeric, "i64", "f64", "Convert an i64, read as signed, to f64 (rounded to nearest)."),
        i("f64.convert_i64_u", &[0xba], Numeric, "i64", "f64", "Convert an i64, read as unsigned, to f64 (rounded to nearest)."),
        i("f64.promote_f32", &[0xbb], Numeric, "f32", "f64", "Convert an f32 to f64 (exact)."),
        i("i32.reinterpret_f32", &[0xbc], Numeric, "f32", "i32", "Reuse the 32 bits of an f32 as an i32, without converting the value."),
        i("i64.reinterpret_f64", &[0xbd], Numeric, "f64", "i64", "Reuse the 64 bits of an f64 as an i64, without converting the value."),
        i("f32.reinterpret_i32", &[0xbe], Numeric, "i32", "f32", "Reuse the 32 bits of an i32 as an f32, without converting the value."),
        i("f64.reinterpret_i64", &[0xbf], Numeric, "i64", "f64", "Reuse the 64 bits of an i64 as an f64, without converting the value."),
        i("i32.extend8_s", &[0xc0], Numeric, "i32", "i32", "Sign-extend the low 8 bits of an i32 to all 32 bits."),
        i("i32.extend16_s", &[0xc1], Numeric, "i32", "i32", "Sign-extend the low 16 bits of an i32 to all 32 bits."),
        i("i64.extend8_s", &[0xc2], Numeric, "i64", "i64", "Sign-extend the low 8 bits of an i64 to all 64 bits."),
        i("i64.extend16_s", &[0xc3], Numeric, "i64", "i64", "Sign-extend the low 16 bits of an i64 to all 64 bits."),
        i("i64.extend32_s", &[0xc4], Numeric, "i64", "i64", "Sign-extend the low 32 bits of an i64 to all 64 bits."),
        i("ref.null", &[0xd0], Reference, "", "ref", "Push a null reference of the given heap type: `ref.null func` or `ref.null extern`."),
        i("ref.is_null", &[0xd1], Reference, "ref", "i32", "Pop a reference; push 1 if it is null, else 0."),
        i("ref.func", &[0xd2], Reference, "", "funcref", "Push a reference to a function of this module (the function must also be mentioned outside code, e.g. in an `elem` or export)."),
        i("i32.trunc_sat_f32_s", &[0xfc, 0], Numeric, "f32", "i32", "Convert an f32 to a signed i32, dropping the fraction; never traps: out-of-range values clamp to MIN/MAX and NaN gives 0."),
        i("i32.trunc_sat_f32_u", &[0xfc, 1], Numeric, "f32", "i32", "Convert an f32 to an unsigned i32, dropping the fraction; never traps: out-of-range values clamp to 0/MAX and NaN gives 0."),
        i("i32.trunc_sat_f64_s", &[0xfc, 2], Numeric, "f64", "i32", "Convert an f64 to a signed i32, dropping the fraction; never traps: out-of-range values clamp to MIN/MAX and NaN gives 0."),
        i("i32.trunc_sat_f64_u", &[0xfc, 3], Numeric, "f64", "i32", "Convert an f64 to an unsigned i32, dropping the fraction; never traps: out-of-range values clamp to 0/MAX and NaN gives 0."),
        i("i64.trunc_sat_f32_s", &[0xfc, 4], Numeric, "f32", "i64", "Convert an f32 to a signed i64, dropping the fraction; never traps: out-of-range values clamp to MIN/MAX and NaN gives 0."),
        i("i64.trunc_sat_f32_u", &[0xfc, 5], Numeric, "f32", "i64", "Convert an f32 to an unsigned i64, dropping the fraction; never traps: out-of-range values clamp to 0/MAX and NaN gives 0."),
        i("i64.trunc_sat_f64_s", &[0xfc, 6], Numeric, "f64", "i64", "Convert an f64 to a signed i64, dropping the fraction; never traps: out-of-range values clamp to MIN/MAX and NaN gives 0."),
        i("i64.trunc_sat_f64_u", &[0xfc, 7], Numeric, "f64", "i64", "Convert an f64 to an unsigned i64, dropping the fraction; never traps: out-of-range values clamp to 0/MAX and NaN gives 0."),
        i("memory.init", &[0xfc, 8], Memory, "i32 i32 i32", "", "Copy n bytes from a passive data segment, starting at offset s, to memory address d (operands: d, s, n); traps if out of bounds."),
        i("data.drop", &[0xfc, 9], Memory, "", "", "Discard a passive data segment; later `memory.init` from it traps unless n is 0."),
        i("memory.copy", &[0xfc, 10], Memory, "i32 i32 i32", "", "Copy n bytes from address s to address d (operands: d, s, n); overlap is fine; traps if out of bounds."),
        i("memory.fill", &[0xfc, 11], Memory, "i32 i32 i32", "", "Set n bytes starting at address d to one byte value (operands: d, value, n); traps if out of bounds."),
        i("table.init", &[0xfc, 12], Table, "i32 i32 i32", "", "Copy n entries from a passive element segment, starting at s, into the table at d (operands: d, s, n); traps if out of bounds."),
        i("elem.drop", &[0xfc, 13], Table, "", "", "Discard a passive element segment; later `table.init` from it traps unless n is 0."),
        i("table.copy", &[0xfc, 14], Table, "i32 i32 i32", "", "Copy n entries from index s to index d, maybe between tables (operands: d, s, n); overlap is fine; traps if out of bounds."),
        i("table.grow", &[0xfc, 15], Table, "ref i32", "i32", "Grow the table by n entries, filled with the given reference; push the old size, or -1 if it cannot grow."),
        i("table.size", &[0xfc, 16], Table, "", "i32", "Push the current number of entries in the table."),
        i("table.fill", &[0xfc, 17], Table, "i32 ref i32", "", "Set n entries starting at index i to a reference (operands: i, ref, n); traps if out of bounds."),
        i("i64.add128", &[0xfc, 19], Numeric, "i64 i64 i64 i64", "i64 i64", "Add two 128-bit integers, each given as low and high i64 halves (a_lo a_hi b_lo b_hi); push the sum as low, high (wrapping)."),
        i("i64.sub128", &[0xfc, 20], Numeric, "i64 i64 i64 i64", "i64 i64", "Subtract two 128-bit integers given as i64 halves (a_lo a_hi b_lo b_hi); push a - b as low, high (wrapping)."),
        i("i64.mul_wide_s", &[0xfc, 21], Numeric, "i64 i64", "i64 i64", "Multiply two i64 values as signed integers into the full 128-bit product; push it as low, high i64 halves."),
        i("i64.mul_wide_u", &[0xfc, 22], Numeric, "i64 i64", "i64 i64", "Multiply two i64 values as unsigned integers into the full 128-bit product; push it as low, high i64 halves."),
        i("v128.load", &[0xfd, 0], Memory, "i32", "v128", "Pop an address and load 16 bytes from memory as a v128; traps if out of bounds."),
        i("v128.load8x8_s", &[0xfd, 1], Memory, "i32", "v128", "Load 8 bytes as 8 signed 8-bit integers and sign-extend each into a lane of an i16x8 vector; traps if out of bounds."),
        i("v128.load8x8_u", &[0xfd, 2], Memory, "i32", "v128", "Load 8 bytes as 8 unsigned 8-bit integers and zero-extend each into a lane of an i16x8 vector; traps if out of bounds."),
        i("v128.load16x4_s", &[0xfd, 3], Memory, "i32", "v128", "Load 8 bytes as 4 signed 16-bit integers and sign-extend each into a lane of an i32x4 vector; traps if out of bounds."),
        i("v128.load16x4_u", &[0xfd, 4], Memory, "i32", "v128", "Load 8 bytes as 4 unsigned 16-bit integers and zero-extend each into a lane of an i32x4 vector; traps if out of bounds."),
        i("v128.load32x2_s", &[0xfd, 5], Memory, "i32", "v128", "Load 8 bytes as 2 signed 32-bit integers and sign-extend each into a lane of an i64x2 vector; traps if out of bounds."),
        i("v128.load32x2_u", &[0xfd, 6], Memory, "i32", "v128", "Load 8 bytes as 2 unsigned 32-bit integers and zero-extend each into a lane of an i64x2 vector; traps if out of bounds."),
        i("v128.load8_splat", &[0xfd, 7], Memory, "i32", "v128", "Load one 8-bit value and copy it into every 8-bit lane of a v128; traps if out of bounds."),
        i("v128.load16_splat", &[0xfd, 8], Memory, "i32", "v128", "Load one 16-bit value and copy it into every 16-bit lane of a v128; traps if out of bounds."),
        i("v128.load32_splat", &[0xfd, 9], Memory, "i32", "v128", "Load one 32-bit value and copy it into every 32-bit lane of a v128; traps if out of bounds."),
        i("v128.load64_splat", &[0xfd, 10], Memory, "i32", "v128", "Load one 64-bit value and copy it into every 64-bit lane of a v128; traps if out of bounds."),
        i("v128.store", &[0xfd, 11], Memory, "i32 v128", "", "Pop a v128 and an address and store its 16 bytes to memory; traps if out of bounds."),
        i("v128.const", &[0xfd, 12], Vector, "", "v128", "Push a constant 128-bit vector, written with a shape and one value per lane: `v128.const i32x4 1 2 3 4`."),
        i("i8x16.shuffle", &[0xfd, 13], Vector, "v128 v128", "v128", "Build a vector from 16 lane indices (0-15 pick bytes of the first vector, 16-31 of the second) given as immediates."),
        i("i8x16.swizzle", &[0xfd, 14], Vector, "v128 v128", "v128", "Pick bytes of the first vector using the byte indices in the second; an index of 16 or more gives 0."),
        i("i8x16.splat", &[0xfd, 15], Vector, "i32", "v128", "Make a vector with the low 8 bits of an i32 copied into all 16 lanes."),
        i("i16x8.splat", &[0xfd, 16], Vector, "i32", "v128", "Make a vector with the low 16 bits of an i32 copied into all 8 lanes."),
        i("i32x4.splat", &[0xfd, 17], Vector, "i32", "v128", "Make a vector with an i32 copied into all 4 lanes."),
        i("i64x2.splat", &[0xfd, 18], Vector, "i64", "v128", "Make a vector with an i64 copied into both lanes."),
        i("f32x4.splat", &[0xfd, 19], Vector, "f32", "v128", "Make a vector with an f32 copied into all 4 lanes."),
        i("f64x2.splat", &[0xfd, 20], Vector, "f64", "v128", "Make a vector with an f64 copied into both lanes."),
        i("i8x16.extract_lane_s", &[0xfd, 21], Vector, "v128", "i32", "Read one i8 lane (chosen by an immediate) and sign-extend it to an i32."),
        i("i8x16.extract_lane_u", &[0xfd, 22], Vector, "v128", "i32", "Read one i8 lane (chosen by an immediate) and zero-extend it to an i32."),
        i("i8x16.replace_lane", &[0xfd, 23], Vector, "v128 i32", "v128", "Replace one i8 lane (chosen by an immediate) with the low 8 bits of an i32."),
        i("i16x8.extract_lane_s", &[0xfd, 24], Vector, "v128", "i32", "Read one i16 lane (chosen by an immediate) and sign-extend it to an i32."),
        i("i16x8.extract_lane_u", &[0xfd, 25], Vector, "v128", "i32", "Read one i16 lane (chosen by an immediate) and zero-extend it to an i32."),
        i("i16x8.replace_lane", &[0xfd, 26], Vector, "v128 i32", "v128", "Replace one i16 lane (chosen by an immediate) with the low 16 bits of an i32."),
        i("i32x4.extract_lane", &[0xfd, 27], Vector, "v128", "i32", "Read one i32 lane (chosen by an immediate) as an i32."),
        i("i32x4.replace_lane", &[0xfd, 28], Vector, "v128 i32", "v128", "Replace one i32 lane (chosen by an immediate) with an i32."),
        i("i64x2.extract_lane", &[0xfd, 29], Vector, "v128", "i64", "Read one i64 lane (chosen by an immediate) as an i64."),
        i("i64x2.replace_lane", &[0xfd, 30], Vector, "v128 i64", "v128", "Replace one i64 lane (chosen by an immediate) with an i64."),
        i("f32x4.extract_lane", &[0xfd, 31], Vector, "v128", "f32", "Read one f32 lane (chosen by an immediate) as an f32."),
        i("f32x4.replace_lane", &[0xfd, 32], Vector, "v128 f32", "v128", "Replace one f32 lane (chosen by an immediate) with an f32."),
        i("f64x2.extract_lane", &[0xfd, 33], Vector, "v128", "f64", "Read one f64 lane (chosen by an immediate) as an f64."),
        i("f64x2.replace_lane", &[0xfd, 34], Vector, "v128 f64", "v128", "Replace one f64 lane (chosen by an immediate) with an f64."),
        i("i8x16.eq", &[0xfd, 35], Vector, "v128 v128", "v128", "Compare i8 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("i8x16.ne", &[0xfd, 36], Vector, "v128 v128", "v128", "Compare i8 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("i8x16.lt_s", &[0xfd, 37], Vector, "v128 v128", "v128", "Compare i8 lanes as signed: a < b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.lt_u", &[0xfd, 38], Vector, "v128 v128", "v128", "Compare i8 lanes as unsigned: a < b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.gt_s", &[0xfd, 39], Vector, "v128 v128", "v128", "Compare i8 lanes as signed: a > b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.gt_u", &[0xfd, 40], Vector, "v128 v128", "v128", "Compare i8 lanes as unsigned: a > b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.le_s", &[0xfd, 41], Vector, "v128 v128", "v128", "Compare i8 lanes as signed: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.le_u", &[0xfd, 42], Vector, "v128 v128", "v128", "Compare i8 lanes as unsigned: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.ge_s", &[0xfd, 43], Vector, "v128 v128", "v128", "Compare i8 lanes as signed: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i8x16.ge_u", &[0xfd, 44], Vector, "v128 v128", "v128", "Compare i8 lanes as unsigned: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.eq", &[0xfd, 45], Vector, "v128 v128", "v128", "Compare i16 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("i16x8.ne", &[0xfd, 46], Vector, "v128 v128", "v128", "Compare i16 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("i16x8.lt_s", &[0xfd, 47], Vector, "v128 v128", "v128", "Compare i16 lanes as signed: a < b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.lt_u", &[0xfd, 48], Vector, "v128 v128", "v128", "Compare i16 lanes as unsigned: a < b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.gt_s", &[0xfd, 49], Vector, "v128 v128", "v128", "Compare i16 lanes as signed: a > b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.gt_u", &[0xfd, 50], Vector, "v128 v128", "v128", "Compare i16 lanes as unsigned: a > b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.le_s", &[0xfd, 51], Vector, "v128 v128", "v128", "Compare i16 lanes as signed: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.le_u", &[0xfd, 52], Vector, "v128 v128", "v128", "Compare i16 lanes as unsigned: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.ge_s", &[0xfd, 53], Vector, "v128 v128", "v128", "Compare i16 lanes as signed: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i16x8.ge_u", &[0xfd, 54], Vector, "v128 v128", "v128", "Compare i16 lanes as unsigned: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.eq", &[0xfd, 55], Vector, "v128 v128", "v128", "Compare i32 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("i32x4.ne", &[0xfd, 56], Vector, "v128 v128", "v128", "Compare i32 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("i32x4.lt_s", &[0xfd, 57], Vector, "v128 v128", "v128", "Compare i32 lanes as signed: a < b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.lt_u", &[0xfd, 58], Vector, "v128 v128", "v128", "Compare i32 lanes as unsigned: a < b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.gt_s", &[0xfd, 59], Vector, "v128 v128", "v128", "Compare i32 lanes as signed: a > b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.gt_u", &[0xfd, 60], Vector, "v128 v128", "v128", "Compare i32 lanes as unsigned: a > b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.le_s", &[0xfd, 61], Vector, "v128 v128", "v128", "Compare i32 lanes as signed: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.le_u", &[0xfd, 62], Vector, "v128 v128", "v128", "Compare i32 lanes as unsigned: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.ge_s", &[0xfd, 63], Vector, "v128 v128", "v128", "Compare i32 lanes as signed: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i32x4.ge_u", &[0xfd, 64], Vector, "v128 v128", "v128", "Compare i32 lanes as unsigned: a >= b; each result lane is all ones if true, all zeros if false."),
        i("f32x4.eq", &[0xfd, 65], Vector, "v128 v128", "v128", "Compare f32 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("f32x4.ne", &[0xfd, 66], Vector, "v128 v128", "v128", "Compare f32 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("f32x4.lt", &[0xfd, 67], Vector, "v128 v128", "v128", "Compare f32 lanes: a < b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f32x4.gt", &[0xfd, 68], Vector, "v128 v128", "v128", "Compare f32 lanes: a > b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f32x4.le", &[0xfd, 69], Vector, "v128 v128", "v128", "Compare f32 lanes: a <= b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f32x4.ge", &[0xfd, 70], Vector, "v128 v128", "v128", "Compare f32 lanes: a >= b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f64x2.eq", &[0xfd, 71], Vector, "v128 v128", "v128", "Compare f64 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("f64x2.ne", &[0xfd, 72], Vector, "v128 v128", "v128", "Compare f64 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("f64x2.lt", &[0xfd, 73], Vector, "v128 v128", "v128", "Compare f64 lanes: a < b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f64x2.gt", &[0xfd, 74], Vector, "v128 v128", "v128", "Compare f64 lanes: a > b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f64x2.le", &[0xfd, 75], Vector, "v128 v128", "v128", "Compare f64 lanes: a <= b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("f64x2.ge", &[0xfd, 76], Vector, "v128 v128", "v128", "Compare f64 lanes: a >= b (false for NaN); each result lane is all ones if true, all zeros if false."),
        i("v128.not", &[0xfd, 77], Vector, "v128", "v128", "Bitwise NOT of all 128 bits."),
        i("v128.and", &[0xfd, 78], Vector, "v128 v128", "v128", "Bitwise AND of two vectors."),
        i("v128.andnot", &[0xfd, 79], Vector, "v128 v128", "v128", "Bitwise a AND (NOT b) of two vectors."),
        i("v128.or", &[0xfd, 80], Vector, "v128 v128", "v128", "Bitwise OR of two vectors."),
        i("v128.xor", &[0xfd, 81], Vector, "v128 v128", "v128", "Bitwise exclusive OR of two vectors."),
        i("v128.bitselect", &[0xfd, 82], Vector, "v128 v128 v128", "v128", "Bitwise select (operands: a, b, mask): each result bit comes from a where the mask bit is 1 and from b where it is 0."),
        i("v128.any_true", &[0xfd, 83], Vector, "v128", "i32", "Push 1 if any bit of the vector is 1, else 0."),
        i("v128.load8_lane", &[0xfd, 84], Memory, "i32 v128", "v128", "Load 8 bits from memory into one lane (chosen by an immediate) of the given v128, keeping the other lanes; traps if out of bounds."),
        i("v128.load16_lane", &[0xfd, 85], Memory, "i32 v128", "v128", "Load 16 bits from memory into one lane (chosen by an immediate) of the given v128, keeping the other lanes; traps if out of bounds."),
        i("v128.load32_lane", &[0xfd, 86], Memory, "i32 v128", "v128", "Load 32 bits from memory into one lane (chosen by an immediate) of the given v128, keeping the other lanes; traps if out of bounds."),
        i("v128.load64_lane", &[0xfd, 87], Memory, "i32 v128", "v128", "Load 64 bits from memory into one lane (chosen by an immediate) of the given v128, keeping the other lanes; traps if out of bounds."),
        i("v128.store8_lane", &[0xfd, 88], Memory, "i32 v128", "", "Store one 8-bit lane (chosen by an immediate) of a v128 to memory; traps if out of bounds."),
        i("v128.store16_lane", &[0xfd, 89], Memory, "i32 v128", "", "Store one 16-bit lane (chosen by an immediate) of a v128 to memory; traps if out of bounds."),
        i("v128.store32_lane", &[0xfd, 90], Memory, "i32 v128", "", "Store one 32-bit lane (chosen by an immediate) of a v128 to memory; traps if out of bounds."),
        i("v128.store64_lane", &[0xfd, 91], Memory, "i32 v128", "", "Store one 64-bit lane (chosen by an immediate) of a v128 to memory; traps if out of bounds."),
        i("v128.load32_zero", &[0xfd, 92], Memory, "i32", "v128", "Load one 32-bit value into the lowest lane of a v128 and set the other bits to zero; traps if out of bounds."),
        i("v128.load64_zero", &[0xfd, 93], Memory, "i32", "v128", "Load one 64-bit value into the lowest lane of a v128 and set the other bits to zero; traps if out of bounds."),
        i("f32x4.demote_f64x2_zero", &[0xfd, 94], Vector, "v128", "v128", "Convert the 2 f64 lanes to f32 in lanes 0-1 (rounded to nearest); lanes 2-3 become 0."),
        i("f64x2.promote_low_f32x4", &[0xfd, 95], Vector, "v128", "v128", "Convert the low 2 f32 lanes to f64 (exact)."),
        i("i8x16.abs", &[0xfd, 96], Vector, "v128", "v128", "Absolute value of each i8 lane (the most negative value stays as it is)."),
        i("i8x16.neg", &[0xfd, 97], Vector, "v128", "v128", "Negate each i8 lane (wrapping around on overflow)."),
        i("i8x16.popcnt", &[0xfd, 98], Vector, "v128", "v128", "Count the bits that are 1 in each byte lane."),
        i("i8x16.all_true", &[0xfd, 99], Vector, "v128", "i32", "Push 1 if every i8 lane is non-zero, else 0."),
        i("i8x16.bitmask", &[0xfd, 100], Vector, "v128", "i32", "Collect the top (sign) bit of each i8 lane into the low 16 bits of an i32."),
        i("i8x16.narrow_i16x8_s", &[0xfd, 101], Vector, "v128 v128", "v128", "Narrow the 16 i16 lanes of two vectors (a first) to 16 i8 lanes, saturating to the signed range -128..127."),
        i("i8x16.narrow_i16x8_u", &[0xfd, 102], Vector, "v128 v128", "v128", "Narrow the 16 signed i16 lanes of two vectors (a first) to 16 i8 lanes, saturating to the unsigned range 0..255."),
        i("f32x4.ceil", &[0xfd, 103], Vector, "v128", "v128", "Round each f32 lane up to a whole number."),
        i("f32x4.floor", &[0xfd, 104], Vector, "v128", "v128", "Round each f32 lane down to a whole number."),
        i("f32x4.trunc", &[0xfd, 105], Vector, "v128", "v128", "Round each f32 lane toward zero to a whole number."),
        i("f32x4.nearest", &[0xfd, 106], Vector, "v128", "v128", "Round each f32 lane to the nearest whole number, ties to even."),
        i("i8x16.shl", &[0xfd, 107], Vector, "v128 i32", "v128", "Shift each i8 lane left by an i32 amount (modulo 8)."),
        i("i8x16.shr_s", &[0xfd, 108], Vector, "v128 i32", "v128", "Shift each i8 lane right by an i32 amount (modulo 8), copying the sign bit in."),
        i("i8x16.shr_u", &[0xfd, 109], Vector, "v128 i32", "v128", "Shift each i8 lane right by an i32 amount (modulo 8), filling with zeros."),
        i("i8x16.add", &[0xfd, 110], Vector, "v128 v128", "v128", "Add i8 lanes (wrapping around on overflow)."),
        i("i8x16.add_sat_s", &[0xfd, 111], Vector, "v128 v128", "v128", "Add i8 lanes as signed, saturating: results clamp to -128..127 instead of wrapping."),
        i("i8x16.add_sat_u", &[0xfd, 112], Vector, "v128 v128", "v128", "Add i8 lanes as unsigned, saturating: results clamp to 0..255 instead of wrapping."),
        i("i8x16.sub", &[0xfd, 113], Vector, "v128 v128", "v128", "Subtract i8 lanes: a - b (wrapping around on overflow)."),
        i("i8x16.sub_sat_s", &[0xfd, 114], Vector, "v128 v128", "v128", "Subtract i8 lanes (a - b) as signed, saturating: results clamp to -128..127."),
        i("i8x16.sub_sat_u", &[0xfd, 115], Vector, "v128 v128", "v128", "Subtract i8 lanes (a - b) as unsigned, saturating: results below 0 become 0."),
        i("f64x2.ceil", &[0xfd, 116], Vector, "v128", "v128", "Round each f64 lane up to a whole number."),
        i("f64x2.floor", &[0xfd, 117], Vector, "v128", "v128", "Round each f64 lane down to a whole number."),
        i("i8x16.min_s", &[0xfd, 118], Vector, "v128 v128", "v128", "The smaller of each pair of i8 lanes, compared as signed."),
        i("i8x16.min_u", &[0xfd, 119], Vector, "v128 v128", "v128", "The smaller of each pair of i8 lanes, compared as unsigned."),
        i("i8x16.max_s", &[0xfd, 120], Vector, "v128 v128", "v128", "The larger of each pair of i8 lanes, compared as signed."),
        i("i8x16.max_u", &[0xfd, 121], Vector, "v128 v128", "v128", "The larger of each pair of i8 lanes, compared as unsigned."),
        i("f64x2.trunc", &[0xfd, 122], Vector, "v128", "v128", "Round each f64 lane toward zero to a whole number."),
        i("i8x16.avgr_u", &[0xfd, 123], Vector, "v128 v128", "v128", "Rounding average of unsigned i8 lanes: (a + b + 1) / 2."),
        i("i16x8.extadd_pairwise_i8x16_s", &[0xfd, 124], Vector, "v128", "v128", "Add adjacent pairs of signed i8 lanes, giving 8 i16 lanes."),
        i("i16x8.extadd_pairwise_i8x16_u", &[0xfd, 125], Vector, "v128", "v128", "Add adjacent pairs of unsigned i8 lanes, giving 8 i16 lanes."),
        i("i32x4.extadd_pairwise_i16x8_s", &[0xfd, 126], Vector, "v128", "v128", "Add adjacent pairs of signed i16 lanes, giving 4 i32 lanes."),
        i("i32x4.extadd_pairwise_i16x8_u", &[0xfd, 127], Vector, "v128", "v128", "Add adjacent pairs of unsigned i16 lanes, giving 4 i32 lanes."),
        i("i16x8.abs", &[0xfd, 128], Vector, "v128", "v128", "Absolute value of each i16 lane (the most negative value stays as it is)."),
        i("i16x8.neg", &[0xfd, 129], Vector, "v128", "v128", "Negate each i16 lane (wrapping around on overflow)."),
        i("i16x8.q15mulr_sat_s", &[0xfd, 130], Vector, "v128 v128", "v128", "Q15 fixed-point multiply of i16 lanes: (a * b + 0x4000) >> 15, saturating."),
        i("i16x8.all_true", &[0xfd, 131], Vector, "v128", "i32", "Push 1 if every i16 lane is non-zero, else 0."),
        i("i16x8.bitmask", &[0xfd, 132], Vector, "v128", "i32", "Collect the top (sign) bit of each i16 lane into the low 8 bits of an i32."),
        i("i16x8.narrow_i32x4_s", &[0xfd, 133], Vector, "v128 v128", "v128", "Narrow the 8 i32 lanes of two vectors (a first) to 8 i16 lanes, saturating to the signed range -32768..32767."),
        i("i16x8.narrow_i32x4_u", &[0xfd, 134], Vector, "v128 v128", "v128", "Narrow the 8 signed i32 lanes of two vectors (a first) to 8 i16 lanes, saturating to the unsigned range 0..65535."),
        i("i16x8.extend_low_i8x16_s", &[0xfd, 135], Vector, "v128", "v128", "Sign-extend the low 8 i8 lanes to 8 i16 lanes."),
        i("i16x8.extend_high_i8x16_s", &[0xfd, 136], Vector, "v128", "v128", "Sign-extend the high 8 i8 lanes to 8 i16 lanes."),
        i("i16x8.extend_low_i8x16_u", &[0xfd, 137], Vector, "v128", "v128", "Zero-extend the low 8 i8 lanes to 8 i16 lanes."),
        i("i16x8.extend_high_i8x16_u", &[0xfd, 138], Vector, "v128", "v128", "Zero-extend the high 8 i8 lanes to 8 i16 lanes."),
        i("i16x8.shl", &[0xfd, 139], Vector, "v128 i32", "v128", "Shift each i16 lane left by an i32 amount (modulo 16)."),
        i("i16x8.shr_s", &[0xfd, 140], Vector, "v128 i32", "v128", "Shift each i16 lane right by an i32 amount (modulo 16), copying the sign bit in."),
        i("i16x8.shr_u", &[0xfd, 141], Vector, "v128 i32", "v128", "Shift each i16 lane right by an i32 amount (modulo 16), filling with zeros."),
        i("i16x8.add", &[0xfd, 142], Vector, "v128 v128", "v128", "Add i16 lanes (wrapping around on overflow)."),
        i("i16x8.add_sat_s", &[0xfd, 143], Vector, "v128 v128", "v128", "Add i16 lanes as signed, saturating: results clamp to -32768..32767 instead of wrapping."),
        i("i16x8.add_sat_u", &[0xfd, 144], Vector, "v128 v128", "v128", "Add i16 lanes as unsigned, saturating: results clamp to 0..65535 instead of wrapping."),
        i("i16x8.sub", &[0xfd, 145], Vector, "v128 v128", "v128", "Subtract i16 lanes: a - b (wrapping around on overflow)."),
        i("i16x8.sub_sat_s", &[0xfd, 146], Vector, "v128 v128", "v128", "Subtract i16 lanes (a - b) as signed, saturating: results clamp to -32768..32767."),
        i("i16x8.sub_sat_u", &[0xfd, 147], Vector, "v128 v128", "v128", "Subtract i16 lanes (a - b) as unsigned, saturating: results below 0 become 0."),
        i("f64x2.nearest", &[0xfd, 148], Vector, "v128", "v128", "Round each f64 lane to the nearest whole number, ties to even."),
        i("i16x8.mul", &[0xfd, 149], Vector, "v128 v128", "v128", "Multiply i16 lanes, keeping the low 16 bits of each product."),
        i("i16x8.min_s", &[0xfd, 150], Vector, "v128 v128", "v128", "The smaller of each pair of i16 lanes, compared as signed."),
        i("i16x8.min_u", &[0xfd, 151], Vector, "v128 v128", "v128", "The smaller of each pair of i16 lanes, compared as unsigned."),
        i("i16x8.max_s", &[0xfd, 152], Vector, "v128 v128", "v128", "The larger of each pair of i16 lanes, compared as signed."),
        i("i16x8.max_u", &[0xfd, 153], Vector, "v128 v128", "v128", "The larger of each pair of i16 lanes, compared as unsigned."),
        i("i16x8.avgr_u", &[0xfd, 155], Vector, "v128 v128", "v128", "Rounding average of unsigned i16 lanes: (a + b + 1) / 2."),
        i("i16x8.extmul_low_i8x16_s", &[0xfd, 156], Vector, "v128 v128", "v128", "Multiply the low 8 i8 lanes of two vectors as signed, giving 8 full-width i16 products."),
        i("i16x8.extmul_high_i8x16_s", &[0xfd, 157], Vector, "v128 v128", "v128", "Multiply the high 8 i8 lanes of two vectors as signed, giving 8 full-width i16 products."),
        i("i16x8.extmul_low_i8x16_u", &[0xfd, 158], Vector, "v128 v128", "v128", "Multiply the low 8 i8 lanes of two vectors as unsigned, giving 8 full-width i16 products."),
        i("i16x8.extmul_high_i8x16_u", &[0xfd, 159], Vector, "v128 v128", "v128", "Multiply the high 8 i8 lanes of two vectors as unsigned, giving 8 full-width i16 products."),
        i("i32x4.abs", &[0xfd, 160], Vector, "v128", "v128", "Absolute value of each i32 lane (the most negative value stays as it is)."),
        i("i32x4.neg", &[0xfd, 161], Vector, "v128", "v128", "Negate each i32 lane (wrapping around on overflow)."),
        i("i32x4.all_true", &[0xfd, 163], Vector, "v128", "i32", "Push 1 if every i32 lane is non-zero, else 0."),
        i("i32x4.bitmask", &[0xfd, 164], Vector, "v128", "i32", "Collect the top (sign) bit of each i32 lane into the low 4 bits of an i32."),
        i("i32x4.extend_low_i16x8_s", &[0xfd, 167], Vector, "v128", "v128", "Sign-extend the low 4 i16 lanes to 4 i32 lanes."),
        i("i32x4.extend_high_i16x8_s", &[0xfd, 168], Vector, "v128", "v128", "Sign-extend the high 4 i16 lanes to 4 i32 lanes."),
        i("i32x4.extend_low_i16x8_u", &[0xfd, 169], Vector, "v128", "v128", "Zero-extend the low 4 i16 lanes to 4 i32 lanes."),
        i("i32x4.extend_high_i16x8_u", &[0xfd, 170], Vector, "v128", "v128", "Zero-extend the high 4 i16 lanes to 4 i32 lanes."),
        i("i32x4.shl", &[0xfd, 171], Vector, "v128 i32", "v128", "Shift each i32 lane left by an i32 amount (modulo 32)."),
        i("i32x4.shr_s", &[0xfd, 172], Vector, "v128 i32", "v128", "Shift each i32 lane right by an i32 amount (modulo 32), copying the sign bit in."),
        i("i32x4.shr_u", &[0xfd, 173], Vector, "v128 i32", "v128", "Shift each i32 lane right by an i32 amount (modulo 32), filling with zeros."),
        i("i32x4.add", &[0xfd, 174], Vector, "v128 v128", "v128", "Add i32 lanes (wrapping around on overflow)."),
        i("i32x4.sub", &[0xfd, 177], Vector, "v128 v128", "v128", "Subtract i32 lanes: a - b (wrapping around on overflow)."),
        i("i32x4.mul", &[0xfd, 181], Vector, "v128 v128", "v128", "Multiply i32 lanes, keeping the low 32 bits of each product."),
        i("i32x4.min_s", &[0xfd, 182], Vector, "v128 v128", "v128", "The smaller of each pair of i32 lanes, compared as signed."),
        i("i32x4.min_u", &[0xfd, 183], Vector, "v128 v128", "v128", "The smaller of each pair of i32 lanes, compared as unsigned."),
        i("i32x4.max_s", &[0xfd, 184], Vector, "v128 v128", "v128", "The larger of each pair of i32 lanes, compared as signed."),
        i("i32x4.max_u", &[0xfd, 185], Vector, "v128 v128", "v128", "The larger of each pair of i32 lanes, compared as unsigned."),
        i("i32x4.dot_i16x8_s", &[0xfd, 186], Vector, "v128 v128", "v128", "Multiply signed i16 lanes pairwise and add each adjacent pair of products, giving 4 i32 lanes."),
        i("i32x4.extmul_low_i16x8_s", &[0xfd, 188], Vector, "v128 v128", "v128", "Multiply the low 4 i16 lanes of two vectors as signed, giving 4 full-width i32 products."),
        i("i32x4.extmul_high_i16x8_s", &[0xfd, 189], Vector, "v128 v128", "v128", "Multiply the high 4 i16 lanes of two vectors as signed, giving 4 full-width i32 products."),
        i("i32x4.extmul_low_i16x8_u", &[0xfd, 190], Vector, "v128 v128", "v128", "Multiply the low 4 i16 lanes of two vectors as unsigned, giving 4 full-width i32 products."),
        i("i32x4.extmul_high_i16x8_u", &[0xfd, 191], Vector, "v128 v128", "v128", "Multiply the high 4 i16 lanes of two vectors as unsigned, giving 4 full-width i32 products."),
        i("i64x2.abs", &[0xfd, 192], Vector, "v128", "v128", "Absolute value of each i64 lane (the most negative value stays as it is)."),
        i("i64x2.neg", &[0xfd, 193], Vector, "v128", "v128", "Negate each i64 lane (wrapping around on overflow)."),
        i("i64x2.all_true", &[0xfd, 195], Vector, "v128", "i32", "Push 1 if every i64 lane is non-zero, else 0."),
        i("i64x2.bitmask", &[0xfd, 196], Vector, "v128", "i32", "Collect the top (sign) bit of each i64 lane into the low 2 bits of an i32."),
        i("i64x2.extend_low_i32x4_s", &[0xfd, 199], Vector, "v128", "v128", "Sign-extend the low 2 i32 lanes to 2 i64 lanes."),
        i("i64x2.extend_high_i32x4_s", &[0xfd, 200], Vector, "v128", "v128", "Sign-extend the high 2 i32 lanes to 2 i64 lanes."),
        i("i64x2.extend_low_i32x4_u", &[0xfd, 201], Vector, "v128", "v128", "Zero-extend the low 2 i32 lanes to 2 i64 lanes."),
        i("i64x2.extend_high_i32x4_u", &[0xfd, 202], Vector, "v128", "v128", "Zero-extend the high 2 i32 lanes to 2 i64 lanes."),
        i("i64x2.shl", &[0xfd, 203], Vector, "v128 i32", "v128", "Shift each i64 lane left by an i32 amount (modulo 64)."),
        i("i64x2.shr_s", &[0xfd, 204], Vector, "v128 i32", "v128", "Shift each i64 lane right by an i32 amount (modulo 64), copying the sign bit in."),
        i("i64x2.shr_u", &[0xfd, 205], Vector, "v128 i32", "v128", "Shift each i64 lane right by an i32 amount (modulo 64), filling with zeros."),
        i("i64x2.add", &[0xfd, 206], Vector, "v128 v128", "v128", "Add i64 lanes (wrapping around on overflow)."),
        i("i64x2.sub", &[0xfd, 209], Vector, "v128 v128", "v128", "Subtract i64 lanes: a - b (wrapping around on overflow)."),
        i("i64x2.mul", &[0xfd, 213], Vector, "v128 v128", "v128", "Multiply i64 lanes, keeping the low 64 bits of each product."),
        i("i64x2.eq", &[0xfd, 214], Vector, "v128 v128", "v128", "Compare i64 lanes for equality; each result lane is all ones if true, all zeros if false."),
        i("i64x2.ne", &[0xfd, 215], Vector, "v128 v128", "v128", "Compare i64 lanes for inequality; each result lane is all ones if true, all zeros if false."),
        i("i64x2.lt_s", &[0xfd, 216], Vector, "v128 v128", "v128", "Compare i64 lanes as signed: a < b; each result lane is all ones if true, all zeros if false."),
        i("i64x2.gt_s", &[0xfd, 217], Vector, "v128 v128", "v128", "Compare i64 lanes as signed: a > b; each result lane is all ones if true, all zeros if false."),
        i("i64x2.le_s", &[0xfd, 218], Vector, "v128 v128", "v128", "Compare i64 lanes as signed: a <= b; each result lane is all ones if true, all zeros if false."),
        i("i64x2.ge_s", &[0xfd, 219], Vector, "v128 v128", "v128", "Compare i64 lanes as signed: a >= b; each result lane is all ones if true, all zeros if false."),
        i("i64x2.extmul_low_i32x4_s", &[0xfd, 220], Vector, "v128 v128", "v128", "Multiply the low 2 i32 lanes of two vectors as signed, giving 2 full-width i64 products."),
        i("i64x2.extmul_high_i32x4_s", &[0xfd, 221], Vector, "v128 v128", "v128", "Multiply the high 2 i32 lanes of two vectors as signed, giving 2 full-width i64 products."),
        i("i64x2.extmul_low_i32x4_u", &[0xfd, 222], Vector, "v128 v128", "v128", "Multiply the low 2 i32 lanes of two vectors as unsigned, giving 2 full-width i64 products."),
        i("i64x2.extmul_high_i32x4_u", &[0xfd, 223], Vector, "v128 v128", "v128", "Multiply the high 2 i32 lanes of two vectors as unsigned, giving 2 full-width i64 products."),
        i("f32x4.abs", &[0xfd, 224], Vector, "v128", "v128", "Absolute value of each f32 lane."),
        i("f32x4.neg", &[0xfd, 225], Vector, "v128", "v128", "Negate each f32 lane."),
        i("f32x4.sqrt", &[0xfd, 227], Vector, "v128", "v128", "Square root of each f32 lane."),
        i("f32x4.add", &[0xfd, 228], Vector, "v128 v128", "v128", "Add f32 lanes."),
        i("f32x4.sub", &[0xfd, 229], Vector, "v128 v128", "v128", "Subtract f32 lanes: a - b."),
        i("f32x4.mul", &[0xfd, 230], Vector, "v128 v128", "v128", "Multiply f32 lanes."),
        i("f32x4.div", &[0xfd, 231], Vector, "v128 v128", "v128", "Divide f32 lanes: a / b (no trap on zero)."),
        i("f32x4.min", &[0xfd, 232], Vector, "v128 v128", "v128", "The smaller of each pair of f32 lanes; NaN if either is NaN."),
        i("f32x4.max", &[0xfd, 233], Vector, "v128 v128", "v128", "The larger of each pair of f32 lanes; NaN if either is NaN."),
        i("f32x4.pmin", &[0xfd, 234], Vector, "v128 v128", "v128", "Pseudo-minimum of f32 lanes: b < a ? b : a (returns a when either is NaN)."),
        i("f32x4.pmax", &[0xfd, 235], Vector, "v128 v128", "v128", "Pseudo-maximum of f32 lanes: a < b ? b : a (returns a when either is NaN)."),
        i("f64x2.abs", &[0xfd, 236], Vector, "v128", "v128", "Absolute value of each f64 lane."),
        i("f64x2.neg", &[0xfd, 237], Vector, "v128", "v128", "Negate each f64 lane."),
        i("f64x2.sqrt", &[0xfd, 239], Vector, "v128", "v128", "Square root of each f64 lane."),
        i("f64x2.add", &[0xfd, 240], Vector, "v128 v128", "v128", "Add f64 lanes."),
        i("f64x2.sub", &[0xfd, 241], Vector, "v128 v128", "v128", "Subtract f64 lanes: a - b."),
        i("f64x2.mul", &[0xfd, 242], Vector, "v128 v128", "v128", "Multiply f64 lanes."),
        i("f64x2.div", &[0xfd, 243], Vector, "v128 v128", "v128", "Divide f64 lanes: a / b (no trap on zero)."),
        i("f64x2.min", &[0xfd, 244], Vector, "v128 v128", "v128", "The smaller of each pair of f64 lanes; NaN if either is NaN."),
        i("f64x2.max", &[0xfd, 245], Vector, "v128 v128", "v128", "The larger of each pair of f64 lanes; NaN if either is NaN."),
        i("f64x2.pmin", &[0xfd, 246], Vector, "v128 v128", "v128", "Pseudo-minimum of f64 lanes: b < a ? b : a (returns a when either is NaN)."),
        i("f64x2.pmax", &[0xfd, 247], Vector, "v128 v128", "v128", "Pseudo-maximum of f64 lanes: a < b ? b : a (returns a when either is NaN)."),
        i("i32x4.trunc_sat_f32x4_s", &[0xfd, 248], Vector, "v128", "v128", "Convert f32 lanes to signed i32, dropping the fraction; saturates and NaN gives 0."),
        i("i32x4.trunc_sat_f32x4_u", &[0xfd, 249], Vector, "v128", "v128", "Convert f32 lanes to unsigned i32, dropping the fraction; saturates and NaN gives 0."),
        i("f32x4.convert_i32x4_s", &[0xfd, 250], Vector, "v128", "v128", "Convert signed i32 lanes to f32 (rounded to nearest)."),
        i("f32x4.convert_i32x4_u", &[0xfd, 251], Vector, "v128", "v128", "Convert unsigned i32 lanes to f32 (rounded to nearest)."),
        i("i32x4.trunc_sat_f64x2_s_zero", &[0xfd, 252], Vector, "v128", "v128", "Convert the 2 f64 lanes to signed i32 in lanes 0-1 (saturating, NaN gives 0); lanes 2-3 become 0."),
        i("i32x4.trunc_sat_f64x2_u_zero", &[0xfd, 253], Vector, "v128", "v128", "Convert the 2 f64 lanes to unsigned i32 in lanes 0-1 (saturating, NaN gives 0); lanes 2-3 become 0."),
        i("f64x2.convert_low_i32x4_s", &[0xfd, 254], Vector, "v128", "v128", "Convert the low 2 signed i32 lanes to f64 (exact)."),
        i("f64x2.convert_low_i32x4_u", &[0xfd, 255], Vector, "v128", "v128", "Convert the low 2 unsigned i32 lanes to f64 (exact)."),
        i("i8x16.relaxed_swizzle", &[0xfd, 256], Vector, "v128 v128", "v128", "Like `i8x16.swizzle`, but an index of 16 or more gives 0 or some other byte, depending on the hardware."),
        i("i32x4.relaxed_trunc_f32x4_s", &[0xfd, 257], Vector, "v128", "v128", "Like `i32x4.trunc_sat_f32x4_s`, but NaN and out-of-range lanes give hardware-dependent results."),
        i("i32x4.relaxed_trunc_f32x4_u", &[0xfd, 258], Vector, "v128", "v128", "Like `i32x4.trunc_sat_f32x4_u`, but NaN and out-of-range lanes give hardware-dependent results."),
        i("i32x4.relaxed_trunc_f64x2_s_zero", &[0xfd, 259], Vector, "v128", "v128", "Like `i32x4.trunc_sat_f64x2_s_zero`, but NaN and out-of-range lanes give hardware-dependent results."),
        i("i32x4.relaxed_trunc_f64x2_u_zero", &[0xfd, 260], Vector, "v128", "v128", "Like `i32x4.trunc_sat_f64x2_u_zero`, but NaN and out-of-range lanes give hardware-dependent results."),
        i("f32x4.relaxed_madd", &[0xfd, 261], Vector, "v128 v128 v128", "v128", "Compute a * b + c on f32 lanes, rounding once or twice depending on the hardware."),
        i("f32x4.relaxed_nmadd", &[0xfd, 262], Vector, "v128 v128 v128", "v128", "Compute -(a * b) + c on f32 lanes, rounding once or twice depending on the hardware."),
        i("f64x2.relaxed_madd", &[0xfd, 263], Vector, "v128 v128 v128", "v128", "Compute a * b + c on f64 lanes, rounding once or twice depending on the hardware."),
        i("f64x2.relaxed_nmadd", &[0xfd, 264], Vector, "v128 v128 v128", "v128", "Compute -(a * b) + c on f64 lanes, rounding once or twice depending on the hardware."),
        i("i8x16.relaxed_laneselect", &[0xfd, 265], Vector, "v128 v128 v128", "v128", "Like `v128.bitselect`, meant for masks whose i8 lanes are all ones or all zeros; other masks give hardware-dependent results."),
        i("i16x8.relaxed_laneselect", &[0xfd, 266], Vector, "v128 v128 v128", "v128", "Like `v128.bitselect`, meant for masks whose i16 lanes are all ones or all zeros; other masks give hardware-dependent results."),
        i("i32x4.relaxed_laneselect", &[0xfd, 267], Vector, "v128 v128 v128", "v128", "Like `v128.bitselect`, meant for masks whose i32 lanes are all ones or all zeros; other masks give hardware-dependent results."),
        i("i64x2.relaxed_laneselect", &[0xfd, 268], Vector, "v128 v128 v128", "v128", "Like `v128.bitselect`, meant for masks whose i64 lanes are all ones or all zeros; other masks give hardware-dependent results."),
        i("f32x4.relaxed_min", &[0xfd, 269], Vector, "v128 v128", "v128", "Like `f32x4.min`, but the result for NaN or -0/+0 inputs depends on the hardware."),
        i("f32x4.relaxed_max", &[0xfd, 270], Vector, "v128 v128", "v128", "Like `f32x4.max`, but the result for NaN or -0/+0 inputs depends on the hardware."),
        i("f64x2.relaxed_min", &[0xfd, 271], Vector, "v128 v128", "v128", "Like `f64x2.min`, but the result for NaN or -0/+0 inputs depends on the hardware."),
        i("f64x2.relaxed_max", &[0xfd, 272], Vector, "v128 v128", "v128", "Like `f64x2.max`, but the result for NaN or -0/+0 inputs depends on the hardware."),
        i("i16x8.relaxed_q15mulr_s", &[0xfd, 273], Vector, "v128 v128", "v128", "Like `i16x8.q15mulr_sat_s`, but the overflowing case (-32768 * -32768) gives a hardware-dependent result."),
        i("i16x8.relaxed_dot_i8x16_i7x16_s", &[0xfd, 274], Vector, "v128 v128", "v128", "Multiply i8 lanes of a by 7-bit lanes of b and add adjacent pairs into 8 i16 lanes; b lanes with the top bit set give hardware-dependent results."),
        i("i32x4.relaxed_dot_i8x16_i7x16_add_s", &[0xfd, 275], Vector, "v128 v128 v128", "v128", "Multiply i8 lanes of a by 7-bit lanes of b, sum each group of 4 products into an i32 lane and add c; b lanes with the top bit set give hardware-dependent results."),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---- helpers -------------------------------------------------------------------------

    fn check_suggest(input: &str, expected: Option<&str>) {
        assert_eq!(suggest(input), expected, "suggest({input:?})");
    }

    /// The features wasmi 2.0 turns on (its `Config::default` with `simd`), plus wide
    /// arithmetic, which wasmi implements but leaves off by default.
    fn engine_features() -> wasmparser::WasmFeatures {
        use wasmparser::WasmFeatures as F;
        F::MUTABLE_GLOBAL
            | F::MULTI_VALUE
            | F::MULTI_MEMORY
            | F::SATURATING_FLOAT_TO_INT
            | F::SIGN_EXTENSION
            | F::BULK_MEMORY
            | F::REFERENCE_TYPES
            | F::GC_TYPES
            | F::TAIL_CALL
            | F::EXTENDED_CONST
            | F::FLOATS
            | F::MEMORY64
            | F::WIDE_ARITHMETIC
            | F::SIMD
            | F::RELAXED_SIMD
    }

    /// Immediates that make `name` well-formed inside [`module_for`]'s module. Locals are
    /// addressed past the parameters, where the module declares one extra `i32` local.
    fn immediates(name: &str, n_params: usize) -> String {
        let imm = match name {
            "local.get" | "local.set" | "local.tee" => return n_params.to_string(),
            "br" | "br_if" | "br_table" | "call" | "return_call" | "global.get" | "global.set" | "data.drop"
            | "elem.drop" | "ref.func" | "memory.init" | "table.init" | "i32.const" | "i64.const" | "f32.const"
            | "f64.const" => "0",
            "ref.null" => "func",
            "v128.const" => "i64x2 0 0",
            "i8x16.shuffle" => "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
            _ if name.contains("_lane") && !name.contains("laneselect") => "0",
            _ => "",
        };
        imm.to_string()
    }

    /// A module with one of everything an instruction may refer to (memory 0, table 0, a
    /// mutable i32 global 0, data segment 0, element segment 0 naming function 0) and one
    /// function with the given params, results and body.
    fn module_for(params: &[&str], results: &[&str], body: &str) -> String {
        format!(
            "(module (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0)) \
             (data \"abc\") (elem func 0) \
             (func (param {}) (result {}) (local i32) {body}))",
            params.join(" "),
            results.join(" ")
        )
    }

    fn encode(text: &str) -> Result<Vec<u8>, String> {
        let buf = wast::parser::ParseBuffer::new(text).map_err(|e| e.message())?;
        let mut wat: wast::Wat = wast::parser::parse(&buf).map_err(|e| e.message())?;
        wat.encode().map_err(|e| e.message())
    }

    fn validate(bytes: &[u8]) -> Result<(), String> {
        let mut validator = wasmparser::Validator::new_with_features(engine_features());
        validator.validate_all(bytes).map(drop).map_err(|e| e.message().to_string())
    }

    /// The opcode of the first instruction in the first function body: one byte, or a prefix
    /// byte and its LEB128 sub-opcode.
    fn first_opcode(bytes: &[u8]) -> Vec<u32> {
        for payload in wasmparser::Parser::new(0).parse_all(bytes) {
            if let wasmparser::Payload::CodeSectionEntry(body) = payload.expect("wast output parses") {
                let mut reader = body.get_binary_reader_for_operators().expect("body has locals");
                let first = reader.read_u8().expect("body has an instruction");
                return match first {
                    0xfb..=0xfe => vec![first.into(), reader.read_var_u32().expect("sub-opcode")],
                    _ => vec![first.into()],
                };
            }
        }
        panic!("no function body");
    }

    /// A signature with `t` read as `i32` and `ref` as `funcref`, which [`module_for`]'s
    /// table, global and extra local provide; `None` if it has a `*`.
    fn concrete(signature: &'static str) -> Option<Vec<&'static str>> {
        signature
            .split_whitespace()
            .map(|word| match word {
                "t" => Some("i32"),
                "ref" => Some("funcref"),
                "*" => None,
                _ => Some(word),
            })
            .collect()
    }

    // ---- the table -----------------------------------------------------------------------

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = all().iter().map(|i| i.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    #[test]
    fn opcodes_are_unique() {
        let mut opcodes: Vec<_> = all().iter().map(|i| i.opcode).collect();
        opcodes.sort();
        let before = opcodes.len();
        opcodes.dedup();
        assert_eq!(before, opcodes.len());
    }

    #[test]
    fn table_is_in_opcode_order() {
        assert!(all().windows(2).all(|w| w[0].opcode < w[1].opcode));
    }

    #[test]
    fn table_has_every_supported_instruction() {
        assert_eq!(all().len(), 462);
    }

    #[test]
    fn names_are_lowercase_words() {
        for instr in all() {
            assert!(instr.name.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_')), "{}", instr.name);
        }
    }

    #[test]
    fn summaries_are_single_sentences_ending_in_a_period() {
        for instr in all() {
            assert!(instr.summary.ends_with('.'), "{}", instr.name);
            assert!(!instr.summary.contains('\n'), "{}", instr.name);
            assert!(instr.summary.len() <= 180, "{}", instr.name);
        }
    }

    #[test]
    fn signature_words_come_from_the_documented_vocabulary() {
        for instr in all() {
            for word in instr.params.split_whitespace().chain(instr.results.split_whitespace()) {
                assert!(VALUE_TYPES.contains(&word) || matches!(word, "t" | "ref" | "*"), "{}: {word}", instr.name);
            }
        }
    }

    #[test]
    fn opcodes_have_one_byte_or_a_prefix_and_a_sub_opcode() {
        for instr in all() {
            match instr.opcode {
                [byte] => assert!(*byte < 0xfb, "{}", instr.name),
                [0xfc | 0xfd, _] => {}
                other => panic!("{}: {other:?}", instr.name),
            }
        }
    }

    #[test]
    fn simd_instructions_are_vector_or_memory() {
        for instr in all().iter().filter(|i| i.opcode[0] == 0xfd) {
            let expected = if instr.name.starts_with("v128.load") || instr.name.starts_with("v128.store") {
                Category::Memory
            } else {
                Category::Vector
            };
            assert_eq!(instr.category, expected, "{}", instr.name);
        }
    }

    // ---- agreement with wast and wasmparser -----------------------------------------------

    #[test]
    fn every_mnemonic_encodes_to_its_opcode() {
        let mut failures = Vec::new();
        for instr in all() {
            let text = format!("(module (func {} {}))", instr.name, immediates(instr.name, 0));
            match encode(&text) {
                Ok(bytes) if first_opcode(&bytes) == instr.opcode => {}
                Ok(bytes) => failures.push(format!("{}: {:?}", instr.name, first_opcode(&bytes))),
                Err(e) => failures.push(format!("{}: {e}", instr.name)),
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn sample_opcodes_match_the_spec() {
        // Written out from the spec's binary-format tables, independently of wast.
        let expected: &[(&str, &[u32])] = &[
            ("unreachable", &[0x00]),
            ("call", &[0x10]),
            ("return_call", &[0x12]),
            ("select", &[0x1b]),
            ("local.get", &[0x20]),
            ("table.get", &[0x25]),
            ("i64.load", &[0x29]),
            ("memory.grow", &[0x40]),
            ("i32.const", &[0x41]),
            ("i32.add", &[0x6a]),
            ("f64.promote_f32", &[0xbb]),
            ("i32.extend8_s", &[0xc0]),
            ("ref.null", &[0xd0]),
            ("ref.func", &[0xd2]),
            ("i32.trunc_sat_f32_s", &[0xfc, 0]),
            ("memory.init", &[0xfc, 8]),
            ("memory.copy", &[0xfc, 10]),
            ("table.fill", &[0xfc, 17]),
            ("i64.add128", &[0xfc, 19]),
            ("i64.mul_wide_u", &[0xfc, 22]),
            ("v128.load", &[0xfd, 0]),
            ("v128.const", &[0xfd, 12]),
            ("i8x16.shuffle", &[0xfd, 13]),
            ("i32x4.add", &[0xfd, 174]),
            ("f64x2.promote_low_f32x4", &[0xfd, 95]),
            ("i8x16.relaxed_swizzle", &[0xfd, 0x100]),
            ("i32x4.relaxed_dot_i8x16_i7x16_add_s", &[0xfd, 0x113]),
        ];
        for (name, opcode) in expected {
            assert_eq!(lookup(name).map(|i| i.opcode), Some(*opcode), "{name}");
        }
    }

    #[test]
    fn every_signature_without_star_validates() {
        // Pushing exactly `params` from locals and leaving exactly `results` is only valid if
        // both are right: a missing operand underflows and a spare value is left over.
        let mut n_checked = 0;
        let mut failures = Vec::new();
        for instr in all() {
            let (Some(params), Some(results)) = (concrete(instr.params), concrete(instr.results)) else {
                continue;
            };
            let pushes: String = (0..params.len()).map(|idx| format!("local.get {idx} ")).collect();
            let body = format!("{pushes}{} {}", instr.name, immediates(instr.name, params.len()));
            let bytes = encode(&module_for(&params, &results, &body)).expect("module encodes");
            if let Err(e) = validate(&bytes) {
                failures.push(format!("{}: [{}] -> [{}]: {e}", instr.name, instr.params, instr.results));
            }
            n_checked += 1;
        }
        assert!(failures.is_empty(), "{failures:#?}");
        assert_eq!(n_checked, all().iter().filter(|i| !i.params.contains('*')).count());
    }

    #[test]
    fn control_signatures_validate_in_context() {
        let cases: &[(&str, &str, &str)] = &[
            ("i32", "i32", "block (result i32) local.get 0 end"),
            ("i32", "i32", "local.get 0 if (result i32) i32.const 1 else i32.const 2 end"),
            ("i32", "", "loop local.get 0 br_if 0 end"),
            ("i32", "i32", "block (result i32) i32.const 7 local.get 0 br_if 0 end"),
            ("i32", "", "block local.get 0 br_table 0 0 end"),
            ("i32", "i32", "local.get 0 return"),
            ("i32", "i32", "local.get 0 call 0"),
            ("i32", "i32", "local.get 0 local.get 0 call_indirect (param i32) (result i32)"),
            ("i32", "i32", "local.get 0 return_call 0"),
            ("", "i32", "unreachable"),
        ];
        for (params, results, body) in cases {
            let params: Vec<&str> = params.split_whitespace().collect();
            let results: Vec<&str> = results.split_whitespace().collect();
            let bytes = encode(&module_for(&params, &results, body)).expect("module encodes");
            validate(&bytes).unwrap_or_else(|e| panic!("{body}: {e}"));
        }
    }

    #[test]
    fn ref_func_needs_the_function_mentioned_outside_code() {
        // Backs the claim in ref.func's summary.
        let bytes = encode("(module (func (result funcref) ref.func 0))").expect("encodes");
        assert!(validate(&bytes).is_err());
    }

    #[test]
    fn memory64_loads_take_an_i64_address() {
        // Backs the module docs: the table's `i32` addresses are for 32-bit memories.
        let text = "(module (memory i64 1) (func (param i64) (result i32) local.get 0 i32.load))";
        validate(&encode(text).expect("encodes")).expect("valid with memory64");
    }

    #[test]
    fn unsupported_mnemonics_are_wast_keywords() {
        for (name, _) in UNSUPPORTED {
            let text = format!("(module (func {name}))");
            if let Err(message) = encode(&text) {
                assert!(!message.contains("unknown operator"), "{name}: {message}");
            }
        }
    }

    #[test]
    fn unknown_mnemonics_are_rejected_by_wast() {
        // The keyword test above is only meaningful if wast does say this for a bad name.
        let message = encode("(module (func i32.addd))").expect_err("not an instruction");
        assert!(message.contains("unknown operator"), "{message}");
    }

    #[test]
    fn unsupported_mnemonics_are_not_in_the_table() {
        for (name, _) in UNSUPPORTED {
            assert!(lookup(name).is_none(), "{name}");
        }
    }

    #[test]
    fn unsupported_has_no_duplicates() {
        let mut names: Vec<_> = UNSUPPORTED.iter().map(|(n, _)| *n).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!((before, names.len()), (161, 161));
    }

    #[test]
    fn unsupported_names_the_proposal() {
        assert_eq!(unsupported("struct.new"), Some("garbage collection"));
        assert_eq!(unsupported("call_ref"), Some("typed function references"));
        assert_eq!(unsupported("try_table"), Some("exception handling"));
        assert_eq!(unsupported("i32.atomic.load"), Some("threads"));
        assert_eq!(unsupported("i32.add"), None);
    }

    // ---- lookup, complete, fixed_params ------------------------------------------------------

    #[test]
    fn lookup_finds_exact_names() {
        let add = lookup("i32.add").expect("i32.add is known");
        assert_eq!((add.opcode, add.category), (&[0x6a][..], Category::Numeric));
        assert_eq!((add.params, add.results), ("i32 i32", "i32"));
    }

    #[test]
    fn lookup_is_case_sensitive() {
        assert!(lookup("I32.add").is_none());
    }

    #[test]
    fn lookup_rejects_unknown_names() {
        assert!(lookup("i32.addd").is_none());
        assert!(lookup("").is_none());
    }

    #[test]
    fn lookup_knows_the_prefixed_families() {
        assert_eq!(lookup("memory.copy").map(|i| i.category), Some(Category::Memory));
        assert_eq!(lookup("v128.load").map(|i| i.category), Some(Category::Memory));
        assert_eq!(lookup("i8x16.add").map(|i| i.category), Some(Category::Vector));
        assert_eq!(lookup("i64.add128").map(|i| i.results), Some("i64 i64"));
    }

    #[test]
    fn complete_lists_i32_const() {
        let names: Vec<_> = complete("i32.co").map(|i| i.name).collect();
        assert!(names.contains(&"i32.const"), "{names:?}");
    }

    #[test]
    fn complete_only_returns_matching_names() {
        assert!(complete("i32.co").all(|i| i.name.starts_with("i32.co")));
    }

    #[test]
    fn complete_keeps_table_order() {
        let names: Vec<_> = complete("local.").map(|i| i.name).collect();
        assert_eq!(names, ["local.get", "local.set", "local.tee"]);
    }

    #[test]
    fn complete_ignores_case() {
        assert_eq!(complete("LOCAL.G").map(|i| i.name).collect::<Vec<_>>(), ["local.get"]);
    }

    #[test]
    fn complete_with_empty_prefix_lists_everything() {
        assert_eq!(complete("").count(), all().len());
    }

    #[test]
    fn complete_with_no_match_is_empty() {
        assert_eq!(complete("zzz").count(), 0);
    }

    #[test]
    fn fixed_params_of_a_binary_op() {
        assert_eq!(fixed_params("i32.add"), Some(vec!["i32", "i32"]));
    }

    #[test]
    fn fixed_params_of_a_store_put_the_address_first() {
        assert_eq!(fixed_params("i64.store"), Some(vec!["i32", "i64"]));
    }

    #[test]
    fn fixed_params_of_a_conversion() {
        assert_eq!(fixed_params("f64.convert_i32_u"), Some(vec!["i32"]));
    }

    #[test]
    fn fixed_params_of_nop_is_empty() {
        assert_eq!(fixed_params("nop"), Some(vec![]));
    }

    #[test]
    fn fixed_params_is_none_when_operands_vary() {
        for name in ["drop", "select", "local.set", "call", "br_if", "table.set", "ref.is_null"] {
            assert_eq!(fixed_params(name), None, "{name}");
        }
    }

    #[test]
    fn fixed_params_is_none_for_unknown_names() {
        assert_eq!(fixed_params("i32.addd"), None);
    }

    #[test]
    fn fixed_results_of_a_comparison_is_i32() {
        assert_eq!(lookup("f64.lt").and_then(|i| i.fixed_results()), Some(vec!["i32"]));
    }

    #[test]
    fn category_displays_lowercase() {
        assert_eq!(Category::Parametric.to_string(), "parametric");
    }

    // ---- suggest ---------------------------------------------------------------------------

    #[test]
    fn suggest_returns_a_correct_name_unchanged() {
        check_suggest("i32.add", Some("i32.add"));
    }

    #[test]
    fn suggest_fixes_case() {
        check_suggest("I32.add", Some("i32.add"));
        check_suggest("I32.ADD", Some("i32.add"));
    }

    #[test]
    fn suggest_fixes_a_missing_letter() {
        check_suggest("i32.ad", Some("i32.add"));
    }

    #[test]
    fn suggest_fixes_an_extra_letter() {
        check_suggest("i32.addd", Some("i32.add"));
    }

    #[test]
    fn suggest_fixes_swapped_letters() {
        check_suggest("i32.cosnt", Some("i32.const"));
    }

    #[test]
    fn suggest_fixes_an_underscore_for_the_dot() {
        check_suggest("i32_add", Some("i32.add"));
        check_suggest("local_get", Some("local.get"));
    }

    #[test]
    fn suggest_fixes_a_missing_dot() {
        check_suggest("i32add", Some("i32.add"));
        check_suggest("i32x4add", Some("i32x4.add"));
        check_suggest("memorygrow", Some("memory.grow"));
    }

    #[test]
    fn suggest_fixes_c_type_names() {
        check_suggest("int32.add", Some("i32.add"));
        check_suggest("float64.mul", Some("f64.mul"));
        check_suggest("int64_sub", Some("i64.sub"));
    }

    #[test]
    fn suggest_fixes_swapped_halves() {
        check_suggest("add.i32", Some("i32.add"));
    }

    #[test]
    fn suggest_reads_a_bare_operator_as_i32() {
        check_suggest("add", Some("i32.add"));
        check_suggest("const", Some("i32.const"));
    }

    #[test]
    fn suggest_maps_old_local_and_global_names() {
        check_suggest("get_local", Some("local.get"));
        check_suggest("set_local", Some("local.set"));
        check_suggest("tee_local", Some("local.tee"));
        check_suggest("get_global", Some("global.get"));
        check_suggest("set_global", Some("global.set"));
    }

    #[test]
    fn suggest_maps_old_memory_names() {
        check_suggest("current_memory", Some("memory.size"));
        check_suggest("grow_memory", Some("memory.grow"));
    }

    #[test]
    fn suggest_maps_old_slash_conversions() {
        check_suggest("i32.wrap/i64", Some("i32.wrap_i64"));
        check_suggest("i32.trunc_s/f32", Some("i32.trunc_f32_s"));
        check_suggest("i64.extend_u/i32", Some("i64.extend_i32_u"));
        check_suggest("i32.trunc_u:sat/f64", Some("i32.trunc_sat_f64_u"));
        check_suggest("f32.demote/f64", Some("f32.demote_f64"));
    }

    #[test]
    fn suggest_picks_signed_when_the_sign_is_missing() {
        check_suggest("i32.div", Some("i32.div_s"));
    }

    #[test]
    fn suggest_all_lists_both_signs() {
        assert_eq!(suggest_all("i32.div"), ["i32.div_s", "i32.div_u"]);
        assert_eq!(suggest_all("i64.load32"), ["i64.load32_s", "i64.load32_u"]);
        assert_eq!(suggest_all("i32.trunc_f32"), ["i32.trunc_f32_s", "i32.trunc_f32_u"]);
        assert_eq!(suggest_all("div"), ["i32.div_s", "i32.div_u"]);
    }

    #[test]
    fn suggest_all_is_one_name_for_a_plain_typo() {
        assert_eq!(suggest_all("i32.ad"), ["i32.add"]);
    }

    #[test]
    fn suggest_drops_a_sign_floats_do_not_have() {
        check_suggest("f32.div_s", Some("f32.div"));
    }

    #[test]
    fn suggest_fixes_control_typos() {
        check_suggest("blok", Some("block"));
        check_suggest("br_iff", Some("br_if"));
        check_suggest("unreachble", Some("unreachable"));
    }

    #[test]
    fn suggest_gives_up_on_garbage() {
        check_suggest("foo", None);
        check_suggest("xyz", None);
        check_suggest("hello", None);
        check_suggest("", None);
        check_suggest("   ", None);
    }

    #[test]
    fn suggest_says_nothing_for_unsupported_instructions() {
        check_suggest("struct.new", None);
        check_suggest("call_ref", None);
    }

    #[test]
    fn suggest_ignores_surrounding_spaces() {
        check_suggest(" i32.add ", Some("i32.add"));
    }

    #[test]
    fn every_name_suggests_itself() {
        for instr in all() {
            assert_eq!(suggest(instr.name), Some(instr.name));
        }
    }
}
