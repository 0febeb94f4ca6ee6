//! Assembling a generated module of several megabytes: watlab's `assemble` (wast parse, encode,
//! and the instruction span map) against `wat::parse_str` alone on the same text.
//!
//! Target: watlab within 1.2x of `wat::parse_str`. Run with
//! `cargo bench --bench assemble`; the README's "Performance" section records the figures.

use std::sync::LazyLock;

use divan::{black_box, Bencher};
use watlab::source::SourceId;

#[path = "support/gen_module.rs"]
mod gen_module;

/// About 4.5 MB of text.
const N_FUNCS: usize = 5_000;

static TEXT: LazyLock<String> = LazyLock::new(|| {
    let text = gen_module::module(N_FUNCS);
    // Both sides must do the full job; a module that fails early would measure nothing.
    let bytes = wat::parse_str(&text).expect("the generated module assembles");
    wasmparser::validate(&bytes).expect("the generated module is valid");
    eprintln!("generated module: {} functions, {:.1} MB of text, {:.1} MB of wasm",
        N_FUNCS, text.len() as f64 / 1e6, bytes.len() as f64 / 1e6);
    text
});

fn main() {
    LazyLock::force(&TEXT);
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn wat_parse_str(bencher: Bencher) {
    bencher.bench(|| wat::parse_str(black_box(TEXT.as_str())).expect("assembles"));
}

#[divan::bench(sample_count = 20)]
fn watlab_assemble(bencher: Bencher) {
    bencher.bench(|| watlab::assemble::assemble(SourceId(0), black_box(TEXT.as_str())).expect("assembles"));
}
