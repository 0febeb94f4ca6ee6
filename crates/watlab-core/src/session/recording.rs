//! The session module as a recording (`trace::Recordable`), for `:trace`, `:debug` and the
//! values of a trap: the definitions (and, for bare instructions, the snippet as one more
//! function) assembled into one module whose instruction places are moved back into the
//! learner's inputs (`repl[N]:LINE:COL`). The recording copy starts from a fresh instance, so
//! the session's memory and globals are carried into it ([`State`]); tables are not (their
//! elements come from the module's segments again).
//!
//! Generated text (the `local.get`s that put the stack on for a snippet) has no place and is
//! not shown; the snippet's function is named `your input`.

use wasmi::{Extern, Val};

use super::build::{module_text, Built, Layout, INTERNAL, SYNTHETIC};
use super::defs::Def;
use crate::assemble::assemble;
use crate::diag::Diagnostic;
use crate::source::{SourceId, SourceMap, Span};
use crate::trace::record::State;
use crate::trace::{Recordable, TrapTrace};

/// The session ready to record one call.
#[derive(Debug, Clone)]
pub struct Image {
    /// The recording copy and its listing.
    pub rec: Recordable,
    /// The snippet's defined function, when the call is one.
    pub input: Option<u32>,
}

/// A snippet to add as a function: its text, where its body starts in it, the body's length,
/// the input it came from and where in that input the body starts.
pub type Extra<'a> = Option<(&'a str, usize, usize, SourceId, usize)>;

/// Why the session cannot be recorded when its recording copy does not start: it imports
/// from modules the REPL defined, which the copy's runtime does not have.
pub const NOT_RECORDABLE: &str =
    "the session imports from a module registered at the prompt, which its recording copy cannot reach";

/// Whether the recording copy of `image` starts (links and instantiates).
pub fn starts(image: &Image, limits: crate::runtime::Limits) -> bool {
    let quiet = Box::new(crate::trace::record::Quiet);
    crate::trace::record::Recorder::new(image.rec.probed.clone(), limits, Box::new(Discard), quiet).is_ok()
}

/// The session module (with `extra` appended) as a recording. The start function is left out:
/// the session already ran it. `None` when it does not assemble or cannot be rewritten.
/// The recording copy `:debug` runs, one that starts, or why there is none.
///
/// # Errors
/// The session module cannot be recorded or does not start.
pub fn debug_image(
    defs: &[Def],
    extra: Extra<'_>,
    sources: &SourceMap,
    limits: crate::runtime::Limits,
) -> Result<Image, Diagnostic> {
    image(defs, extra, sources).filter(|image| starts(image, limits)).ok_or_else(|| {
        Diagnostic::error(crate::diag::code::UNSUPPORTED, "`:debug` cannot run this call").with_note(NOT_RECORDABLE)
    })
}

pub fn image(defs: &[Def], extra: Extra<'_>, sources: &SourceMap) -> Option<Image> {
    let kept: Vec<Def> = defs.iter().filter(|d| d.kind != "start").cloned().collect();
    let (mut text, mut layout) = module_text(&kept);
    text.pop();
    if let Some((func, at, len, source, from)) = extra {
        layout.add(text.len() + at, len, source, from);
        text.push_str(func);
    }
    text.push(')');
    let asm = assemble(SYNTHETIC, &text).ok()?;
    let mut spans = asm.spans.clone();
    let nowhere = Span::new(SYNTHETIC, 0..0);
    let place = |s: Span| relocate(&layout, &text, s).unwrap_or(nowhere);
    for f in &mut spans.funcs {
        f.span = f.span.map(place);
        for s in &mut f.instrs {
            *s = place(*s);
        }
    }
    let mut rec = Recordable::new(&asm.bytes, Some(&spans), sources)?;
    let listing = std::sync::Arc::make_mut(&mut rec.listing);
    for site in &mut listing.sites {
        match site.span {
            Some(span) if span.source == SYNTHETIC => {
                site.span = None;
                site.line = None;
                site.quiet = true;
                site.place = String::new();
            }
            Some(span) => {
                let name = sources.get(span.source).map_or("?", |f| f.name.as_str());
                site.place = format!("{name}:{}", site.place);
            }
            None => {}
        }
    }
    let n_imported = rec.probed.analysis.n_imported_funcs;
    let input = extra.and_then(|_| {
        let (idx, _) = listing.exports.iter().find(|(_, n)| n.starts_with(INTERNAL))?;
        idx.checked_sub(n_imported)
    });
    if let Some(d) = input {
        if let Some(name) = listing.funcs.get_mut(d as usize) {
            *name = "your input".into();
        }
    }
    Some(Image { rec, input })
}

fn relocate(layout: &Layout, text: &str, span: Span) -> Option<Span> {
    layout.relocate_span(text, span)
}

/// The session's memories and globals now.
pub fn live_state(built: &Built) -> State {
    let store = built.runtime.store();
    let memories = built
        .memories
        .iter()
        .map(|e| match e.ext {
            Extern::Memory(m) => Some(m.data(store).to_vec()),
            _ => None,
        })
        .collect();
    let globals = built.globals.iter().map(|e| global_value(e.ext, built)).collect();
    State { memories, globals }
}

fn global_value(ext: Extern, built: &Built) -> Option<Val> {
    match ext {
        Extern::Global(g) => Some(g.get(built.runtime.store())),
        _ => None,
    }
}

/// The state before the input that just ran: memory 0 from the session's snapshot (when it
/// kept one), the globals from `globals`, other memories as they are now.
pub fn state_before(built: &Built, memory_0: Option<&Vec<u8>>, globals: &[Option<Val>]) -> State {
    let mut state = live_state(built);
    if let (Some(slot), Some(before)) = (state.memories.first_mut(), memory_0) {
        *slot = Some(before.clone());
    }
    if globals.len() == state.globals.len() {
        state.globals = globals.to_vec();
    }
    state
}

/// Adds a trap's values (the trapping instruction's operands, each frame's locals) to `d`:
/// the call `entry(args)` re-run on the session image started from `state`, the state the
/// call started from. The snippet's own frame is not listed (its locals are the stack). Also
/// returns where the re-run trapped, for when the plain locating re-run (which starts from a
/// fresh instance) cannot say.
#[allow(clippy::too_many_arguments)]
pub fn with_values(
    d: Diagnostic,
    defs: &[Def],
    extra: Extra<'_>,
    sources: &SourceMap,
    limits: crate::runtime::Limits,
    call: (&str, &[Val]),
    trap: &crate::runtime::Trap,
    state: &State,
) -> (Diagnostic, Option<TrapTrace>) {
    let Some(image) = image(defs, extra, sources) else { return (d, None) };
    let entry = crate::trace::Entry::Export { name: call.0, args: call.1 };
    match crate::trace::values::trap_values_from(&image.rec, limits, entry, trap, Some(state)) {
        Some(mut values) => {
            let trace = crate::trace::calls_trace(&image.rec, &values.calls, image.input);
            values.frames.retain(|(f, _)| Some(*f) != image.input);
            (crate::trace::values::attach(d, &values, &image.rec, &trap.kind), trace)
        }
        None => (d, None),
    }
}

/// Lines a `:trace` shows unless `:trace N` says otherwise (as `watlab run --trace`).
pub const DEFAULT_TRACE_LIMIT: u64 = 1000;
/// The traced copy's fuel per unit of the session's (probes and reporters cost fuel too).
const TRACE_FUEL_FACTOR: u64 = 12;

use crate::host::Discard;

/// Traces the call `entry(args)` of `image`, started from `state`, showing at most `limit`
/// lines. The copy's output is dropped: the session's own run of the call prints it. `None`
/// when the copy cannot start (an import the recording runtime does not provide).
pub fn trace(
    image: &Image,
    (entry, args): (&str, &[Val]),
    limits: crate::runtime::Limits,
    state: &State,
    limit: u64,
    interrupt: Option<&std::sync::atomic::AtomicBool>,
) -> Option<super::TraceView> {
    use std::sync::{Arc, Mutex, PoisonError};
    let lines = Arc::new(Mutex::new(Vec::new()));
    let counts = Arc::new(Mutex::new(crate::trace::tracer::Counts::default()));
    let sink = lines.clone();
    let out = Box::new(move |line: &str| {
        sink.lock().unwrap_or_else(PoisonError::into_inner).push(line.to_string());
        true
    });
    let rec = &image.rec;
    let tracer =
        crate::trace::tracer::Tracer::new(rec.listing.clone(), rec.probed.clone(), None, limit, out, counts.clone());
    let limits = crate::runtime::Limits { fuel: limits.fuel.map(|f| f.saturating_mul(TRACE_FUEL_FACTOR)), ..limits };
    let mut recorder =
        crate::trace::record::Recorder::new(rec.probed.clone(), limits, Box::new(Discard), Box::new(tracer)).ok()?;
    recorder.load_state(state);
    let mut call = recorder.begin(entry, args)?;
    let cut_short = loop {
        match recorder.resume(&mut call) {
            crate::runtime::Progress::Paused { .. } => {
                if interrupt.is_some_and(|i| i.load(std::sync::atomic::Ordering::SeqCst)) {
                    break Some("stopped by Ctrl-C".to_string());
                }
            }
            crate::runtime::Progress::Finished(_) => break None,
            crate::runtime::Progress::Trapped(t) if t.kind == crate::runtime::TrapKind::OutOfFuel => {
                break Some("the traced copy ran out of fuel".to_string())
            }
            crate::runtime::Progress::Trapped(_) => break None,
        }
    };
    let lines = std::mem::take(&mut *lines.lock().unwrap_or_else(PoisonError::into_inner));
    let counts = *counts.lock().unwrap_or_else(PoisonError::into_inner);
    Some(super::TraceView { lines, counts, limit, cut_short })
}

/// The event for a trace: the trace, or why there is none.
pub fn trace_event(view: Option<super::TraceView>) -> super::Event {
    match view {
        Some(view) => super::Event::Trace(view),
        None => super::Event::Info(format!("(no trace: {NOT_RECORDABLE})")),
    }
}
