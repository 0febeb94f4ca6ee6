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

/// What REPL input still waits for, when it is not finished: the innermost open paren (with
/// its keyword), string or block comment, or a flat `block`, `loop`, `if` or `try_table` typed
/// outside any paren whose `end` has not come yet. `None` when the input can be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// In words: "`(func`", "a string", "a block comment", "`block`".
    pub what: String,
    /// Byte offset where it was opened.
    pub at: usize,
    /// The text closes it with this: "`)`", "`\"`", "`;)`" or "`end`".
    pub closer: &'static str,
}

/// See [`Pending`].
pub fn pending(src: &str) -> Option<Pending> {
    let mut parens: Vec<usize> = Vec::new();
    let mut flat: Vec<(usize, &str)> = Vec::new();
    let tokens = scan(src);
    for (i, s) in tokens.iter().enumerate() {
        let range = s.token.range.clone();
        if s.open {
            let (what, closer) = match s.token.kind {
                TokenKind::BlockComment => ("a block comment", "`;)`"),
                _ => ("a string", "`\"`"),
            };
            return Some(Pending { what: what.into(), at: range.start, closer });
        }
        match s.token.kind {
            TokenKind::LParen | TokenKind::Annotation => parens.push(i),
            TokenKind::RParen if parens.pop().is_none() => return None,
            TokenKind::Keyword if parens.is_empty() => {
                let word = &src[range.clone()];
                match word {
                    "block" | "loop" | "if" | "try_table" => flat.push((range.start, word)),
                    "end" => {
                        flat.pop()?;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some(&i) = parens.last() {
        let at = tokens[i].token.range.start;
        let word =
            tokens.get(i + 1).filter(|t| t.token.kind == TokenKind::Keyword).map(|t| &src[t.token.range.clone()]);
        let what = word.map_or("`(`".to_string(), |w| format!("`({w}`"));
        return Some(Pending { what, at, closer: "`)`" });
    }
    flat.last().map(|&(at, word)| Pending { what: format!("`{word}`"), at, closer: "`end`" })
}
