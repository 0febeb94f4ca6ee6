//! How long the spec suite's expected-pass list takes through the WAST runner.
//!
//! `whole_list` runs the 218 files that pass in full (both lists plus the custom-page-sizes and
//! wide-arithmetic files) the way `watlab test` does: parse, assemble, validate, instantiate and
//! run every directive, two files at a time. `whole_list_one_thread` runs them one after another.
//! The suite is read from `../shared/testsuite/` (or `WATLAB_TESTSUITE`); the README's
//! "Conformance" section quotes the figures.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use watlab_core::source::SourceMap;
use watlab_core::wast_runner::{default_limits, run_script, ScriptOptions};

fn main() {
    divan::main();
}

#[path = "../tests/support/testsuite.rs"]
mod support;

fn suite() -> PathBuf {
    support::testsuite()
}

/// The texts of every file in the list, read once outside the timed part.
fn texts() -> Vec<(String, String)> {
    let root = suite();
    let mut names: Vec<String> = Vec::new();
    for list in ["expected-pass.txt", "expected-pass-simd.txt"] {
        let text = std::fs::read_to_string(root.join(list)).expect("list file");
        names.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from));
    }
    for extra in ["custom-page-sizes", "custom-page-sizes-invalid", "memory_max", "memory_max_i64"] {
        names.push(format!("proposals/custom-page-sizes/{extra}.wast"));
    }
    names.push("proposals/wide-arithmetic/wide-arithmetic.wast".into());
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(root.join(&n)).expect("suite file");
            (n, text)
        })
        .collect()
}

fn run_one(name: &str, text: &str) -> usize {
    let mut sources = SourceMap::new();
    let report = run_script(&mut sources, name, text, default_limits(), &ScriptOptions::default());
    assert_eq!(report.n_failed, 0, "{name}");
    report.n_passed
}

#[divan::bench(sample_count = 5)]
fn whole_list(bencher: divan::Bencher) {
    let files = texts();
    bencher.bench(|| {
        let next = AtomicUsize::new(0);
        let passed = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..2 {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, || {
                        while let Some((name, text)) = files.get(next.fetch_add(1, Ordering::SeqCst)) {
                            passed.fetch_add(run_one(name, text), Ordering::SeqCst);
                        }
                    })
                    .expect("spawn a bench thread");
            }
        });
        passed.into_inner()
    });
}

#[divan::bench(sample_count = 3)]
fn whole_list_one_thread(bencher: divan::Bencher) {
    let files = texts();
    bencher.bench(|| files.iter().map(|(name, text)| run_one(name, text)).sum::<usize>());
}
