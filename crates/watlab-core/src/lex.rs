//! Tokens of the WebAssembly text format for the interactive features: syntax highlighting,
//! "is this REPL input complete?", widening a parser's point-span to a whole token, and the
//! `$name` definitions behind "did you mean" and Tab completion.
//!
//! This lexer is deliberately *lenient*: it never fails, it turns anything it cannot lex into
//! an `Error` token, and it runs an unterminated string or block comment to the end of the
//! input so the REPL can ask for more lines. Whether a program is actually valid, and the
//! wording of every syntax error, is left to the `wast` parser in `assemble.rs`. Wherever wast
//! 263 lexes an input without error, our tokens have the same boundaries and kinds (checked
//! against the spec test suite), so its error offsets land on our tokens; the one difference
//! is a lone `$`, an `Id` to wast and `Reserved` here, so it never counts as a definition.

use std::ops::Range;

use logos::{Lexer, Logos};

/// What kind of text a [`Token`] covers; the names follow the spec's lexical grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// A word starting with `a`–`z`: `module`, `i32.load8_u`, `offset=4`, `nan:canonical`.
    Keyword,
    /// `$name` or `$"quoted name"`.
    Id,
    /// An integer literal: `42`, `-1_000`, `0x1F`.
    Int,
    /// A float literal: `1.5e-3`, `3.`, `0x1.8p3`, `inf`, `-nan`, `nan:0x200000`.
    Float,
    /// A quoted string. Unterminated strings are still `String`, running to the end of input.
    String,
    /// `;;` up to the end of the line.
    LineComment,
    /// `(; ... ;)`, nested. Unterminated ones run to the end of input.
    BlockComment,
    /// The opening `(@name` (or `(@"name"`) of an annotation; it counts as an open paren.
    Annotation,
    /// Text the spec reserves but gives no meaning, e.g. `1abc`, `$`, `a"b"`, `,` or `{`.
    Reserved,
    /// Bytes that cannot start any token, or a closed string with a bad escape or a raw
    /// control character in it.
    Error,
}

/// One token of the source text: its kind and its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What the text is.
    pub kind: TokenKind,
    /// Byte range in the source; never empty, always on `char` boundaries.
    pub range: Range<usize>,
}

/// Every token of `src` in order, whitespace skipped.
///
/// Never fails or panics. Unlexable characters become `Error` tokens (a run of them is one
/// token). An unterminated string, `$"` id, `(@"` annotation or block comment becomes one
/// token of its usual kind that runs to the end of `src`; [`completeness`] reports such input
/// as `Incomplete`. A closed string whose contents wast would reject (bad escape, raw control
/// character such as a newline) is one `Error` token, so parentheses inside it stay inert.
pub fn tokens(src: &str) -> Vec<Token> {
    scan(src).into_iter().map(|s| s.token).collect()
}

/// Whether REPL input is ready to be evaluated, as decided by [`completeness`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Every paren is closed and no string or comment is left open.
    Complete,
    /// A paren, string or block comment is still open: read another line.
    Incomplete,
    /// A `)` at this byte offset closes nothing; more input cannot fix that.
    ExtraClose(usize),
}

/// Is this REPL input complete?
///
/// `Incomplete` when a paren (or annotation) is open, or a string or block comment is
/// unterminated; parens inside strings, comments and quoted ids are ignored. The first
/// unmatched `)` gives `ExtraClose` even if something later is left open. Empty,
/// whitespace-only and comment-only input is `Complete`. Bad tokens do not matter here: the
/// parser reports them once the input is evaluated.
pub fn completeness(src: &str) -> Completeness {
    let mut depth = 0usize;
    for s in scan(src) {
        // An open token runs to the end of the input, so it is always the last one.
        if s.open {
            return Completeness::Incomplete;
        }
        match s.token.kind {
            TokenKind::LParen | TokenKind::Annotation => depth += 1,
            TokenKind::RParen if depth == 0 => return Completeness::ExtraClose(s.token.range.start),
            TokenKind::RParen => depth -= 1,
            _ => {}
        }
    }
    if depth == 0 {
        Completeness::Complete
    } else {
        Completeness::Incomplete
    }
}

/// Byte range of the token that contains `offset` (or starts at it).
///
/// wast reports errors at a single offset; this widens it to a whole token for underlining.
/// If `offset` is in whitespace or at the end of input, the next token is returned if there
/// is one, else the previous one, else an empty range at `offset` clamped to `src.len()`.
/// The result always lies on `char` boundaries; never panics, whatever `offset` is.
pub fn token_range_at(src: &str, offset: usize) -> Range<usize> {
    let toks = tokens(src);
    // Tokens are sorted and disjoint, so the first one ending after `offset` either contains
    // it or is the next token after the whitespace it sits in.
    let idx = toks.partition_point(|t| t.range.end <= offset);
    if let Some(t) = toks.get(idx).or(toks.last()) {
        return t.range.clone();
    }
    // With no tokens `src` is all ASCII whitespace, so any clamped offset is a char boundary.
    let at = offset.min(src.len());
    at..at
}

/// What a `$name` names, by the construct that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefKind {
    /// `(func $f` at module level, or inside an `(import ...)`.
    Func,
    /// `(param $p i32)`.
    Param,
    /// `(local $l i32)`.
    Local,
    /// `(global $g`.
    Global,
    /// `(memory $m`.
    Memory,
    /// `(table $t`.
    Table,
    /// `(type $t` at module level or in a `(rec ...)` group.
    Type,
    /// `(data $d`.
    Data,
    /// `(elem $e`.
    Elem,
    /// `block $l`, `loop $l`, `if $l`, `try_table $l`, flat or folded.
    Label,
    /// `(tag $x`.
    Tag,
    /// `(module $m` (also `(module definition $m`).
    Module,
}

/// A `$name` definition found in the text, for "did you mean" and Tab completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// What kind of thing the name defines.
    pub kind: DefKind,
    /// The id exactly as written, with the leading `$` (and the quotes of a `$"quoted"` id).
    pub name: String,
    /// Byte range of the id in the source.
    pub range: Range<usize>,
}

/// Every `$id` that is *defined* (not merely used) in `src`, in source order.
///
/// Recognises `(func $f`, `(param $p`, `(local $l`, `(global $g`, `(memory $m`, `(table $t`,
/// `(type $t`, `(data $d`, `(elem $e`, `(tag $x`, `(module $m`, the same fields inside
/// `(import "m" "n" (func $f ...))`, and block labels after `block`/`loop`/`if`/`try_table`
/// in flat and folded form. References that look alike are skipped by looking at the
/// enclosing paren: `(export "f" (func $f))`, `(func (type $t))`, `(data (memory $m) ...)`.
/// Works on incomplete or broken input; annotations and comments are ignored.
pub fn definitions(src: &str) -> Vec<Definition> {
    let toks: Vec<Token> = tokens(src)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect();
    let text = |t: &Token| &src[t.range.clone()];
    let id_at = |j: usize| toks.get(j).filter(|t| t.kind == TokenKind::Id);
    let mut defs = Vec::new();
    let mut define = |kind, id: &Token| {
        defs.push(Definition { kind, name: text(id).to_string(), range: id.range.clone() });
    };
    // The keyword right after each open paren ("" if there is none), innermost last. The
    // parent's keyword is what tells a definition `(func $f` from a reference to it.
    let mut heads: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        match tok.kind {
            TokenKind::Annotation => {
                i = skip_annotation(&toks, i);
                continue;
            }
            TokenKind::LParen => {
                let head = toks.get(i + 1).filter(|t| t.kind == TokenKind::Keyword).map_or("", text);
                if let Some(kind) = field_def_kind(head, heads.last().copied()) {
                    let mut j = i + 2;
                    if head == "module" && toks.get(j).map(text) == Some("definition") {
                        j += 1;
                    }
                    if let Some(id) = id_at(j) {
                        define(kind, id);
                    }
                }
                heads.push(head);
            }
            TokenKind::RParen => {
                heads.pop();
            }
            TokenKind::Keyword if crate::keywords::LABELLED.contains(&text(tok)) => {
                if let Some(id) = id_at(i + 1) {
                    define(DefKind::Label, id);
                }
            }
            _ => {}
        }
        i += 1;
    }
    defs
}

/// Syntax highlighting for a terminal: `src` with ANSI SGR colour codes around tokens.
///
/// Structure keywords (`module`, `func`, `param`, ...), value types (`i32`, `funcref`, ...),
/// instructions and other keywords, numbers, strings, ids, comments, annotations, reserved
/// words and errors each get their own colour; parens and whitespace are left plain. Every
/// character of `src` is copied through unchanged, so deleting the escape sequences gives back
/// `src` exactly. Control characters in `src` are not escaped: callers showing untrusted text
/// should sanitise it first.
pub fn highlight_ansi(src: &str) -> String {
    let mut out = String::with_capacity(src.len() * 2);
    let mut copied = 0;
    for tok in tokens(src) {
        out.push_str(&src[copied..tok.range.start]);
        let text = &src[tok.range.clone()];
        match colour(tok.kind, text) {
            Some(sgr) => {
                out.push_str(sgr);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
        copied = tok.range.end;
    }
    out.push_str(&src[copied..]);
    out
}

// ---------------------------------------------------------------------------------------------
// The logos lexer.

/// The raw logos tokens. Several map to one [`TokenKind`]; the split records what the
/// post-pass in [`scan`] needs: whether a token is open, and whether it may glue onto a
/// neighbour to form a reserved token.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n]+")]
#[logos(subpattern idchar = r"[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]")]
#[logos(subpattern dec = r"[0-9](_?[0-9])*")]
#[logos(subpattern hex = r"[0-9a-fA-F](_?[0-9a-fA-F])*")]
enum Raw {
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    // A bare `(@` is an annotation with an empty name, as in wast; its parser reports it.
    #[regex(r"\(@(?&idchar)*")]
    #[token("(@\"", quoted_annotation)]
    Annotation,
    /// `(@"` without its closing quote.
    OpenAnnotation,
    // wast ends line comments at `\r` as well as `\n`.
    #[regex(r";;[^\n\r]*", allow_greedy = true)]
    LineComment,
    // Nesting is not regular, so a callback finds the matching `;)`.
    #[token("(;", block_comment)]
    BlockComment,
    /// `(;` without its matching `;)`.
    OpenBlockComment,
    #[regex(r"[a-z](?&idchar)*")]
    Keyword,
    #[regex(r"\$(?&idchar)+")]
    #[token("$\"", quoted_id)]
    Id,
    /// `$"` without its closing quote.
    OpenId,
    // Numbers outrank keywords (`inf`, `nan:0x1`) and reserved words of the same length;
    // logos' longest match already makes `1abc` reserved rather than `1` then `abc`.
    #[regex(r"[+-]?(?&dec)", priority = 5)]
    #[regex(r"[+-]?0x(?&hex)", priority = 5)]
    Int,
    #[regex(r"[+-]?(?&dec)\.(?&dec)?([eE][+-]?(?&dec))?", priority = 5)]
    #[regex(r"[+-]?(?&dec)[eE][+-]?(?&dec)", priority = 5)]
    #[regex(r"[+-]?0x(?&hex)\.(?&hex)?([pP][+-]?(?&dec))?", priority = 5)]
    #[regex(r"[+-]?0x(?&hex)[pP][+-]?(?&dec)", priority = 5)]
    #[regex(r"[+-]?(inf|nan|nan:0x(?&hex))", priority = 5)]
    Float,
    #[token("\"", quoted_string)]
    String,
    /// `"` without its closing quote.
    OpenString,
    /// A closed string (or quoted id) that wast would reject.
    BadString,
    #[regex(r"(?&idchar)+", priority = 0)]
    Reserved,
    // wast lexes each of these as a one-character reserved token that never glues to a
    // neighbour, unlike idchar runs and strings.
    #[token(";")]
    #[regex(r"[,\[\]{}]")]
    Punct,
}

impl Raw {
    /// The public kind, and whether the token is left open at the end of the input.
    fn kind(self) -> (TokenKind, bool) {
        match self {
            Raw::LParen => (TokenKind::LParen, false),
            Raw::RParen => (TokenKind::RParen, false),
            Raw::Annotation => (TokenKind::Annotation, false),
            Raw::OpenAnnotation => (TokenKind::Annotation, true),
            Raw::LineComment => (TokenKind::LineComment, false),
            Raw::BlockComment => (TokenKind::BlockComment, false),
            Raw::OpenBlockComment => (TokenKind::BlockComment, true),
            Raw::Keyword => (TokenKind::Keyword, false),
            Raw::Id => (TokenKind::Id, false),
            Raw::OpenId => (TokenKind::Id, true),
            Raw::Int => (TokenKind::Int, false),
            Raw::Float => (TokenKind::Float, false),
            Raw::String => (TokenKind::String, false),
            Raw::OpenString => (TokenKind::String, true),
            Raw::BadString => (TokenKind::Error, false),
            Raw::Reserved | Raw::Punct => (TokenKind::Reserved, false),
        }
    }

    /// Whether the spec's `reserved ::= (idchar | string)+` lets this token run together with
    /// a touching neighbour: `a"b"` or `$x"y"` is one reserved token, not two tokens.
    fn glues(self) -> bool {
        matches!(self, Raw::Keyword | Raw::Id | Raw::Int | Raw::Float | Raw::String | Raw::Reserved)
    }
}

/// Called after `(;`: consumes up to the matching `;)`, or to the end of input if none.
fn block_comment(lex: &mut Lexer<Raw>) -> Raw {
    let rest = lex.remainder().as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    // Byte-wise is safe: the delimiters are ASCII and never occur inside a multi-byte char.
    while i + 1 < rest.len() {
        match (rest[i], rest[i + 1]) {
            (b'(', b';') => {
                depth += 1;
                i += 2;
            }
            (b';', b')') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    lex.bump(i);
                    return Raw::BlockComment;
                }
            }
            _ => i += 1,
        }
    }
    lex.bump(rest.len());
    Raw::OpenBlockComment
}

fn quoted_string(lex: &mut Lexer<Raw>) -> Raw {
    match quoted(lex) {
        Quote::Valid => Raw::String,
        Quote::Invalid => Raw::BadString,
        Quote::Open => Raw::OpenString,
    }
}

fn quoted_id(lex: &mut Lexer<Raw>) -> Raw {
    match quoted(lex) {
        Quote::Valid => Raw::Id,
        Quote::Invalid => Raw::BadString,
        Quote::Open => Raw::OpenId,
    }
}

fn quoted_annotation(lex: &mut Lexer<Raw>) -> Raw {
    // A bad escape in an annotation name stays an `Annotation`: turning it into an error would
    // orphan the annotation's `)` and make completeness report a bogus extra close.
    match quoted(lex) {
        Quote::Valid | Quote::Invalid => Raw::Annotation,
        Quote::Open => Raw::OpenAnnotation,
    }
}

/// How a quoted string ended.
enum Quote {
    Valid,
    Invalid,
    Open,
}

/// Consumes the rest of a string whose opening `"` was just lexed.
fn quoted(lex: &mut Lexer<Raw>) -> Quote {
    let (len, quote) = scan_string_body(lex.remainder());
    lex.bump(len);
    quote
}

/// Scans a string body up to and including the closing quote. Returns the bytes consumed and
/// the verdict. A backslash always swallows the next character, so `"\"` stays open; an
/// escape that is wrong only marks the string invalid and never hides a closing quote.
fn scan_string_body(body: &str) -> (usize, Quote) {
    let mut valid = true;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (i + 1, if valid { Quote::Valid } else { Quote::Invalid }),
            '\\' => match chars.next() {
                None => break,
                Some((_, 't' | 'n' | 'r' | '"' | '\'' | '\\')) => {}
                Some((_, 'u')) => valid &= unicode_escape(&mut chars),
                Some((_, h)) if h.is_ascii_hexdigit() => {
                    let mut peek = chars.clone();
                    if peek.next().is_some_and(|(_, h2)| h2.is_ascii_hexdigit()) {
                        chars = peek;
                    } else {
                        valid = false;
                    }
                }
                Some(_) => valid = false,
            },
            // The spec's stringchar excludes these; a raw newline is the common case.
            c if c < ' ' || c == '\u{7f}' => valid = false,
            _ => {}
        }
    }
    (body.len(), Quote::Open)
}

/// Checks a `{hexnum}` after `\u`, advancing `chars` past it only when it is well formed.
fn unicode_escape(chars: &mut std::str::CharIndices) -> bool {
    let mut peek = chars.clone();
    if peek.next().map(|(_, c)| c) != Some('{') {
        return false;
    }
    let mut value: u32 = 0;
    // The spec's hexnum: digits with single underscores between them, so no leading,
    // trailing or doubled `_`.
    let mut last_was_digit = false;
    loop {
        let Some((_, c)) = peek.next() else {
            return false;
        };
        if let Some(d) = c.to_digit(16) {
            // Saturate so a huge escape still reads as "not a char" instead of wrapping round.
            value = value.saturating_mul(16).saturating_add(d);
            last_was_digit = true;
        } else if c == '_' && last_was_digit {
            last_was_digit = false;
        } else if c == '}' && last_was_digit {
            break;
        } else {
            return false;
        }
    }
    *chars = peek;
    char::from_u32(value).is_some()
}

/// A token plus what the public [`Token`] does not say.
struct Scanned {
    token: Token,
    /// Unterminated string, id, annotation or block comment; only ever the last token.
    open: bool,
    /// May join a touching neighbour into one reserved token.
    glues: bool,
}

/// Runs logos and tidies its output: unlexable bytes are widened to whole characters and
/// merged into one `Error` token per run, and touching idchar words and strings are merged
/// into one `Reserved` token, as the spec and wast do.
fn scan(src: &str) -> Vec<Scanned> {
    let mut out: Vec<Scanned> = Vec::new();
    let mut lexer = Raw::lexer(src);
    while let Some(result) = lexer.next() {
        let mut range = lexer.span();
        let (kind, open, glues) = match result {
            Ok(raw) => {
                let (kind, open) = raw.kind();
                (kind, open, raw.glues())
            }
            Err(()) => (TokenKind::Error, false, false),
        };
        // logos 0.16 ends its error tokens on char boundaries, but does not promise to; a
        // range inside a char would make every caller's `&src[range]` panic.
        while !src.is_char_boundary(range.end) {
            range.end += 1;
        }
        if let Some(last) = out.last_mut() {
            let touching = last.token.range.end >= range.start;
            let closed_annotation = last.token.kind == TokenKind::Annotation && !last.open;
            if touching && closed_annotation && glues {
                // `(@a"b"` is not an annotation but `(` then the reserved `@a"b"`, as in wast.
                let at = last.token.range.start + 1;
                last.token.range.end = at;
                last.token.kind = TokenKind::LParen;
                let token = Token { kind: TokenKind::Reserved, range: at..range.end };
                out.push(Scanned { token, open: false, glues: true });
                continue;
            }
            let both_errors = last.token.kind == TokenKind::Error && kind == TokenKind::Error;
            if touching && (both_errors || (last.glues && glues)) {
                last.token.range.end = last.token.range.end.max(range.end);
                if !both_errors {
                    last.token.kind = TokenKind::Reserved;
                }
                continue;
            }
        }
        out.push(Scanned { token: Token { kind, range }, open, glues });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tables for `definitions` and `highlight_ansi`.

/// The kind defined by `(head $id` inside a paren whose keyword is `parent` (`None` at the
/// top level of the input, which the REPL treats as module level).
fn field_def_kind(head: &str, parent: Option<&str>) -> Option<DefKind> {
    let module_level = matches!(parent, None | Some("module"));
    let importable = module_level || parent == Some("import");
    let kind = match head {
        "param" => DefKind::Param,
        "local" => DefKind::Local,
        "module" => DefKind::Module,
        "func" if importable => DefKind::Func,
        "global" if importable => DefKind::Global,
        "memory" if importable => DefKind::Memory,
        "table" if importable => DefKind::Table,
        "tag" if importable => DefKind::Tag,
        "type" if module_level || parent == Some("rec") => DefKind::Type,
        "data" if module_level => DefKind::Data,
        "elem" if module_level => DefKind::Elem,
        _ => return None,
    };
    Some(kind)
}

/// Index just past the `)` that closes the annotation starting at `start` (or the end).
fn skip_annotation(toks: &[Token], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(start) {
        match t.kind {
            TokenKind::LParen | TokenKind::Annotation => depth += 1,
            TokenKind::RParen => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

const RESET: &str = "\x1b[0m";

/// The SGR sequence that starts a token's colour, or `None` to leave it plain.
fn colour(kind: TokenKind, text: &str) -> Option<&'static str> {
    Some(match kind {
        TokenKind::LParen | TokenKind::RParen => return None,
        TokenKind::Keyword if crate::keywords::STRUCTURE.contains(&text) => "\x1b[1;35m", // bold magenta
        TokenKind::Keyword if crate::keywords::TYPES.contains(&text) => "\x1b[1;36m",     // bold cyan
        TokenKind::Keyword => "\x1b[36m",                                                 // cyan
        TokenKind::Id => "\x1b[34m",                                                      // blue
        TokenKind::Int | TokenKind::Float => "\x1b[33m",                                  // yellow
        TokenKind::String => "\x1b[32m",                                                  // green
        TokenKind::LineComment | TokenKind::BlockComment => "\x1b[90m",                   // grey
        TokenKind::Annotation => "\x1b[35m",                                              // magenta
        TokenKind::Reserved => "\x1b[31m",                                                // red
        TokenKind::Error => "\x1b[1;4;31m",                                               // bold underlined red
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Kind(text)` per token, with parens shown bare, so cases read like the source.
    fn render(src: &str) -> String {
        let parts: Vec<String> = tokens(src)
            .into_iter()
            .map(|t| {
                let text = &src[t.range.clone()];
                match t.kind {
                    TokenKind::LParen | TokenKind::RParen => text.to_string(),
                    kind => format!("{kind:?}({text})"),
                }
            })
            .collect();
        parts.join(" ")
    }

    mod tokens {
        use super::*;

        fn check(src: &str, expected: &str) {
            assert_eq!(render(src), expected, "tokens of {src:?}");
        }

        #[test]
        fn empty() {
            check("", "");
            check(" \t\r\n ", "");
        }

        #[test]
        fn parens_and_keywords() {
            check("(module)", "( Keyword(module) )");
            check("(func $f)", "( Keyword(func) Id($f) )");
        }

        #[test]
        fn keywords_with_dots_equals_underscores() {
            check("i32.load8_u offset=4 align=2", "Keyword(i32.load8_u) Keyword(offset=4) Keyword(align=2)");
            check("memory.atomic.wait32", "Keyword(memory.atomic.wait32)");
        }

        #[test]
        fn ints() {
            check("42", "Int(42)");
            check("0x1F", "Int(0x1F)");
            check("-1_000", "Int(-1_000)");
            check("+7", "Int(+7)");
            check("-0xff_ff", "Int(-0xff_ff)");
        }

        #[test]
        fn decimal_floats() {
            check("+1.5e-3", "Float(+1.5e-3)");
            check("1e10", "Float(1e10)");
            check("3.", "Float(3.)");
            check("1.e5", "Float(1.e5)");
            check("1_0.2_5E+1_0", "Float(1_0.2_5E+1_0)");
        }

        #[test]
        fn hex_floats() {
            check("0x1.8p3", "Float(0x1.8p3)");
            check("-0x1p-2", "Float(-0x1p-2)");
            check("0xA.", "Float(0xA.)");
        }

        #[test]
        fn inf_and_nan() {
            check("inf", "Float(inf)");
            check("-inf", "Float(-inf)");
            check("nan", "Float(nan)");
            check("+nan", "Float(+nan)");
            check("nan:0x200000", "Float(nan:0x200000)");
        }

        #[test]
        fn words_that_only_start_like_numbers() {
            check("infinity", "Keyword(infinity)");
            check("nan:canonical", "Keyword(nan:canonical)");
        }

        #[test]
        fn reserved_words() {
            check("1abc", "Reserved(1abc)");
            check("0x", "Reserved(0x)");
            check("1__0", "Reserved(1__0)");
            check("-", "Reserved(-)");
            check("$", "Reserved($)");
            check("ABC", "Reserved(ABC)");
        }

        #[test]
        fn punctuation_is_reserved_and_separate() {
            check("a,b", "Keyword(a) Reserved(,) Keyword(b)");
            check("{}", "Reserved({) Reserved(})");
            check("; x", "Reserved(;) Keyword(x)");
        }

        #[test]
        fn ids() {
            check("$f", "Id($f)");
            check("$a.b=c", "Id($a.b=c)");
            check(r#"$"quoted id""#, r#"Id($"quoted id")"#);
        }

        #[test]
        fn strings_with_every_escape() {
            let s = r#""\t\n\r\"\'\\\00\fF\u{0}\u{1F600}\u{10_FFFF}""#;
            check(s, &format!("String({s})"));
            check(r#""héllo 日本""#, r#"String("héllo 日本")"#);
        }

        #[test]
        fn bad_strings_are_one_error_token() {
            check(r#""\q" x"#, r#"Error("\q") Keyword(x)"#);
            check(r#""\0""#, r#"Error("\0")"#);
            check(r#""\u{D800}""#, r#"Error("\u{D800}")"#);
            check(r#""\u{110000}""#, r#"Error("\u{110000}")"#);
            check(r#""\u{}""#, r#"Error("\u{}")"#);
            check(r#""\u{_1}""#, r#"Error("\u{_1}")"#);
            check(r#""\u{1__0}""#, r#"Error("\u{1__0}")"#);
            check("\"a\nb\"", "Error(\"a\nb\")");
            check("\"tab\there\"", "Error(\"tab\there\")");
        }

        #[test]
        fn bad_escape_does_not_hide_the_closing_quote() {
            check(r#""\u{12" )"#, r#"Error("\u{12") )"#);
            check(r#""\x" )"#, r#"Error("\x") )"#);
        }

        #[test]
        fn unterminated_string_runs_to_end() {
            check("(data \"ab) (x", "( Keyword(data) String(\"ab) (x)");
            check(r#""ends in \""#, r#"String("ends in \")"#);
        }

        #[test]
        fn touching_words_and_strings_are_one_reserved_token() {
            check(r#"a"b""#, r#"Reserved(a"b")"#);
            check(r#""a"b"#, r#"Reserved("a"b)"#);
            check(r#"$x"y""#, r#"Reserved($x"y")"#);
            check(r#"$"y"z"#, r#"Reserved($"y"z)"#);
            check(r#""a""b""#, r#"Reserved("a""b")"#);
        }

        #[test]
        fn comments() {
            check(";; hi (\n)", "LineComment(;; hi () )");
            check("(; (; ;) ;) x", "BlockComment((; (; ;) ;)) Keyword(x)");
            check("(;;)", "BlockComment((;;))");
            check("(; ;; ;) x", "BlockComment((; ;; ;)) Keyword(x)");
        }

        #[test]
        fn unterminated_block_comment_runs_to_end() {
            check("(; (; ;) x", "BlockComment((; (; ;) x)");
            check("(;)", "BlockComment((;))");
        }

        #[test]
        fn annotations() {
            check("(@name x)", "Annotation((@name) Keyword(x) )");
            check(r#"(@"odd name")"#, r#"Annotation((@"odd name") )"#);
            check("(@ x)", "Annotation((@) Keyword(x) )");
            check(r#"(@a"b" x)"#, r#"( Reserved(@a"b") Keyword(x) )"#);
            check(r#"(@"a"b)"#, r#"( Reserved(@"a"b) )"#);
        }

        #[test]
        fn unlexable_characters() {
            check("é", "Error(é)");
            check("(x 日本語)", "( Keyword(x) Error(日本語) )");
            check("\u{7}", "Error(\u{7})");
            check("a#é", "Keyword(a#) Error(é)");
            check("1#é", "Reserved(1#) Error(é)");
        }
    }

    mod completeness {
        use super::*;

        fn check(src: &str, expected: Completeness) {
            assert_eq!(completeness(src), expected, "completeness of {src:?}");
        }

        #[test]
        fn empty_and_comment_only_input_is_complete() {
            check("", Completeness::Complete);
            check("  \n", Completeness::Complete);
            check(";; just a note", Completeness::Complete);
            check("(; note ;)", Completeness::Complete);
        }

        #[test]
        fn balanced_input_is_complete() {
            check("(module (func (param i32)))", Completeness::Complete);
            check("i32.const 1", Completeness::Complete);
        }

        #[test]
        fn open_paren_is_incomplete() {
            check("(func (param i32)", Completeness::Incomplete);
        }

        #[test]
        fn extra_close_reports_its_offset() {
            check("(func) )", Completeness::ExtraClose(7));
            check(")", Completeness::ExtraClose(0));
            check(") (", Completeness::ExtraClose(0));
        }

        #[test]
        fn unterminated_string_or_comment_is_incomplete() {
            check("\"unterminated", Completeness::Incomplete);
            check("(; open", Completeness::Incomplete);
            check("(; (; ;) still open", Completeness::Incomplete);
            check("$\"open id", Completeness::Incomplete);
        }

        #[test]
        fn parens_in_strings_and_comments_are_ignored() {
            check(r#"(data "(((")"#, Completeness::Complete);
            check("(func ;; )\n)", Completeness::Complete);
            check("(func (; ) ;) )", Completeness::Complete);
            check(r#"(func $"))")"#, Completeness::Complete);
            check(r#"(data "\q)")"#, Completeness::Complete);
        }

        #[test]
        fn line_comment_ends_at_carriage_return_too() {
            check("(func ;; x\r)", Completeness::Complete);
        }

        #[test]
        fn annotation_counts_as_an_open_paren() {
            check("(@custom \")\"", Completeness::Incomplete);
            check("(@custom \")\")", Completeness::Complete);
        }
    }

    mod token_range_at {
        use super::*;

        fn check(src: &str, offset: usize, expected: Range<usize>) {
            assert_eq!(token_range_at(src, offset), expected, "token at {offset} in {src:?}");
        }

        #[test]
        fn inside_and_at_start_of_a_token() {
            check("(call $nope)", 6, 6..11);
            check("(call $nope)", 8, 6..11);
            check("(call $nope)", 0, 0..1);
        }

        #[test]
        fn whitespace_gives_the_next_token() {
            check("i32.add   i32.mul", 8, 10..17);
        }

        #[test]
        fn end_of_input_gives_the_previous_token() {
            check("i32.add  ", 9, 0..7);
            check("i32.add", 7, 0..7);
            check("i32.add", 1000, 0..7);
        }

        #[test]
        fn no_tokens_gives_an_empty_clamped_range() {
            check("", 0, 0..0);
            check("  ", 1, 1..1);
            check("  ", 99, 2..2);
        }

        #[test]
        fn offset_inside_a_multibyte_char() {
            check("\"é\"", 2, 0..4);
            check("x é", 3, 2..4);
        }
    }

    mod definitions {
        use super::*;

        /// `Kind name` per definition, in order.
        fn check(src: &str, expected: &str) {
            let defs: Vec<String> = definitions(src)
                .into_iter()
                .map(|d| {
                    assert_eq!(&src[d.range.clone()], d.name);
                    format!("{:?} {}", d.kind, d.name)
                })
                .collect();
            assert_eq!(defs.join(", "), expected, "definitions in {src:?}");
        }

        #[test]
        fn module_fields() {
            check(
                "(module $m (type $t (func)) (func $f) (global $g i32) (memory $mem 1) \
                 (table $tab 1 funcref) (data $d \"\") (elem $e func) (tag $x))",
                "Module $m, Type $t, Func $f, Global $g, Memory $mem, Table $tab, Data $d, \
                 Elem $e, Tag $x",
            );
        }

        #[test]
        fn params_and_locals() {
            check(
                "(func $add (param $a i32) (param $b i32) (result i32) (local $tmp i32))",
                "Func $add, Param $a, Param $b, Local $tmp",
            );
            check("(func (param i32 i64))", "");
        }

        #[test]
        fn flat_labels() {
            check("block $out loop $top br $top end end", "Label $out, Label $top");
            check("if $l (result i32) else $l end $l", "Label $l");
        }

        #[test]
        fn folded_labels() {
            check("(block $b (loop $l (br_if $l)))", "Label $b, Label $l");
            check("(if $c (then) (else))", "Label $c");
        }

        #[test]
        fn imports_define() {
            check(r#"(import "m" "n" (func $f (param $p i32)))"#, "Func $f, Param $p");
            check(r#"(import "m" "g" (global $g i32))"#, "Global $g");
        }

        #[test]
        fn references_do_not_define() {
            check(r#"(export "f" (func $f))"#, "");
            check("(func $f (type $t) call $g)", "Func $f");
            check("(data (memory $m) (i32.const 0) \"\")", "");
            check("(elem (table $t) (i32.const 0) func $f)", "");
            check("(module (start $f))", "");
            check("(func $g (call $f) local.get $x br $l)", "Func $g");
        }

        #[test]
        fn module_definition_and_rec_types() {
            check("(module definition $m)", "Module $m");
            check("(rec (type $a (func)) (type $b (func)))", "Type $a, Type $b");
        }

        #[test]
        fn quoted_ids_keep_their_quotes() {
            check(r#"(func $"my func")"#, r#"Func $"my func""#);
        }

        #[test]
        fn comments_and_annotations_are_ignored() {
            check("(func ;; x\n $f)", "Func $f");
            check("(func (; c ;) $f)", "Func $f");
            check("(@name (func $nope)) (func $yes)", "Func $yes");
        }

        #[test]
        fn incomplete_input_still_yields_definitions() {
            check("(module (func $f (param $p", "Func $f, Param $p");
        }
    }

    mod highlight_ansi {
        use super::*;

        /// Removes SGR sequences (`ESC [ digits-and-semicolons m`).
        pub(super) fn strip(s: &str) -> String {
            let mut out = String::new();
            let mut rest = s;
            while let Some(at) = rest.find("\x1b[") {
                out.push_str(&rest[..at]);
                let after = &rest[at + 2..];
                let n = after.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(after.len());
                if after[n..].starts_with('m') {
                    rest = &after[n + 1..];
                } else {
                    out.push_str("\x1b[");
                    rest = after;
                }
            }
            out.push_str(rest);
            out
        }

        fn check(src: &str, expected: &str) {
            let got = highlight_ansi(src);
            assert_eq!(strip(&got), src, "highlighting must not change the text");
            // Spell ESC as `~` so expectations stay readable.
            assert_eq!(got.replace('\x1b', "~"), expected, "highlight of {src:?}");
        }

        #[test]
        fn structure_and_instructions_differ() {
            check("(func i32.add)", "(~[1;35mfunc~[0m ~[36mi32.add~[0m)");
        }

        #[test]
        fn types_numbers_ids_strings() {
            check("(param $p i32)", "(~[1;35mparam~[0m ~[34m$p~[0m ~[1;36mi32~[0m)");
            check("1 2.5 \"s\"", "~[33m1~[0m ~[33m2.5~[0m ~[32m\"s\"~[0m");
        }

        #[test]
        fn comments_errors_and_reserved() {
            check(";; c\n(; b ;)", "~[90m;; c~[0m\n~[90m(; b ;)~[0m");
            check("é 1x", "~[1;4;31mé~[0m ~[31m1x~[0m");
        }

        #[test]
        fn annotations_and_open_strings() {
            check("(@name)", "~[35m(@name~[0m)");
            check("\"open", "~[32m\"open~[0m");
        }

        #[test]
        fn multiline_tokens_round_trip() {
            let src = "(module\n  (func $f (export \"f\") (result i32)\n    i32.const 0x2A)) (; a\nb ;)";
            assert_eq!(strip(&highlight_ansi(src)), src);
        }
    }

    /// Fuzz-style checks: every public function on thousands of generated inputs, with a
    /// fixed seed so any failure reproduces.
    mod properties {
        use super::*;

        const SAMPLE: &str = r#"(module $m
  (import "env" "log" (func $log (param i32)))
  (memory $mem 1) (@custom "x" (after func))
  (data $hello (i32.const 8) "h\u{e9}llo\n\00")
  (global $g (mut f64) (f64.const -0x1.8p3))
  ;; Sums 0..n.
  (func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1_000)))
        br $top))
    (; nested (; block ;) comment ;)
    local.get $acc)
  (func $"odd name" (result f32) f32.const nan:0x200000 drop f32.const -inf))
"#;

        /// Characters that stress the lexer: delimiters, escapes, number parts, multi-byte.
        const ALPHABET: &[&str] = &[
            "(", ")", "\"", ";", ";;", "(;", ";)", "$", "@", "(@", "\\", "\\u{", "}", " ", "\n", "\t", "a", "x", "0",
            "1", "0x", ".", "e", "p", "-", "+", "_", "=", ":", "nan", "inf", "é", "日", "😀", ",", "\r", "\u{0}",
            "\u{7f}",
        ];

        /// xorshift64: tiny, deterministic, good enough for picking inputs.
        struct Rng(u64);

        impl Rng {
            fn next(&mut self) -> u64 {
                let mut x = self.0;
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                self.0 = x;
                x
            }

            fn below(&mut self, n: usize) -> usize {
                (self.next() % n.max(1) as u64) as usize
            }

            /// A char boundary of `s`, chosen uniformly among byte offsets then rounded down.
            fn boundary(&mut self, s: &str) -> usize {
                let mut at = self.below(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
        }

        fn byte_soup(rng: &mut Rng) -> String {
            let mut bytes = Vec::new();
            for _ in 0..rng.below(48) {
                if rng.below(2) == 0 {
                    bytes.push(rng.next() as u8);
                } else {
                    bytes.extend_from_slice(ALPHABET[rng.below(ALPHABET.len())].as_bytes());
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }

        fn mutated_sample(rng: &mut Rng) -> String {
            let mut s = SAMPLE.to_string();
            for _ in 0..rng.below(4) {
                let a = rng.boundary(&s);
                let b = rng.boundary(&s);
                let (a, b) = (a.min(b), a.max(b));
                match rng.below(3) {
                    0 => s.replace_range(a..b, ""),
                    1 => s.insert_str(a, ALPHABET[rng.below(ALPHABET.len())]),
                    _ => {
                        let copy = s[a..b.min(a + 40)].to_string();
                        s.insert_str(a, &copy);
                    }
                }
            }
            // A random slice, so truncation hits both ends and inputs stay short.
            let start = rng.boundary(&s);
            let mut end = (start + rng.below(300)).min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s[start..end].to_string()
        }

        fn non_ascii(rng: &mut Rng) -> String {
            const PIECES: &[&str] = &[
                "(func $é",
                " \"日本語\"",
                " ;; ünïcödé\n",
                " (; 😀 (; ;) ;)",
                " $\"ñ\"",
                " Ωmega",
                " i32.const 1",
                ")",
                " \"\\u{1F600}\"",
                " 🦀",
                " (@ann ñ)",
            ];
            (0..rng.below(8)).map(|_| PIECES[rng.below(PIECES.len())]).collect()
        }

        fn check_invariants(src: &str) {
            let toks = tokens(src);
            let mut prev_end = 0;
            for t in &toks {
                let r = &t.range;
                assert!(r.start < r.end, "empty token {t:?} in {src:?}");
                assert!(prev_end <= r.start, "tokens overlap or go backwards in {src:?}: {toks:?}");
                assert!(r.end <= src.len(), "token past the end in {src:?}");
                assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
                // Anything the lexer skips must be whitespace: no text silently vanishes.
                let gap = &src[prev_end..r.start];
                assert!(gap.bytes().all(|b| b" \t\r\n".contains(&b)), "non-space gap {gap:?} in {src:?}");
                prev_end = r.end;
            }
            assert!(src[prev_end..].bytes().all(|b| b" \t\r\n".contains(&b)));

            if let Completeness::ExtraClose(at) = completeness(src) {
                assert_eq!(src.as_bytes()[at], b')');
            }

            // Every offset of short inputs; long ones (whole-sample prefixes) use a stride, since
            // each call lexes the whole input again and debug builds would take seconds.
            let stride = if src.len() <= 300 { 1 } else { 7 };
            let offsets = (0..=src.len() + 2).step_by(stride).chain(src.len().saturating_sub(2)..src.len() + 2);
            for offset in offsets {
                let r = token_range_at(src, offset);
                assert!(r.start <= r.end && r.end <= src.len(), "bad range {r:?} at {offset} in {src:?}");
                assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            }

            for d in definitions(src) {
                assert_eq!(&src[d.range.clone()], d.name);
                assert!(d.name.starts_with('$'));
            }

            // Our stripper would also eat an ESC sequence written in the source itself.
            if !src.contains('\x1b') {
                assert_eq!(super::highlight_ansi::strip(&highlight_ansi(src)), src);
            }
        }

        #[test]
        fn sample_is_complete_and_lexes_cleanly() {
            assert_eq!(completeness(SAMPLE), Completeness::Complete);
            assert!(tokens(SAMPLE).iter().all(|t| t.kind != TokenKind::Error && t.kind != TokenKind::Reserved));
        }

        #[test]
        fn every_prefix_of_the_sample() {
            for (end, _) in SAMPLE.char_indices() {
                check_invariants(&SAMPLE[..end]);
            }
        }

        #[test]
        fn generated_inputs_never_break_the_invariants() {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
            for round in 0..3000 {
                let src = match round % 3 {
                    0 => byte_soup(&mut rng),
                    1 => mutated_sample(&mut rng),
                    _ => non_ascii(&mut rng),
                };
                check_invariants(&src);
            }
        }
    }
}
