//! Validation with wasmparser, reported against the learner's text.
//!
//! wasmparser reports a byte offset and a terse message. For a module assembled from text,
//! `SpanMap` turns the offset into the instruction's span, and a replay of the failing function
//! recovers the operand stack at that point and which instruction pushed each value, so a type
//! error can say "`i32.add` expects [i32 i32], but the stack has [i64 i32]" and point at the
//! `i64.const` responsible. Running code is `runtime`'s job.

use wasmparser::{FuncValidatorAllocations, Parser, ValidPayload, Validator, WasmFeatures, WasmModuleResources};

use crate::diag::{code, Cause, Code, Diagnostic, NoteKind};
use crate::source::Span;
use crate::span_map::SpanMap;

/// The proposals watlab's engine (wasmi 2.0 with SIMD, custom page sizes and wide arithmetic)
/// runs. Validating with more would accept modules the engine then refuses.
pub fn features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::REFERENCE_TYPES
        | WasmFeatures::GC_TYPES
        | WasmFeatures::TAIL_CALL
        | WasmFeatures::EXTENDED_CONST
        | WasmFeatures::FLOATS
        | WasmFeatures::MEMORY64
        | WasmFeatures::SIMD
        | WasmFeatures::RELAXED_SIMD
        | WasmFeatures::CUSTOM_PAGE_SIZES
        | WasmFeatures::WIDE_ARITHMETIC
}

/// The learner's text behind a binary, when there is one.
#[derive(Clone, Copy)]
pub struct TextOrigin<'a> {
    /// The text the module was assembled from.
    pub text: &'a str,
    /// Where each function and instruction is in it.
    pub spans: &'a SpanMap,
}

/// At most this many problems are reported for one module.
pub const MAX_PROBLEMS: usize = 10;

/// Validates `bytes`.
///
/// # Errors
/// The first problem, located in the text when `origin` is given, else by byte offset with the
/// disassembled instruction. After an error inside a function body the other bodies are still
/// validated, and their problems follow in `Diagnostic::also` (up to [`MAX_PROBLEMS`]).
pub fn validate(bytes: &[u8], origin: Option<TextOrigin<'_>>) -> Result<(), Diagnostic> {
    let mut found = Vec::new();
    for err in errors(bytes) {
        // wasmparser pads some messages (`unknown binary version:        0x2`).
        let message = err.message().split_whitespace().collect::<Vec<_>>().join(" ");
        let offset = err.offset();
        found.push(match origin {
            Some(origin) => located(bytes, origin, &message, offset),
            None => binary_error(bytes, &message, offset as usize, classify(&message)),
        });
    }
    if found.is_empty() {
        return Ok(());
    }
    let mut first = found.remove(0);
    if found.len() + 1 == MAX_PROBLEMS {
        if let Some(last) = found.last_mut() {
            last.notes.push(format!("watlab stops after {MAX_PROBLEMS} problems: fix these and check again").into());
        }
    }
    first.also = found;
    Err(first)
}

/// wasmparser's errors: the first module-level one ends the search; a function body's error
/// does not stop the other bodies from being validated.
fn errors(bytes: &[u8]) -> Vec<wasmparser::BinaryReaderError> {
    let mut validator = Validator::new_with_features(features());
    let mut allocations = FuncValidatorAllocations::default();
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let step = payload.and_then(|p| validator.payload(&p).map(|v| (p, v)));
        match step {
            Err(e) => {
                out.push(e);
                break;
            }
            Ok((_, ValidPayload::Func(to_validate, body))) => {
                let mut fv = to_validate.into_validator(std::mem::take(&mut allocations));
                if let Err(e) = fv.validate(&body) {
                    out.push(e);
                    if out.len() == MAX_PROBLEMS {
                        break;
                    }
                }
                allocations = fv.into_allocations();
            }
            Ok((_, ValidPayload::End(_))) => break,
            Ok(_) => {}
        }
    }
    out
}

/// Picks a code from wasmparser's wording.
pub fn classify(message: &str) -> Code {
    if message.starts_with("type mismatch: values remaining") {
        code::STACK_LEFTOVER
    } else if message.starts_with("type mismatch") && message.contains("nothing on stack") {
        code::STACK_EMPTY
    } else if message.starts_with("type mismatch") {
        code::TYPE_MISMATCH
    } else if message.contains("binary version") || message.contains("magic") {
        code::MALFORMED
    } else if message.contains("immutable") {
        code::IMMUTABLE
    } else if message.starts_with("unknown") {
        code::BAD_INDEX
    } else if message.contains("not enabled") || message.contains("support is not enabled") {
        code::UNSUPPORTED
    } else if message.contains("unexpected end") || message.contains("malformed") || message.contains("magic") {
        code::MALFORMED
    } else {
        code::INVALID
    }
}

/// A problem in a binary with no text: offset plus the instruction or item printed as WAT.
pub fn binary_error(bytes: &[u8], message: &str, offset: usize, code: Code) -> Diagnostic {
    let mut d = Diagnostic::error(code, message.to_string()).with_note(format!("at byte offset {offset:#x}"));
    match printed_line_at(bytes, offset as u64).as_deref() {
        Some(")") => d = d.with_note("there: the end of a function body"),
        Some(line) => d = d.with_note(format!("there: {line}")),
        None => {}
    }
    d
}

/// The wasmprinter line whose item starts at `offset`, or the closest one before it.
fn printed_line_at(bytes: &[u8], offset: u64) -> Option<String> {
    let mut storage = String::new();
    let mut config = wasmprinter::Config::new();
    config.name_unnamed(false);
    let lines = config.offsets_and_lines(bytes, &mut storage).ok()?;
    let mut best = None;
    for (off, line) in lines {
        match off {
            Some(o) if o <= offset => best = Some(line.trim().to_string()),
            Some(_) => break,
            None => {}
        }
    }
    best.filter(|l| !l.is_empty())
}

/// What the operand stack held before the failing instruction.
struct StackAt {
    /// Value types of the current block's operands, bottom first (`?` where unknown).
    types: Vec<String>,
    /// Which instruction (index in the body) pushed each of those values.
    producers: Vec<Option<usize>>,
    /// When the failing operator closes a block (`end` or `else`): the block's kind in WAT
    /// words and the result types it declares.
    closes: Option<(&'static str, Vec<String>)>,
    /// When the failing operator is a direct call: the callee's index and its parameter types.
    callee: Option<(u32, Vec<String>)>,
    /// When the failing operator is a `global.set`: the global's value type.
    global_type: Option<String>,
}

fn located(bytes: &[u8], origin: TextOrigin<'_>, message: &str, offset: u64) -> Diagnostic {
    let code = classify(message);
    let Some(loc) = origin.spans.locate(offset) else {
        // An `end` that closed the function early: wasmparser reports the body's end.
        if message.starts_with("operators remaining after end") || message.starts_with("control frames remain") {
            let idx = origin.spans.funcs.partition_point(|f| f.ops.first().is_some_and(|&first| first <= offset));
            if let Some(d) = idx.checked_sub(1).and_then(|i| nesting(bytes, origin, i)) {
                return d;
            }
        }
        // Outside code: a global initializer, a segment, an export. Point at that field, or
        // at the module when the offset belongs to no field we track.
        let mut d = Diagnostic::error(code, message.to_string());
        let item = origin.spans.locate_item(offset);
        if let Some(item) = item.filter(|i| i.kind == "start") {
            return start_type(bytes, origin, item.span);
        }
        if let Some(item) = item {
            if message.starts_with("unknown memory") && !has_memory(bytes) {
                let what = if item.kind == "data" { "a data segment" } else { "this" };
                return Diagnostic::error(code, format!("{what} needs a memory, and this module declares none"))
                    .with_cause(Cause::NoMemory { user: what.to_string() })
                    .with_primary(crate::assemble::widen(origin.text, item.span), format!("in this {}", item.kind))
                    .with_help("add a memory to the module, such as `(memory 1)` (one page is 64 KiB)");
            }
            if let Some((want, got)) = expected_found(message) {
                d.message = match item.kind {
                    "global" => format!("this global is declared {want}, but its initializer gives {got}"),
                    "data" | "elem" => format!("a segment offset must be {want}, but this one gives {got}"),
                    _ => d.message,
                };
            }
            d = d.with_primary(crate::assemble::widen(origin.text, item.span), format!("in this {}", item.kind));
        } else if let Some(span) = origin.spans.module {
            d = d.with_primary(crate::assemble::widen(origin.text, span), "in this module");
        }
        return d;
    };
    let Some(span) = loc.span else {
        return Diagnostic::error(code, message.to_string());
    };
    let span = crate::assemble::widen(origin.text, span);
    let instr = origin.text.get(span.range()).unwrap_or("").to_string();
    let stack = replay(bytes, loc.defined_idx, loc.instr_idx);
    let shown = stack.as_ref().map(|s| format!("[{}]", s.types.join(" ")));
    let is_func_end = origin.spans.funcs.get(loc.defined_idx).is_some_and(|f| loc.instr_idx + 1 == f.ops.len());

    let stack_code = [code::TYPE_MISMATCH, code::STACK_EMPTY, code::STACK_LEFTOVER].contains(&code);
    // An unclosed `block` makes the function's own `end` close it, and an extra `end` closes
    // the function early: either way the stack error is a symptom, the nesting is the cause.
    if let Some(d) = nesting(bytes, origin, loc.defined_idx) {
        return d;
    }
    let at_func_end = is_func_end && stack_code;
    if at_func_end {
        if let (Some(results), Some(stack)) = (func_results(bytes, loc.defined_idx), &stack) {
            let f = &origin.spans.funcs[loc.defined_idx];
            let name = f.name.as_ref().map_or("this function".into(), |n| format!("`{n}`"));
            let want = format!("[{}]", results.join(" "));
            let have = format!("[{}]", stack.types.join(" "));
            let headline = if results.is_empty() {
                format!("{name} returns nothing, but its body leaves {have} on the stack")
            } else {
                format!("{name} must end with {want} on the stack, but its body leaves {have}")
            };
            let label = if results.is_empty() {
                "declared with no `(result ...)`".to_string()
            } else {
                format!("declared to return {want}")
            };
            let help = if results.len() < stack.types.len() {
                "`drop` the values you do not return, or list them all in `(result ...)`"
            } else {
                "the last instructions must push the result; a function returns what is left on the stack"
            };
            let d = Diagnostic::error(code, headline).with_help(help);
            let body_end = (loc.instr_idx > 0).then(|| producer_span(origin, loc.defined_idx, loc.instr_idx - 1));
            return at_culprit(d, origin, loc.defined_idx, stack, &results, body_end.flatten(), (span, label));
        }
    }
    let block_end = stack_code && !is_func_end;
    if let (true, Some(at @ StackAt { types, closes: Some((kind, results)), .. })) = (block_end, &stack) {
        let want = format!("[{}]", results.join(" "));
        let have = format!("[{}]", types.join(" "));
        if *kind == "if" && types == results && !results.is_empty() {
            // The `then` branch is fine: the missing `else` would leave nothing.
            return Diagnostic::error(code, format!("this `if` returns {want}, so it needs an `else` branch"))
                .with_primary(span, "the if ends here without an `else`")
                .with_help(format!(
                    "without `else` nothing is left when the condition is 0: add `(else ...)` that also leaves {want}"
                ));
        }
        let what = if *kind == "else" { "the `else` branch".to_string() } else { format!("this `{kind}`") };
        let help = if results.is_empty() {
            format!(
                "declare what it leaves, as in `({} (result {}) ...)`, or `drop` the values",
                if *kind == "else" { "if" } else { kind },
                types.join(" ")
            )
        } else {
            format!("the last instructions inside must push {want}")
        };
        let d = Diagnostic::error(code, format!("{what} must leave {want} on the stack, but leaves {have}"))
            .with_help(help);
        let before_end = (loc.instr_idx > 0).then(|| producer_span(origin, loc.defined_idx, loc.instr_idx - 1));
        return at_culprit(
            d,
            origin,
            loc.defined_idx,
            at,
            results,
            before_end.flatten(),
            (span, format!("the {kind} ends here")),
        );
    }
    if code == code::STACK_LEFTOVER || at_func_end {
        let what = if is_func_end { "the function" } else { "this block" };
        let mut d = Diagnostic::error(code, format!("{what} ends with the wrong values on the stack"))
            .with_primary(span, format!("{what} ends here"));
        if let Some(shown) = shown {
            d = d.with_note(format!("the stack at the end holds {shown}"));
        }
        return d.with_help(
            "a block or function must leave exactly its result types on the stack: `drop` extra values, or declare them, as in `(if (result i32) ...)` or `(func (result i32) ...)`",
        );
    }
    if code == code::TYPE_MISMATCH || code == code::STACK_EMPTY {
        return type_mismatch(code, message, (loc.defined_idx, span), &instr, stack, origin);
    }
    if code == code::IMMUTABLE {
        return immutable(origin, span, stack.and_then(|s| s.global_type));
    }
    if message.starts_with("unknown memory") && !has_memory(bytes) {
        return Diagnostic::error(code, format!("`{instr}` needs a memory, and this module declares none"))
            .with_cause(Cause::NoMemory { user: format!("`{instr}`") })
            .with_primary(span, "uses memory 0")
            .with_help("add a memory to the module, such as `(memory 1)` (one page is 64 KiB)");
    }
    let mut d = Diagnostic::error(code, message.to_string()).with_primary(span, format!("in `{instr}`"));
    // wasmparser's words are all it tells; the facts are read from them once, here.
    if message.starts_with("operators remaining after end") {
        d = d.with_cause(Cause::EndClosesNothing);
    } else if message.starts_with("unknown local") {
        d = d.with_cause(Cause::UnknownLocal);
    }
    match index_help(message) {
        Some(help) => d.with_help(help),
        None => d,
    }
}

/// Points a wrong-stack-at-the-end diagnostic where the learner must act: at the instruction
/// that pushed the first value nobody takes (too many), at the last instruction before the end
/// (too few), or at the one that pushed a value of the wrong type; `end` (the block's end or
/// the function's declaration) becomes the secondary label.
fn at_culprit(
    d: Diagnostic,
    origin: TextOrigin<'_>,
    defined_idx: usize,
    stack: &StackAt,
    results: &[String],
    last: Option<Span>,
    end: (Span, String),
) -> Diagnostic {
    let (end_span, end_label) = end;
    let (n, want) = (stack.types.len(), results.len());
    let producer = |slot: usize| {
        let idx = (*stack.producers.get(slot)?)?;
        let span = producer_span(origin, defined_idx, idx)?;
        Some((span, origin.text.get(span.range()).unwrap_or("").to_string()))
    };
    let culprit = if n > want {
        producer(0).map(|(span, text)| {
            let extra = n - want;
            let what = if extra == 1 { "a value".to_string() } else { format!("the first of {extra} extra values") };
            (span, format!("this `{text}` pushes {what} that nothing uses"))
        })
    } else if n < want {
        // An empty block: the instruction before its `end` is its own opener.
        let opener =
            |span: &Span| matches!(origin.text.get(span.range()), Some("block" | "loop" | "if" | "else" | "then"));
        last.filter(|span| !opener(span)).map(|span| {
            let missing: Vec<&str> = results[n..].iter().map(String::as_str).collect();
            (span, format!("after this, [{}] is still missing", missing.join(" ")))
        })
    } else {
        (0..n).find(|&i| stack.types[i] != results[i] && stack.types[i] != "?").and_then(|i| {
            producer(i)
                .map(|(span, text)| (span, format!("this `{text}` pushes {}, not {}", stack.types[i], results[i])))
        })
    };
    match culprit {
        Some((span, label)) if span != end_span => d.with_primary(span, label).with_secondary(end_span, end_label),
        _ => d.with_primary(end_span, end_label),
    }
}

/// A `block`, `loop` or `if` never closed with `end`, or an `end` that closes nothing, in
/// defined function `defined_idx`, read from the operators' nesting.
fn nesting(bytes: &[u8], origin: TextOrigin<'_>, defined_idx: usize) -> Option<Diagnostic> {
    use wasmparser::Operator;
    let body = nth_body(bytes, defined_idx)?;
    let mut ops = body.get_operators_reader().ok()?;
    let mut open: Vec<(usize, &'static str)> = Vec::new();
    let mut idx = 0;
    // The last operator an `end` closed, and an `end` that found nothing open (the function's).
    let (mut last_closed, mut function_end) = (None, None);
    while !ops.eof() {
        // The reader itself refuses operators after the function's `end`.
        let Ok(op) = ops.read() else { break };
        match op {
            Operator::Block { .. } => open.push((idx, "block")),
            Operator::Loop { .. } => open.push((idx, "loop")),
            Operator::If { .. } => open.push((idx, "if")),
            Operator::TryTable { .. } => open.push((idx, "try_table")),
            Operator::End => match open.pop() {
                Some(opener) => last_closed = Some(opener),
                None => function_end = function_end.or(Some(idx)),
            },
            _ => {}
        }
        idx += 1;
    }
    let n_instrs = origin.spans.funcs.get(defined_idx)?.instrs.len();
    // Instruction spans in text order: up to the point where reading stopped they pair with
    // the operators one to one, even when the counts differ after it.
    let text_of = |i: usize| {
        let span = crate::assemble::widen(origin.text, *origin.spans.funcs.get(defined_idx)?.instrs.get(i)?);
        Some((span, origin.text.get(span.range()).unwrap_or("").to_string()))
    };
    match function_end {
        // Every body ends with the function's own `end`, which has no text; an `end` that
        // closed the function with text after it is the learner's extra one.
        Some(end) if end < n_instrs => {
            let (span, text) = text_of(end)?;
            (text == "end").then(|| {
                Diagnostic::error(
                    code::UNBALANCED,
                    "this `end` closes nothing: every `block`, `loop` and `if` before it is already closed",
                )
                .with_primary(span, "one `end` too many")
                .with_cause(Cause::EndClosesNothing)
                .with_help("remove it: a function's body ends at its closing `)`, with no `end` of its own")
            })
        }
        Some(_) => None,
        // The function's `end` went to a block the learner left open.
        None => {
            let (opener, kind) = last_closed?;
            let (span, _) = text_of(opener)?;
            let more = open.len();
            let mut d = Diagnostic::error(code::UNBALANCED, format!("this `{kind}` is never closed with `end`"))
                .with_primary(span, "opened here")
                .with_help(format!(
                    "write `end` after the last instruction that belongs inside the {kind}, or use the folded form `({kind} ...)`"
                ));
            if more > 0 {
                d = d.with_note(format!(
                    "{} around it {} open too",
                    crate::words::plural(more as u64, "more block"),
                    if more == 1 { "is" } else { "are" }
                ));
            }
            Some(d)
        }
    }
}

/// The body of defined function `defined_idx`.
fn nth_body(bytes: &[u8], defined_idx: usize) -> Option<wasmparser::FunctionBody<'_>> {
    let mut k = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.ok()? {
            if k == defined_idx {
                return Some(body);
            }
            k += 1;
        }
    }
    None
}

/// `(start $f)` naming a function that takes parameters or returns results.
fn start_type(bytes: &[u8], origin: TextOrigin<'_>, span: Span) -> Diagnostic {
    let span = crate::assemble::widen(origin.text, span);
    let named = origin.text.get(span.range()).unwrap_or("").to_string();
    let sig = start_signature(bytes).map(|(p, r)| format!("[{}] -> [{}]", p.join(" "), r.join(" ")));
    let headline = match &sig {
        Some(sig) => format!(
            "the start function `{named}` has type {sig}, but a start function takes no parameters and returns nothing"
        ),
        None => format!("the start function `{named}` must take no parameters and return nothing"),
    };
    Diagnostic::error(code::INVALID, headline)
        .with_primary(span, "named as the start function here")
        .with_note("the start function runs by itself when the module is instantiated: nothing passes it arguments or receives its results")
        .with_help("start a function of type [] -> [] (it may call others), or remove `(start ...)` and call this one as an export")
}

/// The parameter and result types of the function a module's start section names.
fn start_signature(bytes: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
    let sigs = Signatures::read(bytes)?;
    sigs.of(sigs.start?)
}

/// A module's function signatures as WAT spells the types, read once from its sections.
struct Signatures {
    /// Per type index: the parameters and results of a function type.
    types: Vec<Option<(Vec<String>, Vec<String>)>>,
    /// Per function index (imports first): its type index.
    funcs: Vec<u32>,
    /// How many functions are imported.
    n_imported: usize,
    /// The start function's index, if the module names one.
    start: Option<u32>,
}

impl Signatures {
    fn read(bytes: &[u8]) -> Option<Signatures> {
        use wasmparser::{CompositeInnerType, Payload, TypeRef};
        let mut sigs = Signatures { types: Vec::new(), funcs: Vec::new(), n_imported: 0, start: None };
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.ok()? {
                Payload::TypeSection(r) => {
                    for group in r {
                        for sub in group.ok()?.into_types() {
                            sigs.types.push(match &sub.composite_type.inner {
                                CompositeInnerType::Func(f) => Some((
                                    f.params().iter().map(|t| type_name(*t)).collect(),
                                    f.results().iter().map(|t| type_name(*t)).collect(),
                                )),
                                _ => None,
                            });
                        }
                    }
                }
                Payload::ImportSection(r) => {
                    for import in r.into_imports() {
                        if let TypeRef::Func(t) = import.ok()?.ty {
                            sigs.funcs.push(t);
                        }
                    }
                    sigs.n_imported = sigs.funcs.len();
                }
                Payload::FunctionSection(r) => {
                    for t in r {
                        sigs.funcs.push(t.ok()?);
                    }
                }
                Payload::StartSection { func, .. } => sigs.start = Some(func),
                _ => {}
            }
        }
        Some(sigs)
    }

    /// Function `func_idx`'s parameters and results.
    fn of(&self, func_idx: u32) -> Option<(Vec<String>, Vec<String>)> {
        self.types.get(*self.funcs.get(func_idx as usize)? as usize).cloned().flatten()
    }
}

/// A `global.set` of a global declared without `mut`: name it, show where it is declared and
/// how to declare it writable.
fn immutable(origin: TextOrigin<'_>, span: Span, ty: Option<String>) -> Diagnostic {
    let after = origin.text.get(span.end..).unwrap_or("");
    let target = crate::lex::tokens(after)
        .into_iter()
        .find(|t| !matches!(t.kind, crate::lex::TokenKind::LineComment | crate::lex::TokenKind::BlockComment))
        .map(|t| after[t.range].to_string())
        .filter(|t| t.starts_with('$') || t.chars().all(|c| c.is_ascii_digit()));
    let shown = match &target {
        Some(t) if t.starts_with('$') => format!("`{t}`"),
        Some(t) => format!("global {t}"),
        None => "this global".to_string(),
    };
    let ty = ty.unwrap_or_else(|| "i32".into());
    let id = target.as_deref().filter(|t| t.starts_with('$')).map_or(String::new(), |t| format!("{t} "));
    let mut d = Diagnostic::error(
        code::IMMUTABLE,
        format!("{shown} is immutable, so `global.set` cannot change it: declare it `(global {id}(mut {ty}) ...)`"),
    )
    .with_primary(span, "writes to an immutable global");
    let defs = crate::lex::definitions(origin.text);
    if let Some(def) = defs.iter().find(|x| x.kind == crate::lex::DefKind::Global && Some(&x.name) == target.as_ref()) {
        d = d.with_secondary(Span::new(span.source, def.range.clone()), format!("declared `{ty}`, not `(mut {ty})`"));
    }
    d.with_help(format!(
        "globals are constants unless declared mutable: write `(mut {ty})` in place of `{ty}` in its declaration"
    ))
}

/// Whether the module declares or imports a memory.
fn has_memory(bytes: &[u8]) -> bool {
    use wasmparser::{Payload, TypeRef};
    Parser::new(0).parse_all(bytes).flatten().any(|p| match p {
        Payload::MemorySection(r) => r.count() > 0,
        Payload::ImportSection(r) => r.into_imports().flatten().any(|i| matches!(i.ty, TypeRef::Memory(_))),
        _ => false,
    })
}

/// Advice for an index that points at nothing.
fn index_help(message: &str) -> Option<&'static str> {
    let help = if message.starts_with("unknown label") {
        "`br N` counts enclosing blocks outward from 0 (the innermost); naming them is clearer: `(block $done ...)` and `br $done`"
    } else if message.starts_with("unknown local") {
        "locals are numbered from 0, parameters first, then `(local ...)` declarations"
    } else if message.starts_with("unknown table") {
        "this needs a table: add one such as `(table 4 funcref)`"
    } else if message.starts_with("unknown memory") {
        "this needs a memory: add one such as `(memory 1)` (one page is 64 KiB)"
    } else if message.starts_with("unknown global") {
        "globals are numbered from 0, imported ones first"
    } else if message.starts_with("unknown function") {
        "functions are numbered from 0, imported ones first; calling by `$name` avoids counting"
    } else {
        return None;
    };
    Some(help)
}

fn type_mismatch(
    code: Code,
    message: &str,
    (defined_idx, span): (usize, Span),
    instr: &str,
    stack: Option<StackAt>,
    origin: TextOrigin<'_>,
) -> Diagnostic {
    let Some(stack) = stack else {
        return Diagnostic::error(code, message.to_string()).with_primary(span, format!("in `{instr}`"));
    };
    let shown = format!("[{}]", stack.types.join(" "));
    let callee = stack.callee.as_ref().map(|(idx, params)| {
        let name = origin.spans.func_name(*idx).map_or(format!("{idx}"), str::to_string);
        (format!("{instr} {name}"), params)
    });
    let params: Option<Vec<&str>> = match &callee {
        Some((_, ps)) => Some(ps.iter().map(String::as_str).collect()),
        None => crate::instr::fixed_params(instr),
    };
    let bare = instr;
    let instr = callee.as_ref().map_or(instr, |(named, _)| named.as_str());
    let headline = match &params {
        Some(ps) if code == code::STACK_EMPTY => {
            format!(
                "`{instr}` needs {} [{}], but the stack has {shown}",
                crate::words::plural(ps.len() as u64, "operand"),
                ps.join(" ")
            )
        }
        Some(ps) => format!("`{instr}` expects [{}], but the stack has {shown}", ps.join(" ")),
        None if code == code::STACK_EMPTY && shown == "[]" => {
            format!("`{instr}` needs an operand, but the stack is empty")
        }
        None if code == code::STACK_EMPTY => format!("`{instr}` needs more operands than the stack holds ({shown})"),
        None => format!("type mismatch in `{instr}`: {}", message.trim_start_matches("type mismatch: ")),
    };
    let cause = Cause::Operands {
        instr: bare.to_string(),
        expected: params.as_ref().map(|ps| ps.iter().map(|p| p.to_string()).collect()),
        found: stack.types.clone(),
    };
    let mut d = Diagnostic::error(code, headline).with_primary(span, short_reason(message)).with_cause(cause);
    // Blame the first operand whose type differs from what the instruction takes.
    if let Some(ps) = &params {
        let n = ps.len().min(stack.types.len());
        let base = stack.types.len() - n;
        let operands = &stack.types[base..];
        let expected = &ps[ps.len() - n..];
        if let Some(i) = (0..n).find(|&i| operands[i] != expected[i] && operands[i] != "?") {
            if let Some(Some(producer)) = stack.producers.get(base + i) {
                if let Some(pspan) = producer_span(origin, defined_idx, *producer) {
                    let ptext = origin.text.get(pspan.range()).unwrap_or("");
                    d = d.with_secondary(pspan, format!("this `{ptext}` pushed the {}", operands[i]));
                }
            }
        }
    }
    d.with_note_of(
        NoteKind::StackBefore,
        format!("the stack before `{instr}` holds {shown} (top of stack on the right)"),
    )
}

/// The span of instruction `instr_idx` of defined function `defined_idx`.
fn producer_span(origin: TextOrigin<'_>, defined_idx: usize, instr_idx: usize) -> Option<Span> {
    let s = origin.spans.instr_span(defined_idx, instr_idx)?;
    Some(crate::assemble::widen(origin.text, s))
}

/// `("i32", "i64")` from "type mismatch: expected i32, found i64".
fn expected_found(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix("type mismatch: expected ")?;
    rest.split_once(", found ")
}

fn short_reason(message: &str) -> String {
    let reason = message.trim_start_matches("type mismatch: ");
    match reason {
        "expected a type but nothing on stack" => "expected a value, but nothing is on the stack".into(),
        _ => reason.replace(" but nothing on stack", ", but nothing is on the stack"),
    }
}

/// Validates function `defined_idx` again, operator by operator, and captures the operand stack
/// just before operator `instr_idx`.
fn replay(bytes: &[u8], defined_idx: usize, instr_idx: usize) -> Option<StackAt> {
    let mut validator = Validator::new_with_features(features());
    let mut body_idx = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.ok()?;
        let ValidPayload::Func(to_validate, body) = validator.payload(&payload).ok()? else { continue };
        if body_idx != defined_idx {
            body_idx += 1;
            continue;
        }
        let mut fv = to_validate.into_validator(FuncValidatorAllocations::default());
        let mut locals = body.get_locals_reader().ok()?;
        for _ in 0..locals.get_count() {
            let off = locals.original_position();
            let (count, ty) = locals.read().ok()?;
            fv.define_locals(off, count, ty).ok()?;
        }
        let mut ops = body.get_operators_reader().ok()?;
        let mut producers: Vec<Option<usize>> = Vec::new();
        for idx in 0.. {
            let (op, off) = ops.read_with_offset().ok()?;
            let frame_base = fv.get_control_frame(0).map_or(0, |f| f.height);
            let height = fv.operand_stack_height() as usize;
            producers.resize(height, None);
            if idx == instr_idx {
                let types = (frame_base..height)
                    .map(|slot| match fv.get_operand_type(height - 1 - slot) {
                        Some(Some(t)) => type_name(t),
                        _ => "?".to_string(),
                    })
                    .collect();
                let closes = match op {
                    wasmparser::Operator::End | wasmparser::Operator::Else => fv
                        .get_control_frame(0)
                        .and_then(|f| Some((frame_word(f.kind), block_results(&fv, f.block_type)?))),
                    _ => None,
                };
                let callee = match op {
                    wasmparser::Operator::Call { function_index }
                    | wasmparser::Operator::ReturnCall { function_index } => {
                        let res = fv.resources();
                        let ty = res.sub_type_at(res.type_index_of_function(function_index)?)?;
                        match &ty.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => {
                                Some((function_index, f.params().iter().map(|t| type_name(*t)).collect()))
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                let global_type = match op {
                    wasmparser::Operator::GlobalSet { global_index } => {
                        fv.resources().global_at(global_index).map(|g| type_name(g.content_type))
                    }
                    _ => None,
                };
                return Some(StackAt {
                    types,
                    producers: producers[frame_base.min(height)..].to_vec(),
                    closes,
                    callee,
                    global_type,
                });
            }
            let arity = op.operator_arity(&fv);
            fv.op(off, &op).ok()?;
            let new_height = fv.operand_stack_height() as usize;
            match arity {
                Some((pops, pushes)) if height >= pops as usize => {
                    producers.truncate(height - pops as usize);
                    producers.extend(std::iter::repeat_n(Some(idx), pushes as usize));
                }
                _ => {}
            }
            producers.resize(new_height, None);
        }
    }
    None
}

fn frame_word(kind: wasmparser::FrameKind) -> &'static str {
    use wasmparser::FrameKind;
    match kind {
        FrameKind::Block => "block",
        FrameKind::Loop => "loop",
        FrameKind::If => "if",
        FrameKind::Else => "else",
        _ => "block",
    }
}

/// The results a block type declares.
fn block_results(fv: &impl wasmparser::ModuleArity, ty: wasmparser::BlockType) -> Option<Vec<String>> {
    use wasmparser::{BlockType, CompositeInnerType};
    match ty {
        BlockType::Empty => Some(Vec::new()),
        BlockType::Type(t) => Some(vec![type_name(t)]),
        BlockType::FuncType(idx) => match &fv.sub_type_at(idx)?.composite_type.inner {
            CompositeInnerType::Func(f) => Some(f.results().iter().map(|t| type_name(*t)).collect()),
            _ => None,
        },
    }
}

/// The result types of defined function `defined_idx`, as WAT spells them.
fn func_results(bytes: &[u8], defined_idx: usize) -> Option<Vec<String>> {
    let sigs = Signatures::read(bytes)?;
    Some(sigs.of((sigs.n_imported + defined_idx) as u32)?.1)
}

use crate::value::parsed_type_name as type_name;
