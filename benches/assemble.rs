//! Assembling a generated module of several megabytes: watlab's `assemble` (wast parse, encode,
//! and the instruction span map) against `wat::parse_str` alone on the same text.
//!
//! Target: watlab within 1.2x of `wat::parse_str`. Run with
//! `cargo bench --bench assemble`; the README's "Performance" section records the figures.

use std::sync::LazyLock;

use divan::{black_box, Bencher};
use watlab_core::source::SourceId;

#[path = "support/gen_module.rs"]
mod gen_module;

/// About 4.5 MB of text.
const N_FUNCS: usize = 5_000;

static TEXT: LazyLock<String> = LazyLock::new(|| {
    let text = gen_module::module(N_FUNCS);
    // Both sides must do the full job; a module that fails early would measure nothing.
    let bytes = wat::parse_str(&text).expect("the generated module assembles");
    wasmparser::validate(&bytes).expect("the generated module is valid");
    eprintln!(
        "generated module: {} functions, {:.1} MB of text, {:.1} MB of wasm",
        N_FUNCS,
        text.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6
    );
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
    bencher.bench(|| watlab_core::assemble::assemble(SourceId(0), black_box(TEXT.as_str())).expect("assembles"));
}

/// Where watlab's extra time goes: `assemble` rebuilt step by step.
mod steps {
    use super::*;
    use wast::parser::{self, ParseBuffer};

    /// wast parse and encode, optionally recording instruction spans and building the span map.
    fn encode(text: &str, instr_spans: bool, span_map: bool) -> usize {
        let mut buf = ParseBuffer::new(text).expect("lexes");
        buf.track_instr_spans(instr_spans);
        let mut wat = parser::parse::<wast::Wat>(&buf).expect("parses");
        let wast::Wat::Module(module) = &mut wat else { unreachable!("the generated text is a module") };
        let bytes = module.encode().expect("encodes");
        if span_map {
            black_box(watlab_core::span_map::SpanMap::build(SourceId(0), text.len(), module, &bytes));
        }
        bytes.len()
    }

    #[divan::bench(sample_count = 10)]
    fn lex_tokens(bencher: Bencher) {
        bencher.bench(|| watlab_core::lex::tokens(black_box(TEXT.as_str())).len());
    }

    #[divan::bench(sample_count = 10)]
    fn wast_encode(bencher: Bencher) {
        bencher.bench(|| encode(black_box(TEXT.as_str()), false, false));
    }

    #[divan::bench(sample_count = 10)]
    fn wast_encode_with_instr_spans(bencher: Bencher) {
        bencher.bench(|| encode(black_box(TEXT.as_str()), true, false));
    }

    #[divan::bench(sample_count = 10)]
    fn wast_encode_with_span_map(bencher: Bencher) {
        bencher.bench(|| encode(black_box(TEXT.as_str()), true, true));
    }
}
