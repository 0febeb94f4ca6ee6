//! Traps that show their values. After a call traps, the same call is re-run on the recording
//! copy (as `locate_trap` re-runs the locating copy; programs are deterministic), and the
//! shadow machine at the trap gives the trapping instruction's operands and every frame's
//! locals; the instance gives memory and table sizes. [`attach`] words them as notes.
//! Only calls that did a bounded amount of work are re-run this way (the recording copy is
//! slower than the original by a larger factor); a longer one keeps the plain report.

use std::sync::Arc;

use wasmi::{TrapCode, Val};

use super::probes::Effect;
use super::record::{Recorder, State};
use super::{Entry, Recordable};
use crate::diag::Diagnostic;
use crate::runtime::{Limits, Progress, Trap, TrapKind};
use crate::value::{DisplayFuncType, DisplayTyped, DisplayVal};

/// Fuel the original may have used for a re-run to be worth it (a few milliseconds of
/// original work; the recording copy takes tens of times longer).
pub const MAX_RERUN_WORK: u64 = 5_000_000;
/// The re-run's fuel per unit of the original's (probes and host calls cost fuel too).
const RERUN_FACTOR: u64 = 12;
/// The deepest call stack a stack overflow is re-run for.
const MAX_RERUN_DEPTH: usize = 10_000;
/// Frames whose locals are listed.
const SHOWN_FRAMES: usize = 4;
/// Locals listed per frame.
const SHOWN_LOCALS: usize = 8;

/// What the machine held when the call trapped.
#[derive(Debug, Clone)]
pub struct TrapValues {
    /// The trapping instruction (or the call where fuel ran out or the stack filled up).
    pub site: Option<u32>,
    /// Its operands.
    pub operands: Vec<Val>,
    /// Active frames, innermost first: defined function and locals.
    pub frames: Vec<(u32, Vec<Val>)>,
    /// Active frames, innermost first: defined function and the site it was at.
    pub calls: Vec<(u32, Option<u32>)>,
    /// Memory sizes for a memory fault (memory index, bytes).
    pub memory_size: Option<(u32, u64)>,
    /// For a `call_indirect`: the table's size and the type found at the index.
    pub table: Option<(u64, Option<wasmi::FuncType>)>,
}

use super::record::Quiet;

use crate::host::Discard;

/// Re-runs `entry` on the recording copy, expecting `trap` again. `None` when the call did
/// too much work to re-run, was the start function, or the re-run ended otherwise.
pub fn trap_values(rec: &Recordable, limits: Limits, entry: Entry<'_>, trap: &Trap) -> Option<TrapValues> {
    trap_values_from(rec, limits, entry, trap, None)
}

/// Like [`trap_values`], with the copy first given `state` (the memory and globals the call
/// started from, when that was not a fresh instance: a REPL session's).
pub fn trap_values_from(
    rec: &Recordable,
    limits: Limits,
    entry: Entry<'_>,
    trap: &Trap,
    state: Option<&State>,
) -> Option<TrapValues> {
    let Entry::Export { name, args } = entry else { return None };
    let expected = match &trap.kind {
        TrapKind::Code(_) | TrapKind::OutOfFuel => trap.kind.clone(),
        _ => return None,
    };
    let fuel = match trap.kind {
        TrapKind::OutOfFuel => trap.fuel_used.min(MAX_RERUN_WORK),
        // The depth is the limit, not the work: a re-run that does not overflow within this
        // much fuel ends differently and shows nothing.
        TrapKind::Code(TrapCode::StackOverflow) if limits.max_call_depth <= MAX_RERUN_DEPTH => {
            MAX_RERUN_WORK.saturating_mul(RERUN_FACTOR)
        }
        // Hundreds of thousands of shadow frames take seconds to rebuild, to show a few.
        TrapKind::Code(TrapCode::StackOverflow) => return None,
        _ if trap.fuel_used > MAX_RERUN_WORK => return None,
        _ => trap.fuel_used.saturating_mul(RERUN_FACTOR).saturating_add(1_000_000),
    };
    let limits = Limits { fuel: Some(fuel.max(1)), ..limits };
    let mut recorder = Recorder::new(rec.probed.clone(), limits, Box::new(Discard), Box::new(Quiet)).ok()?;
    if let Some(state) = state {
        recorder.load_state(state);
    }
    let mut call = recorder.begin(name, args)?;
    let again = loop {
        match recorder.resume(&mut call) {
            Progress::Paused { .. } => continue,
            Progress::Finished(_) => return None,
            Progress::Trapped(t) => break t,
        }
    };
    if again.kind != expected {
        return None;
    }
    read_values(rec, &recorder)
}

/// What `recorder`, stopped at a trap, holds: the trapping instruction's operands, the
/// frames' locals, memory and table sizes.
pub fn read_values(rec: &Recordable, recorder: &Recorder) -> Option<TrapValues> {
    let machine = recorder.machine();
    let inner = machine.frames.last()?;
    let site = inner.site;
    let effect = site.map(|s| rec.probed.analysis.sites[s as usize].effect.clone());
    let memory_size = match effect {
        Some(Effect::Load { memory, .. } | Effect::Store { memory, .. } | Effect::Bulk { memory }) => {
            recorder.memory_size(memory).map(|n| (memory, n))
        }
        _ => None,
    };
    let table = match (&effect, machine.operands.last()) {
        (Some(Effect::Call { indirect: Some((table, _)), .. }), Some(Val::I32(i))) => {
            recorder.table_entry(*table, *i as u32 as u64)
        }
        _ => None,
    };
    let frames = machine.frames.iter().rev().map(|f| (f.defined_idx, f.locals.clone())).collect();
    let calls = machine.frames.iter().rev().map(|f| (f.defined_idx, f.site)).collect();
    Some(TrapValues { site, operands: machine.operands.clone(), frames, calls, memory_size, table })
}

fn as_u64(v: &Val) -> u64 {
    match v {
        Val::I32(x) => *x as u32 as u64,
        Val::I64(x) => *x as u64,
        _ => 0,
    }
}

fn bytes_text(n: u64) -> String {
    let pages = if n % 65536 == 0 { format!(", {}", crate::words::plural(n / 65536, "page")) } else { String::new() };
    format!("{} bytes{pages}", crate::trap::group(n))
}

/// The sentence about the trapping instruction's operands, if its kind has one.
fn operand_note(values: &TrapValues, rec: &Recordable, code: TrapCode) -> Option<String> {
    let site = values.site?;
    let text = &rec.listing.sites.get(site as usize)?.text;
    let op = text.split_whitespace().next().unwrap_or(text);
    let effect = &rec.probed.analysis.sites[site as usize].effect;
    let ops = &values.operands;
    match (code, effect, ops.as_slice()) {
        (TrapCode::IntegerDivisionByZero | TrapCode::IntegerOverflow, _, [a, b]) => {
            let mut s = format!("`{op}` of {} by {}", DisplayVal(a), DisplayVal(b));
            if code == TrapCode::IntegerOverflow {
                s.push_str(": the quotient does not fit in the type");
            }
            Some(s)
        }
        // wasmi reports a value out of range as an overflow, NaN as a bad conversion.
        (TrapCode::BadConversionToInteger | TrapCode::IntegerOverflow, _, [v]) if op.contains("trunc") => {
            let target = op.split('.').next().unwrap_or("the integer");
            let why = match v {
                Val::F32(x) if f32::from(*x).is_nan() => "NaN has no integer value".to_string(),
                Val::F64(x) if f64::from(*x).is_nan() => "NaN has no integer value".to_string(),
                _ => format!("which is out of {target} range"),
            };
            let sep = if why.starts_with("which") { ", " } else { ": " };
            Some(format!("`{op}` of {}{sep}{why}", DisplayVal(v)))
        }
        (
            TrapCode::MemoryOutOfBounds,
            Effect::Load { offset, bytes, .. } | Effect::Store { offset, bytes, .. },
            [addr, ..],
        ) => {
            let at = as_u64(addr).saturating_add(*offset);
            let size = values.memory_size.map(|(_, n)| format!(", memory is {}", bytes_text(n))).unwrap_or_default();
            let offset = if *offset > 0 { format!(" ({} + offset {offset})", as_u64(addr)) } else { String::new() };
            Some(format!("`{op}` of {} at {at}{offset}{size}", crate::words::plural(u64::from(*bytes), "byte")))
        }
        (TrapCode::MemoryOutOfBounds, Effect::Bulk { .. }, [dst, .., len]) => {
            let size = values.memory_size.map(|(_, n)| format!(", memory is {}", bytes_text(n))).unwrap_or_default();
            Some(format!("`{op}` of {} at {}{size}", crate::words::plural(as_u64(len), "byte"), as_u64(dst)))
        }
        (_, Effect::Call { indirect: Some((_, expected)), .. }, [.., idx]) => {
            let (size, found) = values.table.clone()?;
            let idx = as_u64(idx);
            let elements = crate::words::plural(size, "element");
            Some(match code {
                TrapCode::TableOutOfBounds => format!("`{op}` of element {idx}, but the table has {elements}"),
                TrapCode::IndirectCallToNull => {
                    format!("`{op}` of element {idx}, which holds no function (the table has {elements})")
                }
                TrapCode::BadSignature => match found {
                    Some(ty) => format!(
                        "`{op}` expected a function of type `{expected}`; element {idx} is of type `{}`",
                        DisplayFuncType(&ty)
                    ),
                    None => format!("`{op}` expected a function of type `{expected}` at element {idx}"),
                },
                _ => return None,
            })
        }
        _ => None,
    }
}

/// `$get: $i = 65530 : i32` lines, innermost first.
fn locals_note(values: &TrapValues, rec: &Recordable) -> Option<String> {
    if values.frames.iter().all(|(_, locals)| locals.is_empty()) {
        return None;
    }
    let mut lines = Vec::new();
    for (d, locals) in values.frames.iter().take(SHOWN_FRAMES) {
        let items: Vec<String> = locals
            .iter()
            .take(SHOWN_LOCALS)
            .enumerate()
            .map(|(i, v)| format!("{} = {}", rec.listing.local(*d, i), DisplayTyped(v)))
            .collect();
        let more = if locals.len() > SHOWN_LOCALS {
            format!(", … {} more", locals.len() - SHOWN_LOCALS)
        } else {
            String::new()
        };
        let body = if items.is_empty() { "no locals".to_string() } else { items.join(", ") };
        lines.push(format!("  {}: {body}{more}", rec.listing.func(*d)));
    }
    if values.frames.len() > SHOWN_FRAMES {
        let n = values.frames.len() - SHOWN_FRAMES;
        lines.push(format!("  … and {} more frames", crate::trap::group(n as u64)));
    }
    if lines.is_empty() {
        return None;
    }
    Some(format!("locals at the trap, innermost call first:\n{}", lines.join("\n")))
}

/// Adds what the re-run saw to `d`, the diagnostic of a trap of kind `kind`.
pub fn attach(mut d: Diagnostic, values: &TrapValues, rec: &Recordable, kind: &TrapKind) -> Diagnostic {
    if let TrapKind::Code(code) = kind {
        if let Some(note) = operand_note(values, rec, *code) {
            d = d.with_note(note);
        }
    }
    match locals_note(values, rec) {
        Some(note) => d.with_note(note),
        None => d,
    }
}

/// The whole step for a program: prepare the copy, re-run, attach. `d` unchanged when any
/// part is not possible.
pub fn with_values(
    d: Diagnostic,
    bytes: &[u8],
    spans: Option<&crate::span_map::SpanMap>,
    sources: &crate::source::SourceMap,
    limits: Limits,
    entry: Entry<'_>,
    trap: &Trap,
) -> Diagnostic {
    let Some(rec) = Recordable::new(bytes, spans, sources) else { return d };
    let rec = Arc::new(rec);
    match trap_values(&rec, limits, entry, trap) {
        // A binary has no text to underline: its stack trace gives each frame's offset.
        Some(values) if spans.is_none() => {
            let d = attach(d, &values, &rec, &trap.kind);
            match offsets_note(&rec, &values.calls) {
                Some((n_frames, text)) => {
                    d.with_note_of(crate::diag::NoteKind::StackTrace { n_frames, only_input: false }, text)
                }
                None => d,
            }
        }
        Some(values) => attach(d, &values, &rec, &trap.kind),
        None => d,
    }
}

/// The stack trace of a binary: each frame's function (its `$name` from the name section,
/// else its index and export) and the offset of the instruction it was at.
fn offsets_note(rec: &Recordable, calls: &[(u32, Option<u32>)]) -> Option<(usize, String)> {
    let frames = super::calls_trace(rec, calls, None)?.frames;
    let width = frames.iter().map(|f| f.func_name.chars().count()).max().unwrap_or(0);
    let lines: Vec<String> = (frames.iter().zip(calls))
        .map(|(f, (_, site))| {
            let place = site.and_then(|s| rec.listing.sites.get(s as usize)).map(|s| s.place.as_str());
            match place {
                Some(place) => format!("  {:width$}  at {place}", f.func_name),
                None => format!("  {}", f.func_name),
            }
        })
        .collect();
    Some((frames.len(), format!("stack trace, innermost call first:\n{}", lines.join("\n"))))
}

/// The diagnostic for a trap that `recorder` (a debugger's) stopped at: the trap explained,
/// placed at the trapping instruction with the active calls as its stack trace, and the
/// values. No re-run: the recorder already is where the call trapped. `input` is the
/// defined function that is the learner's own input, if any; its locals are not listed.
pub fn recorded_diagnostic(
    rec: &Recordable,
    recorder: &Recorder,
    trap: &Trap,
    limits: Limits,
    what: &str,
    input: Option<u32>,
    sources: &crate::source::SourceMap,
) -> Diagnostic {
    let d = crate::trap::diagnostic(trap, limits, what);
    let d = crate::trap::with_page_sizes(d, trap, &crate::segments::page_sizes(&rec.probed.bytes));
    let Some(mut values) = read_values(rec, recorder) else { return d };
    let trace = super::calls_trace(rec, &values.calls, input);
    values.frames.retain(|(f, _)| Some(*f) != input);
    let d = attach(d, &values, rec, &trap.kind);
    match trace {
        Some(trace) => super::attach(d, &trace, &trap.kind, sources),
        None => d,
    }
}
