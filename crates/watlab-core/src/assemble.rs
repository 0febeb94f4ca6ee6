//! Text to wasm bytes through the wast parser, keeping locations.
//!
//! `wat::parse_str` would do the conversion, but its errors carry their location only inside a
//! message string; calling `wast` directly gives `Error::span()`, and with `track_instr_spans`
//! a span per instruction, which `SpanMap` pairs with the encoded operators. This file turns
//! wast's errors into learner diagnostics; it does not validate (see `validate`).

use wast::core::Module;
use wast::parser::{self, ParseBuffer};
use wast::Wat;

use crate::diag::{code, Cause, Diagnostic, NoteKind};
use crate::keywords;
use crate::lex;
use crate::source::{SourceId, Span};
use crate::span_map::SpanMap;
use crate::words::closest;

/// A module assembled from text.
#[derive(Debug, Clone)]
pub struct Assembly {
    /// The encoded module, with a name section when the text used `$names`.
    pub bytes: Vec<u8>,
    /// Where its functions, instructions, imports and segments are in the text.
    pub spans: SpanMap,
}

/// Assembles one module from `text`: a `(module ...)`, or bare module fields, as `wat2wasm`
/// accepts them.
///
/// # Errors
/// A diagnostic located in `text` for syntax errors, unknown or duplicate names, numbers out of
/// range, components, and text that holds nothing at all.
pub fn assemble(source: SourceId, text: &str) -> Result<Assembly, Diagnostic> {
    let mut buf = ParseBuffer::new(text).map_err(|e| parse_error(source, text, &e))?;
    buf.track_instr_spans(true);
    let mut wat: Wat = parser::parse(&buf).map_err(|e| parse_error(source, text, &e))?;
    let Wat::Module(module) = &mut wat else {
        return Err(Diagnostic::error(code::UNSUPPORTED, "this is a component, and watlab works with core modules")
            .with_primary(Span::new(source, 0..0), ""));
    };

    encode_module(source, text, module)
}

/// Encodes a parsed module and maps its spans (shared with the WAST runner, whose modules live
/// inside a larger script).
///
/// # Errors
/// Name-resolution and encoding errors, located in `text`.
pub fn encode_module(source: SourceId, text: &str, module: &mut Module<'_>) -> Result<Assembly, Diagnostic> {
    let bytes = module.encode().map_err(|e| parse_error(source, text, &e))?;
    let spans = SpanMap::build(source, text.len(), module, &bytes);
    Ok(Assembly { bytes, spans })
}

/// Stretches a point span (wast's spans mark a token's first byte) over the whole token.
pub fn widen(text: &str, span: Span) -> Span {
    let range = lex::token_range_at(text, span.start);
    if range.is_empty() {
        span
    } else {
        Span::new(span.source, range)
    }
}

/// Turns a wast parse or resolve error into a learner diagnostic.
pub fn parse_error(source: SourceId, text: &str, err: &wast::Error) -> Diagnostic {
    let d = explain_parse_error(source, text, err);
    if d.cause != Cause::Unspecified {
        return d;
    }
    // wast tells the facts only in words (and the lexer's error); they are read once, here.
    let message = err.message();
    match err.lex_error() {
        Some(wast::lexer::LexError::Unexpected(ch)) => d.with_cause(Cause::UnexpectedChar { ch: *ch }),
        _ if message.starts_with("expected an instruction") || message == "expected `(`" => {
            let mut d = d.with_cause(Cause::ExpectedInstruction);
            let token = d.primary_span().and_then(|s| text.get(s.range())).unwrap_or("");
            if d.help.is_none() && number_like(token) {
                d.help = Some(number_help(token, false));
            }
            if !token.is_empty() && d.message == "expected an instruction" {
                d.message = format!("expected an instruction, found `{}`", shorten(token));
            }
            d
        }
        _ => d,
    }
}

fn explain_parse_error(source: SourceId, text: &str, err: &wast::Error) -> Diagnostic {
    let message = err.message();
    // Checked only after wast fails, so large inputs pay nothing for the lexing.
    let only_comments = |t: &lex::Token| matches!(t.kind, lex::TokenKind::LineComment | lex::TokenKind::BlockComment);
    if lex::completeness(text) == lex::Completeness::Complete && lex::tokens(text).iter().all(only_comments) {
        return Diagnostic::error(code::EMPTY, "there is no module here: the text is empty")
            .with_help("a module starts with `(module`, for example `(module (func (export \"main\")))`");
    }
    let at = widen(text, Span::new(source, err.span().offset()..err.span().offset()));
    let token = text.get(at.range()).unwrap_or("");
    if let Some(d) = habit(text, at, token, &message) {
        return d;
    }
    if message.starts_with("unknown operator") || message.starts_with("expected an instruction") {
        return unknown_instruction(at, token, &message, text);
    }
    if let Some(d) = unknown_name(text, at, &message) {
        return d;
    }
    let unclosed = matches!(lex::completeness(text), lex::Completeness::Incomplete);
    if unclosed || message.starts_with("unexpected end-of-file") {
        return unexpected_eof(source, text, at);
    }
    if message.starts_with("duplicate") {
        return duplicate(text, at, token, &message);
    }
    if message.contains("out of range") || message.contains("overflow") {
        return Diagnostic::error(code::BAD_NUMBER, message.clone())
            .with_primary(at, "this number does not fit")
            .with_note("i32 holds -2147483648 to 4294967295 (signed or unsigned), i64 holds -2^63 to 2^64-1");
    }
    let label = if token.is_empty() { String::new() } else { format!("at `{}`", shorten(token)) };
    if let Some(kind) = message.strip_prefix("import after ") {
        return Diagnostic::error(code::SYNTAX, format!("this import comes after a {kind} definition"))
            .with_primary(at, "too late")
            .with_help(
                "imports must come before every func, memory, table and global definition: move the `(import ...)` up",
            );
    }
    let mut d = Diagnostic::error(code::SYNTAX, reword(&message, token)).with_primary(at, label);
    let is_float = lex::tokens(token).first().is_some_and(|t| t.kind == lex::TokenKind::Float);
    if is_float && (message == "expected a i32" || message == "expected a i64") {
        return d.with_help(format!(
            "`{}.const` takes a whole number; for `{token}` use `f32.const` or `f64.const`",
            &message[11..]
        ));
    }
    if let Some(help) = syntax_help(text, at, token) {
        d = d.with_help(help);
    }
    d
}

/// wast's wording, made plainer where it is terse, naming the token it stopped at.
fn reword(message: &str, token: &str) -> String {
    let shown = match token {
        "" => "the end of the text".to_string(),
        t => format!("`{}`", shorten(t)),
    };
    match message.strip_prefix("expected a ") {
        Some(ty @ ("i32" | "i64" | "u32" | "u64" | "u8" | "f32" | "f64")) => {
            let ty = ty.replace('u', "i");
            return format!("expected an {ty} number here, found {shown}");
        }
        _ if message == "extra tokens remaining after parse" => {
            return format!("unexpected {shown} after the end of the module");
        }
        _ => {}
    }
    if let Some(list) = message.strip_prefix("unexpected token, expected one of: ") {
        return format!("unexpected {shown}, expected one of: {}", learner_list(list));
    }
    if let Some(what) = message.strip_prefix("unexpected token, expected ") {
        return format!("unexpected {shown}, expected {what}");
    }
    if message == "expected valid module field" {
        return format!("unexpected {shown}: a module holds fields such as `(func ...)`, `(memory ...)`, `(global ...)` and `(export ...)`");
    }
    if message.starts_with("expected ") {
        return format!("{message}, found {shown}");
    }
    message.to_string()
}

/// wast's list of expected tokens, cut to what a learner can write with watlab: no types of
/// proposals the engine does not run (exceptions, stack switching, GC heap types).
fn learner_list(list: &str) -> String {
    const NOT_FOR_LEARNERS: &[&str] = &[
        "exnref",
        "contref",
        "nullcontref",
        "nullexnref",
        "anyref",
        "eqref",
        "structref",
        "arrayref",
        "i31ref",
        "nullfuncref",
        "nullexternref",
        "nullref",
    ];
    let kept: Vec<String> = list
        .split(", ")
        .map(|item| item.trim())
        .filter(|item| !NOT_FOR_LEARNERS.contains(&item.trim_matches('`')))
        .map(|item| if item == "lparen" { "`(`".to_string() } else { item.to_string() })
        .collect();
    kept.join(", ")
}

/// Whether `token` starts like a number: `5`, `-1`, `+0x10`.
pub(crate) fn number_like(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
}

/// Help for a bare number where an instruction (or, in a WAST command, a typed argument) belongs.
pub(crate) fn number_help(token: &str, in_wast: bool) -> String {
    if in_wast {
        format!("write each argument as a typed constant, such as `(i32.const {token})` (or i64, f32, f64)")
    } else {
        format!("a number on its own is not an instruction: write it as a constant, `(i32.const {token})` (or i64, f32, f64)")
    }
}

/// Habits from other languages and older WAT, recognised before wast's words are read.
fn habit(text: &str, at: Span, token: &str, message: &str) -> Option<Diagnostic> {
    // A string cannot hold a raw line break: one that runs past its line is the one left open,
    // even when a later quote happens to close it.
    let tokens = lex::tokens(text);
    if let Some(t) = tokens.iter().find(|t| {
        let body = &text[t.range.clone()];
        matches!(t.kind, lex::TokenKind::String | lex::TokenKind::Error) && body.starts_with('"') && body.contains('\n')
    }) {
        let opener = Span::new(at.source, t.range.start..t.range.start + 1);
        return Some(
            Diagnostic::error(code::SYNTAX, "this string is not closed before the end of its line")
                .with_primary(opener, "the string starts here")
                .with_help("close it with `\"` on the same line; a string cannot span lines (write `\\n` for a line break in it)"),
        );
    }
    // `(func` inside a function: the `)` that should have closed the one before is missing.
    if matches!(
        token,
        "func" | "memory" | "global" | "table" | "data" | "elem" | "export" | "import" | "type" | "start"
    ) {
        if let Some(d) = missing_close(text, &tokens, at, token) {
            return Some(d);
        }
    }
    let rest = text.get(at.start..).unwrap_or("");
    if rest.starts_with("//") || rest.starts_with("/*") {
        let two = Span::new(at.source, at.start..at.start + 2);
        return Some(
            Diagnostic::error(code::SYNTAX, "`//` does not start a comment in WAT: write `;;` (or `(; ... ;)`)")
                .with_primary(two, "not a comment in WAT")
                .with_help("a line comment is `;; like this`, and a block comment `(; like this ;)`"),
        );
    }
    // `align=` first: the text format fixes the order of the memory arguments.
    if let Some(offset) = token.strip_prefix("offset=") {
        let before = text.get(..at.start).unwrap_or("").trim_end();
        if let Some(align) = before.rsplit(char::is_whitespace).next().and_then(|w| w.strip_prefix("align=")) {
            let instr = before.rsplit(char::is_whitespace).nth(1).unwrap_or("i32.load").trim_start_matches('(');
            return Some(
                Diagnostic::error(code::SYNTAX, format!("`offset={offset}` must come before `align={align}`"))
                    .with_primary(at, "after `align=`")
                    .with_help(format!("write `{instr} offset={offset} align={align}`")),
            );
        }
    }
    // A plain word where an index belongs, when the module has a `$word`.
    if message.starts_with("unexpected token, expected an index") && !token.starts_with('$') {
        let wanted = format!("${token}");
        if lex::definitions(text).iter().any(|d| d.name == wanted) {
            return Some(
                Diagnostic::error(
                    code::SYNTAX,
                    format!("`{token}` is not a name: names start with `$`, did you mean `{wanted}`?"),
                )
                .with_primary(at, "missing its `$`")
                .with_help(format!("write `{wanted}`")),
            );
        }
    }
    if message == "previous `if` had no `then`" || message.starts_with("expected `(then`") {
        let opener = last_opened(text, at.start, "if").map_or(at, |start| Span::new(at.source, start..start + 3));
        return Some(
            Diagnostic::error(code::SYNTAX, "a folded `if` needs its branches inside `(then ...)` and `(else ...)`")
                .with_primary(opener, "this `if`")
                .with_help("write it as `(if (result i32) CONDITION (then ...) (else ...))`, for example `(if (result i32) (local.get $n) (then (i32.const 1)) (else (i32.const 2)))`"),
        );
    }
    None
}

/// A module field opened inside another field: the `(` before it was never closed.
fn missing_close(text: &str, tokens: &[lex::Token], at: Span, field: &str) -> Option<Diagnostic> {
    let here = tokens.iter().position(|t| t.range.start >= at.start)?;
    // The parens open before this `(field`, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for (i, t) in tokens[..here.saturating_sub(1)].iter().enumerate() {
        match t.kind {
            lex::TokenKind::LParen => open.push(i),
            lex::TokenKind::RParen => {
                open.pop();
            }
            _ => {}
        }
    }
    // Directly inside `(module` is where fields belong; the field open inside it is the one
    // missing its `)`.
    let word = |i: usize| tokens.get(i + 1).map_or("", |t| &text[t.range.clone()]);
    let outer = open.iter().position(|&i| word(i) == "module").map_or(0, |p| p + 1);
    let &unclosed = open.get(outer)?;
    let kw = word(unclosed);
    if !matches!(kw, "func" | "memory" | "global" | "table" | "data" | "elem" | "export" | "import" | "type") {
        return None;
    }
    let name = tokens.get(unclosed + 2).filter(|t| t.kind == lex::TokenKind::Id).map(|t| &text[t.range.clone()]);
    let shown = name.map_or(format!("({kw}"), |n| format!("({kw} {n}"));
    let opener = Span::new(at.source, tokens[unclosed].range.start..tokens[unclosed + 1].range.end);
    let depth = open.len() - outer;
    Some(
        Diagnostic::error(code::SYNTAX, format!("a `)` is missing: `{shown}` is still open where `({field}` begins"))
            .with_primary(opener, format!("this `{shown}` is never closed"))
            .with_secondary(at, format!("so this `({field}` would be inside it"))
            .with_help(format!(
                "add {} before `({field}` (or at the end of the line where `{shown}` should end)",
                if depth == 1 { "`)`".to_string() } else { format!("{depth} `)`") }
            )),
    )
}

/// The start of the last `(KEYWORD` before `pos` (its `(`): wast reports a folded form's
/// problem at the token after its closing paren.
fn last_opened(text: &str, pos: usize, keyword: &str) -> Option<usize> {
    let tokens = lex::tokens(text);
    let before = tokens.iter().take_while(|t| t.range.start < pos).count();
    (0..before)
        .rev()
        .find(|&i| {
            tokens[i].kind == lex::TokenKind::LParen
                && tokens.get(i + 1).is_some_and(|t| &text[t.range.clone()] == keyword)
        })
        .map(|i| tokens[i].range.start)
}

/// A `$name` defined twice: say which, and point at its first definition too.
fn duplicate(text: &str, at: Span, token: &str, message: &str) -> Diagnostic {
    // "duplicate func identifier", "duplicate local identifier", ...
    let kind = message.strip_prefix("duplicate ").and_then(|m| m.split_whitespace().next()).unwrap_or("");
    let what = match kind {
        "func" => "function",
        "" | "identifier" => "definition",
        k => k,
    };
    let mut d = Diagnostic::error(code::DUPLICATE_NAME, format!("`{token}` is defined twice (as a {what} name)"))
        .with_primary(at, "defined again here")
        .with_help(format!("each `$name` names one {what}: rename one of them"));
    let first = lex::definitions(text).into_iter().find(|x| x.name == token && x.range.start < at.start);
    if let Some(first) = first {
        d = d.with_secondary(Span::new(at.source, first.range), "first defined here");
    }
    d
}

/// A hint for common slips, judged from the tokens around the error.
fn syntax_help(text: &str, at: Span, token: &str) -> Option<String> {
    let tokens = lex::tokens(text);
    let here = tokens.iter().position(|t| t.range.start >= at.start)?;
    // The word that names the form: the token itself, or the keyword after a `(`.
    let word = match tokens[here].kind {
        lex::TokenKind::LParen => tokens.get(here + 1).map_or("", |t| &text[t.range.clone()]),
        _ => token,
    };
    if keywords::WAST_COMMANDS.contains(&word) && word != "module" {
        return Some(format!("`{word}` is a WAST script command, not part of a module: put it in a `.wast` file and run `watlab test FILE.wast`"));
    }
    if word == "module" && here > 0 {
        return Some(
            "a `.wat` file holds one module; a file with several is a WAST script: run it with `watlab test FILE.wast`"
                .into(),
        );
    }
    if here == 0 && token == "module" {
        return Some("a module is written with parentheses: `(module ...)`".into());
    }
    // The keyword of the innermost open paren before the error.
    let mut depth = 0;
    let mut opener = None;
    for i in (0..here).rev() {
        match tokens[i].kind {
            lex::TokenKind::RParen => depth += 1,
            lex::TokenKind::LParen if depth == 0 => {
                opener = tokens.get(i + 1).map(|t| (i + 1, &text[t.range.clone()]));
                break;
            }
            lex::TokenKind::LParen => depth -= 1,
            _ => {}
        }
    }
    let (kw_idx, keyword) = opener?;
    let named = tokens.get(kw_idx + 1).is_some_and(|t| t.kind == lex::TokenKind::Id);
    match keyword {
        "param" | "local" if named => Some(format!(
            "a `({keyword} $name TYPE)` with a name declares exactly one value: write one `({keyword} $name TYPE)` per value"
        )),
        _ => None,
    }
}

fn shorten(token: &str) -> String {
    if token.chars().count() > 40 {
        format!("{}…", token.chars().take(40).collect::<String>())
    } else {
        token.to_string()
    }
}

fn looks_like_instruction(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '=' | '/' | ':'))
}

fn unknown_instruction(at: Span, token: &str, message: &str, text: &str) -> Diagnostic {
    if matches!(token, "export" | "import") {
        if let Some(d) = unquoted_name(text, at, token) {
            return d;
        }
    }
    if matches!(token, "local" | "param" | "result" | "type" | "export" | "import") {
        return Diagnostic::error(code::SYNTAX, format!("`({token} ...)` cannot come after instructions"))
            .with_primary(at, "too late")
            .with_help(format!(
                "a function declares `(export ...)`, `(param ...)`, `(result ...)` and `(local ...)` first, in that order, then its instructions: move this `({token} ...)` up"
            ));
    }
    if let Some(name) = token.strip_prefix('$') {
        let is_global = lex::definitions(text).iter().any(|d| d.kind == lex::DefKind::Global && d.name == token);
        let get = if is_global { "global.get" } else { "local.get" };
        return Diagnostic::error(code::SYNTAX, format!("`{token}` on its own is not an instruction"))
            .with_cause(Cause::NameAsInstruction { name: token.to_string() })
            .with_primary(at, "a name, not an instruction")
            .with_help(format!("to push the value of `${name}`, write `({get} ${name})`"));
    }
    if let Some((_, proposal)) = crate::instr::UNSUPPORTED.iter().find(|(name, _)| *name == token) {
        return Diagnostic::error(code::UNSUPPORTED, format!("`{token}` is part of the {proposal} proposal"))
            .with_primary(at, "not supported")
            .with_note(format!("watlab's engine (wasmi) does not support {proposal} yet"));
    }
    if crate::instr::lookup(token).is_some() {
        return Diagnostic::error(code::SYNTAX, format!("`{token}` cannot appear here"))
            .with_primary(at, "unexpected instruction")
            .with_note("instructions go inside a function body, a global's initializer or an offset");
    }
    if !looks_like_instruction(token) {
        let label = if token.is_empty() { String::new() } else { format!("unexpected `{}`", shorten(token)) };
        return Diagnostic::error(code::SYNTAX, message.to_string()).with_primary(at, label);
    }
    if let Some(new) = crate::instr::current_name(token) {
        return Diagnostic::error(
            code::UNKNOWN_INSTR,
            format!("`{}` is an old name: the instruction is called `{new}` now", shorten(token)),
        )
        .with_primary(at, format!("write `{new}`"))
        .with_note("instructions were renamed in 2019; older tutorials and compilers still print the old names");
    }
    let mut d = Diagnostic::error(code::UNKNOWN_INSTR, format!("unknown instruction `{}`", shorten(token)))
        .with_primary(at, "not an instruction");
    let all = crate::instr::suggest_all(token);
    if !all.is_empty() {
        let names: Vec<String> = all.iter().map(|s| format!("`{s}`")).collect();
        d.message = format!("unknown instruction `{}`, did you mean {}?", shorten(token), names.join(" or "));
        d = d.with_help(format!("did you mean {}?", names.join(" or ")));
    } else if let Some(k) = closest(token, keywords::FORMS.iter().copied()) {
        d = d.with_help(format!("did you mean `{k}`?"));
    }
    d
}

/// `(export main)`: a name written without its quotes.
fn unquoted_name(text: &str, at: Span, token: &str) -> Option<Diagnostic> {
    let after = &text[at.end..];
    let next = lex::tokens(after).into_iter().next()?;
    let word = &after[next.range.clone()];
    if next.kind == lex::TokenKind::String || word == ")" {
        return None;
    }
    let span = Span::new(at.source, at.end + next.range.start..at.end + next.range.end);
    let example =
        if token == "export" { format!("(export \"{word}\")") } else { format!("(import \"env\" \"{word}\" ...)") };
    Some(
        Diagnostic::error(
            code::SYNTAX,
            format!("the name in `({token} ...)` is a string: write `\"{word}\"` in quotes"),
        )
        .with_primary(span, "needs quotes")
        .with_help(format!("{token} names are strings, as the host sees them: `{example}`")),
    )
}

/// `unknown func: failed to find name `$nope``, and friends.
fn unknown_name(text: &str, at: Span, message: &str) -> Option<Diagnostic> {
    let rest = message.strip_prefix("unknown ")?;
    let (kind, rest) = rest.split_once(": failed to find name `")?;
    let name = rest.strip_suffix('`')?;
    let kinds: &[lex::DefKind] = match kind {
        "func" => &[lex::DefKind::Func],
        "local" => &[lex::DefKind::Local, lex::DefKind::Param],
        "global" => &[lex::DefKind::Global],
        "memory" => &[lex::DefKind::Memory],
        "table" => &[lex::DefKind::Table],
        "type" => &[lex::DefKind::Type],
        "data" => &[lex::DefKind::Data],
        "elem" => &[lex::DefKind::Elem],
        "label" => &[lex::DefKind::Label],
        _ => &[],
    };
    let defs = lex::definitions(text);
    let candidates: Vec<&str> = defs.iter().filter(|d| kinds.contains(&d.kind)).map(|d| d.name.as_str()).collect();
    let what = if kind == "func" { "function" } else { kind };
    let mut d = Diagnostic::error(code::UNKNOWN_NAME, format!("there is no {what} named `{name}`"))
        .with_primary(at, format!("unknown {what}"));
    if let Some(best) = closest(name, candidates.iter().copied()) {
        d = d.with_help(format!("did you mean `{best}`?"));
        if let Some(def) = defs.iter().find(|x| x.name == best && kinds.contains(&x.kind)) {
            d = d.with_secondary(Span::new(at.source, def.range.clone()), format!("`{best}` is defined here"));
        }
    } else if kind == "func" && name.contains("print") {
        d = d.with_help(format!(
            "printing comes from the host: import it first, e.g. `(import \"env\" \"print_i32\" (func {name} (param i32)))`"
        ));
    } else if candidates.is_empty() {
        d = d.with_note_of(
            NoteKind::NothingNamed { what: what.to_string() },
            format!("this module defines no {what} with a `$name`"),
        );
    } else {
        let mut names: Vec<&str> = candidates;
        names.sort_unstable();
        names.dedup();
        d = d.with_note(format!("{what}s defined: {}", names.join(", ")));
    }
    Some(d)
}

fn unexpected_eof(source: SourceId, text: &str, at: Span) -> Diagnostic {
    let tokens = lex::tokens(text);
    // An unterminated string or block comment swallows the rest of the text, parens included.
    if let Some(last) = tokens.last() {
        let body = &text[last.range.clone()];
        let unterminated = match last.kind {
            lex::TokenKind::BlockComment => !body.ends_with(";)") || body.len() < 4,
            lex::TokenKind::String => !body.ends_with('"') || body.len() < 2,
            _ => false,
        };
        if unterminated {
            let what = if last.kind == lex::TokenKind::String { "string" } else { "block comment" };
            let close = if last.kind == lex::TokenKind::String { "`\"`" } else { "`;)`" };
            // Underline the opener only (`"` or `(;`, both ASCII): two bytes after a `"` may
            // end inside a multi-byte character (issue 9).
            let opener = if last.kind == lex::TokenKind::String { 1 } else { 2 };
            return Diagnostic::error(code::SYNTAX, format!("this {what} is never closed"))
                .with_primary(
                    Span::new(source, last.range.start..(last.range.start + opener).min(text.len())),
                    format!("the {what} starts here"),
                )
                .with_help(format!("close it with {close}; everything after it is part of the {what} until then"));
        }
    }
    let mut open = Vec::new();
    for t in tokens {
        match t.kind {
            lex::TokenKind::LParen | lex::TokenKind::Annotation => open.push(t.range.start),
            lex::TokenKind::RParen => {
                open.pop();
            }
            _ => {}
        }
    }
    match open.last() {
        Some(&start) => {
            let after = &text[start + 1..];
            let word: String = after.chars().take_while(|c| !c.is_whitespace() && *c != '(' && *c != ')').collect();
            let shown = if word.is_empty() { "(".to_string() } else { format!("({word}") };
            Diagnostic::error(code::SYNTAX, format!("a `)` is missing at the end: `{shown}` is never closed"))
                .with_primary(Span::new(source, start..start + 1), format!("this `{shown}` is never closed"))
                .with_help(format!("add {} `)` at the end", open.len()))
        }
        None => Diagnostic::error(code::SYNTAX, "the text ends before every `(` is closed")
            .with_primary(at, "the text ends here"),
    }
}
