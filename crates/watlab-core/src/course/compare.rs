//! The last hint: the learner's module and the lesson's reference solution run side by side
//! on the lesson's own checks, recorded (`trace::record`), and the first executed instruction
//! whose values differ.
//!
//! Both modules run every `(assert_return (invoke ...))` and `(assert_trap (invoke ...))` of
//! `checks.wast` in order, each in one instance (so state carries from call to call as it does
//! in the checks). The first call whose outcome differs between the two is the failing input;
//! the values each instruction pushed during that call are compared in execution order, and
//! the first pair that differs (or the point where one run has no more) is where they part.
//! Values, not instruction names, are compared: two programs that compute the same numbers
//! by other instructions agree.

use std::sync::{Arc, Mutex, PoisonError};

use wasmi::Val;
use wast::parser::{self, ParseBuffer};
use wast::{Wast, WastDirective, WastExecute, WastInvoke};

use super::Lesson;
use crate::host::Discard;
use crate::program::Program;
use crate::runtime::{Limits, Progress, Trap};
use crate::source::{SourceMap, Span};
use crate::trace::record::{Event, Flow, Machine, Recorder, Sink};
use crate::trace::Recordable;
use crate::value::DisplayTyped;

/// Instructions recorded per call and side: a call still running after this many stops there
/// (a learner's loop that never ends must not keep the hint waiting).
const MAX_STEPS: usize = 100_000;

/// One executed instruction that pushed values, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// `03-locals/exercise.wat:12:5` in the learner's file (for the solution: empty, its
    /// file stays hidden).
    pub place: String,
    /// The instruction as written.
    pub text: String,
    /// Where it is in the learner's file.
    pub span: Option<Span>,
    /// What it pushed: `4 : i32`, `1 : i32, 2 : i32`.
    pub pushed: String,
}

/// Where the learner's run and the solution's part.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The failing input as WAST writes it: `(invoke "fac" (i64.const 5))`.
    pub call: String,
    /// Instructions that pushed the same values in both runs before they parted.
    pub agreed: usize,
    /// The learner's first differing instruction (`None`: their run pushed nothing more).
    pub learner: Option<Step>,
    /// The solution's (`None`: the solution pushed nothing more).
    pub solution: Option<Step>,
    /// How the learner's call ended: `returned 0 : i32`, `trapped: integer divide by zero`.
    pub learner_end: String,
    /// How the solution's call ended.
    pub solution_end: String,
}

impl std::fmt::Display for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Your code and the reference solution, both run on {}:", self.call)?;
        let agreed = crate::words::plural(self.agreed as u64, "instruction");
        match (&self.learner, &self.solution) {
            (Some(mine), Some(theirs)) => {
                if self.agreed == 0 {
                    writeln!(f, "  they differ from the first instruction that pushes a value:")?;
                } else {
                    writeln!(f, "  {agreed} pushed the same values in both runs; then they differ:")?;
                }
                writeln!(f, "    yours:     `{}` at {} pushed {}", mine.text, mine.place, mine.pushed)?;
                writeln!(f, "    solution:  `{}` pushed {}", theirs.text, theirs.pushed)?;
            }
            (Some(mine), None) if self.agreed == 0 => {
                writeln!(f, "  the solution stops before it pushes any value, and yours goes on:")?;
                writeln!(f, "    yours:     `{}` at {} pushed {}", mine.text, mine.place, mine.pushed)?;
            }
            (None, Some(theirs)) if self.agreed == 0 => {
                writeln!(f, "  yours stops before it pushes any value, and the solution goes on:")?;
                writeln!(f, "    solution:  `{}` pushed {}", theirs.text, theirs.pushed)?;
            }
            (Some(mine), None) => {
                writeln!(
                    f,
                    "  {agreed} pushed the same values in both runs; then the solution stops, and yours goes on:"
                )?;
                writeln!(f, "    yours:     `{}` at {} pushed {}", mine.text, mine.place, mine.pushed)?;
            }
            (None, Some(theirs)) => {
                writeln!(
                    f,
                    "  {agreed} pushed the same values in both runs; then yours stops, and the solution goes on:"
                )?;
                writeln!(f, "    solution:  `{}` pushed {}", theirs.text, theirs.pushed)?;
            }
            (None, None) => writeln!(f, "  all {agreed} pushed the same values in both runs")?,
        }
        write!(f, "  yours {}; the solution {}", self.learner_end, self.solution_end)
    }
}

/// Compares the learner's module `text` (shown as `file_name`, added to `sources`) with the
/// lesson's solution on the first check where their outcomes differ. `None` when there is
/// nothing to compare: the module does not load, no call's outcome differs, or a module
/// cannot be recorded.
pub fn compare(
    sources: &mut SourceMap,
    lesson: &Lesson,
    file_name: &str,
    text: &str,
    limits: Limits,
) -> Option<Comparison> {
    let calls = calls(&lesson.checks);
    let mine = Side::new(sources, file_name, text, limits)?;
    let solution_name = format!("{}/solution.wat", lesson.dir);
    let mut scratch = SourceMap::new();
    let theirs = Side::new(&mut scratch, &solution_name, &lesson.solution, limits)?;
    let (mut mine, mut theirs) = (mine, theirs);
    for (call, name, args) in calls {
        let a = mine.run(&name, &args);
        let b = theirs.run(&name, &args);
        if same_end(&a, &b) {
            continue;
        }
        let (steps_a, steps_b) = (mine.take_steps(), theirs.take_steps());
        let agreed = steps_a.iter().zip(&steps_b).take_while(|(x, y)| same_values(&x.values, &y.values)).count();
        return Some(Comparison {
            call,
            agreed,
            learner: steps_a.get(agreed).map(|s| mine.shown(s, true)),
            solution: steps_b.get(agreed).map(|s| theirs.shown(s, false)),
            learner_end: end_text(&a),
            solution_end: end_text(&b),
        });
    }
    None
}

/// The calls of `checks`, in order: (as written, export, arguments). Calls on named modules
/// and arguments other than numbers are left out.
fn calls(checks: &str) -> Vec<(String, String, Vec<Val>)> {
    let Ok(buf) = ParseBuffer::new(checks) else { return Vec::new() };
    let Ok(script) = parser::parse::<Wast>(&buf) else { return Vec::new() };
    let mut out = Vec::new();
    for d in &script.directives {
        let invoke: &WastInvoke<'_> = match d {
            WastDirective::AssertReturn { exec: WastExecute::Invoke(i), .. }
            | WastDirective::AssertTrap { exec: WastExecute::Invoke(i), .. }
            | WastDirective::Invoke(i) => i,
            _ => continue,
        };
        if invoke.module.is_some() {
            continue;
        }
        let Some(args) = invoke.args.iter().map(crate::wast_runner::number_arg).collect::<Option<Vec<_>>>() else {
            continue;
        };
        let shown: Vec<String> = args
            .iter()
            .map(|v| format!(" ({}.const {})", crate::value::type_name(v.ty()), crate::value::DisplayVal(v)))
            .collect();
        let call = format!("(invoke \"{}\"{})", crate::words::DisplayName(invoke.name), shown.concat());
        out.push((call, invoke.name.to_string(), args));
    }
    out
}

/// One executed instruction's pushed values.
#[derive(Debug, Clone)]
struct Pushed {
    site: u32,
    values: Vec<Val>,
}

/// Keeps what each instruction pushed, up to [`MAX_STEPS`].
struct Collect {
    probed: Arc<crate::trace::probes::Probed>,
    steps: Arc<Mutex<Vec<Pushed>>>,
}

impl Sink for Collect {
    fn event(&mut self, event: &Event<'_>, machine: &Machine) -> Flow {
        if matches!(event, Event::Before { .. }) && machine.n_steps > MAX_STEPS as u64 {
            return Flow::Pause;
        }
        let Event::After { site } = event else { return Flow::Go };
        let Some(n) = self.probed.analysis.sites.get(*site as usize).map(|s| s.pushes.len()) else { return Flow::Go };
        let Some(frame) = machine.frames.last() else { return Flow::Go };
        if n == 0 || frame.stack.len() < n {
            return Flow::Go;
        }
        let mut steps = self.steps.lock().unwrap_or_else(PoisonError::into_inner);
        steps.push(Pushed { site: *site, values: frame.stack[frame.stack.len() - n..].to_vec() });
        Flow::Go
    }
}

/// One module, recorded, in one instance for all its calls.
struct Side {
    /// The file name places are prefixed with.
    name: String,
    rec: Recordable,
    recorder: Recorder,
    steps: Arc<Mutex<Vec<Pushed>>>,
}

impl Side {
    fn new(sources: &mut SourceMap, name: &str, text: &str, limits: Limits) -> Option<Side> {
        let program = Program::load(sources, name, text.as_bytes().to_vec()).ok()?;
        let rec = Recordable::new(&program.bytes, program.spans.as_ref(), sources)?;
        let steps = Arc::new(Mutex::new(Vec::new()));
        let sink = Collect { probed: rec.probed.clone(), steps: steps.clone() };
        let recorder = Recorder::new(rec.probed.clone(), limits, Box::new(Discard), Box::new(sink)).ok()?;
        Some(Side { name: name.to_string(), rec, recorder, steps })
    }

    /// Runs one call from a clean record.
    fn run(&mut self, name: &str, args: &[Val]) -> End {
        self.take_steps();
        let Some(mut call) = self.recorder.begin(name, args) else { return End::NoExport };
        loop {
            match self.recorder.resume(&mut call) {
                Progress::Paused { .. } if self.recorder.machine().n_steps > MAX_STEPS as u64 => break End::TooLong,
                Progress::Paused { .. } => continue,
                Progress::Finished(values) => break End::Returned(values),
                Progress::Trapped(trap) => break End::Trapped(trap),
            }
        }
    }

    fn take_steps(&self) -> Vec<Pushed> {
        std::mem::take(&mut *self.steps.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn shown(&self, step: &Pushed, located: bool) -> Step {
        let site = self.rec.listing.sites.get(step.site as usize).cloned().unwrap_or_default();
        let pushed: Vec<String> = step.values.iter().map(|v| DisplayTyped(v).to_string()).collect();
        Step {
            place: if located { format!("{}:{}", self.name, site.place) } else { String::new() },
            text: site.text,
            span: if located { site.span } else { None },
            pushed: pushed.join(", "),
        }
    }
}

fn same_values(a: &[Val], b: &[Val]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// The same value, where any NaN counts as any other (the two programs may make NaN differently).
fn same(a: &Val, b: &Val) -> bool {
    let nan = |v: &Val| match v {
        Val::F32(x) => x.to_float().is_nan(),
        Val::F64(x) => x.to_float().is_nan(),
        _ => false,
    };
    match (a, b) {
        (Val::V128(x), Val::V128(y)) => x.as_u128() == y.as_u128(),
        _ => crate::value::same_number(a, b) || (nan(a) && nan(b) && a.ty() == b.ty()),
    }
}

/// How a call ended.
enum End {
    Returned(Vec<Val>),
    Trapped(Trap),
    /// Still running after [`MAX_STEPS`] instructions.
    TooLong,
    NoExport,
}

fn same_end(a: &End, b: &End) -> bool {
    match (a, b) {
        (End::Returned(x), End::Returned(y)) => same_values(x, y),
        (End::Trapped(x), End::Trapped(y)) => x.kind == y.kind,
        (End::TooLong, End::TooLong) | (End::NoExport, End::NoExport) => true,
        _ => false,
    }
}

fn end_text(end: &End) -> String {
    match end {
        End::NoExport => "has no such export".into(),
        End::Returned(values) if values.is_empty() => "returned nothing".into(),
        End::Returned(values) => {
            let shown: Vec<String> = values.iter().map(|v| DisplayTyped(v).to_string()).collect();
            format!("returned {}", shown.join(", "))
        }
        End::Trapped(Trap { kind: crate::runtime::TrapKind::OutOfFuel, .. }) => {
            "ran out of fuel (a loop that never ends?)".into()
        }
        End::Trapped(trap) => format!("trapped: {}", trap.spec_message()),
        End::TooLong => {
            format!(
                "was still running after {} instructions (a loop that never ends?)",
                crate::trap::group(MAX_STEPS as u64)
            )
        }
    }
}
