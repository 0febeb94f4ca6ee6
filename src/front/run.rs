//! `watlab run`: instantiate a module and call its entry point or a named export.

use std::io::Write;
use std::path::Path;

use super::{load_or_report, read_or_report, report_tool_error, Status, Ui};
use watlab_core::host::Output;
use watlab_core::program::{list_exported_funcs, parse_args};
use watlab_core::runtime::{Limits, Runtime, TrapKind};
use watlab_core::source::SourceMap;
use watlab_core::value::DisplayTyped;

/// `watlab run`'s command line (the help text is on `cli::Command::Run`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The `.wat` or `.wasm` file (`-` for stdin).
    pub file: std::path::PathBuf,
    /// The exported function to call.
    #[arg(long, value_name = "NAME")]
    pub invoke: Option<String>,
    /// Arguments for the function, in WAT number syntax (7, -5, 0x1f, 1.5, inf, nan).
    // `allow_negative_numbers` only knows digits: `-inf`, `-nan` and `-0x10` are values too (issue 9).
    #[arg(value_name = "ARG", allow_hyphen_values = true)]
    pub args: Vec<String>,
    /// Limits.
    #[command(flatten)]
    pub limits: crate::cli::LimitArgs,
}

/// Program output goes straight to stdout, so long-running programs show progress.
pub struct Stdout;

impl Output for Stdout {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        std::io::stdout().lock().write_all(text.as_bytes())
    }
}

/// Runs `file`.
pub fn run(ui: &Ui, file: &Path, invoke: Option<&str>, args: &[String], limits: Limits) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    let program = match load_or_report(ui, &mut sources, &name, bytes) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let mut runtime = Runtime::for_batch(limits, Box::new(Stdout));
    let (_module, instance) = match program.instantiate(&sources, &mut runtime) {
        Ok(x) => x,
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::Failed;
        }
    };
    let (entry, args): (String, &[String]) = match invoke {
        Some(entry) => (entry.to_string(), args),
        None => {
            if !args.is_empty() {
                report_tool_error(
                    ui,
                    &anyhow::anyhow!("arguments were given but no function: add `--invoke NAME` before them"),
                );
                return Status::ToolError;
            }
            match ["_start", "main"].into_iter().find(|n| instance.get_func(runtime.store(), n).is_some()) {
                Some(n) => (n.to_string(), &[]),
                None => {
                    if program.has_start() {
                        return Status::Success;
                    }
                    return list_entry_points(&runtime, &instance, &name);
                }
            }
        }
    };
    let func = match program.export_func(&runtime, &instance, &entry) {
        Ok(f) => f,
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::ToolError;
        }
    };
    let ty = func.ty(runtime.store());
    let values = match parse_args(&entry, &ty, args) {
        Ok(v) => v,
        Err(d) if invoke.is_none() => {
            let d =
                d.with_help(format!("give its arguments after --invoke: `watlab run {name} --invoke {entry} ARG...`"));
            ui.report(&sources, &name, &d);
            return Status::ToolError;
        }
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::ToolError;
        }
    };
    match runtime.call(func, &values, None) {
        Ok(results) => {
            let mut out = std::io::stdout().lock();
            for r in &results {
                if writeln!(out, "{}", DisplayTyped(r)).is_err() {
                    break;
                }
            }
            Status::Success
        }
        Err(trap) if trap.kind == TrapKind::OutputClosed => Status::Success,
        Err(trap) => {
            let called = watlab_core::trace::Entry::Export { name: &entry, args: &values };
            let d = program.trap_diagnostic(&sources, &trap, runtime.limits(), called, &format!("`{entry}`"));
            ui.report(&sources, &name, &d);
            Status::Failed
        }
    }
}

fn list_entry_points(runtime: &Runtime, instance: &wasmi::Instance, name: &str) -> Status {
    let funcs = list_exported_funcs(runtime, instance);
    let mut err = std::io::stderr().lock();
    if funcs.is_empty() {
        let _ = writeln!(
            err,
            "{name} has no start function, no `_start` or `main`, and exports no functions: nothing to run."
        );
        let _ = writeln!(
            err,
            "Export a function, e.g. (func (export \"main\") ...), then run it with `watlab run {name}`."
        );
        return Status::Success;
    }
    let _ = writeln!(err, "{name} has no start function and no `_start` or `main` export. It exports:");
    for f in &funcs {
        let _ = writeln!(err, "  {f}");
    }
    let first = funcs[0].split(" : ").next().unwrap_or("NAME");
    let _ = writeln!(err, "Call one with: watlab run {name} --invoke {first} ARG...");
    Status::Success
}
