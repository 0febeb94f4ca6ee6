//! Whole scripts: parse, run every directive in order, count and collect what happened.
//!
//! A script with a syntax error still runs its other directives: the runner parses up to the
//! broken top-level item, runs what came before, reports the error against the text, and
//! carries on after the item. (The spec's runners stop at the first syntax error; a learner
//! gets more from seeing every problem at once.) The text after a broken item is parsed from a
//! copy whose earlier bytes are blanked to spaces, so every span still points into the
//! original script. The old `assert_uninstantiable` spelling is read as `assert_trap` on a
//! module, which is what it became in the spec.

use std::borrow::Cow;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use wast::parser::{self, ParseBuffer};
use wast::Wast;

use super::{scan, Outcome, WastContext};
use crate::assemble::parse_error;
use crate::diag::Diagnostic;
use crate::host::Output;
use crate::runtime::{Limits, Runtime};
use crate::source::{SourceId, SourceMap, Span};

/// Choices for [`run_script`].
#[derive(Debug, Clone, Default)]
pub struct ScriptOptions {
    /// Stop at the first failed directive.
    pub fail_fast: bool,
    /// When set by another thread, the running call stops at its next fuel slice.
    pub interrupt: Option<Arc<AtomicBool>>,
    /// Locate traps in the script's text modules, with their values (`watlab test`; see
    /// `WastContext::locate_modules`).
    pub locate: bool,
}

/// A directive that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The directive's keyword.
    pub span: Span,
    /// Why, naming the missing proposal.
    pub reason: String,
}

/// What running one script did, counted in directives.
#[derive(Debug, Clone)]
pub struct ScriptReport {
    /// The script's name.
    pub name: String,
    /// Its text in the `SourceMap` passed to [`run_script`].
    pub source: SourceId,
    /// Directives that passed.
    pub n_passed: usize,
    /// Of those, `(module ...)` directives: modules that loaded, which a learner does not
    /// count among the checks.
    pub n_modules: usize,
    /// Directives that failed, plus syntax errors (one per broken top-level item).
    pub n_failed: usize,
    /// Directives skipped because they need an unsupported proposal.
    pub n_skipped: usize,
    /// One diagnostic per failure, in script order.
    pub failures: Vec<Diagnostic>,
    /// Every skipped directive with its reason.
    pub skips: Vec<Skip>,
    /// What the script's modules printed through `spectest.print*` and `env.print*`.
    pub output: String,
    /// `fail_fast` stopped the script before its end.
    pub stopped_early: bool,
}

impl ScriptReport {
    /// No directive failed.
    pub fn ok(&self) -> bool {
        self.n_failed == 0
    }
}

/// Printed output, shared between the runtime's host functions and the report.
struct SharedOutput(Arc<Mutex<String>>);

impl Output for SharedOutput {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        if let Ok(mut out) = self.0.lock() {
            out.push_str(text);
        }
        Ok(())
    }
}

/// Runs a whole script text (the CLI and lesson checks use this); returns per-directive counts and diagnostics.
pub fn run_script(
    sources: &mut SourceMap,
    name: &str,
    text: &str,
    limits: Limits,
    options: &ScriptOptions,
) -> ScriptReport {
    let printed = Arc::new(Mutex::new(String::new()));
    let mut cx = WastContext::new(Runtime::new(limits, Box::new(SharedOutput(printed.clone()))));
    cx.locate_modules(options.locate);
    let mut report = run_script_in(&mut cx, sources, name, text, options);
    report.output = printed.lock().map(|s| s.clone()).unwrap_or_default();
    report
}

/// Runs a whole script text in `cx`, which may already hold a current module (a lesson's
/// checks run against the learner's module this way). The report's `output` is left empty:
/// what the programs print goes to the output `cx`'s runtime was made with.
pub fn run_script_in(
    cx: &mut WastContext,
    sources: &mut SourceMap,
    name: &str,
    text: &str,
    options: &ScriptOptions,
) -> ScriptReport {
    let source = sources.add(name, text);
    let cx = &mut *cx;
    let mut report = ScriptReport {
        name: name.to_string(),
        source,
        n_passed: 0,
        n_modules: 0,
        n_failed: 0,
        n_skipped: 0,
        failures: Vec::new(),
        skips: Vec::new(),
        output: String::new(),
        stopped_early: false,
    };
    let parse_text = with_modern_spellings(text);
    // A script of only comments has nothing to run; wast would read it as an empty inline
    // module and fail, which an empty file does not.
    let mut start = if scan::top_level(&parse_text).is_empty() { parse_text.len() } else { 0 };
    while start < parse_text.len() && !report.stopped_early {
        let rest = blank_before(&parse_text, start);
        match parse_and_run(cx, sources, source, &rest, &mut report, options) {
            Ok(()) => break,
            Err(err) => {
                // Run what parses before the broken item, report it, and go on after it.
                let at = err.span().offset();
                let items = scan::top_level(&rest);
                let bad = items.iter().find(|r| r.end > at).cloned().unwrap_or(at..parse_text.len());
                let bad = bad.start.max(start)..bad.end.max(at + 1).min(parse_text.len());
                let before = blank_before(&parse_text[..bad.start], start);
                if !scan::top_level(&before).is_empty() {
                    if let Err(e) = parse_and_run(cx, sources, source, &before, &mut report, options) {
                        record_syntax_error(sources, source, &e, &mut report, options);
                    }
                }
                if !report.stopped_early {
                    let legacy = uses_legacy_exceptions(&parse_text, at, bad.clone());
                    match &legacy {
                        Some(reason) => record(
                            &mut report,
                            error_span(source, at),
                            Outcome::Skipped { reason: reason.clone() },
                            options,
                        ),
                        None => record_syntax_error(sources, source, &err, &mut report, options),
                    }
                    mark_if_module(cx, &parse_text, bad.start, legacy);
                }
                start = ceil_char_boundary(&parse_text, bad.end.max(start + 1));
            }
        }
        if scan::top_level(&parse_text[start.min(parse_text.len())..]).is_empty() {
            break;
        }
    }
    report
}

/// Parses `text` (whole, or blanked up to some point) and runs its directives.
fn parse_and_run(
    cx: &mut WastContext,
    sources: &SourceMap,
    source: SourceId,
    text: &str,
    report: &mut ScriptReport,
    options: &ScriptOptions,
) -> Result<(), wast::Error> {
    // The spec's `names.wast` exports names made of bidirectional-control characters on purpose.
    let mut lexer = wast::lexer::Lexer::new(text);
    lexer.allow_confusing_unicode(true);
    let mut buf = ParseBuffer::new_with_lexer(lexer)?;
    buf.track_instr_spans(true);
    let wast: Wast<'_> = parser::parse(&buf)?;
    for directive in wast.directives {
        let span = Span::new(source, directive.span().offset()..directive.span().offset());
        let is_module = matches!(directive, wast::WastDirective::Module(_));
        let outcome = cx.run(sources, source, directive, options.interrupt.as_deref());
        if is_module && matches!(outcome, Outcome::Passed { .. }) {
            report.n_modules += 1;
        }
        record(report, span, outcome, options);
        if report.stopped_early {
            break;
        }
    }
    Ok(())
}

fn record(report: &mut ScriptReport, span: Span, outcome: Outcome, options: &ScriptOptions) {
    match outcome {
        Outcome::Passed { .. } => report.n_passed += 1,
        Outcome::Skipped { reason } => {
            report.n_skipped += 1;
            report.skips.push(Skip { span, reason });
        }
        Outcome::Failed(diag) => {
            report.n_failed += 1;
            report.failures.push(diag);
            report.stopped_early = options.fail_fast;
        }
    }
}

fn record_syntax_error(
    sources: &SourceMap,
    source: SourceId,
    err: &wast::Error,
    report: &mut ScriptReport,
    options: &ScriptOptions,
) {
    let text = sources.get(source).map_or("", |f| f.text.as_str());
    let diag = parse_error(source, text, err);
    record(report, Span::new(source, 0..0), Outcome::Failed(diag), options);
}

/// A module that does not parse still is "the current module" for the directives after it,
/// so they say that it failed rather than that there is none.
fn mark_if_module(cx: &mut WastContext, text: &str, start: usize, skip_reason: Option<String>) {
    if !text[start..].starts_with("(module") {
        return;
    }
    let name = scan::children(text, start + 1).first().map(|r| &text[r.clone()]).filter(|t| t.starts_with('$'));
    let (line, _) = crate::source::line_col(text, start);
    match skip_reason {
        Some(reason) => cx.mark_unparsed(name.map(|n| &n[1..]), reason, true),
        None => cx.mark_unparsed(name.map(|n| &n[1..]), format!("the module at line {line} does not parse"), false),
    }
}

fn error_span(source: SourceId, at: usize) -> Span {
    Span::new(source, at..at)
}

/// The legacy exception-handling syntax (`(try (do ...) (catch ...))`) is a proposal wasmi
/// lacks, and wast 263 no longer parses it: a syntax error at its keywords is a skip.
fn uses_legacy_exceptions(text: &str, at: usize, item: std::ops::Range<usize>) -> Option<String> {
    let word: String = text.get(at..)?.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    let keyword = matches!(word.as_str(), "do" | "catch" | "catch_all" | "delegate" | "rethrow" | "try");
    let has_try = text.get(item).is_some_and(|t| t.contains("(try") || t.contains(" try"));
    (keyword && has_try).then(|| {
        "uses the legacy exception-handling syntax (`try`, `do`, `catch`), which wasmi 2.0 does not support".to_string()
    })
}

fn ceil_char_boundary(text: &str, at: usize) -> usize {
    (at.min(text.len())..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len())
}

/// `text` with its first `start` bytes turned into spaces, so spans keep their offsets.
fn blank_before(text: &str, start: usize) -> Cow<'_, str> {
    if start == 0 {
        return Cow::Borrowed(text);
    }
    let start = (0..=start.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let mut s = String::with_capacity(text.len());
    s.extend(std::iter::repeat_n(' ', start));
    s.push_str(&text[start..]);
    Cow::Owned(s)
}

/// The spec renamed `assert_uninstantiable` to `assert_trap` on a module; wast 263 parses only
/// the new name. The rename is padded to the same length so offsets stay put.
fn with_modern_spellings(text: &str) -> Cow<'_, str> {
    const OLD: &str = "(assert_uninstantiable";
    const NEW: &str = "(assert_trap          ";
    if text.contains(OLD) {
        Cow::Owned(text.replace(OLD, NEW))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> ScriptReport {
        let mut sources = SourceMap::new();
        run_script(&mut sources, "t.wast", text, super::super::default_limits(), &ScriptOptions::default())
    }

    #[test]
    fn counts_directives() {
        let r = run(r#"(module (func (export "f") (result i32) i32.const 7))
            (assert_return (invoke "f") (i32.const 7))
            (assert_return (invoke "f") (i32.const 8))
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")"#);
        assert_eq!((r.n_passed, r.n_failed, r.n_skipped), (3, 1, 0));
    }

    #[test]
    fn a_script_of_comments_has_nothing_to_run() {
        for text in ["", ";; only a comment\n", "(; block ;) ;; and line\n"] {
            let r = run(text);
            assert_eq!((r.n_passed, r.n_failed, r.n_skipped), (0, 0, 0), "{text:?}: {:?}", r.failures);
        }
    }

    #[test]
    fn syntax_errors_do_not_stop_the_script() {
        let r = run(r#"(module (func (export "f") (result i32) i32.const 7))
            (assert_return (invoke "f") (i32.const oops))
            (assert_return (invoke "f") (i32.const 7))"#);
        assert_eq!((r.n_passed, r.n_failed), (2, 1), "{:?}", r.failures);
    }

    #[test]
    fn any_prefix_of_a_script_runs_without_panicking() {
        let text = r#"(module $m (memory 1) (func (export "f") (param i32) (result i32) (i32.load (local.get 0))))
            (assert_return (invoke $m "f" (i32.const 0)) (i32.const 0)) ;; é
            (register "m" $m) (module quote "(func") (module binary "\00asm\01")
            (assert_trap (invoke "f" (i32.const -1)) "out of bounds")"#;
        for end in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let r = run(&text[..end]);
            assert!(r.n_passed + r.n_failed + r.n_skipped <= 6, "{end}");
        }
    }

    #[test]
    fn scrambled_scripts_run_without_panicking() {
        let bytes = include_str!("../../../../tests/cli/test_pass.wast").as_bytes();
        let mut seed = 12345u32;
        for _ in 0..400 {
            let mut mutated = bytes.to_vec();
            for _ in 0..3 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let i = (seed as usize >> 8) % mutated.len();
                mutated[i] = b"()\"$ ;x0"[(seed as usize >> 4) % 8];
            }
            if let Ok(t) = std::str::from_utf8(&mutated) {
                run(t);
            }
        }
    }

    #[test]
    fn definitions_instances_and_globals() {
        let r = run(r#"(module definition $d (global (export "g") (mut i32) (i32.const 3))
              (func (export "bump") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))
            (module instance $a $d)
            (module instance $b $d)
            (invoke $a "bump")
            (assert_return (get $a "g") (i32.const 4))
            (assert_return (get $b "g") (i32.const 3))
            (module instance $c $missing)"#);
        assert_eq!((r.n_passed, r.n_failed), (6, 1), "{:?}", r.failures);
    }

    #[test]
    fn reference_results_and_externrefs() {
        let r = run(r#"(module
              (func (export "id") (param externref) (result externref) (local.get 0))
              (func (export "null") (result funcref) (ref.null func))
              (func $f) (elem declare func $f)
              (func (export "fn") (result funcref) (ref.func $f)))
            (assert_return (invoke "id" (ref.extern 7)) (ref.extern 7))
            (assert_return (invoke "id" (ref.extern 7)) (ref.extern))
            (assert_return (invoke "id" (ref.null extern)) (ref.null))
            (assert_return (invoke "null") (ref.null func))
            (assert_return (invoke "fn") (ref.func))
            (assert_return (invoke "id" (ref.extern 7)) (ref.extern 8))"#);
        assert_eq!((r.n_passed, r.n_failed), (6, 1), "{:?}", r.failures);
    }

    #[test]
    fn old_spelling_of_uninstantiable() {
        let r = run(r#"(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")"#);
        assert_eq!((r.n_passed, r.n_failed), (1, 0), "{:?}", r.failures);
    }

    #[test]
    fn unsupported_proposals_are_skipped() {
        let r = run(r#"(module (type $t (struct (field i32))) (func (export "f") (result i32) i32.const 1))
            (assert_return (invoke "f") (i32.const 1))
            (assert_exception (invoke "f"))"#);
        assert_eq!((r.n_passed, r.n_failed, r.n_skipped), (0, 0, 3), "{:?}", r.failures);
        assert!(r.skips[0].reason.contains("GC"), "{}", r.skips[0].reason);
    }
}
