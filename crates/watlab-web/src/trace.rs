//! The trace pane's side of the protocol: `watlab run --trace` for the page, every line with
//! the state behind it, so the page can step through the recorded run.
//!
//! The call runs on the core's recording copy (`trace::record::Recorder`) with the core's own
//! tracer making the lines (the same words as the terminal's). A sink around the tracer notes,
//! for each line it makes, the instruction's place in the editor's text (UTF-16 offsets), the
//! calls active and the innermost frame's stack and locals; stepping forward and back is then
//! moving along those rows in the page, with nothing re-run. A trace stops at its line limit
//! (the sink pauses the recorder at the next instruction and the run is abandoned), so a
//! runaway loop under trace ends as quickly as a short program.

use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{json, Value};
use wasmi::Val;
use watlab_core::diag::{code, Diagnostic};
use watlab_core::host::Output;
use watlab_core::program::{parse_args, Program};
use watlab_core::runtime::{Progress, Runtime, TrapKind};
use watlab_core::source::{SourceId, SourceMap};
use watlab_core::trace::listing::Listing;
use watlab_core::trace::record::{Event, Flow, Machine, Recorder, Sink};
use watlab_core::trace::tracer::{Counts, Tracer};
use watlab_core::trace::{Entry, Recordable};
use watlab_core::value::DisplayTyped;

use crate::api::{diagnostic_json, editor_range, web_limits, EDITOR_NAME};

/// Lines a trace keeps unless the page asks for another limit.
pub const DEFAULT_LIMIT: u64 = 2000;
/// The most lines a page may ask for: each row carries its frame's stack and locals.
pub const MAX_LIMIT: u64 = 20_000;
/// Program output kept with a trace, in bytes; a program printing in a loop is cut short.
const MAX_OUTPUT: usize = 64 * 1024;

/// One row of the trace: a tracer line, or output the program printed.
#[derive(Default)]
struct Row {
    output: bool,
    text: String,
    /// Filled in by [`Capture`] right after the tracer makes the line.
    state: Option<RowState>,
}

struct RowState {
    site: Option<u32>,
    calls: Vec<String>,
    stack: Vec<String>,
    locals: Vec<(String, String)>,
}

type Rows = Arc<Mutex<Vec<Row>>>;

fn lock(rows: &Rows) -> std::sync::MutexGuard<'_, Vec<Row>> {
    rows.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What the program prints, as rows between the lines (as the terminal interleaves them).
struct RowOutput {
    rows: Rows,
    written: usize,
}

impl Output for RowOutput {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        if self.written >= MAX_OUTPUT {
            return Ok(());
        }
        self.written += text.len();
        let mut rows = lock(&self.rows);
        match rows.last_mut() {
            Some(r) if r.output && !r.text.ends_with('\n') => r.text.push_str(text),
            _ => rows.push(Row { output: true, text: text.to_string(), state: None }),
        }
        Ok(())
    }
}

/// The tracer, and after each of its lines the state that line shows.
struct Capture {
    tracer: Tracer,
    rows: Rows,
    listing: Arc<Listing>,
    counts: Arc<Mutex<Counts>>,
    limit: u64,
}

impl Capture {
    fn state(&self, event: &Event<'_>, machine: &Machine) -> RowState {
        let frame = machine.frames.last();
        let site = match event {
            Event::Before { site } | Event::After { site } | Event::Call { site, .. } => Some(*site),
            _ => frame.and_then(|f| f.site),
        };
        let shown = |v: &Val| DisplayTyped(v).to_string();
        RowState {
            site,
            calls: machine.frames.iter().map(|f| self.listing.func(f.defined_idx).to_string()).collect(),
            stack: frame.map(|f| f.stack.iter().map(shown).collect()).unwrap_or_default(),
            locals: frame
                .map(|f| {
                    f.locals.iter().enumerate().map(|(i, v)| (self.listing.local(f.defined_idx, i), shown(v))).collect()
                })
                .unwrap_or_default(),
        }
    }
}

impl Sink for Capture {
    fn event(&mut self, event: &Event<'_>, machine: &Machine) -> Flow {
        if matches!(event, Event::Before { .. }) {
            let shown = self.counts.lock().unwrap_or_else(PoisonError::into_inner).n_shown;
            if shown >= self.limit {
                return Flow::Pause;
            }
        }
        let before = lock(&self.rows).len();
        let flow = self.tracer.event(event, machine);
        let n = lock(&self.rows).len();
        if n > before {
            let state = self.state(event, machine);
            let mut rows = lock(&self.rows);
            // One event makes at most one line; output cannot come between.
            if let Some(r) = rows.iter_mut().skip(before).find(|r| !r.output) {
                r.state = Some(state);
            }
        }
        flow
    }
}

fn failed(sources: &SourceMap, d: &Diagnostic, output: String) -> Value {
    json!({ "ok": true, "state": "failed", "output": output, "rows": [], "diagnostics": [diagnostic_json(sources, d, None)] })
}

fn message(text: &str) -> Value {
    json!({ "ok": true, "state": "failed", "output": "", "rows": [], "message": text })
}

/// `trace {text, export, args, limit?}`: the export run under the tracer.
///
/// Answers `state` (`finished`, `trapped`, `limited` when the line limit stopped it, or
/// `failed` when it could not start, with `diagnostics` or a `message`), `rows` (each
/// `{text, output}` and for a line `from`, `to`, `line` of its instruction in the editor's
/// text, `calls`, `stack`, `locals`), `results`, `diagnostics` for a trap, and `closing`, the
/// terminal's last line.
pub fn trace(text: &str, export: &str, args: &[String], limit: Option<u64>) -> Value {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut sources = SourceMap::new();
    let program = match Program::load(&mut sources, EDITOR_NAME, text.as_bytes().to_vec()) {
        Ok(p) => p,
        Err(d) => return failed(&sources, &d, String::new()),
    };
    // A plain instance first: the link, start function, export and argument problems come as
    // they do for Run, and the export's type reads the arguments.
    let printed: Rows = Arc::default();
    let mut runtime = Runtime::new(web_limits(), Box::new(RowOutput { rows: printed.clone(), written: 0 }));
    let start_output = |printed: &Rows| lock(printed).iter().map(|r| r.text.as_str()).collect::<String>();
    let instance = match program.instantiate(&sources, &mut runtime) {
        Ok((_, instance)) => instance,
        Err(d) => return failed(&sources, &d, start_output(&printed)),
    };
    let func = match program.export_func(&runtime, &instance, export) {
        Ok(f) => f,
        Err(d) => return failed(&sources, &d, start_output(&printed)),
    };
    let values = match parse_args(export, &func.ty(runtime.store()), args) {
        Ok(v) => v,
        Err(d) => return failed(&sources, &d, start_output(&printed)),
    };
    drop(runtime);
    let Some(rec) = Recordable::new(&program.bytes, program.spans.as_ref(), &sources) else {
        return message("this module cannot be traced (it defines no functions)");
    };
    let rows: Rows = Arc::default();
    let counts: Arc<Mutex<Counts>> = Arc::default();
    let sink_rows = rows.clone();
    let out = Box::new(move |line: &str| {
        lock(&sink_rows).push(Row { output: false, text: line.to_string(), state: None });
        true
    });
    let tracer = Tracer::new(rec.listing.clone(), rec.probed.clone(), None, limit, out, counts.clone());
    let capture = Capture { tracer, rows: rows.clone(), listing: rec.listing.clone(), counts: counts.clone(), limit };
    let output = Box::new(RowOutput { rows: rows.clone(), written: 0 });
    let mut recorder = match Recorder::new(rec.probed.clone(), web_limits(), output, Box::new(capture)) {
        Ok(r) => r,
        Err(e) => return message(&format!("the traced copy could not start: {e}")),
    };
    let Some(mut call) = recorder.begin(export, &values) else {
        return message(&format!("the traced copy has no function export named `{export}`"));
    };
    let outcome = loop {
        match recorder.resume(&mut call) {
            Progress::Paused { .. } => {
                if counts.lock().unwrap_or_else(PoisonError::into_inner).n_shown >= limit {
                    break None;
                }
            }
            Progress::Finished(results) => break Some(Ok(results)),
            Progress::Trapped(trap) => break Some(Err(trap)),
        }
    };
    let counts = *counts.lock().unwrap_or_else(PoisonError::into_inner);
    let rows = std::mem::take(&mut *lock(&rows));
    let text = sources.get(SourceId(0)).map(|f| f.text.clone()).unwrap_or_default();
    let rows: Vec<Value> = rows.iter().map(|r| row_json(r, &rec.listing, &sources, &text)).collect();
    let n = watlab_core::trap::group(counts.n_instrs);
    match outcome {
        None => json!({
            "ok": true,
            "state": "limited",
            "rows": rows,
            "closing": format!("-- stopped after {} lines, the limit ({n} instructions ran)", watlab_core::trap::group(limit)),
        }),
        Some(Ok(results)) => json!({
            "ok": true,
            "state": "finished",
            "rows": rows,
            "results": results.iter().map(|v| DisplayTyped(v).to_string()).collect::<Vec<_>>(),
            "closing": format!("-- {n} {} ran", if counts.n_instrs == 1 { "instruction" } else { "instructions" }),
        }),
        Some(Err(trap)) => {
            let d = if trap.kind == TrapKind::OutputClosed {
                Diagnostic::error(code::INVALID, "the program's output was closed")
            } else {
                let entry = Entry::Export { name: export, args: &values };
                program.trap_diagnostic(&sources, &trap, web_limits(), entry, &format!("`{export}`"))
            };
            json!({
                "ok": true,
                "state": "trapped",
                "rows": rows,
                "diagnostics": [diagnostic_json(&sources, &d, None)],
                "closing": format!("-- {n} {} ran, then a trap", if counts.n_instrs == 1 { "instruction" } else { "instructions" }),
            })
        }
    }
}

fn row_json(row: &Row, listing: &Listing, sources: &SourceMap, text: &str) -> Value {
    let Some(state) = &row.state else { return json!({ "text": row.text, "output": row.output }) };
    let span = state.site.and_then(|s| listing.sites.get(s as usize)).and_then(|s| s.span);
    let span = span.filter(|s| s.source == SourceId(0)).map(|s| watlab_core::assemble::widen(text, s));
    let range = span.and_then(|s| editor_range(sources, s));
    json!({
        "text": row.text,
        "output": false,
        "from": range.map(|r| r.0),
        "to": range.map(|r| r.1),
        "line": range.map(|r| r.2),
        "calls": state.calls,
        "stack": state.stack,
        "locals": state.locals.iter().map(|(name, value)| json!({ "name": name, "value": value })).collect::<Vec<_>>(),
    })
}
