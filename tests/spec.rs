//! Conformance: the official spec test suite through the WAST runner.
//!
//! Reads the suite from `../shared/testsuite/` (beside the project; see its README for where it
//! came from and what a wasmi 2.0 runner passes). Every file in `expected-pass.txt` and
//! `expected-pass-simd.txt`, plus the custom-page-sizes and wide-arithmetic proposal files, must
//! run with no failed directive; the few directives skipped there test only how a proposal
//! wasmi lacks interacts with core rules, and must say which proposal. The "partly passing"
//! Wasm 3.0 files must also run without a failure, with their GC, function-reference and
//! exception directives reported as skipped. The README's "Conformance" table holds the counts.

use std::path::{Path, PathBuf};

use watlab_core::source::SourceMap;
use watlab_core::wast_runner::{default_limits, run_script, ScriptOptions, ScriptReport};

/// The Wasm 3.0 revisions of core files that mix in unsupported proposals.
const PARTLY_PASSING: &[&str] = &[
    "br_table.wast",
    "data.wast",
    "elem.wast",
    "global.wast",
    "imports.wast",
    "instance.wast",
    "linking.wast",
    "local_init.wast",
    "ref.wast",
    "ref_is_null.wast",
    "ref_null.wast",
    "table.wast",
    "table-sub.wast",
    "table_init.wast",
    "table_init64.wast",
    "unreached-valid.wast",
];

const PROPOSAL_FILES: &[&str] = &[
    "proposals/custom-page-sizes/custom-page-sizes.wast",
    "proposals/custom-page-sizes/custom-page-sizes-invalid.wast",
    "proposals/custom-page-sizes/memory_max.wast",
    "proposals/custom-page-sizes/memory_max_i64.wast",
    "proposals/wide-arithmetic/wide-arithmetic.wast",
];

#[path = "support/testsuite.rs"]
mod support;

fn suite() -> PathBuf {
    support::testsuite()
}

fn list(root: &Path, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(name)).expect("list file");
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// Runs `files` on two threads; the reports come back in file order.
fn run_all(root: &Path, files: &[String]) -> Vec<(String, ScriptReport, SourceMap)> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            std::thread::Builder::new()
                .stack_size(16 << 20)
                .spawn_scoped(scope, || loop {
                    let idx = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(file) = files.get(idx) else { return };
                    let text = std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
                    let mut sources = SourceMap::new();
                    let report = run_script(&mut sources, file, &text, default_limits(), &ScriptOptions::default());
                    results.lock().unwrap().push((idx, file.clone(), report, sources));
                })
                .expect("spawn a test thread");
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(_, f, r, s)| (f, r, s)).collect()
}

fn describe_failures(results: &[(String, ScriptReport, SourceMap)]) -> String {
    let mut out = String::new();
    for (file, report, sources) in results {
        for diag in report.failures.iter().take(3) {
            let style =
                watlab_core::render::Style { format: watlab_core::render::ErrorFormat::Short, ..Default::default() };
            out += &format!("{file}: {}", watlab_core::render::render_to_string(sources, file, diag, style));
        }
    }
    out
}

#[test]
fn expected_pass_files_pass_in_full() {
    let root = suite();
    let mut files = list(&root, "expected-pass.txt");
    files.extend(list(&root, "expected-pass-simd.txt"));
    files.extend(PROPOSAL_FILES.iter().map(|f| f.to_string()));
    assert_eq!(files.len(), 218);
    let results = run_all(&root, &files);
    let failed: usize = results.iter().map(|r| r.1.n_failed).sum();
    assert_eq!(failed, 0, "failures:\n{}", describe_failures(&results));
    let (mut passed, mut skipped) = (0, 0);
    for (file, report, _) in &results {
        passed += report.n_passed;
        skipped += report.n_skipped;
        for skip in &report.skips {
            assert!(skip.reason.contains("proposal"), "{file}: skipped without naming a proposal: {}", skip.reason);
        }
    }
    // The figures in the README's conformance table.
    assert_eq!((passed, skipped), (61_676, 8));
}

#[test]
fn partly_passing_files_skip_only_unsupported_proposals() {
    let root = suite();
    let files: Vec<String> = PARTLY_PASSING.iter().map(|f| f.to_string()).collect();
    let results = run_all(&root, &files);
    let failed: usize = results.iter().map(|r| r.1.n_failed).sum();
    assert_eq!(failed, 0, "failures:\n{}", describe_failures(&results));
    for (file, report, _) in &results {
        assert!(report.n_skipped > 0, "{file}: expected its unsupported-proposal directives to be skipped");
        for skip in &report.skips {
            assert!(skip.reason.contains("proposal"), "{file}: skipped without naming a proposal: {}", skip.reason);
        }
    }
}
