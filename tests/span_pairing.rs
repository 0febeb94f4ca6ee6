//! The operator/instruction pairing behind every located diagnostic, checked on real code:
//! every text module in the spec test suite's passing files is assembled, and each function
//! body must have exactly one operator more (the implicit `end`) than instruction spans, with
//! every span inside the text. A failure here means a diagnostic would point at the wrong place.

use std::path::Path;

use watlab::assemble::encode_module;
use watlab::source::SourceId;
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective, Wat};

#[test]
fn every_spec_function_pairs_operators_with_spans() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testsuite");
    let list = std::fs::read_to_string(suite.join("expected-pass.txt")).expect("the shared test suite is present");
    let (mut n_funcs, mut n_modules) = (0, 0);
    for rel in list.lines().filter(|l| !l.trim().is_empty()) {
        let text = std::fs::read_to_string(suite.join(rel)).unwrap();
        let mut buf = ParseBuffer::new(&text).unwrap();
        buf.track_instr_spans(true);
        // A few files need lexer options (confusing Unicode in names); the WAST runner covers them.
        let Ok(script) = parser::parse::<Wast>(&buf) else { continue };
        for directive in script.directives {
            let WastDirective::Module(QuoteWat::Wat(Wat::Module(mut module))) = directive else { continue };
            let Ok(assembly) = encode_module(SourceId(0), &text, &mut module) else { continue };
            n_modules += 1;
            for (k, f) in assembly.spans.funcs.iter().enumerate() {
                n_funcs += 1;
                assert_eq!(f.ops.len(), f.instrs.len() + 1, "{rel}: module {n_modules}, function {k}");
                assert!(f.instrs.iter().all(|s| s.end <= text.len()), "{rel}: span past the end");
            }
        }
    }
    assert!(n_modules > 1000 && n_funcs > 4000, "too few checked: {n_modules} modules, {n_funcs} functions");
}
