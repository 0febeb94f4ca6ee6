//! Where the official spec test suite is, for every test and benchmark that reads it.
//!
//! `WATLAB_TESTSUITE` wins; else `shared/testsuite` beside the checkout (one level up from the
//! workspace root, two from a git worktree). A missing suite is a failure with a clear message,
//! never a silently skipped test. Included with `#[path]` by the tests and benches that need it.

use std::path::{Path, PathBuf};

/// The suite's folder (the one holding `expected-pass.txt`).
///
/// # Panics
/// When no candidate holds the suite: the tests that need it must not pass without it.
pub fn testsuite() -> PathBuf {
    // The workspace root: the nearest folder above the package holding `Cargo.lock`.
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.ancestors().find(|d| d.join("Cargo.lock").is_file()).unwrap_or(manifest);
    let candidates = [
        std::env::var_os("WATLAB_TESTSUITE").map(PathBuf::from),
        Some(root.join("../shared/testsuite")),
        // A git worktree sits one level deeper than the main checkout.
        Some(root.join("../../shared/testsuite")),
    ];
    let tried: Vec<PathBuf> = candidates.into_iter().flatten().collect();
    match tried.iter().find(|p| p.join("expected-pass.txt").is_file()) {
        Some(p) => p.clone(),
        None => panic!(
            "the spec test suite is missing: looked in {} (set WATLAB_TESTSUITE to its folder)",
            tried.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}
