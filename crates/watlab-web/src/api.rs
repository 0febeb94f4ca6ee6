//! The protocol: one JSON request in, one JSON response out, every answer plain data for the
//! page to draw.
//!
//! A request is an object whose `op` names what to do; a response is an object with `ok`
//! (`false` only when the request itself was malformed, with `error`) and the fields of its
//! answer. Offsets sent to the page are UTF-16 code units into the text it sent (CodeMirror
//! counts in those), lines are 1-based. The ops:
//!
//! - `check {text}`: `{diagnostics, exports, summary}`, the program's first problem (if any,
//!   with its labels and the rich text the terminal prints) or its callable exports.
//! - `annotate {text}`: `{rows}` of the annotated byte view, each row with its bytes and the
//!   source span it came from, or `{diagnostics}` when the text does not build.
//! - `wasm {text}`: `{bytes}` (an array of numbers) for Download and for the browser's engine.
//! - `run_start {text, export, args}` (which runs nothing of the export yet, or answers
//!   `failed` with a diagnostic), then `run_step {}` until `state` is not `running`:
//!   the run's `output` since the last step, then `results` (in the terminal's words) or a
//!   `diagnostics` entry for the trap. `run_stop {}` abandons it.
//! - `repl_eval {input}`, `repl_load {name, text}`, `repl_complete {input}`: the REPL's
//!   `Session`, answering `{events}` (`{kind, text}`, plus `path` for `save`/`load`) or
//!   `{complete}` (whether Enter should submit).
//! - `js_values {text, export, args}`: the arguments as the browser's engine takes them;
//!   `format_values {values}`: results from it in the terminal's words.
//! - `explain {word}`: `{text}`, what `:explain` says about an instruction or code.
//! - `course {}`, `lesson {name}`, `lesson_solution {name}`, `lesson_check {name, text}`,
//!   `lesson_compare {name, text}`: the embedded course, one lesson, its solution, a learner's
//!   text checked against it, and (after the last hint) compared with the solution's run
//!   (`crate::course` says what each answers).
//! - `trace {text, export, args, limit?}`: the export run under the tracer, each line with its
//!   instruction's place in the text and the stack and locals behind it (`crate::trace`).
//! - `panic {}`: panics on purpose, so the page's tests can prove the recovery path.

use serde::Deserialize;
use serde_json::{json, Value};
use wasmi::{ExternType, FuncType, Val, ValType};

use watlab_core::annotate::{annotate_rows, AnnotateOptions};
use watlab_core::diag::{Diagnostic, Severity};
use watlab_core::lex::{completeness, Completeness};
use watlab_core::program::{parse_args, Program};
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::{Limits, Runtime};
use watlab_core::session::{DisplayStack, Event, Session};
use watlab_core::source::{SourceId, SourceMap, Span};
use watlab_core::value::{type_name, DisplayTyped};

use crate::state::{self, Finished};

/// Fuel for one call in the page. wasmi compiled to wasm runs about 8 times slower than
/// natively (70 to 120 million units a second in headless Chromium here), so the terminal's
/// default would let a runaway loop run for over a minute; this stops one, trace included, in
/// 2.5 to 5 s (the browser tests measure it).
pub const WEB_FUEL: u64 = 300_000_000;
/// The trace's re-run after running out of fuel: about a second in the page (the instrumented
/// copy does less work per unit).
pub const WEB_RERUN_FUEL: u64 = 60_000_000;
/// Linear memory a page's store may hold in all: the tab shares the machine with the browser.
pub const WEB_MAX_MEMORY: usize = 64 << 20;

/// The limits every run in the page gets.
pub fn web_limits() -> Limits {
    Limits { fuel: Some(WEB_FUEL), rerun_fuel: WEB_RERUN_FUEL, max_memory: WEB_MAX_MEMORY, ..Limits::default() }
}

/// The name the editor's text has in diagnostics.
pub const EDITOR_NAME: &str = "main.wat";

#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Request {
    Check { text: String },
    Annotate { text: String },
    Wasm { text: String },
    RunStart { text: String, export: String, args: Vec<String> },
    RunStep {},
    RunStop {},
    ReplEval { input: String },
    ReplLoad { name: String, text: String },
    ReplComplete { input: String },
    JsValues { text: String, export: String, args: Vec<String> },
    FormatValues { values: Vec<TypedText> },
    Explain { word: String },
    Course {},
    Lesson { name: String },
    LessonSolution { name: String },
    LessonCheck { name: String, text: String },
    LessonCompare { name: String, text: String },
    Trace { text: String, export: String, args: Vec<String>, limit: Option<u64> },
    Panic {},
}

/// A value as JavaScript writes it: its type and a text `Number()` or `BigInt()` reads.
#[derive(Deserialize)]
struct TypedText {
    #[serde(rename = "type")]
    ty: String,
    text: String,
}

/// Answers one request (the bytes the page sent) with JSON text.
pub fn handle(request: &[u8]) -> String {
    let answer = match serde_json::from_slice::<Request>(request) {
        Ok(request) => answer(request),
        Err(e) => json!({ "ok": false, "error": format!("bad request: {e}") }),
    };
    answer.to_string()
}

fn answer(request: Request) -> Value {
    match request {
        Request::Check { text } => check(&text),
        Request::Annotate { text } => annotate(&text),
        Request::Wasm { text } => match load(&text) {
            Ok((_, program)) => json!({ "ok": true, "bytes": program.bytes }),
            Err(diags) => json!({ "ok": true, "diagnostics": diags }),
        },
        Request::RunStart { text, export, args } => run_start(&text, &export, &args),
        Request::RunStep {} => run_step(),
        Request::RunStop {} => {
            state::stop_run();
            json!({ "ok": true })
        }
        Request::ReplEval { input } => {
            let events = state::with_session(|s| s.eval(&input));
            json!({ "ok": true, "events": state::with_session(|s| events_json(s, events)) })
        }
        Request::ReplLoad { name, text } => {
            let events = state::with_session(|s| s.load_text(&name, &text));
            json!({ "ok": true, "events": state::with_session(|s| events_json(s, events)) })
        }
        Request::ReplComplete { input } => {
            json!({ "ok": true, "complete": !matches!(completeness(&input), Completeness::Incomplete) })
        }
        Request::JsValues { text, export, args } => js_values(&text, &export, &args),
        Request::FormatValues { values } => format_values(&values),
        Request::Explain { word } => explain(&word),
        Request::Course {} => crate::course::outline(),
        Request::Lesson { name } => crate::course::lesson(&name),
        Request::LessonSolution { name } => crate::course::solution(&name),
        Request::LessonCheck { name, text } => crate::course::check(&name, &text),
        Request::LessonCompare { name, text } => crate::course::compare_with_solution(&name, &text),
        Request::Trace { text, export, args, limit } => crate::trace::trace(&text, &export, &args, limit),
        Request::Panic {} => panic!("a panic asked for by the page's tests"),
    }
}

/// The editor's text, assembled and validated; the diagnostics as JSON on failure.
fn load(text: &str) -> Result<(SourceMap, Program), Vec<Value>> {
    let mut sources = SourceMap::new();
    match Program::load(&mut sources, EDITOR_NAME, text.as_bytes().to_vec()) {
        Ok(program) => Ok((sources, program)),
        Err(d) => Err(vec![diagnostic_json(&sources, &d, None)]),
    }
}

fn check(text: &str) -> Value {
    match load(text) {
        Ok((_, program)) => {
            let exports = exports_of(&program.bytes);
            json!({ "ok": true, "diagnostics": [], "exports": exports, "summary": program.summary() })
        }
        Err(diags) => json!({ "ok": true, "diagnostics": diags, "exports": [] }),
    }
}

/// The exported functions with their parameter and result types.
fn exports_of(bytes: &[u8]) -> Vec<Value> {
    let runtime = Runtime::new(web_limits(), Box::new(watlab_core::host::Captured::default()));
    let Ok(module) = runtime.compile(bytes) else { return Vec::new() };
    module
        .exports()
        .filter_map(|e| match e.ty() {
            ExternType::Func(f) => Some(json!({
                "name": e.name(),
                "params": types(f.params()),
                "results": types(f.results()),
            })),
            _ => None,
        })
        .collect()
}

fn types(list: &[ValType]) -> Vec<&'static str> {
    list.iter().map(|t| type_name(*t)).collect()
}

/// A diagnostic as the page draws it: labels in UTF-16 offsets of the editor's text (only for
/// spans into `editor`, or into the only text when `editor` is `None`), and the rich text.
pub fn diagnostic_json(sources: &SourceMap, d: &Diagnostic, explain: Option<&'static str>) -> Value {
    let origin = sources.get(SourceId(0)).map_or(EDITOR_NAME, |f| f.name.as_str());
    let rendered = render_to_string(sources, origin, d, Style { format: ErrorFormat::Rich, color: false, explain });
    let labels: Vec<Value> = d
        .labels
        .iter()
        .filter_map(|l| {
            let (from, to, line, col) = editor_range(sources, l.span)?;
            Some(
                json!({ "from": from, "to": to, "line": line, "col": col, "primary": l.primary, "message": l.message }),
            )
        })
        .collect();
    json!({
        "code": d.code.id,
        "title": d.code.title,
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "message": d.message,
        "labels": labels,
        "notes": d.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        "help": d.help,
        "rendered": rendered,
    })
}

/// `span` as UTF-16 offsets and the 1-based line and column of its start, when it points into
/// the editor's text (source 0).
pub(crate) fn editor_range(sources: &SourceMap, span: Span) -> Option<(usize, usize, usize, usize)> {
    if span.source != SourceId(0) {
        return None;
    }
    let text = &sources.get(span.source)?.text;
    let (line, col) = sources.line_col(span.source, span.start.min(text.len()));
    Some((utf16(text, span.start), utf16(text, span.end.max(span.start)), line, col))
}

/// The UTF-16 offset of byte `offset` of `text`, snapped back to a character boundary.
pub fn utf16(text: &str, offset: usize) -> usize {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].encode_utf16().count()
}

fn annotate(text: &str) -> Value {
    let (sources, program) = match load(text) {
        Ok(x) => x,
        Err(diags) => return json!({ "ok": true, "diagnostics": diags, "rows": [] }),
    };
    let Some(spans) = &program.spans else { return json!({ "ok": true, "rows": [] }) };
    let text = &sources.get(SourceId(0)).expect("the editor's text was added").text;
    let line_of = |offset: u64| {
        let span = spans.locate(offset)?.span?;
        let (line, _) = sources.line_col(span.source, span.start);
        let text = watlab_core::source::line_text(text, line).trim().to_string();
        Some(watlab_core::annotate::SourceLine { line, text })
    };
    let sections = section_ranges(&program.bytes);
    let section_of = |offset: u64| sections.iter().position(|r| r.contains(&offset));
    let code = code_section(&program.bytes);
    let rows = match annotate_rows(&program.bytes, Some(&line_of), &AnnotateOptions::default()) {
        Ok(rows) => rows,
        Err(e) => return json!({ "ok": true, "rows": [], "error": e.to_string() }),
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let at = r.offset as u64;
            let in_code = code.as_ref().is_some_and(|c| c.contains(&r.offset));
            let span = if r.len == 0 {
                None
            } else if in_code {
                spans.locate(at).and_then(|l| l.span).map(|s| watlab_core::assemble::widen(text, s))
            } else {
                // The item before a row belongs to it only within one section's contents (not a
                // later section's header).
                spans
                    .locate_item(at)
                    .filter(|i| section_of(i.offset).is_some_and(|s| section_of(at) == Some(s)))
                    .map(|i| watlab_core::assemble::widen(text, i.span))
            };
            let range = span.and_then(|s| editor_range(&sources, s));
            json!({
                "offset": r.offset,
                "len": r.len,
                "text": r.text,
                "from": range.map(|r| r.0),
                "to": range.map(|r| r.1),
            })
        })
        .collect();
    json!({ "ok": true, "rows": rows })
}

/// The byte ranges of every section's contents.
fn section_ranges(bytes: &[u8]) -> Vec<std::ops::Range<u64>> {
    wasmparser::Parser::new(0).parse_all(bytes).flatten().filter_map(|p| p.as_section().map(|(_, r)| r)).collect()
}

/// The code section's byte range, where rows belong to instructions rather than fields.
fn code_section(bytes: &[u8]) -> Option<std::ops::Range<usize>> {
    wasmparser::Parser::new(0).parse_all(bytes).flatten().find_map(|p| match p {
        wasmparser::Payload::CodeSectionStart { unchecked_range: r, .. } => {
            Some(usize::try_from(r.start).ok()?..usize::try_from(r.end).ok()?)
        }
        _ => None,
    })
}

fn run_start(text: &str, export: &str, args: &[String]) -> Value {
    match state::start_run(text, export, args) {
        // Nothing of the export has run yet, so the page can time the steps alone; the start
        // function's output comes with the first step.
        Ok(()) => json!({ "ok": true, "state": "running", "output": "", "fuel_used": 0 }),
        Err(failed) => {
            let (sources, d, output) = &*failed;
            json!({ "ok": true, "state": "failed", "output": output, "diagnostics": [diagnostic_json(sources, d, None)] })
        }
    }
}

fn run_step() -> Value {
    match state::step_run() {
        None => json!({ "ok": true, "state": "idle", "output": "" }),
        Some((output, None, fuel_used)) => {
            json!({ "ok": true, "state": "running", "output": output, "fuel_used": fuel_used })
        }
        Some((output, Some(Finished::Returned(values)), fuel_used)) => json!({
            "ok": true,
            "state": "finished",
            "output": output,
            "fuel_used": fuel_used,
            "results": values.iter().map(|v| DisplayTyped(v).to_string()).collect::<Vec<_>>(),
        }),
        Some((output, Some(Finished::Failed(failed)), fuel_used)) => json!({
            "ok": true,
            "state": "trapped",
            "output": output,
            "fuel_used": fuel_used,
            "diagnostics": [diagnostic_json(&failed.0, &failed.1, None)],
        }),
    }
}

/// The REPL's events as rows: `{kind, text}`, with `path` for `save` and `load`.
fn events_json(session: &Session, events: Vec<Event>) -> Vec<Value> {
    let sources = session.sources();
    events
        .into_iter()
        .map(|e| match e {
            Event::Defined(def) => json!({ "kind": "defined", "text": def.to_string() }),
            Event::Stack(values) => json!({ "kind": "stack", "text": DisplayStack(&values).to_string() }),
            Event::Results(values) => json!({
                "kind": "results",
                "text": values.iter().map(|v| DisplayTyped(v).to_string()).collect::<Vec<_>>().join("\n"),
            }),
            Event::Memory(view) => json!({ "kind": "memory", "text": view.to_text(false) }),
            Event::Output(text) => json!({ "kind": "output", "text": text }),
            Event::Info(text) => json!({ "kind": "info", "text": text }),
            Event::Error(d) => {
                let last = sources.len().checked_sub(1).map(|i| SourceId(i as u32));
                let origin = last.and_then(|i| sources.get(i)).map_or("repl", |f| f.name.as_str());
                let text = render_to_string(
                    sources,
                    origin,
                    &d,
                    Style { format: ErrorFormat::Rich, color: false, explain: Some(":explain") },
                );
                json!({ "kind": "error", "text": text, "code": d.code.id })
            }
            Event::Save { path, text } => json!({ "kind": "save", "path": path, "text": text }),
            Event::Load { path } => json!({ "kind": "load", "path": path }),
            Event::Quit => json!({
                "kind": "info",
                "text": "a page cannot quit: close the tab, or start over with :reset",
            }),
            Event::Trace(view) => json!({ "kind": "trace", "text": view.to_string() }),
            Event::Debug(_) => json!({
                "kind": "info",
                "text": "the debugger needs a terminal for now: `:debug` works in `watlab repl`",
            }),
        })
        .collect()
}

/// The export's type, for turning arguments into the browser engine's values.
fn export_type(text: &str, export: &str) -> Result<FuncType, Value> {
    let (sources, program) = load(text).map_err(|d| json!({ "ok": true, "diagnostics": d }))?;
    let runtime = Runtime::new(web_limits(), Box::new(watlab_core::host::Captured::default()));
    let module = runtime.compile(&program.bytes).map_err(|e| json!({ "ok": false, "error": e.to_string() }))?;
    match module.get_export(export) {
        Some(ExternType::Func(f)) => Ok(f),
        _ => {
            let d = Diagnostic::error(
                watlab_core::diag::code::UNKNOWN_EXPORT,
                format!("the module has no function export named `{export}`"),
            );
            Err(json!({ "ok": true, "diagnostics": [diagnostic_json(&sources, &d, None)] }))
        }
    }
}

fn js_values(text: &str, export: &str, args: &[String]) -> Value {
    let ty = match export_type(text, export) {
        Ok(ty) => ty,
        Err(answer) => return answer,
    };
    match parse_args(export, &ty, args) {
        Ok(values) => {
            let values: Option<Vec<Value>> = values.iter().map(js_value).collect();
            match values {
                Some(values) => json!({ "ok": true, "values": values }),
                None => {
                    json!({ "ok": true, "unsupported": "the browser's JavaScript API cannot pass a v128 or a reference" })
                }
            }
        }
        Err(d) => json!({ "ok": true, "diagnostics": [diagnostic_json(&SourceMap::new(), &d, None)] }),
    }
}

/// `{type, text}` with a text JavaScript's `Number` (or `BigInt` for i64) reads back exactly.
fn js_value(v: &Val) -> Option<Value> {
    let (ty, text) = match v {
        Val::I32(x) => ("i32", x.to_string()),
        Val::I64(x) => ("i64", x.to_string()),
        Val::F32(x) => ("f32", js_number(f64::from(f32::from(*x)))),
        Val::F64(x) => ("f64", js_number(f64::from(*x))),
        _ => return None,
    };
    Some(json!({ "type": ty, "text": text }))
}

fn js_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        // `{:e}` is Rust's shortest round-tripping form, which `Number` reads.
        format!("{x:e}")
    }
}

fn format_values(values: &[TypedText]) -> Value {
    let shown: Vec<String> = values
        .iter()
        .map(|v| {
            let text = v.text.trim();
            let float = || match text {
                "NaN" => Some(f64::NAN),
                "Infinity" => Some(f64::INFINITY),
                "-Infinity" => Some(f64::NEG_INFINITY),
                _ => text.parse::<f64>().ok(),
            };
            let val = match v.ty.as_str() {
                "i32" => text.parse::<i32>().ok().map(Val::I32),
                "i64" => text.parse::<i64>().ok().map(Val::I64),
                "f32" => float().map(|x| Val::F32((x as f32).into())),
                "f64" => float().map(|x| Val::F64(x.into())),
                _ => None,
            };
            match val {
                Some(val) => DisplayTyped(&val).to_string(),
                None => format!("{text} : {}", v.ty),
            }
        })
        .collect();
    json!({ "ok": true, "values": shown })
}

fn explain(word: &str) -> Value {
    let word = word.trim();
    if word.is_empty() || word.contains(char::is_whitespace) {
        return json!({ "ok": true, "text": null });
    }
    let mut session = Session::new(web_limits());
    let text: Vec<String> = session
        .eval(&format!(":explain {word}"))
        .into_iter()
        .filter_map(|e| match e {
            Event::Info(text) => Some(text),
            _ => None,
        })
        .collect();
    json!({ "ok": true, "text": if text.is_empty() { None } else { Some(text.join("\n")) } })
}
