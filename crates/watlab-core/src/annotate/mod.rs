//! The annotated byte view behind `watlab build --annotate`: every byte of a binary module, in
//! order and exactly once, as hex grouped into lines, each line with its file offset and a
//! plain-language note on the encoding (section headers, vec lengths, LEB128 values, type bytes,
//! limits flags, memargs, one line per instruction), and the learner's source line above the
//! instructions it produced when the module came from text.
//!
//! wasmparser decides what is well formed: section and entry boundaries come from its readers, so a
//! malformed module is an `Err` carrying its message and offset. Within an entry the bytes are split
//! further by re-reading them with `BinaryReader`; when that finer split does not understand an
//! encoding (a newer proposal, say) the entry falls back to one line with a summary, so the byte
//! coverage never depends on this file knowing every encoding. This module does not validate (that
//! is validate.rs), does not build the offset -> source map (span_map.rs hands it in as a closure),
//! and does not print: it returns a `String`.
//!
//! The work is split by idea: `walk` drives wasmparser over the sections and owns the cursor that
//! hands out every byte once; `sections` splits the entries of each known section, `names` the
//! `name` custom section, and `code` function bodies instruction by instruction; `instr_text`
//! spells an operator and its immediates in WAT; `notes` words the notes (counts, LEB128, types,
//! floats); `layout` turns the collected lines into the three-column text.

mod code;
pub(crate) mod instr_text;
mod layout;
pub(crate) mod names;
mod notes;
mod sections;
mod walk;

#[cfg(test)]
mod tests;

use std::fmt;

use wasmparser::{BinaryReader, BinaryReaderError};

use layout::render;
use walk::Annotator;

type Result<T, E = BinaryReaderError> = std::result::Result<T, E>;

/// Why a detailed split of an entry gave up; the entry is then shown as one summarized line, so
/// the reason itself is not needed.
#[derive(Debug)]
struct Skip;

impl From<BinaryReaderError> for Skip {
    fn from(_: BinaryReaderError) -> Self {
        Skip
    }
}

/// The result of a detailed split: `Err(Skip)` falls back to a summary line.
type Detail = std::result::Result<(), Skip>;

/// Where an instruction's bytes came from in the learner's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number in the source text.
    pub line: usize,
    /// That line's text, trimmed.
    pub text: String,
}

/// How the byte column is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotateOptions {
    /// Bytes shown on one output line; longer runs wrap onto continuation lines. Taken as 1 to
    /// 256.
    pub max_bytes_per_line: usize,
    /// Bytes shown for one item (a data payload, a long immediate) before the rest is summarized as
    /// "… (N more bytes)"; 0 shows everything.
    pub max_payload_bytes: usize,
}

impl Default for AnnotateOptions {
    fn default() -> Self {
        AnnotateOptions { max_bytes_per_line: 8, max_payload_bytes: 32 }
    }
}

/// The module could not be parsed; `message` and `offset` are wasmparser's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotateError {
    /// wasmparser's description of what is malformed.
    pub message: String,
    /// Byte offset in the module where parsing failed.
    pub offset: usize,
}

impl fmt::Display for AnnotateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset 0x{:x})", self.message, self.offset)
    }
}

impl std::error::Error for AnnotateError {}

impl From<BinaryReaderError> for AnnotateError {
    fn from(e: BinaryReaderError) -> Self {
        AnnotateError { message: e.message().to_string(), offset: to_usize(e.offset()) }
    }
}

/// Render the annotated view of the binary module `bytes`.
///
/// `source` maps an instruction's binary offset (the offset wasmparser's
/// `OperatorsReader::read_with_offset` gives for code-section instructions) to the source line it
/// came from, when the module came from text; the line is shown above the instruction's bytes.
///
/// # Errors
///
/// Returns wasmparser's message and offset when `bytes` is not a well-formed module (bad header,
/// truncated section, unknown opcode, counts that disagree with the bytes). Malformed contents of
/// the `name` custom section are not an error (engines ignore them too); they are shown unannotated.
pub fn annotate(
    bytes: &[u8],
    source: Option<&dyn Fn(u64) -> Option<SourceLine>>,
    opts: &AnnotateOptions,
) -> Result<String, AnnotateError> {
    let lines = Annotator::new(bytes, source).run()?;
    Ok(render(bytes, &lines, opts))
}

/// Render as much of the annotated view of `bytes` as parses, for showing a malformed module:
/// when wasmparser stops, a heading names the error and its offset and the remaining bytes
/// follow as one unannotated line. Returns the view and the error, if there was one; a
/// well-formed module gives the same view as [`annotate`] and `None`.
pub fn annotate_partial(
    bytes: &[u8],
    source: Option<&dyn Fn(u64) -> Option<SourceLine>>,
    opts: &AnnotateOptions,
) -> (String, Option<AnnotateError>) {
    let (lines, error) = Annotator::new(bytes, source).run_partial();
    (render(bytes, &lines, opts), error.map(AnnotateError::from))
}

/// One line of the annotated view with the bytes it shows, for a front end that links lines to
/// other views (the playground highlights a row's source text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The first byte of the logical line this text line belongs to.
    pub offset: usize,
    /// How many bytes that logical line covers; 0 for headings (a source line, a blank line).
    pub len: usize,
    /// The line as [`annotate`] writes it, without the newline.
    pub text: String,
}

/// The view of [`annotate`] as rows: the same text, one [`Row`] per output line, each knowing its
/// bytes. A logical line whose bytes wrap gives several rows with the same range.
///
/// # Errors
/// As [`annotate`].
pub fn annotate_rows(
    bytes: &[u8],
    source: Option<&dyn Fn(u64) -> Option<SourceLine>>,
    opts: &AnnotateOptions,
) -> Result<Vec<Row>, AnnotateError> {
    let lines = Annotator::new(bytes, source).run()?;
    let mut rows = Vec::with_capacity(lines.len());
    for line in &lines {
        for text in render(bytes, std::slice::from_ref(line), opts).lines() {
            rows.push(Row { offset: line.offset, len: line.len, text: text.to_string() });
        }
    }
    Ok(rows)
}

fn to_usize(x: u64) -> usize {
    usize::try_from(x).unwrap_or(usize::MAX)
}

fn pos(r: &BinaryReader<'_>) -> usize {
    to_usize(r.original_position())
}
