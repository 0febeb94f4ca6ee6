//! "Is this REPL input complete?": open parens, strings and comments.

use super::{scan, TokenKind};

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
