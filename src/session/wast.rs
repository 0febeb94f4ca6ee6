//! WAST commands typed at the REPL, run against the session module.
//!
//! FALLBACK: the shared WAST runner (`wast_runner`) had not landed when this was written, so
//! this small file handles the commands a REPL user needs most, on the session instance:
//! `(invoke "f" args...)`, `(get "g")`, `(assert_return (invoke ...) results...)` and
//! `(assert_trap (invoke ...) "message")`. Other directives (named modules, `register`,
//! `assert_invalid`, ...) are pointed at `watlab test`. Replace this with calls into
//! `WastContext` once it is merged.

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use wasmi::{Extern, Val};
use wast::core::{NanPattern, WastArgCore, WastRetCore};
use wast::parser::{self, ParseBuffer};
use wast::{Wast, WastArg, WastDirective, WastExecute, WastInvoke, WastRet};

use super::build::{Built, INTERNAL};
use super::Event;
use crate::diag::{closest, code, Diagnostic};
use crate::runtime::Limits;
use crate::source::{SourceId, Span};
use crate::value::DisplayTyped;

struct Ctx<'a> {
    defs: &'a [super::defs::Def],
    sources: &'a crate::source::SourceMap,
    source: SourceId,
    base: usize,
    text: &'a str,
}

impl Ctx<'_> {
    fn span(&self, s: wast::token::Span) -> Span {
        let at = s.offset();
        crate::assemble::widen(self.text, Span::new(self.source, self.base + at..self.base + at))
    }
}

/// Runs the WAST command at `range` of `input`.
pub fn run(
    built: &mut Built,
    defs: &[super::defs::Def],
    sources: &crate::source::SourceMap,
    source: SourceId,
    input: &str,
    range: Range<usize>,
    limits: Limits,
    interrupt: Option<&AtomicBool>,
) -> Vec<Event> {
    let text = &input[range.clone()];
    let cx = Ctx { defs, sources, source, base: range.start, text: input };
    let parse_err = |e: wast::Error| {
        let mut d = crate::assemble::parse_error(source, text, &e);
        for l in &mut d.labels {
            l.span = l.span.shifted(range.start as isize);
        }
        vec![Event::Error(d)]
    };
    let buf = match ParseBuffer::new(text) {
        Ok(b) => b,
        Err(e) => return parse_err(e),
    };
    // `(get ...)` is an action, not a directive, in WAST; at the REPL it stands alone.
    if crate::session::defs::head(text).as_deref() == Some("get") {
        let exec: GetExec = match parser::parse(&buf) {
            Ok(e) => e,
            Err(e) => return parse_err(e),
        };
        return vec![match execute(built, &cx, exec.0, limits, interrupt) {
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
        events.push(match directive {
            WastDirective::Invoke(inv) => match invoke(built, &cx, &inv, limits, interrupt) {
                Ok(values) => Event::Results(values),
                Err(d) => Event::Error(d),
            },
            WastDirective::AssertReturn { span, exec, results } => {
                match execute(built, &cx, exec, limits, interrupt) {
                    Ok(values) => match compare(&values, &results) {
                        Ok(()) => Event::Info("assertion passed".into()),
                        Err(why) => Event::Error(
                            Diagnostic::error(code::ASSERTION, "assert_return failed")
                                .with_primary(cx.span(span), why)
                                .with_note(format!("the call returned {}", super::DisplayStack(&values))),
                        ),
                    },
                    Err(d) => Event::Error(d),
                }
            }
            WastDirective::AssertTrap { span, exec, message } => match execute(built, &cx, exec, limits, interrupt) {
                Ok(values) => Event::Error(
                    Diagnostic::error(code::ASSERTION, format!("assert_trap failed: expected a trap \"{message}\""))
                        .with_primary(cx.span(span), "this did not trap")
                        .with_note(format!("the call returned {}", super::DisplayStack(&values))),
                ),
                Err(d) if d.code == code::TRAP || d.code == code::STACK_OVERFLOW || d.code == code::OUT_OF_FUEL => {
                    Event::Info(format!("assertion passed: it trapped ({})", d.message))
                }
                Err(d) => Event::Error(d),
            },
            other => {
                let span = other.span();
                Event::Error(
                    Diagnostic::error(code::UNSUPPORTED, "the REPL runs `invoke`, `get`, `assert_return` and `assert_trap`")
                        .with_primary(cx.span(span), "not available at the REPL yet")
                        .with_help("put the script in a .wast file and run `watlab test FILE`"),
                )
            }
        });
    }
    events
}

/// A lone `(get "name")`.
struct GetExec<'a>(WastExecute<'a>);

impl<'a> parser::Parse<'a> for GetExec<'a> {
    fn parse(p: parser::Parser<'a>) -> parser::Result<Self> {
        p.parens(|p| p.parse::<WastExecute>()).map(GetExec)
    }
}

fn execute(
    built: &mut Built,
    cx: &Ctx<'_>,
    exec: WastExecute<'_>,
    limits: Limits,
    interrupt: Option<&AtomicBool>,
) -> Result<Vec<Val>, Diagnostic> {
    match exec {
        WastExecute::Invoke(inv) => invoke(built, cx, &inv, limits, interrupt),
        WastExecute::Get { span, module, global } => {
            no_module(cx, module, span)?;
            match built.instance.get_export(built.runtime.store(), global) {
                Some(Extern::Global(g)) => Ok(vec![g.get(built.runtime.store())]),
                _ => Err(unknown_export(built, cx, span, global, "global")),
            }
        }
        WastExecute::Wat(_) => Err(Diagnostic::error(code::UNSUPPORTED, "asserting on a module is not available at the REPL")
            .with_help("run the script with `watlab test FILE`")),
    }
}

fn no_module(cx: &Ctx<'_>, module: Option<wast::token::Id<'_>>, span: wast::token::Span) -> Result<(), Diagnostic> {
    match module {
        None => Ok(()),
        Some(id) => Err(Diagnostic::error(code::UNKNOWN_MODULE, format!("the REPL has no module named `${}`", id.name()))
            .with_primary(cx.span(span), "leave out the module name to use the session module")),
    }
}

fn unknown_export(built: &Built, cx: &Ctx<'_>, span: wast::token::Span, name: &str, what: &str) -> Diagnostic {
    let store = built.runtime.store();
    let names: Vec<String> =
        built.instance.exports(store).map(|e| e.name().to_string()).filter(|n| !n.starts_with(INTERNAL)).collect();
    let mut d = Diagnostic::error(code::UNKNOWN_EXPORT, format!("the session module exports no {what} named \"{name}\""))
        .with_primary(cx.span(span), "no such export");
    if let Some(best) = closest(name, names.iter().map(String::as_str)) {
        d = d.with_help(format!("did you mean \"{best}\"?"));
    } else if names.is_empty() {
        d = d.with_help("export a function with `(func (export \"name\") ...)`");
    } else {
        d = d.with_note(format!("exports: {}", names.join(", ")));
    }
    d
}

fn invoke(
    built: &mut Built,
    cx: &Ctx<'_>,
    inv: &WastInvoke<'_>,
    limits: Limits,
    interrupt: Option<&AtomicBool>,
) -> Result<Vec<Val>, Diagnostic> {
    no_module(cx, inv.module, inv.span)?;
    let func = match built.instance.get_export(built.runtime.store(), inv.name) {
        Some(Extern::Func(f)) => f,
        _ => return Err(unknown_export(built, cx, inv.span, inv.name, "function")),
    };
    let args: Vec<Val> = inv
        .args
        .iter()
        .map(|a| match a {
            WastArg::Core(WastArgCore::I32(v)) => Ok(Val::I32(*v)),
            WastArg::Core(WastArgCore::I64(v)) => Ok(Val::I64(*v)),
            WastArg::Core(WastArgCore::F32(v)) => Ok(Val::F32(wasmi::F32::from_bits(v.bits))),
            WastArg::Core(WastArgCore::F64(v)) => Ok(Val::F64(wasmi::F64::from_bits(v.bits))),
            _ => Err(Diagnostic::error(code::UNSUPPORTED, "the REPL passes i32, i64, f32 and f64 arguments only")
                .with_primary(cx.span(inv.span), "")),
        })
        .collect::<Result<_, _>>()?;
    let ty = func.ty(built.runtime.store());
    let types: Vec<_> = args.iter().map(Val::ty).collect();
    if types != ty.params() {
        return Err(Diagnostic::error(code::ARGUMENT_COUNT, format!("\"{}\" takes {}", inv.name, crate::value::DisplayFuncType(&ty)))
            .with_primary(cx.span(inv.span), format!("given [{}]", types.iter().map(|t| crate::value::type_name(*t)).collect::<Vec<_>>().join(" "))));
    }
    built
        .runtime
        .call(func, &args, interrupt)
        .map_err(|t| {
            let d = crate::trap::diagnostic(&t, limits, &format!("\"{}\"", inv.name));
            match super::build::locate(cx.defs, None, inv.name, &args, limits, &t) {
                Some(trace) => crate::trace::attach(d, &trace, &t.kind, cx.sources).with_secondary(cx.span(inv.span), "called here"),
                None => d.with_primary(cx.span(inv.span), "this call"),
            }
        })
}

fn compare(values: &[Val], expected: &[WastRet<'_>]) -> Result<(), String> {
    if values.len() != expected.len() {
        return Err(format!("expected {} result{}, got {}", expected.len(), if expected.len() == 1 { "" } else { "s" }, values.len()));
    }
    for (i, (v, e)) in values.iter().zip(expected).enumerate() {
        let ok = match (v, e) {
            (Val::I32(a), WastRet::Core(WastRetCore::I32(b))) => a == b,
            (Val::I64(a), WastRet::Core(WastRetCore::I64(b))) => a == b,
            (Val::F32(a), WastRet::Core(WastRetCore::F32(p))) => match p {
                NanPattern::Value(b) => a.to_bits() == b.bits,
                NanPattern::CanonicalNan => a.to_bits() & 0x7fff_ffff == 0x7fc0_0000,
                NanPattern::ArithmeticNan => a.to_bits() & 0x7fc0_0000 == 0x7fc0_0000,
            },
            (Val::F64(a), WastRet::Core(WastRetCore::F64(p))) => match p {
                NanPattern::Value(b) => a.to_bits() == b.bits,
                NanPattern::CanonicalNan => a.to_bits() & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
                NanPattern::ArithmeticNan => a.to_bits() & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
            },
            _ => false,
        };
        if !ok {
            return Err(format!("result {} is {}, which is not the expected value", i + 1, DisplayTyped(v)));
        }
    }
    Ok(())
}
