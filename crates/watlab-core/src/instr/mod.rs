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

mod suggest;
mod table;
#[cfg(test)]
mod tests;
mod unsupported;

pub use suggest::{current_name, suggest, suggest_all};
pub use unsupported::UNSUPPORTED;
