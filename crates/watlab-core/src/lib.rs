//! watlab's WebAssembly core: everything about WebAssembly, nothing about terminals.
//!
//! It turns WAT text into checked, runnable modules and explains every problem against the
//! learner's own text: `assemble` (text to bytes, with a `SpanMap`), `validate`, `runtime`
//! (wasmi with limits, run in slices), `diag`/`render` (diagnostics as data, drawn to text),
//! `session` (the REPL's engine), `wast_runner`, `annotate`. It performs no I/O: no files,
//! terminal, threads or clocks (`clippy.toml` keeps them out), so it also builds for
//! `wasm32-unknown-unknown`. The `watlab` binary and, later, the browser build are its callers.
#![warn(missing_docs)]
// A `Diagnostic` is large, but it is the learner-mistake path, taken once per failure: boxing it
// would only add noise to every `?`.
#![allow(clippy::result_large_err)]

pub mod annotate;
pub mod assemble;
pub mod commands;
pub mod course;
pub mod diag;
pub mod explain;
pub mod host;
pub mod instr;
pub mod keywords;
pub mod lex;
pub mod print;
pub mod program;
pub mod render;
pub mod runtime;
pub mod segments;
pub mod session;
pub mod source;
pub mod span_map;
pub mod trace;
pub mod trap;
pub mod validate;
pub mod value;
pub mod wast_runner;
pub mod words;

/// The spec-suite locator shared with the workspace's tests (which may read the environment).
#[cfg(test)]
#[allow(clippy::disallowed_methods)]
#[path = "../../../tests/support/testsuite.rs"]
mod test_support;
