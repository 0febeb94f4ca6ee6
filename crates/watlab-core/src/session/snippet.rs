//! Bare instructions, run at once on the session's value stack.
//!
//! A snippet becomes a small module: imports of every function, table, memory and global of
//! the session instance (under their `$names`, so `call $fac` and `i32.load` reach the live
//! items and memory persists), then one function whose parameters are the current stack and
//! whose body pushes them back with `local.get` before the learner's instructions. Its result
//! types are not written by the learner: wasmparser's `FuncValidator` runs the body and reads
//! the operand stack before the final `end` (crate-api-notes §2); the module is then assembled
//! again with those results and called. A snippet that does not type-check changes nothing.

use wasmi::{Extern, Instance, Val};
use wasmparser::{FuncValidatorAllocations, Parser, ValidPayload, Validator};

use super::build::{Built, Layout, SYNTHETIC};
use crate::assemble::assemble;
use crate::diag::{code, Cause, Diagnostic};
use crate::source::{SourceId, Span};
use crate::validate::{features, validate, TextOrigin};
use crate::value::parsed_type_name as type_name;

/// Import module name the snippet uses for the session's items.
const FROM: &str = "watlab:session";

fn list(words: &[&str]) -> String {
    words.join(" ")
}

/// The import declarations (and type definitions) every snippet starts with.
pub fn prelude(built: &Built) -> String {
    let store = built.runtime.store();
    let mut text = String::from("(module\n");
    text.push_str(&built.type_text);
    text.push('\n');
    let name = |n: &Option<String>| n.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
    for (i, e) in built.funcs.iter().enumerate() {
        let Extern::Func(f) = e.ext else { continue };
        let ty = f.ty(store);
        let params: Vec<&str> = ty.params().iter().map(|t| crate::value::type_name(*t)).collect();
        let results: Vec<&str> = ty.results().iter().map(|t| crate::value::type_name(*t)).collect();
        text.push_str(&format!(
            "(import \"{FROM}\" \"f{i}\" (func{} (param {}) (result {})))\n",
            name(&e.name),
            list(&params),
            list(&results)
        ));
    }
    for (i, e) in built.tables.iter().enumerate() {
        let Extern::Table(t) = e.ext else { continue };
        let ty = t.ty(store);
        let index = if ty.is_64() { "i64 " } else { "" };
        let elem = if ty.element() == wasmi::RefType::Func { "funcref" } else { "externref" };
        text.push_str(&format!("(import \"{FROM}\" \"t{i}\" (table{} {index}0 {elem}))\n", name(&e.name)));
    }
    for (i, e) in built.memories.iter().enumerate() {
        let Extern::Memory(m) = e.ext else { continue };
        let ty = m.ty(store);
        let index = if ty.is_64() { "i64 " } else { "" };
        // The import must name the memory's real page size, or linking fails (issue 9).
        let page = match built.page_sizes.get(i) {
            Some(&size) if size != 65536 => format!(" (pagesize {size})"),
            _ => String::new(),
        };
        text.push_str(&format!("(import \"{FROM}\" \"m{i}\" (memory{} {index}0{page}))\n", name(&e.name)));
    }
    // `print_str` reads the memory its caller exports as "memory"; the caller may be this snippet.
    if !built.memories.is_empty() {
        text.push_str("(export \"memory\" (memory 0))\n");
    }
    for (i, e) in built.globals.iter().enumerate() {
        let Extern::Global(g) = e.ext else { continue };
        let ty = g.ty(store);
        let content = crate::value::type_name(ty.content());
        let ty =
            if ty.mutability() == wasmi::Mutability::Var { format!("(mut {content})") } else { content.to_string() };
        text.push_str(&format!("(import \"{FROM}\" \"g{i}\" (global{} {ty}))\n", name(&e.name)));
    }
    text
}

/// Whether `body` may refer to the session's functions, tables, memories, globals or types:
/// any `$name`, or an instruction family that takes one of those as an immediate.
fn needs_session(body: &str) -> bool {
    const FAMILIES: &[&str] =
        &["call", "global", "memory", "load", "store", "table", "ref.func", "data", "elem", "type", "atomic"];
    crate::lex::tokens(body).iter().any(|t| {
        let text = &body[t.range.clone()];
        t.kind == crate::lex::TokenKind::Id
            || (t.kind == crate::lex::TokenKind::Keyword && FAMILIES.iter().any(|f| text.contains(f)))
    })
}

/// The imports, in the order the prelude declares them.
fn imports(built: &Built) -> Vec<Extern> {
    built.funcs.iter().chain(&built.tables).chain(&built.memories).chain(&built.globals).map(|e| e.ext).collect()
}

/// How a snippet ended.
pub enum Ran {
    /// The new stack.
    Finished(Vec<Val>),
    /// It did not type-check or trapped; the stack is unchanged.
    Failed(Box<Diagnostic>),
}

fn snippet_text(prelude: &str, stack: &[Val], results: Option<&[String]>, body: &str) -> (String, usize) {
    let (func, at) = func_text("run", stack, results, body);
    (format!("{prelude}{func})"), prelude.len() + at)
}

/// The snippet as a function exported as `name`, and where `body` starts in it.
fn func_text(name: &str, stack: &[Val], results: Option<&[String]>, body: &str) -> (String, usize) {
    let params: Vec<&str> = stack.iter().map(|v| crate::value::type_name(v.ty())).collect();
    let mut text = String::with_capacity(body.len() + 128);
    text.push_str(&format!("(func (export \"{name}\") (param {})", list(&params)));
    if let Some(results) = results {
        text.push_str(&format!(" (result {})", results.join(" ")));
    }
    text.push('\n');
    for i in 0..stack.len() {
        text.push_str(&format!("local.get {i} "));
    }
    text.push('\n');
    let at = text.len();
    text.push_str(body);
    text.push_str("\n)");
    (text, at)
}

/// The span of the whole input `body`, which starts at `from` in `source`.
fn whole_span(source: SourceId, from: usize, body: &str) -> Span {
    let start = body.len() - body.trim_start().len();
    Span::new(source, from + start..from + body.trim_end().len().max(start))
}

/// Checks `body` (at `from` in the input `source`) as instructions over `stack`: the prelude
/// it needs, its result types, and the snippet module's bytes.
///
/// # Errors
/// Syntax and type errors, located in the input (an unlocated one has no labels).
fn typed(
    built: &Built,
    source: SourceId,
    from: usize,
    body: &str,
    stack: &[Val],
) -> Result<(String, Vec<String>, Vec<u8>), Diagnostic> {
    // Most calculator steps touch nothing of the session: skip importing it (500 imports cost
    // about a millisecond per assembly).
    let prelude = if needs_session(body) {
        built.prelude.get_or_init(|| prelude(built)).clone()
    } else {
        String::from("(module\n")
    };
    let mut layout = Layout::default();
    let (text, at) = snippet_text(&prelude, stack, None, body);
    layout.add(at, body.len(), source, from);
    let asm = assemble(SYNTHETIC, &text).map_err(|d| layout.relocate(&text, d))?;
    let Some(results) = infer_results(&asm.bytes) else {
        return Err(match validate(&asm.bytes, Some(TextOrigin { text: &text, spans: &asm.spans })) {
            Err(d) => layout.relocate(&text, d),
            Ok(()) => Diagnostic::error(code::INVALID, "these instructions do not form a complete sequence")
                .with_help("close every `block`, `loop` and `if` with `end`"),
        });
    };
    let (text, at) = snippet_text(&prelude, stack, Some(&results), body);
    let mut layout = Layout::default();
    layout.add(at, body.len(), source, from);
    let asm = assemble(SYNTHETIC, &text).map_err(|d| layout.relocate(&text, d))?;
    validate(&asm.bytes, Some(TextOrigin { text: &text, spans: &asm.spans })).map_err(|d| layout.relocate(&text, d))?;
    Ok((prelude, results, asm.bytes))
}

/// `:debug` of bare instructions (or a `(call ...)`): `body`, at `from` in the input `source`,
/// as the snippet function of the session image, to run over `stack`.
///
/// # Errors
/// The instructions do not type-check, or the session cannot be recorded.
pub(super) fn debug_target(
    built: &Built,
    env: &super::Env<'_>,
    (source, from): (SourceId, usize),
    body: &str,
    stack: &[Val],
) -> Result<super::DebugTarget, Diagnostic> {
    let whole = whole_span(source, from, body);
    let (_, results, _) = typed(built, source, from, body, stack).map_err(|d| {
        let d = if d.labels.is_empty() { d.with_primary(whole, "in this input") } else { d };
        explain_repl(d)
    })?;
    let (func, at) = func_text("\\01run", stack, Some(&results), body);
    let extra = Some((func.as_str(), at, body.len(), source, from));
    let image = super::recording::debug_image(env.defs, extra, env.sources, env.limits)?;
    Ok(super::DebugTarget {
        rec: image.rec,
        entry: format!("{}run", super::build::INTERNAL),
        shown: "your input".into(),
        args: stack.to_vec(),
        state: super::recording::live_state(built),
        input: image.input,
        limits: env.limits,
    })
}

/// Runs `body` (the input `source`) against `stack`.
pub(super) fn run(
    built: &mut Built,
    env: &super::Env<'_>,
    source: SourceId,
    body: &str,
    stack: &[Val],
    traced: &mut Option<super::Event>,
) -> Ran {
    let super::Env { defs, sources, limits, interrupt, memory_before, globals_before, trace } = *env;
    let whole = whole_span(source, 0, body);
    let fail = |d: Diagnostic| {
        let d = if d.labels.is_empty() { d.with_primary(whole, "in this input") } else { d };
        Ran::Failed(Box::new(with_stack(explain_repl(d), stack)))
    };
    let (prelude, results, bytes) = match typed(built, source, 0, body, stack) {
        Ok(x) => x,
        Err(d) => return fail(d),
    };
    let module = match built.runtime.compile(&bytes) {
        Ok(m) => m,
        Err(e) => {
            return fail(Diagnostic::error(code::INVALID, format!("the engine rejected these instructions: {e}")))
        }
    };
    let externs = if prelude.len() > "(module\n".len() { imports(built) } else { Vec::new() };
    let instance = match Instance::new(built.runtime.store_mut(), &module, &externs) {
        Ok(i) => i,
        Err(e) => {
            return fail(Diagnostic::error(
                code::INSTANTIATION,
                format!("could not link the instructions to the session: {e}"),
            ))
        }
    };
    let Some(func) = instance.get_func(built.runtime.store(), "run") else {
        return fail(Diagnostic::error(code::INVALID, "internal error: the snippet has no entry point"));
    };
    // The name the snippet's function is exported under in the session image (the text escape
    // `\01` is the control character that starts internal names).
    let name = format!("{}run", super::build::INTERNAL);
    let (func_body, func_at) = func_text("\\01run", stack, Some(&results), body);
    let extra = Some((func_body.as_str(), func_at, body.len(), source, 0));
    let located = Some((func_body.as_str(), func_at, body.len(), source));
    if let Some(limit) = trace {
        // Traced first, on a copy starting from the same state: the session's run then
        // prints the output and keeps the effects.
        let state = super::recording::live_state(built);
        let view = super::recording::image(defs, extra, sources)
            .and_then(|image| super::recording::trace(&image, (&name, stack), limits, &state, limit, interrupt));
        *traced = Some(super::recording::trace_event(view));
    }
    match built.runtime.call(func, stack, interrupt) {
        Ok(values) => Ran::Finished(values),
        Err(trap) => {
            let d = crate::trap::with_page_sizes(
                crate::trap::diagnostic(&trap, limits, "your input"),
                &trap,
                &built.page_sizes,
            );
            let state = super::recording::state_before(built, memory_before, globals_before);
            let (d, recorded) =
                super::recording::with_values(d, defs, extra, sources, limits, (&name, stack), &trap, &state);
            match super::build::locate(defs, located, &name, stack, limits, &trap).or(recorded) {
                Some(trace) => fail(crate::trace::attach(d, &trace, &trap.kind, sources)),
                None => fail(d.with_primary(whole, "while running this")),
            }
        }
    }
}

/// Advice that only makes sense at the REPL, decided on the diagnostic's cause.
fn explain_repl(mut d: Diagnostic) -> Diagnostic {
    match d.cause {
        Cause::EndClosesNothing => {
            d.message =
                "this `end` closes nothing: every `end` must match a `block`, `loop` or `if` typed before it".into();
            d.help = Some("remove it; a `block`, `loop` or `if` and its `end` belong to one input (the prompt waits with `...>` until the `end`)".into());
        }
        Cause::UnknownLocal => {
            d = d.with_help("bare instructions run outside any function, so they have no locals: use a function with `(local ...)`, or the stack");
        }
        _ => {}
    }
    d
}

fn with_stack(d: Diagnostic, stack: &[Val]) -> Diagnostic {
    d.with_note_of(crate::diag::NoteKind::StackUnchanged, unchanged(stack))
}

/// "nothing changed: the stack is still [...]", with only the top of a tall stack: the note
/// reassures, and twenty values would bury the diagnostic (`:stack` shows them all).
pub(super) fn unchanged(stack: &[Val]) -> String {
    format!("nothing changed: {}", stack_still(stack))
}

/// "the stack is still [...]", or its top when it is tall.
pub(super) fn stack_still(stack: &[Val]) -> String {
    const SHOWN: usize = 6;
    if stack.len() <= SHOWN {
        return format!("the stack is still {}", super::DisplayStack(stack));
    }
    let top = super::DisplayStack(&stack[stack.len() - SHOWN..]).to_string();
    format!("the stack still holds its {} values, ending [..., {}", stack.len(), &top[1..])
}

/// Result types of the only defined function in `bytes`: the operand stack just before its
/// final `end`. `None` if the body does not type-check up to there.
fn infer_results(bytes: &[u8]) -> Option<Vec<String>> {
    let mut validator = Validator::new_with_features(features());
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.ok()?;
        let ValidPayload::Func(to_validate, body) = validator.payload(&payload).ok()? else { continue };
        let mut fv = to_validate.into_validator(FuncValidatorAllocations::default());
        let mut ops = body.get_operators_reader().ok()?;
        let mut all = Vec::new();
        while !ops.eof() {
            all.push(ops.read_with_offset().ok()?);
        }
        let (_last, rest) = all.split_last()?;
        for (op, off) in rest {
            fv.op(*off, op).ok()?;
        }
        if fv.control_stack_height() != 1 {
            return None;
        }
        let height = fv.operand_stack_height() as usize;
        let mut types = Vec::with_capacity(height);
        for depth in (0..height).rev() {
            // Values of unknown type only exist after `unreachable`; they are never produced.
            if let Some(Some(t)) = fv.get_operand_type(depth) {
                types.push(type_name(t));
            }
        }
        return Some(types);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_some_snippets_need_the_session() {
        assert!(!needs_session("i32.const 2 i32.const 3 i32.add"));
        assert!(!needs_session("(block (result i32) (i32.const 1) (br 0))"));
        assert!(needs_session("call 0"));
        assert!(needs_session("(i32.load (i32.const 0))"));
        assert!(needs_session("global.get $g"));
        assert!(needs_session("block (type 0) end"));
    }

    #[test]
    fn results_come_from_the_operand_stack() {
        let bytes = wat::parse_str("(module (func (param i32) local.get 0 i64.const 1 f32.const 2))").unwrap();
        assert_eq!(infer_results(&bytes), Some(vec!["i32".to_string(), "i64".into(), "f32".into()]));
        let bad = wat::parse_str("(module (func i32.const 1 i32.add))").unwrap();
        assert_eq!(infer_results(&bad), None);
    }
}
