//! The assertions: `assert_return`, `assert_trap` and `assert_exhaustion`, `assert_invalid` and
//! `assert_malformed`, `assert_unlinkable`. Each runs its action through the context and turns
//! a mismatch into a diagnostic that shows the expected part of the directive underlined,
//! with expected and actual values (and their types) side by side.

use std::sync::atomic::AtomicBool;

use wast::{QuoteWat, WastExecute, WastRet};

use super::modules::{self, Failure, Script};
use super::{messages, scan, values, ExecError, Outcome, WastContext};
use crate::diag::{code, Diagnostic};
use crate::value::{type_name, DisplayVal};
use wasmi::Val;

impl WastContext {
    pub(super) fn assert_rejected(
        &mut self,
        s: Script<'_>,
        span: wast::token::Span,
        module: &mut QuoteWat<'_>,
        message: &str,
        kind: &str,
    ) -> Outcome {
        let encoded = match modules::encode(s, module) {
            Ok(encoded) => encoded,
            Err(Failure::Skip(reason)) => return Outcome::Skipped { reason },
            Err(
                Failure::Rejected { message, .. }
                | Failure::Unlinkable { message, .. }
                | Failure::Trapped { message, .. },
            ) => return Outcome::note(format!("rejected as expected: {message}")),
        };
        match modules::check(&encoded.bytes) {
            modules::Check::Invalid => return Outcome::passed(),
            modules::Check::Unsupported(reason) => return Outcome::Skipped { reason: format!("the module {reason}") },
            modules::Check::Valid => {}
        }
        if self.runtime.compile(&encoded.bytes).is_err() {
            return Outcome::passed();
        }
        let items = scan::children(s.text, span.offset());
        let mut d = Diagnostic::error(
            code::ASSERTION,
            format!("the module is accepted, but the script expects it to be {kind}"),
        )
        .with_primary(encoded.span, "this module is accepted");
        if let Some(r) = items.last().filter(|r| s.text[r.start..].starts_with('"')) {
            d = d.with_secondary(s.range(r.clone()), "the expected error");
        }
        Outcome::Failed(d.with_note(format!("expected the error \"{message}\"")))
    }

    pub(super) fn assert_unlinkable(
        &mut self,
        s: Script<'_>,
        span: wast::token::Span,
        module: &mut wast::Wat<'_>,
        message: &str,
    ) -> Outcome {
        let result = modules::encode_wat(s, module).and_then(|encoded| {
            let compiled = modules::compile(s, &self.runtime, &encoded, true)?;
            modules::instantiate(s, &mut self.runtime, &encoded, &compiled, &self.skipped_names).map(|_| encoded.span)
        });
        let actual = match result {
            Ok(at) => {
                return Outcome::Failed(
                    Diagnostic::error(code::ASSERTION, "the module linked, but the script expects linking to fail")
                        .with_primary(at, "this module linked and instantiated")
                        .with_note(format!("expected the error \"{message}\"")),
                )
            }
            Err(Failure::Unlinkable { message, diag } | Failure::Trapped { message, diag }) => (message, diag),
            Err(other) => return ExecError::from(other).into_outcome(),
        };
        self.compare_message(s, span, "linking failed with", message, actual)
    }

    pub(super) fn assert_trap(
        &mut self,
        s: Script<'_>,
        span: wast::token::Span,
        exec: &mut WastExecute<'_>,
        message: &str,
        interrupt: Option<&AtomicBool>,
    ) -> Outcome {
        let what = exec_words(exec);
        // Only the trap's message is compared: its place and values would be work for nothing.
        self.expecting_trap = true;
        let result = self.execute(s, exec, interrupt);
        self.expecting_trap = false;
        match result {
            Ok(values) => {
                let shown: Vec<String> =
                    values.iter().map(|v| values::show_actual(self.runtime.store(), v, None)).collect();
                let got = if shown.is_empty() {
                    "finished without trapping".to_string()
                } else {
                    format!("returned {}", shown.join(", "))
                };
                Outcome::Failed(
                    Diagnostic::error(code::ASSERTION, format!("{what} {got}, but the script expects a trap"))
                        .with_primary(s.span(exec.span()), "did not trap")
                        .with_note(format!("expected the trap \"{message}\"")),
                )
            }
            Err(ExecError::Trap { message: actual, diag }) => {
                self.compare_message(s, span, &format!("{what} trapped with"), message, (actual, diag))
            }
            Err(e) => e.into_outcome(),
        }
    }

    /// Passes when `actual` satisfies `expected`; otherwise shows both against the script.
    /// `happened` says what produced `actual`: "`f` trapped with", "linking failed with".
    fn compare_message(
        &self,
        s: Script<'_>,
        span: wast::token::Span,
        happened: &str,
        expected: &str,
        (actual, diag): (String, Diagnostic),
    ) -> Outcome {
        if messages::matches(expected, &actual) {
            return Outcome::passed();
        }
        let items = scan::children(s.text, span.offset());
        let at = items.last().map_or(s.span(span), |r| s.range(r.clone()));
        let d = Diagnostic::error(
            code::ASSERTION,
            format!("{happened} \"{actual}\", but the script expects \"{expected}\""),
        )
        .with_primary(at, "the expected message")
        .with_note(format!("the actual failure: {}", diag.message));
        Outcome::Failed(d)
    }

    pub(super) fn assert_return(
        &mut self,
        s: Script<'_>,
        span: wast::token::Span,
        exec: &mut WastExecute<'_>,
        results: &[WastRet<'_>],
        interrupt: Option<&AtomicBool>,
    ) -> Outcome {
        let what = exec_words(exec);
        let exec_span = s.span(exec.span());
        let actual = match self.execute(s, exec, interrupt) {
            Ok(values) => values,
            Err(e) => return e.into_outcome(),
        };
        let mut patterns = Vec::with_capacity(results.len());
        for r in results {
            match values::core_pattern(r) {
                Ok(p) => patterns.push(p),
                Err(reason) => return Outcome::Skipped { reason },
            }
        }
        let store = self.runtime.store();
        let expected_words = || patterns.iter().map(|p| values::show_pattern(p)).collect::<Vec<_>>().join(", ");
        let actual_words = || {
            actual
                .iter()
                .enumerate()
                .map(|(i, v)| values::show_actual(store, v, patterns.get(i).copied()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let items = scan::children(s.text, span.offset());
        if patterns.len() != actual.len() {
            let mut d = Diagnostic::error(
                code::ASSERTION,
                format!(
                    "{what} returned {}, but the script expects {}",
                    count_words(actual.len()),
                    count_words(patterns.len())
                ),
            )
            .with_primary(exec_span, "called here")
            .with_note(format!("expected: [{}]\n  actual: [{}]", expected_words(), actual_words()));
            // Forgetting the expected results is the usual cause; show how they are written.
            let consts: Option<Vec<String>> = actual.iter().map(wat_const).collect();
            if patterns.len() < actual.len() {
                if let Some(consts) = consts.filter(|c| !c.is_empty()) {
                    d = d.with_help(format!(
                        "list every result after the call, such as: (assert_return {} {})",
                        exec_source(s, items.first()),
                        consts.join(" ")
                    ));
                }
            }
            return Outcome::Failed(d);
        }
        let mut first_bad = None;
        for (i, (p, v)) in patterns.iter().zip(&actual).enumerate() {
            match values::matches(store, p, v) {
                Ok(true) => {}
                Ok(false) => {
                    first_bad.get_or_insert(i);
                }
                Err(reason) => return Outcome::Skipped { reason },
            }
        }
        let Some(bad) = first_bad else {
            return Outcome::Passed { values: actual, note: None, module: None };
        };
        let at = items.get(bad + 1).map_or(exec_span, |r| s.range(r.clone()));
        let got = values::show_actual(store, &actual[bad], Some(patterns[bad]));
        let which =
            if patterns.len() == 1 { String::new() } else { format!(" (result {} of {})", bad + 1, patterns.len()) };
        let mut d = Diagnostic::error(
            code::ASSERTION,
            format!("{what} returned {got}{which}, but the script expects {}", values::show_pattern(patterns[bad])),
        )
        .with_primary(at, format!("expected {}", values::show_pattern(patterns[bad])))
        .with_secondary(exec_span, format!("returned {got}"));
        // With one result the message and the labels already say both; the side-by-side list
        // only helps when there are several.
        if patterns.len() > 1 {
            d = d.with_note(format!("expected: {}\n  actual: {}", expected_words(), actual_words()));
        }
        let actual_type = type_name(actual[bad].ty());
        if let Some(expected_type) = values::pattern_type(patterns[bad]).filter(|t| *t != actual_type) {
            let result = if patterns.len() == 1 { "its result".to_string() } else { format!("result {}", bad + 1) };
            d = d.with_help(format!(
                "{result} is {}, not {}: write the expected value as ({actual_type}.const …)",
                article(actual_type),
                article(expected_type)
            ));
        }
        Outcome::Failed(d)
    }
}

/// "an i32", "a v128".
fn article(ty: &str) -> String {
    if ty.starts_with('v') {
        format!("a {ty}")
    } else {
        format!("an {ty}")
    }
}

/// "no values", "1 value", "2 values".
fn count_words(n: usize) -> String {
    match n {
        0 => "no values".into(),
        1 => "1 value".into(),
        n => format!("{n} values"),
    }
}

/// `(i32.const 3)`: a result written the way a script expects it; `None` for references that
/// have no constant form.
fn wat_const(v: &Val) -> Option<String> {
    match v {
        Val::FuncRef(r) if !r.is_null() => None,
        Val::ExternRef(r) if !r.is_null() => None,
        Val::FuncRef(_) | Val::ExternRef(_) => Some(format!("({})", DisplayVal(v))),
        _ => Some(format!("({}.const {})", type_name(v.ty()), DisplayVal(v))),
    }
}

/// The call as the learner wrote it (the directive's first item), on one line; long calls are
/// cut short.
fn exec_source(s: Script<'_>, item: Option<&std::ops::Range<usize>>) -> String {
    let text = item.and_then(|r| s.text.get(r.clone())).unwrap_or("(…)");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 60 {
        let head: String = text.chars().take(50).collect();
        format!("{head}…)")
    } else {
        text
    }
}

/// "`f`", "the global `g`" or "the module": what an assertion ran.
fn exec_words(exec: &WastExecute<'_>) -> String {
    match exec {
        WastExecute::Invoke(i) => format!("`{}`", i.name),
        WastExecute::Get { global, .. } => format!("the global `{global}`"),
        WastExecute::Wat(_) => "the module".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_suggested_as_script_constants() {
        assert_eq!(wat_const(&Val::I32(3)).as_deref(), Some("(i32.const 3)"));
        assert_eq!(wat_const(&Val::F64(wasmi::F64::from(2.5))).as_deref(), Some("(f64.const 2.5)"));
        assert_eq!(wat_const(&Val::FuncRef(wasmi::Nullable::Null)).as_deref(), Some("(ref.null func)"));
        assert_eq!(count_words(0), "no values");
        assert_eq!(count_words(1), "1 value");
        assert_eq!(article("i32"), "an i32");
        assert_eq!(article("v128"), "a v128");
    }
}
