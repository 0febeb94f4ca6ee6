//! watlab: an educational WebAssembly workbench.
//!
//! The core turns WAT text into checked, runnable modules and explains every problem against
//! the learner's own text: `assemble` (text to bytes, with a `SpanMap`), `validate`,
//! `runtime` (wasmi with limits), `diag`/`render` (diagnostics). `front` holds the command-line
//! front ends; only they perform terminal and file I/O.
#![warn(missing_docs)]
// A `Diagnostic` is large, but it is the learner-mistake path, taken once per failure: boxing it
// would only add noise to every `?`.
#![allow(clippy::result_large_err)]

pub mod annotate;
pub mod assemble;
pub mod cli;
pub mod commands;
pub mod diag;
pub mod front;
pub mod host;
pub mod instr;
pub mod lex;
pub mod program;
pub mod render;
pub mod repl;
pub mod runtime;
pub mod segments;
pub mod session;
pub mod source;
pub mod span_map;
pub mod trace;
pub mod trap;
pub mod validate;
pub mod wast_runner;
pub mod value;
