//! What lives between requests: the REPL's `Session` and the run in progress, one of each per
//! instance (each Worker has its own).
//!
//! A run is started, then stepped one fuel slice per request, so the Worker hands control back
//! to its event loop between slices (its messages, and Stop, get through) and program output
//! reaches the page while the program runs.

use std::cell::RefCell;
use std::rc::Rc;

use wasmi::Val;
use watlab_core::diag::Diagnostic;
use watlab_core::host::Output;
use watlab_core::program::{parse_args, Program};
use watlab_core::runtime::{Call, Progress, Runtime, TrapKind};
use watlab_core::session::Session;
use watlab_core::source::SourceMap;
use watlab_core::trace::Entry;

use crate::api::{web_limits, EDITOR_NAME};

/// How a run ended.
pub enum Finished {
    /// The export returned these.
    Returned(Vec<Val>),
    /// A trap, located in the text (boxed: it is far larger than the other variant).
    Failed(Box<(SourceMap, Diagnostic)>),
}

struct Run {
    sources: SourceMap,
    program: Program,
    runtime: Runtime,
    call: Call,
    export: String,
    args: Vec<Val>,
    /// Output not yet sent (the start function's comes with the first step).
    output: Rc<RefCell<String>>,
    fuel_used: u64,
}

/// Program output, collected until the next step sends it.
struct Pending(Rc<RefCell<String>>);

impl Output for Pending {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        self.0.borrow_mut().push_str(text);
        Ok(())
    }
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

/// Runs `f` on the REPL's session, made on first use with the page's limits.
pub fn with_session<T>(f: impl FnOnce(&mut Session) -> T) -> T {
    SESSION.with(|s| f(s.borrow_mut().get_or_insert_with(|| Session::new(web_limits()))))
}

/// Why a run could not start: the diagnostic, with the texts it points into and what the start
/// function printed before it trapped (a program's output is shown with its trap).
pub type StartFailure = Box<(SourceMap, Diagnostic, String)>;

/// Assembles `text`, instantiates it (running any start function) and prepares a call of
/// `export` with `args`; nothing of the export runs yet.
///
/// # Errors
/// Any diagnostic of loading, linking, the start function, the export's name or arguments.
pub fn start_run(text: &str, export: &str, args: &[String]) -> Result<(), StartFailure> {
    stop_run();
    let mut sources = SourceMap::new();
    let program = match Program::load(&mut sources, EDITOR_NAME, text.as_bytes().to_vec()) {
        Ok(p) => p,
        Err(d) => return Err(Box::new((sources, d, String::new()))),
    };
    let output = Rc::new(RefCell::new(String::new()));
    let mut runtime = Runtime::new(web_limits(), Box::new(Pending(output.clone())));
    let (_module, instance) = match program.instantiate(&sources, &mut runtime) {
        Ok(x) => x,
        Err(d) => return Err(Box::new((sources, d, output.take()))),
    };
    let func = match program.export_func(&runtime, &instance, export) {
        Ok(f) => f,
        Err(d) => return Err(Box::new((sources, d, output.take()))),
    };
    let ty = func.ty(runtime.store());
    let values = match parse_args(export, &ty, args) {
        Ok(v) => v,
        Err(d) => return Err(Box::new((sources, d, output.take()))),
    };
    let call = runtime.begin(func, &values);
    let run = Run { sources, program, runtime, call, export: export.to_string(), args: values, output, fuel_used: 0 };
    RUN.with(|r| *r.borrow_mut() = Some(run));
    Ok(())
}

/// Runs one fuel slice of the current run: the output since the last step, how the run ended
/// (`None`: still running) and the fuel used so far. `None` when nothing runs.
pub fn step_run() -> Option<(String, Option<Finished>, u64)> {
    let mut run = RUN.with(|r| r.borrow_mut().take())?;
    let progress = run.runtime.resume(&mut run.call);
    let output = std::mem::take(&mut *run.output.borrow_mut());
    let finished = match progress {
        Progress::Paused { fuel_used } => {
            run.fuel_used = fuel_used;
            let used = run.fuel_used;
            RUN.with(|r| *r.borrow_mut() = Some(run));
            return Some((output, None, used));
        }
        Progress::Finished(values) => Finished::Returned(values),
        Progress::Trapped(trap) => {
            run.fuel_used = trap.fuel_used;
            let what = format!("`{}`", run.export);
            let entry = Entry::Export { name: &run.export, args: &run.args };
            let d = if trap.kind == TrapKind::OutputClosed {
                Diagnostic::error(watlab_core::diag::code::INVALID, "the program's output was closed")
            } else {
                run.program.trap_diagnostic(&run.sources, &trap, run.runtime.limits(), entry, &what)
            };
            // The trace's re-run discards its output; the original's was taken above.
            Finished::Failed(Box::new((std::mem::take(&mut run.sources), d)))
        }
    };
    Some((output, Some(finished), run.fuel_used))
}

/// Abandons the current run, if any.
pub fn stop_run() {
    RUN.with(|r| r.borrow_mut().take());
}
