//! `watlab debug FILE --invoke F ARGS`: a prompt over a recorded run of one call.
//!
//! The call runs on the core's recording copy (`watlab_core::trace::record`); a sink counts
//! the instructions started and pauses before the one the prompt asked for (next step, a
//! breakpoint, a watched write), and `Runtime::resume` goes on from there. Going backwards
//! re-runs the call from a fresh instance and pauses one instruction earlier: programs are
//! deterministic, so stack, locals, globals and memory are exactly as they were, and nothing
//! of the past is stored (memory stays bounded however long the run). Program output printed
//! once is not printed again by a re-run. Commands come one per line, from a terminal or a pipe.
//!
//! The same [`Debugger`] serves `watlab debug FILE` and the REPL's `:debug`: a [`Target`] says
//! what to run (the recording copy, the call, the state to start from) and how to report a
//! trap, and [`Lines`] where the commands come from (stdin here, the REPL's own reader there).

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use wasmi::Val;

use super::{load_or_report, read_or_report, Status, Ui};
use watlab_core::host::Output;
use watlab_core::program::parse_args;
use watlab_core::runtime::{Call, Limits, Progress, Runtime, Trap};
use watlab_core::source::{SourceId, SourceMap};
use watlab_core::trace::record::{Event, Flow, Machine, Recorder, Sink, State};
use watlab_core::trace::tracer::{stack_text, values_text, write_text};
use watlab_core::trace::Recordable;
use watlab_core::value::DisplayTyped;

/// `watlab debug`'s command line.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The `.wat` or `.wasm` file.
    pub file: std::path::PathBuf,
    /// The exported function to call (default `_start` or `main`).
    #[arg(long, value_name = "NAME")]
    pub invoke: Option<String>,
    /// Arguments for the function, in WAT number syntax.
    #[arg(value_name = "ARG", allow_hyphen_values = true)]
    pub args: Vec<String>,
    /// Limits.
    #[command(flatten)]
    pub limits: crate::cli::LimitArgs,
}

const HELP: &str = "\
commands:
  step, s            run one instruction, into calls
  next, n            run one instruction, over calls
  finish             run until the current function returns
  continue, c        run until a breakpoint, a watched write, a trap or the end
  back, b            go back one instruction
  rewind             go back to the first instruction
  break $func|LINE   stop when the function starts, or at the line (in the REPL,
                     repl[N]:LINE names the input)
  break              list breakpoints
  delete [N]         delete breakpoint N, or all
  watch ADDR [LEN]   stop after a store changes these bytes (LEN 4 unless given)
  locals             the current function's locals
  stack              the value stack
  globals            every global
  memory ADDR [LEN]  LEN bytes of memory at ADDR (16 unless given)
  backtrace, bt      the active calls, innermost first
  list               the source around the current instruction
  help               this list
  quit, q            leave";

/// What to stop at, as the prompt set it before resuming.
#[derive(Debug, Clone, Default)]
struct Control {
    /// Stop before the instruction with this step number (a re-run going backwards).
    target: Option<u64>,
    /// Stop at the next instruction at this call depth or above (`Some(usize::MAX)`: any).
    depth: Option<usize>,
    /// Breakpoints: a function starts, or a line is reached.
    breaks: Vec<Break>,
    /// Watched byte ranges (memory 0).
    watches: Vec<(u64, u64)>,
    /// Why the last pause happened.
    reason: Option<String>,
    /// A watched write seen: stop before the next instruction.
    watch_hit: Option<String>,
    /// The line of the last instruction started, so a line breakpoint stops once per visit.
    last_line: Option<(Option<SourceId>, usize)>,
    /// A function just started (for function breakpoints).
    entered: bool,
    /// The step number of the first instruction that has a place (after generated code).
    first: Option<u64>,
    /// The step number of the latest instruction that has a place.
    last: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
enum Break {
    Func(u32),
    /// A line of one input (the REPL's `repl[N]`), or of the only text there is.
    Line(Option<SourceId>, usize),
}

struct DebugSink {
    control: Arc<Mutex<Control>>,
    rec: Recordable,
    interrupt: Arc<AtomicBool>,
}

impl Sink for DebugSink {
    fn event(&mut self, event: &Event<'_>, machine: &Machine) -> Flow {
        let mut c = self.control.lock().unwrap_or_else(PoisonError::into_inner);
        match event {
            Event::Enter => c.entered = true,
            Event::Store(w) => {
                let (start, end) = (w.addr, w.addr + w.new.len() as u64);
                if w.old != w.new && w.memory == 0 && c.watches.iter().any(|&(a, b)| start < b && a < end) {
                    c.watch_hit = Some(format!("watched memory changed: {}", write_text(w)));
                }
            }
            Event::Before { site } => {
                let text = &self.rec.listing.sites[*site as usize];
                // Generated code (the REPL's stack set-up) has no place: never stop there.
                if text.place.is_empty() {
                    if c.target == Some(machine.n_steps) {
                        c.target = Some(machine.n_steps + 1);
                    }
                    return Flow::Go;
                }
                c.first.get_or_insert(machine.n_steps);
                c.last = Some(machine.n_steps);
                let entered = std::mem::take(&mut c.entered);
                let line = text.line;
                let source = text.span.map(|s| s.source);
                let here = line.map(|l| (source, l));
                let new_line = here.is_some() && here != c.last_line;
                c.last_line = here;
                let depth = machine.frames.len();
                let func = machine.frames.last().map(|f| f.defined_idx);
                let reason = if let Some(t) = c.target {
                    (machine.n_steps == t).then(String::new)
                } else if let Some(hit) = c.watch_hit.take() {
                    Some(hit)
                } else if self.interrupt.swap(false, Ordering::SeqCst) {
                    Some("stopped by Ctrl-C".into())
                } else if c.depth.is_some_and(|d| depth <= d) {
                    Some(String::new())
                } else {
                    c.breaks.iter().enumerate().find_map(|(i, b)| match b {
                        Break::Func(f) if entered && func == Some(*f) => {
                            Some(format!("breakpoint {}: {} starts", i + 1, self.rec.listing.func(*f)))
                        }
                        Break::Line(src, l)
                            if new_line
                                && !text.func_end
                                && line == Some(*l)
                                && src.is_none_or(|src| source == Some(src)) =>
                        {
                            // A REPL site's place is `repl[N]:LINE:COL`: name the input too.
                            let input = match src {
                                Some(_) => text.place.rsplitn(3, ':').nth(2).map(|n| format!("{n} ")),
                                None => None,
                            };
                            Some(format!("breakpoint {}: {}line {l}", i + 1, input.unwrap_or_default()))
                        }
                        _ => None,
                    })
                };
                if let Some(r) = reason {
                    c.reason = Some(r);
                    return Flow::Pause;
                }
            }
            _ => {}
        }
        Flow::Go
    }
}

/// Program output, printed once: a re-run repeats what was printed before, so only bytes
/// past the most ever printed go out.
#[derive(Clone, Default)]
struct Once(Arc<Mutex<(u64, u64)>>);

impl Output for Once {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let (now, most) = &mut *counts;
        let start = *now;
        *now += text.len() as u64;
        if *now > *most {
            let skip = (*most - start.min(*most)) as usize;
            *most = *now;
            let mut out = std::io::stdout().lock();
            out.write_all(&text.as_bytes()[skip.min(text.len())..])?;
            out.flush()?;
        }
        Ok(())
    }
}

/// The first instance's output: the recording copy prints it.
struct Discard;

impl Output for Discard {
    fn write_str(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the debugged call stands.
enum RunState {
    Paused,
    Returned(Vec<Val>),
    Trapped(Trap),
}

/// Where the debugger's commands come from.
pub trait Lines {
    /// Shows `prompt` and reads one line; `None` at the end of input.
    fn read(&mut self, prompt: &str) -> Option<String>;
}

/// Lines from stdin, echoed after the prompt when stdin is not a terminal (so a piped
/// session's transcript shows the commands).
pub struct Stdin<R>(pub R, pub bool);

impl<R: BufRead> Lines for Stdin<R> {
    fn read(&mut self, prompt: &str) -> Option<String> {
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{prompt}");
        let _ = out.flush();
        drop(out);
        let mut line = String::new();
        match self.0.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                if self.1 {
                    say(&line);
                }
                Some(line)
            }
        }
    }
}

/// What to debug: the recording copy, the call and the state to start it from, and how a
/// trap is reported.
pub struct Target<'a> {
    /// The recording copy and its listing.
    pub rec: Recordable,
    /// The export to call.
    pub entry: String,
    /// How messages name the call: `` `main` ``, `your input`.
    pub shown: String,
    /// Its arguments.
    pub args: Vec<Val>,
    /// The arguments are the REPL's stack, handed to a snippet (bare instructions, `(call ...)`).
    pub args_are_stack: bool,
    /// Limits for the call.
    pub limits: Limits,
    /// Memory and globals to start from (a REPL session's), else the module's own.
    pub state: Option<State>,
    /// The texts the listing's places point into.
    pub sources: &'a SourceMap,
    /// Prints the report of a trap the recorder stopped at.
    pub report: &'a dyn Fn(&Trap, &Recorder),
}

struct Debugger<'a> {
    target: Target<'a>,
    rec: Recordable,
    sources: &'a SourceMap,
    args: Vec<Val>,
    control: Arc<Mutex<Control>>,
    interrupt: Arc<AtomicBool>,
    output: Once,
    recorder: Recorder,
    call: Option<Call>,
    state: RunState,
}

/// Runs the debugger on `file`.
pub fn run(ui: &Ui, file: &std::path::Path, invoke: Option<&str>, args: &[String], limits: Limits) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    let program = match load_or_report(ui, &mut sources, &name, bytes) {
        Ok(p) => p,
        Err(status) => return status,
    };
    // A first, quiet instance checks linking and finds the entry point and its type.
    let mut runtime = Runtime::new(limits, Box::new(Discard));
    let instance = match program.instantiate(&sources, &mut runtime) {
        Ok((_, i)) => i,
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::Failed;
        }
    };
    let entry = match invoke {
        Some(e) => e.to_string(),
        None => match ["_start", "main"].into_iter().find(|n| instance.get_func(runtime.store(), n).is_some()) {
            Some(n) => n.to_string(),
            None => {
                super::report_tool_error(
                    ui,
                    &anyhow::anyhow!("no `_start` or `main` export: name the function with --invoke NAME"),
                );
                return Status::ToolError;
            }
        },
    };
    let func = match program.export_func(&runtime, &instance, &entry) {
        Ok(f) => f,
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::ToolError;
        }
    };
    let values = match parse_args(&entry, &func.ty(runtime.store()), args) {
        Ok(v) => v,
        Err(d) => {
            ui.report(&sources, &name, &d);
            return Status::ToolError;
        }
    };
    let Some(rec) = Recordable::new(&program.bytes, program.spans.as_ref(), &sources) else {
        super::report_tool_error(ui, &anyhow::anyhow!("this module cannot be debugged (it defines no functions)"));
        return Status::ToolError;
    };
    let interrupt = Arc::new(AtomicBool::new(false));
    let flag = interrupt.clone();
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let report = |trap: &Trap, _: &Recorder| {
        let called = watlab_core::trace::Entry::Export { name: &entry, args: &values };
        let d = program.trap_diagnostic(&sources, trap, limits, called, &format!("`{entry}`"));
        let _ = std::io::stdout().flush();
        ui.report(&sources, &program.name, &d);
    };
    let target = Target {
        rec,
        entry: entry.clone(),
        shown: format!("`{entry}`"),
        args_are_stack: false,
        args: values.clone(),
        limits,
        state: None,
        sources: &sources,
        report: &report,
    };
    let stdin = std::io::stdin();
    let echo = !stdin.is_terminal();
    let Some(status) = debug(target, &mut Stdin(stdin.lock(), echo), interrupt) else {
        super::report_tool_error(ui, &anyhow::anyhow!("the recording copy could not start"));
        return Status::ToolError;
    };
    status
}

/// Runs the debugger over `target`, reading commands from `lines` until `quit` or the end of
/// input; `interrupt` (set by Ctrl-C) stops a `continue`. `Failed` when the call was left
/// trapped; `None` when the recording copy does not start.
pub fn debug(target: Target<'_>, lines: &mut dyn Lines, interrupt: Arc<AtomicBool>) -> Option<Status> {
    let control = Arc::new(Mutex::new(Control::default()));
    let output = Once::default();
    let (recorder, call) = start(&target, &control, &interrupt, &output)?;
    let mut dbg = Debugger {
        rec: target.rec.clone(),
        sources: target.sources,
        args: target.args.clone(),
        target,
        control,
        interrupt,
        output,
        recorder,
        call: Some(call),
        state: RunState::Paused,
    };
    Some(dbg.main_loop(lines))
}

fn start(
    target: &Target<'_>,
    control: &Arc<Mutex<Control>>,
    interrupt: &Arc<AtomicBool>,
    output: &Once,
) -> Option<(Recorder, Call)> {
    output.0.lock().unwrap_or_else(PoisonError::into_inner).0 = 0;
    let rec = &target.rec;
    let sink = DebugSink { control: control.clone(), rec: rec.clone(), interrupt: interrupt.clone() };
    let mut recorder =
        Recorder::new(rec.probed.clone(), target.limits, Box::new(output.clone()), Box::new(sink)).ok()?;
    if let Some(state) = &target.state {
        recorder.load_state(state);
    }
    let call = recorder.begin(&target.entry, &target.args)?;
    Some((recorder, call))
}

fn say(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

impl Debugger<'_> {
    fn control(&self) -> std::sync::MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn main_loop(&mut self, lines: &mut dyn Lines) -> Status {
        let what = match (self.target.args_are_stack, self.args.is_empty()) {
            (false, _) => format!("{} {}", self.target.shown, values_text(&self.args)),
            (true, true) => self.target.shown.clone(),
            (true, false) => format!("{}, starting from the stack {}", self.target.shown, stack_text(&self.args)),
        };
        say(&format!("debugging {what}; `help` lists the commands"));
        self.go(Some(usize::MAX));
        loop {
            let Some(line) = lines.read("(debug) ") else {
                say("");
                break;
            };
            if !self.command(line.trim()) {
                break;
            }
        }
        match self.state {
            RunState::Trapped(_) => Status::Failed,
            _ => Status::Success,
        }
    }

    fn position(&self) -> u64 {
        self.recorder.machine().n_steps
    }

    /// Runs on until the sink pauses (with `depth` set, at the next instruction at that depth
    /// or above), or the call ends; then shows where it stopped.
    fn go(&mut self, depth: Option<usize>) {
        {
            let mut c = self.control();
            c.target = None;
            c.depth = depth;
            c.reason = None;
        }
        self.run_on();
    }

    fn run_on(&mut self) {
        let Some(call) = self.call.as_mut() else {
            say("the call has ended: `back`, `rewind` or `quit`");
            return;
        };
        let outcome = loop {
            match self.recorder.resume(call) {
                Progress::Paused { .. }
                    if self.control.lock().unwrap_or_else(PoisonError::into_inner).reason.is_some() =>
                {
                    break None
                }
                Progress::Paused { .. } => continue,
                Progress::Finished(values) => break Some(RunState::Returned(values)),
                Progress::Trapped(trap) => break Some(RunState::Trapped(trap)),
            }
        };
        match outcome {
            None => {
                self.state = RunState::Paused;
                if let Some(reason) = self.control().reason.clone().filter(|r| !r.is_empty()) {
                    say(&reason);
                }
                self.show_stop();
            }
            Some(state) => {
                self.call = None;
                match &state {
                    RunState::Returned(values) => {
                        say(&format!("{} returned {}", self.target.shown, values_text(values)))
                    }
                    RunState::Trapped(trap) => {
                        let _ = std::io::stdout().flush();
                        (self.target.report)(trap, &self.recorder);
                        say("the call trapped: `back` steps back to before the trap");
                    }
                    RunState::Paused => {}
                }
                self.state = state;
            }
        }
    }

    /// Re-runs the call from the start and pauses before instruction `n` (1 is the first).
    fn travel(&mut self, n: u64) {
        let n = n.max(1);
        let Some((recorder, call)) = start(&self.target, &self.control, &self.interrupt, &self.output) else {
            say("the call could not be started again");
            return;
        };
        self.recorder = recorder;
        self.call = Some(call);
        {
            let mut c = self.control();
            c.target = Some(n);
            c.depth = None;
            c.reason = None;
            c.watch_hit = None;
            c.last_line = None;
        }
        self.run_on();
    }

    fn command(&mut self, line: &str) -> bool {
        let mut words = line.split_whitespace();
        let Some(verb) = words.next() else { return true };
        let rest: Vec<&str> = words.collect();
        let depth = self.recorder.machine().frames.len();
        match verb {
            "step" | "s" => self.go(Some(usize::MAX)),
            "next" | "n" => self.go(Some(depth)),
            "finish" => self.go(Some(depth.saturating_sub(1))),
            "continue" | "c" => self.go(None),
            "back" | "b" => {
                let (first, last) = {
                    let c = self.control();
                    (c.first.unwrap_or(1), c.last)
                };
                let to = match self.state {
                    RunState::Paused => self.position().saturating_sub(1),
                    // After the end, the last instruction (the trapping one, or the final `end`).
                    _ => last.unwrap_or(self.position()),
                };
                if to < first {
                    say("already at the first instruction: there is nothing before it");
                } else {
                    self.travel(to);
                }
            }
            "rewind" => self.travel(1),
            "break" => self.add_break(&rest),
            "delete" => self.delete(&rest),
            "watch" => self.watch(&rest),
            "locals" => self.locals(),
            "stack" => say(&self.stack_line()),
            "globals" => self.globals(),
            "memory" | "mem" => self.memory(&rest),
            "backtrace" | "bt" => self.backtrace(),
            "list" | "l" => self.list(),
            "help" | "h" | "?" => say(HELP),
            "quit" | "q" | "exit" => return false,
            other => {
                let verbs = [
                    "step",
                    "next",
                    "finish",
                    "continue",
                    "back",
                    "rewind",
                    "break",
                    "delete",
                    "watch",
                    "locals",
                    "stack",
                    "globals",
                    "memory",
                    "backtrace",
                    "list",
                    "help",
                    "quit",
                ];
                let hint = watlab_core::words::closest(other, verbs)
                    .map(|v| format!(": did you mean `{v}`?"))
                    .unwrap_or_default();
                say(&format!("unknown command `{other}`{hint} (`help` lists them)"));
            }
        }
        true
    }

    fn stack_line(&self) -> String {
        let m = self.recorder.machine();
        format!("stack: {}", m.frames.last().map(|f| stack_text(&f.stack)).unwrap_or_else(|| "[]".into()))
    }

    /// The current place: the source line with the instruction underlined, and the stack.
    fn show_stop(&self) {
        let m = self.recorder.machine();
        let Some(frame) = m.frames.last() else { return };
        let Some(site) = frame.site else { return };
        let text = &self.rec.listing.sites[site as usize];
        let func = self.rec.listing.func(frame.defined_idx);
        // Counted from the first instruction with a place (the REPL's stack set-up before a
        // snippet is generated code, which the learner never sees).
        let first = self.control().first.unwrap_or(1);
        let step = m.n_steps.saturating_sub(first) + 1;
        say(&format!("step {step} in {func}, at {}: {}", text.place, text.text));
        if let Some(span) = text.span {
            if let (Some(file), Some(line)) = (self.sources.get(span.source), text.line) {
                let source_line = file.text.lines().nth(line - 1).unwrap_or("");
                let (_, col) = self.sources.line_col(span.source, span.start);
                let gutter = format!("{line:>4} | ");
                say(&format!("{gutter}{source_line}"));
                let indent: String =
                    source_line.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                let keyword = text.text.split_whitespace().next().unwrap_or("");
                let here: String = source_line.chars().skip(col - 1).collect();
                let width = if !keyword.is_empty() && here.starts_with(keyword) { keyword.len() } else { 1 };
                say(&format!("{}{indent}{}", " ".repeat(gutter.len()), "^".repeat(width)));
            }
        }
        say(&self.stack_line());
    }

    /// The texts the sites are in, in order of first appearance.
    fn site_sources(&self) -> Vec<SourceId> {
        let mut ids = Vec::new();
        for id in self.rec.listing.sites.iter().filter_map(|s| s.span.map(|sp| sp.source)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// `LINE`, or `repl[N]:LINE` when the code comes from several inputs (the REPL). `None`
    /// when `what` is not a line; a line that names no input, or is ambiguous, is answered
    /// here and also gives `None` (after saying why).
    fn line_of(&self, what: &str) -> Option<(Option<SourceId>, usize)> {
        let sources = self.site_sources();
        let named =
            |name: &str| sources.iter().copied().find(|&id| self.sources.get(id).is_some_and(|f| f.name == name));
        let names =
            || sources.iter().filter_map(|&id| self.sources.get(id).map(|f| f.name.clone())).collect::<Vec<_>>();
        if let Some((name, line)) = what.rsplit_once(':') {
            let line = line.parse::<usize>().ok()?;
            return match named(name) {
                Some(id) => Some((Some(id), line)),
                None => {
                    say(&format!("no code was typed in `{name}`: the inputs with code are {}", names().join(", ")));
                    None
                }
            };
        }
        let line = what.parse::<usize>().ok()?;
        if sources.len() > 1 {
            let example = names().last().cloned().unwrap_or_default();
            say(&format!(
                "line {line} of which input? write `break {example}:{line}` (the inputs with code are {})",
                names().join(", ")
            ));
            return None;
        }
        Some((None, line))
    }

    /// `line 12`, or `repl[3] line 2`.
    fn line_name(&self, src: Option<SourceId>, line: usize) -> String {
        match src.and_then(|id| self.sources.get(id)) {
            Some(f) => format!("{} line {line}", f.name),
            None => format!("line {line}"),
        }
    }

    fn add_break(&mut self, rest: &[&str]) {
        let Some(what) = rest.first() else {
            let c = self.control();
            if c.breaks.is_empty() {
                say("no breakpoints");
            }
            for (i, b) in c.breaks.iter().enumerate() {
                match b {
                    Break::Func(f) => say(&format!("  {}  {}", i + 1, self.rec.listing.func(*f))),
                    Break::Line(src, l) => say(&format!("  {}  {}", i + 1, self.line_name(*src, *l))),
                }
            }
            return;
        };
        if let Some((src, line)) = self.line_of(what) {
            let lines: Vec<usize> = self
                .rec
                .listing
                .sites
                .iter()
                .filter(|s| !s.func_end && (src.is_none() || s.span.map(|sp| sp.source) == src))
                .filter_map(|s| s.line)
                .collect();
            let Some(&next) = lines.iter().filter(|&&l| l >= line).min() else {
                say(&format!("no instruction on {} or after it", self.line_name(src, line)));
                return;
            };
            if next != line {
                say(&format!(
                    "{} has no instruction: the breakpoint is on line {next}, the next that has one",
                    self.line_name(src, line)
                ));
            }
            let mut c = self.control();
            c.breaks.push(Break::Line(src, next));
            say(&format!("breakpoint {} at {}", c.breaks.len(), self.line_name(src, next)));
            return;
        }
        // A line that `line_of` refused (it said why).
        if what.parse::<usize>().is_ok() || what.rsplit_once(':').is_some_and(|(_, l)| l.parse::<usize>().is_ok()) {
            return;
        }
        match self.rec.find_func(what) {
            Some(d) => {
                let mut c = self.control();
                c.breaks.push(Break::Func(d));
                say(&format!("breakpoint {} at {}", c.breaks.len(), self.rec.listing.func(d)));
            }
            None => {
                let bare: Vec<&str> = self.rec.listing.funcs.iter().map(|n| n.trim_start_matches('$')).collect();
                let hint = watlab_core::words::closest(what.trim_start_matches('$'), bare.iter().copied())
                    .map(|n| format!(": did you mean `${n}`?"))
                    .unwrap_or_default();
                say(&format!("no function named `{what}`{hint}"));
            }
        }
    }

    fn delete(&mut self, rest: &[&str]) {
        let mut c = self.control();
        match rest.first() {
            None => {
                c.breaks.clear();
                say("deleted every breakpoint");
            }
            Some(n) => match n.parse::<usize>() {
                Ok(i) if i >= 1 && i <= c.breaks.len() => {
                    c.breaks.remove(i - 1);
                    say(&format!("deleted breakpoint {i}"));
                }
                _ => say("usage: delete [N], where N is a breakpoint's number (`break` lists them)"),
            },
        }
    }

    fn watch(&mut self, rest: &[&str]) {
        let parse = |s: &str| {
            watlab_core::value::parse_value(s, wasmi::ValType::I64).ok().map(|v| match v {
                Val::I64(x) => x as u64,
                _ => 0,
            })
        };
        let addr = rest.first().and_then(|s| parse(s));
        let len = rest.get(1).map_or(Some(4), |s| parse(s));
        match (addr, len) {
            (Some(a), Some(n)) if n > 0 && rest.len() <= 2 => {
                self.control().watches.push((a, a.saturating_add(n)));
                say(&format!("watching memory[{a}..{}]", a.saturating_add(n)));
            }
            _ => say("usage: watch ADDR [LEN], e.g. `watch 16 4`"),
        }
    }

    fn locals(&self) {
        let m = self.recorder.machine();
        let Some(f) = m.frames.last() else {
            say("no function is running");
            return;
        };
        if f.locals.is_empty() {
            say(&format!("{} has no locals", self.rec.listing.func(f.defined_idx)));
        }
        for (i, v) in f.locals.iter().enumerate() {
            say(&format!("{} = {}", self.rec.listing.local(f.defined_idx, i), DisplayTyped(v)));
        }
    }

    fn globals(&self) {
        let globals = self.recorder.globals();
        if globals.is_empty() {
            say("the module has no globals");
        }
        for (i, v) in globals.iter().enumerate() {
            say(&format!("{} = {}", self.rec.listing.global(i), DisplayTyped(v)));
        }
    }

    fn memory(&self, rest: &[&str]) {
        let parse = |s: &str| match watlab_core::value::parse_value(s, wasmi::ValType::I64) {
            Ok(Val::I64(x)) => Some(x as u64),
            _ => None,
        };
        let addr = rest.first().and_then(|s| parse(s));
        let len = rest.get(1).map_or(Some(16), |s| parse(s));
        let (Some(addr), Some(len)) = (addr, len) else {
            say("usage: memory ADDR [LEN], e.g. `memory 0 32`");
            return;
        };
        let Some(size) = self.recorder.memory_size(0) else {
            say("the module has no memory");
            return;
        };
        let bytes = self.recorder.memory(0, addr, len.min(4096) as usize);
        if bytes.is_empty() {
            say(&format!("address {addr} is past the end of memory ({size} bytes)"));
            return;
        }
        for (i, row) in bytes.chunks(16).enumerate() {
            let hex: Vec<String> = row.iter().map(|b| format!("{b:02x}")).collect();
            say(&format!("{:>8}: {}", addr + 16 * i as u64, hex.join(" ")));
        }
    }

    fn backtrace(&self) {
        let m = self.recorder.machine();
        let width = m.frames.iter().map(|f| self.rec.listing.func(f.defined_idx).chars().count()).max().unwrap_or(0);
        for f in m.frames.iter().rev() {
            let place = f.site.map(|s| self.rec.listing.sites[s as usize].place.clone()).unwrap_or_default();
            say(&format!("  {:width$}  at {place}", self.rec.listing.func(f.defined_idx)));
        }
    }

    fn list(&self) {
        let m = self.recorder.machine();
        let Some(site) = m.frames.last().and_then(|f| f.site) else { return };
        let text = &self.rec.listing.sites[site as usize];
        let (Some(span), Some(line)) = (text.span, text.line) else {
            say(&format!("{}  {}", text.place, text.text));
            return;
        };
        let Some(file) = self.sources.get(span.source) else { return };
        for (i, l) in file.text.lines().enumerate().skip(line.saturating_sub(4)).take(7) {
            let mark = if i + 1 == line { "->" } else { "  " };
            say(&format!("{mark}{:>4} | {l}", i + 1));
        }
    }
}
