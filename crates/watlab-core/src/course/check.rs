//! Checking a learner's module against a lesson: load it as `watlab check` would, make it the
//! current module of a WAST context, run the lesson's `checks.wast` through the same runner as
//! `watlab test`, then the lesson's rules on how. Every failure is a [`Diagnostic`] against
//! the learner's file or the checks (both in the caller's `SourceMap`), rendered as anywhere
//! else.

use std::sync::{Arc, Mutex};

use super::rules::check_rules;
use super::Lesson;
use crate::diag::Diagnostic;
use crate::host::Output;
use crate::program::Program;
use crate::runtime::{Limits, Runtime};
use crate::source::SourceMap;
use crate::wast_runner::{run_script_in, ScriptOptions, WastContext};

/// How far a check got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The module did not assemble, validate, link or instantiate.
    Module,
    /// The module loaded, and an assertion of `checks.wast` failed.
    Checks,
    /// Every assertion passed, and a rule on how failed.
    Rules,
    /// Everything passed.
    Passed,
}

/// What checking one module against one lesson found.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// Where it stopped.
    pub stage: Stage,
    /// Why, one diagnostic per failure (empty when passed).
    pub failures: Vec<Diagnostic>,
    /// Directives of `checks.wast` that passed.
    pub n_passed: usize,
    /// Directives of `checks.wast` that failed.
    pub n_failed: usize,
    /// What the module printed while the checks ran.
    pub output: String,
}

impl CheckOutcome {
    /// Everything passed.
    pub fn passed(&self) -> bool {
        self.stage == Stage::Passed
    }

    fn stopped(stage: Stage, failures: Vec<Diagnostic>) -> CheckOutcome {
        CheckOutcome { stage, failures, n_passed: 0, n_failed: 0, output: String::new() }
    }
}

struct SharedOutput(Arc<Mutex<String>>);

impl Output for SharedOutput {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        if let Ok(mut out) = self.0.lock() {
            // A module printing in a loop must not fill the memory; the start is what helps.
            if out.len() < 64 * 1024 {
                out.push_str(text);
            }
        }
        Ok(())
    }
}

/// Checks `text` (the learner's module, shown as `file_name`) against `lesson` under `limits`
/// (the `watlab test` defaults suit). The texts are added to `sources`.
pub fn check_text(
    sources: &mut SourceMap,
    lesson: &Lesson,
    file_name: &str,
    text: &str,
    limits: Limits,
) -> CheckOutcome {
    let program = match Program::load(sources, file_name, text.as_bytes().to_vec()) {
        Ok(p) => p,
        Err(d) => return CheckOutcome::stopped(Stage::Module, vec![d]),
    };
    let printed = Arc::new(Mutex::new(String::new()));
    let mut cx = WastContext::new(Runtime::new(limits, Box::new(SharedOutput(printed.clone()))));
    let instance = match program.instantiate(sources, cx.runtime_mut()) {
        Ok((_, instance)) => instance,
        // A start function that printed before it trapped: its output is shown with the trap.
        Err(d) => {
            let output = printed.lock().map(|s| s.clone()).unwrap_or_default();
            return CheckOutcome { output, ..CheckOutcome::stopped(Stage::Module, vec![d]) };
        }
    };
    match &program.spans {
        Some(spans) => cx.set_current_located(instance, program.bytes.clone(), spans.clone()),
        None => cx.set_current(instance),
    }
    let checks_name = format!("{}/checks.wast", lesson.dir);
    let report = run_script_in(&mut cx, sources, &checks_name, &lesson.checks, &ScriptOptions::default());
    let output = printed.lock().map(|s| s.clone()).unwrap_or_default();
    let mut outcome = CheckOutcome {
        stage: Stage::Checks,
        failures: report.failures,
        n_passed: report.n_passed,
        n_failed: report.n_failed,
        output,
    };
    if outcome.n_failed > 0 {
        return outcome;
    }
    outcome.failures = check_rules(sources, &program, &lesson.rules, limits);
    outcome.stage = if outcome.failures.is_empty() { Stage::Passed } else { Stage::Rules };
    outcome
}
