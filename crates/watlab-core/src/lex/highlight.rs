//! Syntax highlighting with ANSI colours, for the terminal REPL.

use super::{tokens, TokenKind};

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
