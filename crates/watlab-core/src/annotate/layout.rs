//! Line layout: the walk's logical lines become text in three columns (offset, hex bytes,
//! indented note), with long byte runs wrapped onto continuation lines or elided with a count.
//! Deciding what a line holds and what its note says is left to the walk; this file only lays out.

use super::AnnotateOptions;

/// One logical line of the view: `len` bytes from `offset`, or a heading (source line, blank line)
/// when `len` is 0. Rendering may wrap or elide the bytes, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    pub(super) offset: usize,
    pub(super) len: usize,
    pub(super) depth: usize,
    pub(super) note: String,
}

/// Indentation stops growing at this depth.
pub(super) const MAX_DEPTH: usize = 24;

/// Lays out `lines` in three columns: offset, hex bytes, indented note.
pub(super) fn render(bytes: &[u8], lines: &[Line], opts: &AnnotateOptions) -> String {
    let per_line = opts.max_bytes_per_line.clamp(1, 256);
    let hex_width = per_line * 3 - 1;
    let width = offset_width(bytes.len());
    let mut out = String::new();
    for line in lines {
        // Deeply nested blocks would otherwise make the output quadratic in the nesting depth.
        let indent = "  ".repeat(line.depth.min(MAX_DEPTH));
        if line.len == 0 {
            if !line.note.is_empty() {
                let blank = "";
                out.push_str(&format!("{blank:w$}  {blank:hex_width$}  {indent}{}", line.note, w = width));
            }
            finish_line(&mut out);
            continue;
        }
        let shown = match opts.max_payload_bytes {
            0 => line.len,
            limit => line.len.min(limit),
        };
        // By construction lines lie inside `bytes`; `get` keeps a bug here from becoming a panic.
        let data = bytes.get(line.offset..line.offset + shown).unwrap_or(&[]);
        for (k, chunk) in data.chunks(per_line).enumerate() {
            let offset = line.offset + k * per_line;
            out.push_str(&format!("{offset:0width$x}: {:hex_width$}", hex_bytes(chunk)));
            if k == 0 {
                out.push_str(&format!("  {indent}{}", line.note));
            }
            finish_line(&mut out);
        }
        if shown < line.len {
            let rest = line.len - shown;
            let s = if rest == 1 { "" } else { "s" };
            out.push_str(&format!("{:0width$x}: … ({rest} more byte{s})", line.offset + shown));
            finish_line(&mut out);
        }
    }
    out
}

/// Ends an output line without trailing spaces (goldens strip them, and so do editors).
pub(super) fn finish_line(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
    out.push('\n');
}

/// Hex digits in the offset column: at least 4, more when the module is larger than 64 KiB.
pub(super) fn offset_width(len: usize) -> usize {
    format!("{:x}", len).len().max(4)
}

pub(super) fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}
