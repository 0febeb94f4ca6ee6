//! Advice that only makes sense at the REPL: slips of the prompt explained before anything
//! runs (`misplaced`, `unfinished`, command words without their colon), and `advise`, which
//! adapts a diagnostic to the session by its cause.

use super::*;

impl Session {
    /// REPL-specific advice for common slips, decided on each diagnostic's cause.
    pub(super) fn advise(&self, d: &mut Diagnostic) {
        // The session is one module the learner never wrote as such: speak of the session.
        for note in &mut d.notes {
            if let NoteKind::NothingNamed { what } = &note.kind {
                note.text = format!("the session defines no {what} with a `$name` yet");
            }
        }
        // A trace whose only frame is the input itself says nothing the label does not.
        d.notes.retain(|n| !matches!(n.kind, NoteKind::StackTrace { n_frames: 1, only_input: true }));
        // "the stack is empty" already says what "the stack before `drop` holds []" would.
        if let Cause::Operands { expected: None, found, .. } = &d.cause {
            if found.is_empty() && d.code == code::STACK_EMPTY {
                d.notes.retain(|n| n.kind != NoteKind::StackBefore);
            }
        }
        let Some(span) = d.primary_span() else { return };
        let Some(text) = self.sources.get(span.source).map(|f| f.text.as_str()) else { return };
        let token = text.get(span.range()).unwrap_or("").to_string();
        match &d.cause {
            Cause::NameAsInstruction { name } => {
                let is = |space: &[build::Entry]| space.iter().any(|e| e.name.as_deref() == Some(name.as_str()));
                if is(&self.built.funcs) {
                    d.help = Some(format!("to call the function, write `(call {name} ...)` with its arguments inside"));
                } else if is(&self.built.globals) {
                    d.help = Some(format!("to push the global's value, write `(global.get {name})`"));
                } else if shape(text) == Shape::Instructions {
                    // Typed at the prompt, where there are no locals: `local.get` would not help.
                    d.help = Some(format!(
                        "nothing in the session is named `{name}`; names come from definitions such as `(func {name} ...)` or `(global {name} ...)`"
                    ));
                }
            }
            // A `call` with the wrong operands: show what the callee takes, which the message
            // cannot. Only in the input just typed: an error in an earlier definition comes
            // from a new definition of the callee, whose signature is not yet the session's.
            Cause::Operands { instr, .. } if instr == "call" && span.source.0 as usize + 1 == self.sources.len() => {
                let after = &text[span.range().end..];
                let callee = after
                    .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let redefined_here = text.contains(&format!("(func {callee}"));
                if let Some(sig) = self.signature(callee).filter(|_| !redefined_here) {
                    d.notes.insert(0, format!("`{callee}` : {sig} (parameters -> results)").into());
                }
            }
            Cause::ExpectedInstruction if token.starts_with('"') && d.help.is_none() => {
                d.help = Some("a string is not a value WebAssembly can push: strings live in memory, put there by `(data (i32.const 0) \"text\")`".into());
            }
            Cause::ExpectedInstruction if number_like(&token) => {
                d.help =
                    Some(number_help(&token, defs::head(text).is_some_and(|h| WAST_KEYWORDS.contains(&h.as_str()))));
            }
            Cause::UnexpectedChar { ch } if !ch.is_ascii() => {
                if token.chars().count() == 1 {
                    d.message = format!("unexpected character `{ch}` (U+{:04X})", *ch as u32);
                }
                d.help = Some(match ch {
                    '∞' => "write infinity as `inf` (or `-inf`)".to_string(),
                    '−' | '–' => "write minus as the ASCII `-`".to_string(),
                    '“' | '”' => "write quotes as the ASCII `\"`: an editor may have curled them".to_string(),
                    _ => "outside strings and comments, WAT is plain ASCII".to_string(),
                });
            }
            Cause::NoMemory { user } => {
                d.message = format!("{user} needs a memory, and the session has none yet");
                d.help = Some("define one first, such as `(memory 1)` (one page is 64 KiB)".into());
            }
            Cause::Trap { kind: TrapKind::Interrupted } => {
                d.message = "stopped: the input was interrupted (Ctrl-C)".into();
            }
            Cause::Trap { kind: TrapKind::Code(wasmi::TrapCode::StackOverflow) } => {
                d.help = Some("check that the recursion reaches its base case (an `if` or `br_if` that returns without calling); for deeper honest recursion, restart with `watlab --max-stack N`".into());
            }
            Cause::Trap { kind: TrapKind::OutOfFuel } => {
                d.help = Some("check the condition that should end each loop (`br_if`); for honest long work, raise the limit with `:fuel N` or `:fuel unlimited` (Ctrl-C stops a run)".into());
            }
            _ => {}
        }
    }
}

/// Bare instructions that only mean something inside a definition: `(local i32)` or
/// `local.get 0` at the prompt. Without this check they would reach the snippet function and
/// declare (or read) its hidden parameters, which hold the stack.
pub(super) fn misplaced(source: SourceId, input: &str) -> Option<Diagnostic> {
    use crate::lex::TokenKind;
    let toks: Vec<_> = crate::lex::tokens(input)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect();
    let word = |i: usize| toks.get(i).map_or("", |t| &input[t.range.clone()]);
    if toks.first().is_some_and(|t| t.kind == TokenKind::LParen) {
        let (what, owner, example) = match word(1) {
            "param" | "result" | "local" => {
                (word(1), "a function", "(func $f (param $x i32) (result i32) (local $tmp i32) local.get $x)")
            }
            "then" | "else" => {
                (word(1), "an `if`", "(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))")
            }
            "mut" => ("mut", "a global", "(global $g (mut i32) (i32.const 0))"),
            "offset" | "item" => (word(1), "a data or element segment", "(data (offset (i32.const 0)) \"hi\")"),
            _ => ("", "", ""),
        };
        if !what.is_empty() {
            let span = toks[1].range.clone();
            return Some(
                Diagnostic::error(code::SYNTAX, format!("`({what} ...)` only means something inside {owner}"))
                    .with_primary(Span::new(source, span), format!("part of {owner}, not an instruction"))
                    .with_help(format!("it goes inside, as in `{example}`")),
            );
        }
    }
    let keyword = |t: &&crate::lex::Token, words: &[&str]| {
        t.kind == TokenKind::Keyword && words.contains(&&input[t.range.clone()])
    };
    // `return` (or a branch out of every block) would leave the hidden snippet function, whose
    // results are read from the stack at its end: the stack would silently come back empty.
    let has_block = toks.iter().any(|t| keyword(&t, &["block", "loop", "if", "try_table"]));
    if let Some(t) =
        toks.iter().find(|t| keyword(t, &["return", "return_call", "return_call_indirect", "return_call_ref"]))
    {
        let word = &input[t.range.clone()];
        return Some(
            Diagnostic::error(
                code::SYNTAX,
                format!("`{word}` needs a function: at the prompt there is nothing to return from"),
            )
            .with_primary(Span::new(source, t.range.clone()), "nothing to return from")
            .with_help("the values on the stack are already the result; use `return` inside a `(func ...)`"),
        );
    }
    if let Some(t) =
        toks.iter().find(|t| !has_block && keyword(t, &["br", "br_if", "br_table", "br_on_null", "br_on_non_null"]))
    {
        let word = &input[t.range.clone()];
        return Some(
            Diagnostic::error(code::BAD_INDEX, format!("`{word}` needs a `block`, `loop` or `if` to branch to"))
                .with_primary(Span::new(source, t.range.clone()), "no block around this")
                .with_help("type the block and the branch in one input, as in `(block $done (br $done))`"),
        );
    }
    let local = toks.iter().find(|t| keyword(t, &["local.get", "local.set", "local.tee"]))?;
    let instr = &input[local.range.clone()];
    Some(
        Diagnostic::error(code::BAD_INDEX, format!("`{instr}` needs a function: there are no locals at the prompt"))
            .with_primary(Span::new(source, local.range.clone()), "no locals here")
            .with_help("bare instructions run outside any function, so they work on the stack alone; put locals in a function with `(param ...)` or `(local ...)` and call it"),
    )
}

pub(super) use crate::assemble::{number_help, number_like};

/// `help`, `quit` and friends typed without their colon.
pub(super) fn is_command_word(input: &str) -> bool {
    matches!(input.trim(), "help" | "quit" | "exit" | "?" | "h" | "q")
}

/// Input that ended inside a paren, string or block comment (only at the end of a script).
pub(super) fn unfinished(source: SourceId, input: &str) -> Diagnostic {
    let mut open = Vec::new();
    for t in crate::lex::tokens(input) {
        match t.kind {
            crate::lex::TokenKind::LParen | crate::lex::TokenKind::Annotation => {
                open.push(t.range.start..t.range.start + 1)
            }
            crate::lex::TokenKind::RParen => {
                open.pop();
            }
            crate::lex::TokenKind::String | crate::lex::TokenKind::BlockComment if t.range.end == input.len() => {
                let what = if t.kind == crate::lex::TokenKind::String { "string" } else { "block comment" };
                let d = Diagnostic::error(code::SYNTAX, format!("the input ends inside a {what}"));
                return d.with_primary(
                    Span::new(source, t.range.start..t.range.start + 1),
                    format!("this {what} is never closed"),
                );
            }
            _ => {}
        }
    }
    let d = Diagnostic::error(code::SYNTAX, "the input ends before every `(` is closed");
    match open.last() {
        Some(r) => d
            .with_primary(Span::new(source, r.clone()), "this `(` is never closed")
            .with_help(format!("add {} `)` at the end", open.len())),
        None => d,
    }
}
