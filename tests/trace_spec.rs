//! The trap-locating rewrite (`trace::instrument`) on real code: every text module of the spec
//! test suite's passing files is instrumented, and the copy must validate with the engine's
//! feature set and have one probe entry per probed operator that names a real function.
//! A failure here means a trap in such a module would get no location (or a wrong one).

use std::path::Path;

use watlab::assemble::encode_module;
use watlab::source::SourceId;
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective, Wat};

#[test]
fn every_spec_module_instruments_to_a_valid_copy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The shared suite sits beside the main checkout, or two levels up from a worktree.
    let Some(suite) = ["../shared/testsuite", "../../shared/testsuite"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.join("expected-pass.txt").exists())
    else {
        eprintln!("skipped: the shared test suite is not present");
        return;
    };
    let list = std::fs::read_to_string(suite.join("expected-pass.txt")).unwrap();
    let (mut n_modules, mut n_funcs) = (0, 0);
    for rel in list.lines().filter(|l| !l.trim().is_empty()) {
        let text = std::fs::read_to_string(suite.join(rel)).unwrap();
        let mut buf = ParseBuffer::new(&text).unwrap();
        buf.track_instr_spans(true);
        let Ok(script) = parser::parse::<Wast>(&buf) else { continue };
        for directive in script.directives {
            let WastDirective::Module(QuoteWat::Wat(Wat::Module(mut module))) = directive else { continue };
            let Ok(assembly) = encode_module(SourceId(0), &text, &mut module) else { continue };
            if wasmparser::Validator::new_with_features(watlab::validate::features()).validate_all(&assembly.bytes).is_err() {
                continue;
            }
            let Some(copy) = watlab::trace::instrument(&assembly.bytes) else { continue };
            n_modules += 1;
            n_funcs += assembly.spans.funcs.len();
            if let Err(e) = wasmparser::Validator::new_with_features(watlab::validate::features()).validate_all(&copy.bytes) {
                panic!("{rel}: module {n_modules}: the copy does not validate: {e}");
            }
            // `(module binary ...)` has no text, so no spans to check the probes against.
            if !assembly.spans.funcs.is_empty() {
                let ok = copy.probes.iter().all(|(d, _)| (*d as usize) < assembly.spans.funcs.len());
                assert!(ok, "{rel}: module {n_modules}: a probe names a function that does not exist");
            }
        }
    }
    eprintln!("instrumented {n_modules} modules, {n_funcs} functions");
    assert!(n_modules > 500, "too few checked: {n_modules} modules, {n_funcs} functions");
}
