//! Where a trap happened: the trapping instruction and the chain of calls that led there, in
//! the learner's own text.
//!
//! wasmi gives no backtrace, and instrumenting every run would slow honest programs down, so
//! normal runs stay untouched. Only after a call from text traps does [`locate_trap`] run the
//! same call again on an instrumented copy of the module (see `trace/instrument.rs`) in a fresh
//! runtime whose output is thrown away. Programs are deterministic (host functions only
//! print), so the copy traps in the same way, and its shadow stack and `$pc` name each frame's
//! function and current instruction. When the re-run ends differently, there is no trace rather
//! than a wrong one. [`attach`] adds the trace to the trap's diagnostic; wording the trap itself
//! is `trap`'s job.

mod instrument;
pub mod listing;
pub mod probes;
pub mod record;
pub mod tracer;
pub mod values;

use wasmi::{Global, Memory, MemoryType, Mutability, Val};

use crate::diag::{Diagnostic, NoteKind};
use crate::runtime::{Limits, Runtime, Trap, TrapKind};
use crate::source::{SourceMap, Span};
use crate::span_map::SpanMap;

pub use instrument::{instrument, Instrumented, ENTRY_BYTES, MODULE, NO_PC};

/// A program ready to record: the recording copy and how its sites are shown.
#[derive(Debug, Clone)]
pub struct Recordable {
    /// The recording copy.
    pub probed: std::sync::Arc<probes::Probed>,
    /// Places, instruction texts, names.
    pub listing: std::sync::Arc<listing::Listing>,
}

impl Recordable {
    /// Prepares `bytes` (text locations in `spans` and `sources` when it came from text).
    /// `None` when the module has no functions or cannot be rewritten.
    pub fn new(bytes: &[u8], spans: Option<&SpanMap>, sources: &SourceMap) -> Option<Recordable> {
        let probed = probes::probe(bytes)?;
        let listing = listing::Listing::build(bytes, spans, sources, &probed.analysis);
        Some(Recordable { probed: std::sync::Arc::new(probed), listing: std::sync::Arc::new(listing) })
    }

    /// The defined function called `name` (`$fac`, `fac`, or an export name).
    pub fn find_func(&self, name: &str) -> Option<u32> {
        let bare = name.trim_start_matches('$');
        let n_imported = self.probed.analysis.n_imported_funcs;
        self.listing.funcs.iter().position(|f| f.trim_start_matches('$') == bare).map(|d| d as u32).or_else(|| {
            let (idx, _) = self.listing.exports.iter().find(|(_, n)| n == name)?;
            idx.checked_sub(n_imported)
        })
    }
}

/// Active calls as a trap trace: `calls` innermost first, each a defined function and the
/// site it is at, placed through the listing. `input` is the defined function that is the
/// learner's own input (a REPL snippet), named `your input`.
pub fn calls_trace(rec: &Recordable, calls: &[(u32, Option<u32>)], input: Option<u32>) -> Option<TrapTrace> {
    let n_imported = rec.probed.analysis.n_imported_funcs;
    let frames: Vec<Frame> = calls
        .iter()
        .map(|&(d, site)| {
            let func_idx = n_imported + d;
            let is_input = input == Some(d);
            Frame {
                func_idx,
                func_name: if is_input { "your input".into() } else { rec.listing.func(d).to_string() },
                export_name: rec.listing.exports.iter().find(|(i, _)| *i == func_idx).map(|(_, n)| n.clone()),
                span: site.and_then(|s| rec.listing.sites.get(s as usize)).and_then(|s| s.span),
                is_input,
            }
        })
        .collect();
    (!frames.is_empty()).then_some(TrapTrace { frames, loop_span: None })
}

/// The active calls of a recorder's shadow machine as a trap trace (see [`calls_trace`]).
pub fn machine_trace(rec: &Recordable, machine: &record::Machine, input: Option<u32>) -> Option<TrapTrace> {
    let calls: Vec<(u32, Option<u32>)> = machine.frames.iter().rev().map(|f| (f.defined_idx, f.site)).collect();
    calls_trace(rec, &calls, input)
}

/// What was running when the trap happened.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    /// A call of an exported function with these arguments, on a freshly started instance.
    Export {
        /// The export's name.
        name: &'a str,
        /// The arguments it was called with.
        args: &'a [Val],
    },
    /// The module's start function, while instantiating.
    Start,
}

/// One active call at the moment of the trap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Index in the module's function index space.
    pub func_idx: u32,
    /// `$name`, else `func N (export "name")`, else `func N`; the export name escaped.
    pub func_name: String,
    /// The function's first export name, as the module spells it.
    pub export_name: Option<String>,
    /// The instruction the frame was at (the call, for callers), as a point in the text.
    pub span: Option<Span>,
    /// The learner's own input (a REPL snippet) rather than a function they named.
    pub is_input: bool,
}

impl Frame {
    /// How messages name the frame: `` `$fac` ``, or `your input` (no backticks: not a name).
    pub fn shown(&self) -> String {
        if self.is_input {
            self.func_name.clone()
        } else {
            format!("`{}`", self.func_name)
        }
    }
}

/// The active calls at a trap, innermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrapTrace {
    /// Innermost first; the first frame holds the trapping instruction.
    pub frames: Vec<Frame>,
    /// The `loop` around the innermost instruction, if any (where fuel usually runs out).
    pub loop_span: Option<Span>,
}

/// Frames shown in full at each end of a long trace; the middle is summarised.
const SHOWN_INNER: usize = 6;
const SHOWN_OUTER: usize = 3;
/// The re-run may use this many times the original's fuel (probes and wrappers cost fuel
/// too; the copy measured 3.6 to 3.9 times on call-heavy code), plus `RERUN_SLACK` for
/// compiling the larger copy. That keeps a re-run within a small factor of the original's
/// time, and makes an endless one impossible.
const RERUN_FUEL_FACTOR: u64 = 6;
const RERUN_SLACK: u64 = 1_000_000;

use crate::host::Discard;

/// A runtime that provides the instrumented copy's imports: the shadow stack memory, `$pc`
/// and `$sp`.
struct Hooked {
    runtime: Runtime,
    pc: Global,
    sp: Global,
    stack: Memory,
    /// Bytes of shadow stack there are room for.
    capacity: usize,
}

impl Hooked {
    /// Room for the deepest stack `limits` allows (the copy's depth limit is twice the
    /// original's, one wrapper and one original frame per call).
    fn new(limits: Limits) -> Option<Hooked> {
        let entries = limits.max_call_depth / 2 + 16;
        // A huge `--max-stack` gets a bounded shadow stack; a deeper trace is then not shown.
        let pages = (entries * ENTRY_BYTES as usize).div_ceil(PAGE).min(MAX_SHADOW_PAGES) as u32;
        let capacity = pages as usize * PAGE;
        // The engine's memory limit applies to each memory, the shadow stack included; only a
        // `--max-memory` below its size (1.6 MB at the default depth) is raised.
        let limits = Limits { max_memory: limits.max_memory.max(capacity), ..limits };
        let mut runtime = Runtime::new(limits, Box::new(Discard));
        let store = runtime.store_mut();
        let stack = Memory::new(&mut *store, MemoryType::new(pages, Some(pages))).ok()?;
        let pc = Global::new(&mut *store, Val::I32(NO_PC), Mutability::Var);
        let sp = Global::new(&mut *store, Val::I32(0), Mutability::Var);
        let linker = runtime.linker_mut();
        linker.define(MODULE, "stack", stack).ok()?;
        linker.define(MODULE, "pc", pc).ok()?;
        linker.define(MODULE, "sp", sp).ok()?;
        Some(Hooked { runtime, pc, sp, stack, capacity })
    }

    fn global(&self, g: Global) -> i32 {
        match g.get(self.runtime.store()) {
            Val::I32(v) => v,
            _ => NO_PC,
        }
    }

    /// The shadow stack, outermost first: (defined function, the caller's `$pc`). `None` when it
    /// may have overflowed (a push that did not fit traps like the learner's code would).
    fn shadow(&self) -> Option<Vec<(u32, i32)>> {
        let sp = usize::try_from(self.global(self.sp)).ok()?;
        if sp + ENTRY_BYTES as usize > self.capacity {
            return None;
        }
        let bytes = self.stack.data(self.runtime.store()).get(..sp)?;
        let word = |b: &[u8]| i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        Some(bytes.chunks_exact(ENTRY_BYTES as usize).map(|e| (word(&e[..4]) as u32, word(&e[4..]))).collect())
    }
}

const PAGE: usize = 65536;
/// 128 MiB: sixteen million frames.
const MAX_SHADOW_PAGES: usize = 2048;

/// Re-runs `entry` of the module `bytes` (whose text locations are `spans`) on an instrumented
/// copy under `limits`, expecting `trap` again, and returns where it happened.
///
/// The re-run starts from a fresh instance, so `entry` must have been the first call after
/// instantiation (as in `watlab run`); after other calls have changed memory or globals, the
/// re-run could take another path. Its output is discarded.
///
/// `None` when the trap is not one a re-run can explain (an interrupt, a closed output), when
/// the copy cannot be built, or when the re-run ends differently from `trap`.
pub fn locate_trap(bytes: &[u8], spans: &SpanMap, limits: Limits, entry: Entry<'_>, trap: &Trap) -> Option<TrapTrace> {
    if matches!(trap.kind, TrapKind::Interrupted | TrapKind::OutputClosed | TrapKind::EngineFailure(_)) {
        return None;
    }
    let shadow_room = MAX_SHADOW_PAGES * PAGE / ENTRY_BYTES as usize;
    if trap.kind == TrapKind::Code(wasmi::TrapCode::StackOverflow) && limits.max_call_depth + 16 > shadow_room {
        // The shadow stack would fill up before the copy's call stack: not worth the wait.
        return None;
    }
    let ins = instrument(bytes)?;
    let fuel = match trap.kind {
        // The copy needs more fuel for the same work, so with the same budget it would stop
        // early, perhaps in honest work before the runaway loop. With more, it gets further
        // than the original did: still inside a loop that never exits (a program that merely
        // needed more fuel may finish instead, and then shows no location). But no more than
        // a fraction of a second's worth: the learner already waited for the original, and a
        // runaway loop must end within about ten seconds in all.
        TrapKind::OutOfFuel => trap.fuel_used.saturating_mul(RERUN_FUEL_FACTOR).clamp(1, limits.rerun_fuel.max(1)),
        _ => trap.fuel_used.saturating_mul(RERUN_FUEL_FACTOR).saturating_add(RERUN_SLACK),
    };
    let rerun_limits = Limits {
        fuel: Some(fuel),
        max_memory: limits.max_memory,
        // Each call is two frames in the copy (wrapper and original).
        max_call_depth: limits.max_call_depth.saturating_mul(2).saturating_add(2),
        rerun_fuel: limits.rerun_fuel,
    };
    let mut hooked = Hooked::new(rerun_limits)?;
    let runtime = &mut hooked.runtime;
    let module = runtime.compile(&ins.bytes).ok()?;
    let again = match (runtime.instantiate(&module), entry) {
        (Err(Ok(again)), Entry::Start) => again,
        (Ok(instance), Entry::Export { name, args }) => {
            let func = instance.get_func(runtime.store(), name)?;
            runtime.call(func, args, None).err()?
        }
        _ => return None,
    };
    if again.kind != trap.kind {
        return None;
    }
    let pc_now = hooked.global(hooked.pc);
    let stack = hooked.shadow()?;
    build_trace(&ins, spans, &export_names(bytes), &stack, pc_now)
}

/// Where a call that is still running (past its time limit, or stopped from outside) most
/// likely is: the same call re-run on an instrumented copy for a fraction of a second's worth
/// of fuel, located where that run stopped. `None` when the re-run finishes (the work was
/// honest, only slow) or ends otherwise.
pub fn locate_runaway(bytes: &[u8], spans: &SpanMap, limits: Limits, entry: Entry<'_>) -> Option<TrapTrace> {
    locate_trap(bytes, spans, limits, entry, &Trap { kind: TrapKind::OutOfFuel, fuel_used: u64::MAX })
}

/// Turns the shadow stack (outermost first: defined function, caller's `$pc`) and the final
/// `$pc` into frames, innermost first.
fn build_trace(
    ins: &Instrumented,
    spans: &SpanMap,
    exports: &[(u32, String)],
    stack: &[(u32, i32)],
    pc_now: i32,
) -> Option<TrapTrace> {
    let mut frames = Vec::with_capacity(stack.len());
    let mut innermost_op = None;
    for (i, &(mut defined_idx, _)) in stack.iter().enumerate() {
        let here = stack.get(i + 1).map_or(pc_now, |next| next.1);
        let is_last = i + 1 == stack.len();
        let probe = usize::try_from(here).ok().and_then(|p| ins.probes.get(p));
        let at = match probe {
            Some(&(d, op)) if d == defined_idx => Some((d, op)),
            // The innermost frame was entered by a `return_call` (the only way in that leaves
            // the caller's probe in `$pc`, as wrappers reset it) and ran out of fuel before its
            // first instruction: the place is that tail call, in the function that made it.
            Some(&(d, op)) if is_last => {
                defined_idx = d;
                Some((d, op))
            }
            // A probe from another function would mean the records are out of step: no place.
            _ => None,
        };
        let at = at.as_ref();
        if is_last && at.is_none() && here == NO_PC && i > 0 {
            // Entered but not started (the call itself overflowed or ran out of fuel): the
            // caller's call instruction is the place.
            break;
        }
        innermost_op = at.copied();
        let func_idx = spans.func_index(defined_idx as usize);
        frames.push(Frame {
            func_idx,
            func_name: func_name(spans, exports, func_idx),
            export_name: exports.iter().find(|(i, _)| *i == func_idx).map(|(_, n)| n.clone()),
            span: at.and_then(|&(d, op)| spans.instr_span(d as usize, op as usize)),
            is_input: false,
        });
    }
    if frames.is_empty() {
        return None;
    }
    frames.reverse();
    let loop_span = innermost_op
        .and_then(|(d, op)| Some((d, ins.enclosing_loop(d, op)?)))
        .and_then(|(d, op)| spans.instr_span(d as usize, op as usize));
    Some(TrapTrace { frames, loop_span })
}

/// Exported function indices and names, in export order.
fn export_names(bytes: &[u8]) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        if let Ok(wasmparser::Payload::ExportSection(reader)) = payload {
            for export in reader.into_iter().flatten() {
                if matches!(export.kind, wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact) {
                    out.push((export.index, export.name.to_string()));
                }
            }
        }
    }
    out
}

fn func_name(spans: &SpanMap, exports: &[(u32, String)], func_idx: u32) -> String {
    if let Some(name) = spans.func_name(func_idx) {
        return name.to_string();
    }
    match exports.iter().find(|(i, _)| *i == func_idx) {
        Some((_, name)) => format!("func {func_idx} (export \"{}\")", crate::words::DisplayName(name)),
        None => format!("func {func_idx}"),
    }
}

/// Adds `trace` to `diag`, the diagnostic for a trap of kind `kind`: the innermost instruction
/// underlined, the call sites of the nearest callers labelled, the enclosing loop for fuel,
/// the repeating call for a stack overflow, and the whole stack (long ones shortened) as a note.
pub fn attach(mut diag: Diagnostic, trace: &TrapTrace, kind: &TrapKind, sources: &SourceMap) -> Diagnostic {
    let widen = |span: Span| match sources.get(span.source) {
        Some(f) => crate::assemble::widen(&f.text, span),
        None => span,
    };
    let Some(first) = trace.frames.iter().position(|f| f.span.is_some()) else { return diag };
    let inner = &trace.frames[first];
    let here = widen(inner.span.expect("found by position"));
    let cycle = recursion(&trace.frames[first..]);
    let primary = match (kind, &cycle) {
        (TrapKind::OutOfFuel, _) => format!("fuel ran out here, in {}", inner.shown()),
        (TrapKind::TimedOut { .. } | TrapKind::Interrupted, _) => format!("still running here, in {}", inner.shown()),
        (TrapKind::Code(wasmi::TrapCode::StackOverflow), Some((path, _))) => {
            format!("`{}` calls `{}` here, again and again", path[0], path[1])
        }
        _ => format!("trapped here, in {}", inner.shown()),
    };
    diag = diag.with_primary(here, primary);
    if let TrapKind::Code(wasmi::TrapCode::IntegerOverflow) = kind {
        let instr = sources.get(here.source).and_then(|f| f.text.get(here.range())).unwrap_or("");
        if let Some(rule) = crate::trap::trunc_overflow(instr) {
            for note in diag.notes.iter_mut().filter(|n| n.kind == crate::diag::NoteKind::TrapRule) {
                note.text.clone_from(&rule);
            }
        }
    }
    let runaway = matches!(kind, TrapKind::OutOfFuel | TrapKind::TimedOut { .. } | TrapKind::Interrupted);
    if let (true, Some(span)) = (runaway, trace.loop_span) {
        let span = widen(span);
        if span != here {
            diag = diag.with_secondary(span, "in this loop");
        }
    }
    // The nearest callers' call sites, each place once.
    let mut labelled = vec![here];
    for pair in trace.frames.windows(2).skip(first).take(SHOWN_INNER) {
        let (callee, caller) = (&pair[0], &pair[1]);
        let Some(span) = caller.span.map(widen) else { continue };
        if labelled.contains(&span) || labelled.len() > 2 {
            continue;
        }
        labelled.push(span);
        diag = diag.with_secondary(span, format!("{} calls {} here", caller.shown(), callee.shown()));
    }
    if let (TrapKind::Code(wasmi::TrapCode::StackOverflow), Some((path, times))) = (kind, &cycle) {
        diag = diag.with_note(format!(
            "the recursion `{}` repeats {} times without reaching a base case",
            path.join("` → `"),
            crate::trap::group(*times as u64)
        ));
    }
    let shown = &trace.frames[first..];
    let kind = NoteKind::StackTrace { n_frames: shown.len(), only_input: shown.iter().all(|f| f.is_input) };
    diag.with_note_of(kind, format!("stack trace, innermost call first:\n{}", stack_lines(shown, sources)))
}

/// The repeating cycle of calls at the innermost end of a deep stack, in call order starting
/// and ending with the innermost frame's function (`$fac` → `$fac`, or `$even` → `$odd` →
/// `$even`), and how many times it repeats.
fn recursion(frames: &[Frame]) -> Option<(Vec<String>, usize)> {
    for period in 1..=4 {
        let repeats = |i: usize| frames.get(i + period).is_some_and(|f| f.func_idx == frames[i].func_idx);
        let n_same = (0..frames.len()).take_while(|&i| repeats(i)).count();
        if n_same >= 2 * period && n_same >= 8 {
            let mut path = vec![frames[0].func_name.clone()];
            path.extend(frames[1..period].iter().rev().map(|f| f.func_name.clone()));
            path.push(frames[0].func_name.clone());
            return Some((path, (n_same + period) / period));
        }
    }
    None
}

/// One line per frame, names aligned. Runs of the same call (a recursion) share one line with
/// a count, and the middle of a long stack becomes one summary line.
fn stack_lines(frames: &[Frame], sources: &SourceMap) -> String {
    let mut groups: Vec<(&Frame, usize)> = Vec::new();
    for f in frames {
        match groups.last_mut() {
            Some((g, n)) if g.func_idx == f.func_idx && g.span == f.span => *n += 1,
            _ => groups.push((f, 1)),
        }
    }
    let long = groups.len() > SHOWN_INNER + SHOWN_OUTER + 1;
    let (inner, hidden, outer) = if long {
        let (inner, rest) = groups.split_at(SHOWN_INNER);
        let (hidden, outer) = rest.split_at(rest.len() - SHOWN_OUTER);
        (inner, hidden, outer)
    } else {
        (&groups[..], &[][..], &[][..])
    };
    let width = inner.iter().chain(outer).map(|(f, _)| f.func_name.chars().count()).max().unwrap_or(0);
    let line = |(f, n): &(&Frame, usize)| {
        let mut text = match f.span {
            Some(span) => {
                let name = sources.get(span.source).map_or("?", |s| s.name.as_str());
                let (l, c) = sources.line_col(span.source, span.start);
                format!("  {:width$}  at {name}:{l}:{c}", f.func_name)
            }
            None => format!("  {}", f.func_name),
        };
        if *n > 1 {
            text.push_str(&format!("  ({} calls)", crate::trap::group(*n as u64)));
        }
        text
    };
    let mut lines: Vec<String> = inner.iter().map(line).collect();
    if long {
        let n_hidden: usize = hidden.iter().map(|(_, n)| n).sum();
        let mut names: Vec<&str> = Vec::new();
        for (f, _) in hidden {
            if !names.contains(&f.func_name.as_str()) {
                names.push(&f.func_name);
            }
        }
        let more = if names.len() > 3 { ", …" } else { "" };
        let names: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
        lines.push(format!("  … {} more frames of {}{more}", crate::trap::group(n_hidden as u64), names.join(", ")));
        lines.extend(outer.iter().map(line));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests;
