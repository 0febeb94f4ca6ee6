//! WAST commands typed at the REPL, run by the shared WAST runner (`wast_runner`).
//!
//! Commands without a module name (`(invoke "f" ...)`, `(get "g")`, `(assert_return ...)`,
//! `(assert_trap ...)`, `(assert_exhaustion ...)`) talk to the session module: its runtime is
//! lent to a short-lived `WastContext` whose current instance is the session instance. Named
//! modules (`(module $m ...)`, `(register ...)`, `(invoke $m ...)`, `assert_invalid` and friends)
//! live in a second, long-lived `WastContext` beside the session, with its own store, so they
//! survive the rebuilds of the session module. Before an unnamed command runs, the export it
//! names is looked up here, so "did you mean" never lists the session's internal exports; a
//! trap in a session function gets the same trace as a trap in a snippet.

use crate::words::DisplayName;
use wasmi::{Extern, Val};
use wast::parser::{self, ParseBuffer};
use wast::{Wast, WastDirective, WastExecute, WastInvoke};

use super::build::{Built, INTERNAL};
use super::{Event, SharedOutput};
use crate::diag::{code, Cause, Diagnostic};
use crate::runtime::{Limits, Runtime};
use crate::source::{SourceId, SourceMap, Span};
use crate::wast_runner::{Outcome, WastContext};
use crate::words::closest;

struct Ctx<'a> {
    defs: &'a [super::defs::Def],
    sources: &'a SourceMap,
    source: SourceId,
    text: &'a str,
}

impl Ctx<'_> {
    fn span(&self, s: wast::token::Span) -> Span {
        let at = s.offset();
        crate::assemble::widen(self.text, Span::new(self.source, at..at))
    }
}

/// Where named WAST modules live.
pub struct Named {
    ctx: WastContext,
    /// The `$names` of the modules defined so far, to tell a redefinition from a definition.
    names: Vec<String>,
}

impl Named {
    /// An empty context with its own runtime.
    pub fn new(limits: Limits, output: &SharedOutput) -> Named {
        Named { ctx: WastContext::new(Runtime::new(limits, Box::new(output.clone()))), names: Vec::new() }
    }

    /// Changes the fuel for later calls.
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        self.ctx.runtime_mut().set_fuel(fuel);
    }

    /// Whether `(register "name" ...)` made `name` importable.
    pub fn is_registered(&self, name: &str) -> bool {
        self.ctx.registered().iter().any(|r| r == name)
    }

    /// The names registered so far.
    pub fn registered(&self) -> &[String] {
        self.ctx.registered()
    }

    /// Takes the store the named modules live in, leaving `with` in its place.
    pub fn take_runtime(&mut self, with: Runtime) -> Runtime {
        std::mem::replace(self.ctx.runtime_mut(), with)
    }
}

/// Does the directive belong to the session module (no module name, nothing but a call)?
fn for_session(d: &WastDirective<'_>) -> bool {
    let exec_ok = |e: &WastExecute<'_>| match e {
        WastExecute::Invoke(i) => i.module.is_none(),
        WastExecute::Get { module, .. } => module.is_none(),
        WastExecute::Wat(_) => false,
    };
    match d {
        WastDirective::Invoke(i) => i.module.is_none(),
        WastDirective::AssertReturn { exec, .. } | WastDirective::AssertTrap { exec, .. } => exec_ok(exec),
        WastDirective::AssertExhaustion { call, .. } => call.module.is_none(),
        _ => false,
    }
}

/// The export an unnamed directive uses: (name, is a function, where).
fn export_used<'a>(d: &'a WastDirective<'a>) -> Option<(&'a str, bool, wast::token::Span)> {
    let exec = |e: &'a WastExecute<'a>| match e {
        WastExecute::Invoke(i) => Some((i.name, true, i.span)),
        WastExecute::Get { global, span, .. } => Some((*global, false, *span)),
        WastExecute::Wat(_) => None,
    };
    match d {
        WastDirective::Invoke(i) => Some((i.name, true, i.span)),
        WastDirective::AssertReturn { exec: e, .. } | WastDirective::AssertTrap { exec: e, .. } => exec(e),
        WastDirective::AssertExhaustion { call, .. } => Some((call.name, true, call.span)),
        _ => None,
    }
}

/// The call an unnamed directive makes, with plain number arguments (for the trap trace).
fn call_of<'a>(d: &'a WastDirective<'a>) -> Option<(&'a str, Vec<Val>)> {
    let inv: &WastInvoke<'_> = match d {
        WastDirective::Invoke(i) => i,
        WastDirective::AssertReturn { exec: WastExecute::Invoke(i), .. } => i,
        WastDirective::AssertTrap { exec: WastExecute::Invoke(i), .. } => i,
        WastDirective::AssertExhaustion { call, .. } => call,
        _ => return None,
    };
    let args = inv.args.iter().map(crate::wast_runner::number_arg).collect::<Option<Vec<_>>>()?;
    Some((inv.name, args))
}

/// How each WAST command is written, for syntax errors in one.
fn usage(head: &str) -> Option<&'static str> {
    Some(match head {
        "invoke" => "(invoke \"EXPORT\" (i32.const 1) ...)",
        "get" => "(get \"EXPORT\")",
        "register" => "(register \"NAME\")",
        "assert_return" => "(assert_return (invoke \"EXPORT\" ARGS...) (i32.const EXPECTED) ...)",
        "assert_trap" => "(assert_trap (invoke \"EXPORT\" ARGS...) \"MESSAGE\")",
        "assert_exhaustion" => "(assert_exhaustion (invoke \"EXPORT\" ARGS...) \"MESSAGE\")",
        "assert_invalid" | "assert_malformed" | "assert_unlinkable" => "(assert_invalid (module ...) \"MESSAGE\")",
        _ => return None,
    })
}

/// Runs the WAST commands of `input` (every top-level group is one).
pub(super) fn run(
    built: &mut Built,
    named: &mut Named,
    shared: bool,
    env: &super::Env<'_>,
    source: SourceId,
    output: &SharedOutput,
) -> Vec<Event> {
    let super::Env { defs, sources, limits, interrupt, memory_before, globals_before, trace } = *env;
    let input = sources.get(source).map_or("", |f| f.text.as_str());
    let cx = Ctx { defs, sources, source, text: input };
    let parse_err = |e: wast::Error| {
        let mut d = crate::assemble::parse_error(source, input, &e);
        let token = d.primary_span().and_then(|s| input.get(s.range())).unwrap_or("");
        if d.cause == Cause::ExpectedInstruction && super::advice::number_like(token) {
            d.help = Some(super::advice::number_help(token, true));
        }
        if d.help.is_none() {
            d.help = super::defs::head(input).and_then(|h| usage(&h)).map(|u| format!("the form is `{u}`"));
        }
        vec![Event::Error(d)]
    };
    let buf = match ParseBuffer::new(input) {
        Ok(b) => b,
        Err(e) => return parse_err(e),
    };
    // `(get ...)` is an action, not a directive, in WAST; at the REPL it stands alone.
    if crate::session::defs::head(input).as_deref() == Some("get") {
        let exec: GetExec = match parser::parse(&buf) {
            Ok(e) => e,
            Err(e) => return parse_err(e),
        };
        return vec![match execute(built, &cx, exec.0) {
            Ok(values) => Event::Results(values),
            Err(d) => Event::Error(d),
        }];
    }
    let script: Wast = match parser::parse(&buf) {
        Ok(s) => s,
        Err(e) => return parse_err(e),
    };
    let mut events = Vec::new();
    for directive in script.directives {
        let is_call = matches!(directive, WastDirective::Invoke(_));
        // An unnamed `(module ...)` at the prompt joins the session module, which is rebuilt
        // with every definition and so cannot be registered: only a named module can.
        if let WastDirective::Register { span, name, module: None } = &directive {
            if named.ctx.current_is_none() {
                let shown = DisplayName(name);
                let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                let id = if plain { format!("${name}") } else { "$lib".to_string() };
                events.push(Event::Error(
                    Diagnostic::error(code::UNKNOWN_MODULE, format!("`(register \"{shown}\")` needs a named module"))
                        .with_primary(cx.span(*span), "registers which module?")
                        .with_help(format!(
                            "define one with `(module {id} ...)` and register it by name: `(register \"{shown}\" {id})`"
                        ))
                        .with_note(
                            "at the prompt, a `(module ...)` without a `$name` joins the session module instead",
                        ),
                ));
                continue;
            }
        }
        if !for_session(&directive) {
            // When the session module lives in the named modules' store, that store is the
            // session's; lend it back for the command.
            if shared {
                std::mem::swap(&mut built.runtime, named.ctx.runtime_mut());
            }
            let result = named.ctx.run(sources, source, directive, interrupt);
            if shared {
                std::mem::swap(&mut built.runtime, named.ctx.runtime_mut());
            }
            let defined = match &result {
                Outcome::Passed { module: Some(name), .. } => Some(name.clone()),
                _ => None,
            };
            let mut event = outcome(result, is_call);
            match (&mut event, defined) {
                (Event::Info(note), Some(name)) => {
                    if named.names.contains(&name) {
                        *note = format!("redefined module {name} (the earlier one is replaced)");
                    } else {
                        named.names.push(name);
                    }
                }
                // The runner says when no module has a name; otherwise list the names.
                (Event::Error(d), _)
                    if d.code == code::UNKNOWN_MODULE
                        && d.help.is_none()
                        && d.notes.is_empty()
                        && !named.names.is_empty() =>
                {
                    d.help = Some(format!("named modules: {}", named.names.join(", ")));
                }
                _ => {}
            }
            events.push(event);
            continue;
        }
        if let Some((name, func, span)) = export_used(&directive) {
            if let Err(d) = check_export(built, &cx, span, name, func) {
                events.push(Event::Error(d));
                continue;
            }
        }
        let call = call_of(&directive).map(|(n, a)| (n.to_string(), a));
        if let (Some(limit), Some((name, args))) = (trace, &call) {
            let state = super::recording::live_state(built);
            let traced = super::recording::image(defs, None, sources)
                .and_then(|image| super::recording::trace(&image, (name, args), limits, &state, limit, interrupt));
            events.push(super::recording::trace_event(traced));
        }
        // Lend the session's runtime to a context whose current instance is the session's.
        let spare = || Runtime::new(limits, Box::new(output.clone()));
        let mut ctx = WastContext::new(std::mem::replace(&mut built.runtime, spare()));
        ctx.set_current(built.instance);
        let result = ctx.run(sources, source, directive, interrupt);
        let last_trap = ctx.last_trap().cloned();
        built.runtime = std::mem::replace(ctx.runtime_mut(), spare());
        let result = match (result, call) {
            (Outcome::Failed(d), Some((name, args))) if is_trap(&d) => {
                let (d, recorded) = match &last_trap {
                    Some(trap) => {
                        let state = super::recording::state_before(built, memory_before, globals_before);
                        super::recording::with_values(d, defs, None, sources, limits, (&name, &args), trap, &state)
                    }
                    None => (d, None),
                };
                Outcome::Failed(traced(d, &cx, (&name, &args), limits, last_trap.as_ref(), recorded))
            }
            (r, _) => r,
        };
        events.push(outcome(result, is_call));
    }
    events
}

/// `:debug (invoke "f" ARGS)`: `input` is the whole command, with the invoke at `from`.
///
/// # Errors
/// Not an `(invoke ...)` of the session module, no such export, bad arguments, or a session
/// that cannot be recorded.
pub(super) fn debug_target(
    built: &Built,
    env: &super::Env<'_>,
    source: SourceId,
    input: &str,
    from: usize,
) -> Result<super::DebugTarget, Diagnostic> {
    let usage = || {
        Diagnostic::error(code::SYNTAX, "`:debug` takes one call").with_help(
            "usage: `:debug (invoke \"f\" (i32.const 1))`, `:debug (call $f (i32.const 1))` or `:debug INSTRUCTIONS`",
        )
    };
    // Blanks in place of `:debug`, so the spans the parser reports are the input's own.
    let padded = format!("{}{}", " ".repeat(from), &input[from..]);
    let cx = Ctx { defs: env.defs, sources: env.sources, source, text: &padded };
    let buf = ParseBuffer::new(&padded).map_err(|e| crate::assemble::parse_error(source, &padded, &e))?;
    let script: Wast = parser::parse(&buf).map_err(|e| crate::assemble::parse_error(source, &padded, &e))?;
    let [directive] = script.directives.as_slice() else { return Err(usage()) };
    if !matches!(directive, WastDirective::Invoke(i) if i.module.is_none()) {
        return Err(usage());
    }
    let Some((name, span)) = export_used(directive).map(|(n, _, s)| (n, s)) else { return Err(usage()) };
    check_export(built, &cx, span, name, true)?;
    let Some((name, args)) = call_of(directive) else {
        return Err(Diagnostic::error(code::UNSUPPORTED, "`:debug` takes number arguments only")
            .with_primary(cx.span(span), "this call"));
    };
    if let Some(Extern::Func(f)) = built.instance.get_export(built.runtime.store(), name) {
        let ty = f.ty(built.runtime.store());
        let types: Vec<wasmi::ValType> = args.iter().map(|a| a.ty()).collect();
        if types.as_slice() != ty.params() {
            return Err(Diagnostic::error(
                code::BAD_ARGUMENT,
                format!("`{name}` takes {}, not these arguments", crate::value::DisplayFuncType(&ty)),
            )
            .with_primary(cx.span(span), "this call"));
        }
    }
    let image = super::recording::debug_image(env.defs, None, env.sources, env.limits)?;
    Ok(super::DebugTarget {
        rec: image.rec,
        entry: name.to_string(),
        shown: format!("`{name}`"),
        args,
        state: super::recording::live_state(built),
        input: None,
        limits: env.limits,
    })
}

fn is_trap(d: &Diagnostic) -> bool {
    d.code == code::TRAP || d.code == code::OUT_OF_FUEL || d.code == code::STACK_OVERFLOW
}

/// Adds where the trap happened, keeping the call as a secondary place.
fn traced(
    d: Diagnostic,
    cx: &Ctx<'_>,
    call: (&str, &[Val]),
    limits: Limits,
    trap: Option<&crate::runtime::Trap>,
    recorded: Option<crate::trace::TrapTrace>,
) -> Diagnostic {
    let kind = if d.code == code::OUT_OF_FUEL { Some(crate::runtime::TrapKind::OutOfFuel) } else { trap_code(&d) };
    let fuel_used = trap.map(|t| t.fuel_used);
    match kind {
        Some(kind) => with_trace(d, cx, call, limits, kind, fuel_used, recorded),
        None => d,
    }
}

/// The trap a runner diagnostic reports, if it is one a trace can locate (not running out of
/// fuel or an interrupt, which end a run rather than point at a faulty instruction).
fn trap_code(d: &Diagnostic) -> Option<crate::runtime::TrapKind> {
    match &d.cause {
        Cause::Trap { kind: kind @ crate::runtime::TrapKind::Code(_) } => Some(kind.clone()),
        _ => None,
    }
}

fn with_trace(
    mut d: Diagnostic,
    cx: &Ctx<'_>,
    (name, args): (&str, &[Val]),
    limits: Limits,
    kind: crate::runtime::TrapKind,
    fuel_used: Option<u64>,
    recorded: Option<crate::trace::TrapTrace>,
) -> Diagnostic {
    let fuel_used = fuel_used.unwrap_or_else(|| limits.fuel.unwrap_or(crate::runtime::DEFAULT_FUEL));
    let trap = crate::runtime::Trap { kind, fuel_used };
    let Some(trace) = super::build::locate(cx.defs, None, name, args, limits, &trap).or(recorded) else { return d };
    for label in &mut d.labels {
        label.primary = false;
    }
    crate::trace::attach(d, &trace, &trap.kind, cx.sources)
}

fn outcome(o: Outcome, is_call: bool) -> Event {
    match o {
        Outcome::Passed { note: Some(note), .. } => Event::Info(note),
        Outcome::Passed { values, .. } if is_call => Event::Results(values),
        Outcome::Passed { .. } => Event::Info("assertion passed".into()),
        Outcome::Failed(d) => Event::Error(d),
        Outcome::Skipped { reason } => Event::Info(format!("skipped: {reason}")),
    }
}

fn check_export(
    built: &Built,
    cx: &Ctx<'_>,
    span: wast::token::Span,
    name: &str,
    func: bool,
) -> Result<(), Diagnostic> {
    match built.instance.get_export(built.runtime.store(), name) {
        Some(Extern::Func(_)) if func => Ok(()),
        Some(Extern::Global(_)) if !func => Ok(()),
        _ if name.starts_with(INTERNAL) => {
            Err(unknown_export(built, cx, span, name, if func { "function" } else { "global" }))
        }
        Some(_) => Ok(()),
        None => Err(unknown_export(built, cx, span, name, if func { "function" } else { "global" })),
    }
}

/// A lone `(get "name")`.
struct GetExec<'a>(WastExecute<'a>);

impl<'a> parser::Parse<'a> for GetExec<'a> {
    fn parse(p: parser::Parser<'a>) -> parser::Result<Self> {
        p.parens(|p| p.parse::<WastExecute>()).map(GetExec)
    }
}

fn execute(built: &mut Built, cx: &Ctx<'_>, exec: WastExecute<'_>) -> Result<Vec<Val>, Diagnostic> {
    match exec {
        WastExecute::Get { span, module: None, global } => {
            match built.instance.get_export(built.runtime.store(), global) {
                Some(Extern::Global(g)) if !global.starts_with(INTERNAL) => Ok(vec![g.get(built.runtime.store())]),
                _ => Err(unknown_export(built, cx, span, global, "global")),
            }
        }
        _ => Err(Diagnostic::error(code::UNSUPPORTED, "a lone `(get ...)` reads a global of the session module")
            .with_help("write `(get \"name\")`; for a named module use `(assert_return (get $m \"name\") ...)`")),
    }
}

fn unknown_export(built: &Built, cx: &Ctx<'_>, span: wast::token::Span, name: &str, what: &str) -> Diagnostic {
    let store = built.runtime.store();
    let names: Vec<String> =
        built.instance.exports(store).map(|e| e.name().to_string()).filter(|n| !n.starts_with(INTERNAL)).collect();
    let mut d = Diagnostic::error(
        code::UNKNOWN_EXPORT,
        format!("the session module exports no {what} named \"{}\"", DisplayName(name)),
    )
    .with_primary(cx.span(span), "no such export");
    let dollar = format!("${name}");
    let space = if what == "global" { &built.globals } else { &built.funcs };
    if space.iter().any(|e| e.name.as_deref() == Some(dollar.as_str())) {
        // WAST reaches exports only; the learner named the item and expects that to be enough.
        let direct = if what == "global" { format!("`global.get {dollar}`") } else { format!("`call {dollar}`") };
        d = d.with_help(format!(
            "`{dollar}` is defined but not exported: add `(export \"{name}\")` to its definition, or use {direct} at the prompt"
        ));
    } else if let Some(best) = closest(name, names.iter().map(String::as_str)) {
        d = d.with_help(format!("did you mean \"{}\"?", DisplayName(best)));
    } else if names.is_empty() {
        d = d.with_help("export a function with `(func (export \"name\") ...)`");
    } else {
        let names: Vec<String> = names.iter().map(|n| DisplayName(n).to_string()).collect();
        d = d.with_note(format!("exports: {}", names.join(", ")));
    }
    d
}
