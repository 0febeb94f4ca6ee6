//! Every text the tool has seen, and byte spans into them.
//!
//! A `SourceMap` owns the texts (a file, a REPL line, a WAST script); a `Span` names a byte range
//! in one of them by `SourceId`. Diagnostics carry spans, and only `render` turns them into
//! lines and columns. This file knows nothing about WebAssembly.

use std::ops::Range;

/// Identifies one text in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub u32);

/// A byte range in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The text the range is in.
    pub source: SourceId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span over `range` of `source`.
    pub fn new(source: SourceId, range: Range<usize>) -> Span {
        Span { source, start: range.start, end: range.end }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The same span moved `delta` bytes later (for snippets spliced into a larger text).
    pub fn shifted(self, delta: isize) -> Span {
        let shift = |x: usize| (x as isize + delta).max(0) as usize;
        Span { source: self.source, start: shift(self.start), end: shift(self.end) }
    }
}

/// One named text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// What the learner calls it: a path, `<stdin>`, `repl:3`.
    pub name: String,
    /// The full text.
    pub text: String,
}

/// Every text seen so far, addressed by [`SourceId`].
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Stores a text and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> SourceId {
        self.files.push(SourceFile { name: name.into(), text: text.into() });
        SourceId(self.files.len() as u32 - 1)
    }

    /// The text with this id, if any.
    pub fn get(&self, id: SourceId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Number of texts stored.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// 1-based line and column (in characters) of a byte offset, clamped into the text.
    pub fn line_col(&self, id: SourceId, offset: usize) -> (usize, usize) {
        match self.get(id) {
            Some(f) => line_col(&f.text, offset),
            None => (1, 1),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`, clamped into the text
/// and moved back to a character boundary.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// The full text of 1-based line `line`, without its newline.
pub fn line_text(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 3), (2, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab\ncd", 99), (2, 3));
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("é;x", 3), (1, 3));
        // Inside a multi-byte character: moved back to its start.
        assert_eq!(line_col("é;x", 1), (1, 1));
    }

    #[test]
    fn spans_shift() {
        let s = Span::new(SourceId(0), 10..12).shifted(-4);
        assert_eq!(s.range(), 6..8);
    }
}
