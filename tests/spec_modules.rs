//! The core's location machinery, checked on real code: every text module of the spec test
//! suite's passing files is assembled, then
//! - each function body must have exactly one operator more (the implicit `end`) than
//!   instruction spans, every span inside the text (else a diagnostic would point at the wrong
//!   place);
//! - the trap-locating rewrite (`trace::instrument`) must give a copy that validates with the
//!   engine's features and whose probes name real functions (else a trap would get no location,
//!   or a wrong one).

use std::path::PathBuf;

use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective, Wat};
use watlab_core::assemble::{encode_module, Assembly};
use watlab_core::source::SourceId;

#[path = "support/testsuite.rs"]
mod support;

fn suite() -> PathBuf {
    support::testsuite()
}

/// Calls `check(file, text, assembly)` for every text module that assembles.
fn for_each_module(mut check: impl FnMut(&str, &str, &Assembly)) {
    let suite = suite();
    let list = std::fs::read_to_string(suite.join("expected-pass.txt")).unwrap();
    for rel in list.lines().filter(|l| !l.trim().is_empty()) {
        let text = std::fs::read_to_string(suite.join(rel)).unwrap();
        let mut buf = ParseBuffer::new(&text).unwrap();
        buf.track_instr_spans(true);
        // A few files need lexer options (confusing Unicode in names); the WAST runner covers them.
        let Ok(script) = parser::parse::<Wast>(&buf) else { continue };
        for directive in script.directives {
            let WastDirective::Module(QuoteWat::Wat(Wat::Module(mut module))) = directive else { continue };
            if let Ok(assembly) = encode_module(SourceId(0), &text, &mut module) {
                check(rel, &text, &assembly);
            }
        }
    }
}

#[test]
fn every_spec_function_pairs_operators_with_spans() {
    let (mut n_funcs, mut n_modules) = (0, 0);
    for_each_module(|rel, text, assembly| {
        n_modules += 1;
        for (k, f) in assembly.spans.funcs.iter().enumerate() {
            n_funcs += 1;
            assert_eq!(f.ops.len(), f.instrs.len() + 1, "{rel}: module {n_modules}, function {k}");
            assert!(f.instrs.iter().all(|s| s.end <= text.len()), "{rel}: span past the end");
        }
    });
    assert!(n_modules > 1000 && n_funcs > 4000, "too few checked: {n_modules} modules, {n_funcs} functions");
}

#[test]
fn every_spec_module_instruments_to_a_valid_copy() {
    let features = watlab_core::validate::features();
    let (mut n_modules, mut n_funcs) = (0, 0);
    for_each_module(|rel, _, assembly| {
        if wasmparser::Validator::new_with_features(features).validate_all(&assembly.bytes).is_err() {
            return;
        }
        let Some(copy) = watlab_core::trace::instrument(&assembly.bytes) else { return };
        n_modules += 1;
        n_funcs += assembly.spans.funcs.len();
        if let Err(e) = wasmparser::Validator::new_with_features(features).validate_all(&copy.bytes) {
            panic!("{rel}: module {n_modules}: the copy does not validate: {e}");
        }
        // `(module binary ...)` has no text, so no spans to check the probes against.
        if !assembly.spans.funcs.is_empty() {
            let ok = copy.probes.iter().all(|(d, _)| (*d as usize) < assembly.spans.funcs.len());
            assert!(ok, "{rel}: module {n_modules}: a probe names a function that does not exist");
        }
    });
    assert!(n_modules > 500, "too few checked: {n_modules} modules, {n_funcs} functions");
}
