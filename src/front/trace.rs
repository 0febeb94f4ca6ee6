//! `watlab run --trace`: the call runs on the core's recording copy and every executed
//! instruction prints as one line on stdout (see `watlab_core::trace::tracer`), then a closing
//! line with the counts. Runs without `--trace` never come here and are not instrumented.

use std::io::Write;
use std::sync::{Arc, Mutex};

use wasmi::Val;

use super::{Status, Ui};
use watlab_core::program::Program;
use watlab_core::runtime::{Limits, Progress};
use watlab_core::source::SourceMap;
use watlab_core::trace::record::Recorder;
use watlab_core::trace::tracer::{Counts, Tracer};
use watlab_core::trace::Recordable;
use watlab_core::value::DisplayTyped;

/// Lines a trace prints unless `--trace-limit` says otherwise: enough to follow a small
/// program, few enough to scroll back through.
pub const DEFAULT_TRACE_LIMIT: u64 = 1000;

/// `run`'s tracing options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TraceArgs {
    /// Print every instruction the call runs: place, instruction, value stack after it.
    #[arg(long)]
    pub trace: bool,
    /// Print at most N trace lines (default 1000); the rest are counted.
    #[arg(long, value_name = "N", requires = "trace")]
    pub trace_limit: Option<u64>,
    /// Trace only instructions of this function ($name or export name).
    #[arg(long, value_name = "NAME", requires = "trace")]
    pub trace_func: Option<String>,
}

/// Program output while tracing: stdout, like the trace lines, so they interleave in order.
struct Stdout;

impl watlab_core::host::Output for Stdout {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        std::io::stdout().lock().write_all(text.as_bytes())
    }
}

/// Runs export `entry` of `program` with `values`, tracing.
pub fn run(
    ui: &Ui,
    program: &Program,
    sources: &SourceMap,
    entry: &str,
    values: &[Val],
    limits: Limits,
    opts: &TraceArgs,
) -> Status {
    let Some(rec) = Recordable::new(&program.bytes, program.spans.as_ref(), sources) else {
        super::report_tool_error(ui, &anyhow::anyhow!("this module cannot be traced (it defines no functions)"));
        return Status::ToolError;
    };
    let only = match &opts.trace_func {
        None => None,
        Some(name) => match rec.find_func(name) {
            Some(d) => Some(d),
            None => {
                let names: Vec<&str> = rec.listing.funcs.iter().map(String::as_str).collect();
                let bare: Vec<&str> = names.iter().map(|n| n.trim_start_matches('$')).collect();
                let hint = watlab_core::words::closest(name.trim_start_matches('$'), bare.iter().copied())
                    .map(|n| format!(": did you mean `${n}`?"))
                    .unwrap_or_else(|| format!(" (functions: {})", names.join(", ")));
                super::report_tool_error(ui, &anyhow::anyhow!("--trace-func: no function named `{name}`{hint}"));
                return Status::ToolError;
            }
        },
    };
    let limit = opts.trace_limit.unwrap_or(DEFAULT_TRACE_LIMIT);
    let counts = Arc::new(Mutex::new(Counts::default()));
    let out = Box::new(|line: &str| writeln!(std::io::stdout().lock(), "{line}").is_ok());
    let tracer = Tracer::new(rec.listing.clone(), rec.probed.clone(), only, limit, out, counts.clone());
    let mut recorder = match Recorder::new(rec.probed.clone(), limits, Box::new(Stdout), Box::new(tracer)) {
        Ok(r) => r,
        Err(e) => {
            super::report_tool_error(ui, &anyhow::anyhow!("the traced copy could not start: {e}"));
            return Status::ToolError;
        }
    };
    let Some(mut call) = recorder.begin(entry, values) else { return Status::ToolError };
    let outcome = loop {
        match recorder.resume(&mut call) {
            Progress::Paused { .. } => continue,
            Progress::Finished(results) => break Ok(results),
            Progress::Trapped(trap) => break Err(trap),
        }
    };
    let counts = *counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", counts.closing_line(limit, "--trace-limit N"));
    match outcome {
        Ok(results) => {
            for r in &results {
                if writeln!(out, "{}", DisplayTyped(r)).is_err() {
                    break;
                }
            }
            Status::Success
        }
        Err(trap) if trap.kind == watlab_core::runtime::TrapKind::OutputClosed => Status::Success,
        Err(trap) => {
            drop(out);
            let called = watlab_core::trace::Entry::Export { name: entry, args: values };
            let d = program.trap_diagnostic(sources, &trap, limits, called, &format!("`{entry}`"));
            ui.report(sources, &program.name, &d);
            Status::Failed
        }
    }
}
