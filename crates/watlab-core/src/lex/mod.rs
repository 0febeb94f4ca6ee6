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

mod complete;
mod definitions;
mod highlight;
#[cfg(test)]
mod tests;

pub use complete::{completeness, pending, Completeness, Pending};
pub use definitions::{definitions, DefKind, Definition};
pub use highlight::highlight_ansi;
