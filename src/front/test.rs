//! `watlab test`: run `.wast` scripts, one report line per file (`PASS name: 3 passed (1
//! module loaded)`: checks counted apart from the modules that loaded), failures as
//! diagnostics against the script text, and for several files a last line with the totals.
//!
//! Files are found in a stable (sorted) order and run on a few threads; each file's output is
//! rendered into a string by its worker and printed by the main thread in file order, so the
//! output never depends on scheduling. Running a script is the core's `wast_runner`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{read_input, report_tool_error, Status, Ui};
use crate::cli::LimitArgs;
use watlab_core::render::{render, Style};
use watlab_core::runtime::Limits;
use watlab_core::source::{line_col, SourceMap};
use watlab_core::wast_runner::{default_limits, run_script, ScriptOptions, ScriptReport};

/// `watlab test`'s command line (the help text is on `cli::Command::Test`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `.wast` files or directories holding them.
    #[arg(required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// Only run files whose path contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
    /// Stop at the first failure.
    #[arg(long)]
    pub fail_fast: bool,
    /// Print only failures and the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Limits.
    #[command(flatten)]
    pub limits: crate::cli::LimitArgs,
}

/// One file's result, rendered.
struct FileResult {
    text: String,
    /// Checks that passed (modules that loaded are counted apart, in `modules`).
    passed: usize,
    modules: usize,
    failed: usize,
    skipped: usize,
    tool_error: bool,
}

/// Runs every script under `paths`.
pub fn run(
    ui: &Ui,
    paths: &[PathBuf],
    filter: Option<&str>,
    fail_fast: bool,
    quiet: bool,
    limit_args: &LimitArgs,
) -> Status {
    let mut status = Status::Success;
    let mut files = Vec::new();
    let mut n_wat = 0;
    for path in paths {
        if let Err(e) = collect(path, &mut files, &mut n_wat) {
            report_tool_error(ui, &e);
            status = Status::ToolError;
        }
    }
    if let Some(f) = filter {
        files.retain(|p| p.to_string_lossy().contains(f));
    }
    if files.is_empty() {
        if status == Status::Success {
            let within = match paths {
                [one] if one.is_dir() => format!(" in `{}`", one.display()),
                _ => String::new(),
            };
            let what = filter.map_or(String::new(), |f| format!(" whose path contains `{f}`"));
            // A folder of .wat modules is the likely mix-up: say which commands take those.
            let hint = match n_wat {
                0 => String::new(),
                n => format!(
                    " (found {n} .wat file{}: `watlab test` runs .wast scripts; use `watlab check` or `watlab run` on a module)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            report_tool_error(ui, &anyhow::anyhow!("no .wast files found{within}{what}{hint}"));
        }
        return Status::ToolError;
    }
    let limits = super::limits_over(default_limits(), limit_args);
    let style = Style { color: ui.out_color, ..ui.err_style };
    let (totals, stopped) = run_files(&files, limits, style, fail_fast, quiet);
    let mut out = std::io::stdout().lock();
    if stopped {
        let _ = writeln!(out, "(--fail-fast: the remaining files were not run)");
    }
    // Each file's line already counts its checks: one file needs no total, unless `--quiet`
    // left out the line of a file that passed.
    if files.len() > 1 || (quiet && totals.failed == 0) {
        let counts = counts_text(totals.passed, totals.failed, totals.skipped, totals.modules);
        let _ = writeln!(out, "total over {}: {counts}", watlab_core::words::plural(files.len() as u64, "file"));
    }
    if totals.tool_error {
        status = Status::ToolError;
    }
    if totals.failed > 0 {
        status = status.max(Status::Failed);
    }
    status
}

#[derive(Default)]
struct Totals {
    passed: usize,
    modules: usize,
    failed: usize,
    skipped: usize,
    tool_error: bool,
}

/// Runs the files on worker threads and prints their results in file order.
fn run_files(files: &[PathBuf], limits: Limits, style: Style, fail_fast: bool, quiet: bool) -> (Totals, bool) {
    let n_workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut totals = Totals::default();
    let mut stopped = false;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, FileResult)>();
        for _ in 0..n_workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            // Scripts nest deeply at times; give the parser room beyond the default 2 MiB.
            let spawned = std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, move || loop {
                let idx = next.fetch_add(1, Ordering::SeqCst);
                if idx >= files.len() || stop.load(Ordering::SeqCst) {
                    return;
                }
                let result = run_file(&files[idx], limits, style, fail_fast, quiet);
                if tx.send((idx, result)).is_err() {
                    return;
                }
            });
            if spawned.is_err() {
                // Fewer workers is still correct; the others pick up the files.
                continue;
            }
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut printed = 0;
        let mut out = std::io::stdout().lock();
        for (idx, result) in rx {
            pending.insert(idx, result);
            while let Some(result) = pending.remove(&printed) {
                printed += 1;
                let _ = out.write_all(result.text.as_bytes());
                totals.passed += result.passed;
                totals.modules += result.modules;
                totals.failed += result.failed;
                totals.skipped += result.skipped;
                totals.tool_error |= result.tool_error;
                if fail_fast && (result.failed > 0 || result.tool_error) {
                    stop.store(true, Ordering::SeqCst);
                    stopped = printed < files.len();
                    return;
                }
            }
        }
    });
    (totals, stopped)
}

fn run_file(path: &Path, limits: Limits, style: Style, fail_fast: bool, quiet: bool) -> FileResult {
    let (name, bytes) = match read_input(path) {
        Ok(x) => x,
        Err(e) => {
            let mut text = format!("error: {e}");
            for cause in e.chain().skip(1) {
                text += &format!(": {cause}");
            }
            text.push('\n');
            return FileResult { text, passed: 0, modules: 0, failed: 0, skipped: 0, tool_error: true };
        }
    };
    let mut sources = SourceMap::new();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (l, c) = line_col(&String::from_utf8_lossy(&e.into_bytes()), at);
            let text = format!("FAIL {name}: not UTF-8 text (the first bad byte is at line {l}, column {c})\n");
            return FileResult { text, passed: 0, modules: 0, failed: 1, skipped: 0, tool_error: false };
        }
    };
    let options = ScriptOptions { fail_fast, interrupt: None, locate: true };
    let report = run_script(&mut sources, &name, &text, limits, &options);
    let text = render_report(&sources, &report, style, quiet);
    FileResult {
        text,
        passed: report.n_passed - report.n_modules,
        modules: report.n_modules,
        failed: report.n_failed,
        skipped: report.n_skipped,
        tool_error: false,
    }
}

/// `PASS name: 12 passed` (or `FAIL ...`), the failures, and why directives were skipped.
fn render_report(sources: &SourceMap, report: &ScriptReport, style: Style, quiet: bool) -> String {
    let mut out = Vec::new();
    if quiet && report.ok() {
        return String::new();
    }
    let (word, color) = if report.ok() { ("PASS", "\x1b[32m") } else { ("FAIL", "\x1b[1;31m") };
    let (on, off) = if style.color { (color, "\x1b[0m") } else { ("", "") };
    let counts = if report.n_passed + report.n_failed + report.n_skipped == 0 {
        // "0 passed" under PASS reads like a bug; say why there was nothing to check.
        "nothing to run: the script holds no modules or assertions".to_string()
    } else {
        counts_text(report.n_passed - report.n_modules, report.n_failed, report.n_skipped, report.n_modules)
    };
    let _ = writeln!(out, "{on}{word}{off} {}: {counts}", report.name);
    if !quiet {
        // Group skips by reason so a file of GC tests says "why" once, with where it starts.
        let mut reasons: Vec<(&str, usize, usize)> = Vec::new();
        for skip in &report.skips {
            match reasons.iter_mut().find(|(r, _, _)| *r == skip.reason) {
                Some(entry) => entry.1 += 1,
                None => reasons.push((&skip.reason, 1, sources.line_col(skip.span.source, skip.span.start).0)),
            }
        }
        for (reason, n, line) in reasons {
            let _ = writeln!(out, "  skipped {n} (from line {line}): {reason}");
        }
    }
    if !quiet && !report.output.is_empty() {
        // What `spectest.print_*` and `env.print_*` printed: learners debug with it, so keeping
        // it would make a print look broken.
        let _ = writeln!(out, "  printed:");
        for line in report.output.lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    for diag in &report.failures {
        let _ = render(&mut out, sources, &report.name, diag, style);
    }
    if report.stopped_early {
        let _ = writeln!(out, "  stopped at the first failure (--fail-fast)");
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `3 passed, 1 failed, 2 skipped (1 module loaded)`: checks (assertions and actions) that
/// passed, directives that failed or were skipped, and modules that loaded, which are not
/// checks of their own.
fn counts_text(passed: usize, failed: usize, skipped: usize, modules: usize) -> String {
    let mut counts = format!("{passed} passed");
    if failed > 0 {
        counts += &format!(", {failed} failed");
    }
    if skipped > 0 {
        counts += &format!(", {skipped} skipped");
    }
    if modules > 0 {
        counts += &format!(" ({} loaded)", watlab_core::words::plural(modules as u64, "module"));
    }
    counts
}

/// Adds `path` (a file, `-`, or a directory walked for `.wast` files in sorted order), and
/// counts the `.wat` files the walk passes over for the "no .wast files" hint.
fn collect(path: &Path, files: &mut Vec<PathBuf>, n_wat: &mut usize) -> anyhow::Result<()> {
    use anyhow::Context;
    if path == Path::new("-") || !path.is_dir() {
        if path != Path::new("-") && !path.exists() {
            anyhow::bail!("cannot read `{}`: no such file or directory", path.display());
        }
        files.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("cannot read the directory `{}`", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, files, n_wat)?;
        } else if entry.extension().is_some_and(|e| e == "wast") {
            files.push(entry);
        } else if entry.extension().is_some_and(|e| e == "wat") {
            *n_wat += 1;
        }
    }
    Ok(())
}
