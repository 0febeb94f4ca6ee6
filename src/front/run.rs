//! `watlab run`: instantiate a module and call its entry point or a named export.

use std::io::Write;
use std::path::Path;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use wasmi::Val;

use super::{load_or_report, read_or_report, report_tool_error, Status, Ui};
use watlab_core::host::Output;
use watlab_core::program::{list_exported_funcs, parse_args};
use watlab_core::runtime::{Limits, Runtime, TrapKind};
use watlab_core::source::SourceMap;
use watlab_core::trace::Entry;
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
    /// Stop the program after this many seconds (default 10), or `none`. Runs are not metered
    /// unless --fuel is given, so they go at the engine's full speed.
    #[arg(long, value_name = "SECONDS|none", value_parser = parse_timeout)]
    pub timeout: Option<Timeout>,
    /// Limits.
    #[command(flatten)]
    pub limits: crate::cli::LimitArgs,
    /// Tracing.
    #[command(flatten)]
    pub trace: super::trace::TraceArgs,
}

/// A `--timeout` value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timeout {
    /// Stop after this long.
    After(Duration),
    /// Never stop for time.
    Never,
}

/// How long a run may take unless `--timeout` says otherwise: long enough for honest work of
/// several seconds, short enough that a loop that never exits ends while the learner waits.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

fn parse_timeout(s: &str) -> Result<Timeout, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Timeout::Never);
    }
    match s.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 1e9 => Ok(Timeout::After(Duration::from_secs_f64(secs))),
        Ok(_) => Err("give a number of seconds above 0, such as 10 or 0.5, or `none`".into()),
        Err(_) => Err("expected a number of seconds, such as 10 or 0.5, or `none`".into()),
    }
}

/// Program output goes straight to stdout, so long-running programs show progress.
pub struct Stdout;

impl Output for Stdout {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        std::io::stdout().lock().write_all(text.as_bytes())
    }
}

/// Output thrown away: the start function's, when the traced copy prints it again.
struct Discard;

impl Output for Discard {
    fn write_str(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// Why the watchdog wakes up before its time.
enum Stop {
    /// The program ended by itself.
    Done,
    /// Ctrl-C.
    Interrupted,
}

/// Runs `file` with `limits` (fuel `None`: unmetered) for at most `timeout`.
///
/// The program runs on this thread; a watchdog thread waits for it to end, for Ctrl-C, or for
/// the time limit. An unmetered wasmi call cannot be stopped from outside, so when the limit
/// passes or Ctrl-C comes, the watchdog finds where the program is (the same call re-run on an
/// instrumented copy for a fraction of a second), prints that, and ends the process: output
/// printed before stays. Metering every run instead would cost 10-30% on tight loops.
pub fn run(
    ui: &Ui,
    file: &Path,
    invoke: Option<&str>,
    args: &[String],
    limits: Limits,
    timeout: Timeout,
    trace: &super::trace::TraceArgs,
) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    let program = match load_or_report(ui, &mut sources, &name, bytes) {
        Ok(p) => p,
        Err(status) => return status,
    };
    let entry: Mutex<Option<(String, Vec<Val>)>> = Mutex::new(None);
    let (tx, rx) = mpsc::channel::<Stop>();
    let to_watchdog = tx.clone();
    // A second handler cannot be set; then Ctrl-C simply ends the process.
    let _ = ctrlc::set_handler(move || {
        let _ = to_watchdog.send(Stop::Interrupted);
    });
    let started = Instant::now();
    std::thread::scope(|scope| {
        let this = This { ui, program: &program, sources: &sources, running: &entry, limits, trace };
        scope.spawn(move || watchdog(this, rx, timeout, started));
        let status = call(this, &name, invoke, args);
        let _ = tx.send(Stop::Done);
        status
    })
}

/// What the running call and the watchdog share, borrowed from `run`'s frame.
#[derive(Clone, Copy)]
struct This<'a> {
    ui: &'a Ui,
    program: &'a watlab_core::program::Program,
    sources: &'a SourceMap,
    /// The export being called and its arguments; `None` while the start function runs.
    running: &'a Mutex<Option<(String, Vec<Val>)>>,
    limits: Limits,
    trace: &'a super::trace::TraceArgs,
}

/// Instantiates the program and calls its entry point, recording which call runs for the
/// watchdog.
fn call(this: This<'_>, name: &str, invoke: Option<&str>, args: &[String]) -> Status {
    let This { ui, program, sources, running, limits, trace } = this;
    let name = name.to_string();
    // A traced run prints from the recording copy, which runs the start function again.
    let output: Box<dyn Output> = if trace.trace { Box::new(Discard) } else { Box::new(Stdout) };
    let mut runtime = Runtime::for_batch(limits, output);
    let (_module, instance) = match program.instantiate(sources, &mut runtime) {
        Ok(x) => x,
        Err(d) => {
            ui.report(sources, &name, &d);
            return Status::Failed;
        }
    };
    let (entry, args): (String, &[String]) = match invoke {
        Some(entry) => (entry.to_string(), args),
        None => {
            if !args.is_empty() {
                let exported = list_exported_funcs(&runtime, &instance);
                let is_func = |line: &String| line.split(" : ").next() == Some(args[0].as_str());
                let file = watlab_core::words::shown_name(&program.name);
                let message = if exported.iter().any(is_func) {
                    format!(
                        "`{}` is a function: name it with `--invoke`, as in `watlab run {file} --invoke {}`",
                        args[0],
                        args.join(" ")
                    )
                } else {
                    "arguments were given but no function: add `--invoke NAME` before them".to_string()
                };
                report_tool_error(ui, &anyhow::anyhow!(message));
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
            ui.report(sources, &name, &d);
            return Status::ToolError;
        }
    };
    let ty = func.ty(runtime.store());
    let values = match parse_args(&entry, &ty, args) {
        Ok(v) => v,
        Err(d) if invoke.is_none() => {
            let d =
                d.with_help(format!("give its arguments after --invoke: `watlab run {name} --invoke {entry} ARG...`"));
            ui.report(sources, &name, &d);
            return Status::ToolError;
        }
        Err(d) => {
            ui.report(sources, &name, &d);
            return Status::ToolError;
        }
    };
    if let Ok(mut slot) = running.lock() {
        *slot = Some((entry.clone(), values.clone()));
    }
    if trace.trace {
        return super::trace::run(ui, program, sources, &entry, &values, limits, trace);
    }
    let started = Instant::now();
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
        Err(mut trap) => {
            // An unmetered run counts no fuel, but the trace's re-run needs a budget that
            // reaches the trap: estimate the work from the time it took.
            if trap.fuel_used == 0 && runtime.limits().fuel.is_none() {
                let secs = started.elapsed().as_secs_f64();
                let estimate = (secs * watlab_core::runtime::FUEL_PER_SECOND as f64) as u64;
                // The clock is a rough measure: a busy machine stretches a short run past the
                // work a re-run for values is allowed, and the values would be left out at
                // random. A run up to ten times that long counts as that much (a re-run that
                // then falls short of the trap shows no values); a longer one keeps its estimate.
                let cap = watlab_core::trace::values::MAX_RERUN_WORK;
                trap.fuel_used = if estimate <= cap.saturating_mul(10) { estimate.min(cap) } else { estimate };
            }
            let called = watlab_core::trace::Entry::Export { name: &entry, args: &values };
            let d = program.trap_diagnostic(sources, &trap, runtime.limits(), called, &format!("`{entry}`"));
            ui.report(sources, &name, &d);
            Status::Failed
        }
    }
}

/// Waits for the run to end; at Ctrl-C or when `timeout` passes, says where the program was
/// and ends the process with status 1.
fn watchdog(this: This<'_>, rx: mpsc::Receiver<Stop>, timeout: Timeout, started: Instant) {
    let This { ui, program, sources, running, limits, .. } = this;
    let woke = match timeout {
        Timeout::After(limit) => rx.recv_timeout(limit),
        Timeout::Never => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
    };
    let kind = match woke {
        Ok(Stop::Done) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
        Ok(Stop::Interrupted) => TrapKind::Interrupted,
        Err(mpsc::RecvTimeoutError::Timeout) => TrapKind::TimedOut {
            millis: match timeout {
                Timeout::After(limit) => limit.as_millis() as u64,
                Timeout::Never => 0,
            },
        },
    };
    let elapsed = started.elapsed();
    let _ = std::io::stdout().flush();
    let running = running.lock().map(|r| r.clone()).unwrap_or(None);
    let (entry, what) = match &running {
        Some((name, args)) => (Entry::Export { name, args }, format!("`{name}`")),
        None => (Entry::Start, "the start function".to_string()),
    };
    let origin = program.name.as_str();
    if kind == TrapKind::Interrupted {
        // One line: the learner pressed Ctrl-C and knows why it stopped.
        let place = program.runaway_location(limits, entry).and_then(|trace| {
            let frame = trace.frames.iter().find(|f| f.span.is_some())?;
            let span = frame.span?;
            let (line, col) = sources.line_col(span.source, span.start);
            let file = sources.get(span.source).map_or(origin, |f| f.name.as_str());
            Some(format!(", in {} at {file}:{line}:{col}", frame.shown()))
        });
        let note =
            format!("{what} stopped by Ctrl-C after {:.1} s{}", elapsed.as_secs_f64(), place.unwrap_or_default());
        super::print_error(ui.err_style.color, &note);
    } else {
        let d = program.runaway_diagnostic(sources, &kind, limits, entry, &what);
        ui.report(sources, origin, &d);
    }
    // The program is still running on the main thread and cannot be stopped any other way.
    #[allow(clippy::exit)]
    std::process::exit(1);
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
