//! Validation with wasmparser, reported against the learner's text.
//!
//! wasmparser reports a byte offset and a terse message. For a module assembled from text,
//! `SpanMap` turns the offset into the instruction's span, and a replay of the failing function
//! recovers the operand stack at that point and which instruction pushed each value, so a type
//! error can say "`i32.add` expects [i32 i32], but the stack has [i64 i32]" and point at the
//! `i64.const` responsible. Running code is `runtime`'s job.

use wasmparser::{FuncValidatorAllocations, Parser, ValidPayload, Validator, WasmFeatures};

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

/// Validates `bytes`.
///
/// # Errors
/// The first problem, located in the text when `origin` is given, else by byte offset with the
/// disassembled instruction.
pub fn validate(bytes: &[u8], origin: Option<TextOrigin<'_>>) -> Result<(), Diagnostic> {
    let err = match Validator::new_with_features(features()).validate_all(bytes) {
        Ok(_) => return Ok(()),
        Err(e) => e,
    };
    // wasmparser pads some messages (`unknown binary version:        0x2`).
    let message = err.message().split_whitespace().collect::<Vec<_>>().join(" ");
    let offset = err.offset();
    match origin {
        Some(origin) => Err(located(bytes, origin, &message, offset)),
        None => Err(binary_error(bytes, &message, offset as usize, classify(&message))),
    }
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
}

fn located(bytes: &[u8], origin: TextOrigin<'_>, message: &str, offset: u64) -> Diagnostic {
    let code = classify(message);
    let Some(loc) = origin.spans.locate(offset) else {
        // Outside code: a global initializer, a segment, an export. Point at that field, or
        // at the module when the offset belongs to no field we track.
        let mut d = Diagnostic::error(code, message.to_string());
        if let Some(item) = origin.spans.locate_item(offset) {
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

    let at_func_end = is_func_end && [code::TYPE_MISMATCH, code::STACK_EMPTY, code::STACK_LEFTOVER].contains(&code);
    if at_func_end {
        if let (Some(results), Some(stack)) = (func_results(bytes, loc.defined_idx), &stack) {
            let name =
                origin.spans.funcs[loc.defined_idx].name.as_ref().map_or("this function".into(), |n| format!("`{n}`"));
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
            return Diagnostic::error(code, headline).with_primary(span, label).with_help(
                if results.len() < stack.types.len() {
                    "`drop` the values you do not return, or list them all in `(result ...)`"
                } else {
                    "the last instructions must push the result; a function returns what is left on the stack"
                },
            );
        }
    }
    let block_end = [code::TYPE_MISMATCH, code::STACK_EMPTY, code::STACK_LEFTOVER].contains(&code) && !is_func_end;
    if let (true, Some(StackAt { types, closes: Some((kind, results)), .. })) = (block_end, &stack) {
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
        return Diagnostic::error(code, format!("{what} must leave {want} on the stack, but leaves {have}"))
            .with_primary(span, format!("the {kind} ends here"))
            .with_help(help);
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
    let params = crate::instr::fixed_params(instr);
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
        instr: instr.to_string(),
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
                return Some(StackAt { types, producers: producers[frame_base.min(height)..].to_vec(), closes });
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
    use wasmparser::{CompositeInnerType, Payload};
    let mut types = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.ok()? {
            Payload::TypeSection(r) => {
                for group in r {
                    for sub in group.ok()?.into_types() {
                        types.push(match &sub.composite_type.inner {
                            CompositeInnerType::Func(f) => Some(f.results().iter().map(|t| type_name(*t)).collect()),
                            _ => None,
                        });
                    }
                }
            }
            // The function section lists defined functions only, in code order.
            Payload::FunctionSection(r) => {
                let type_idx = r.into_iter().nth(defined_idx)?.ok()?;
                return types.get(type_idx as usize).cloned().flatten();
            }
            _ => {}
        }
    }
    None
}

use crate::value::parsed_type_name as type_name;
