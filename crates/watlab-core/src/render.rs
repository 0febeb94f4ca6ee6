//! Draws diagnostics as text: `rich` (ariadne, with the learner's code underlined) or
//! `short` (`FILE:LINE:COL: error[CODE]: MESSAGE`, one line, the form editors parse, laid out by
//! codespan-reporting).
//!
//! Rendering writes into any `io::Write` and takes colour as a parameter: deciding whether the
//! terminal wants colour is the front end's job, as is choosing stdout or stderr.

use std::collections::HashMap;
use std::io::{self, Write};

use ariadne::{Cache, Color, Config, IndexType, Label, Report, ReportKind, Source};

use crate::diag::{Diagnostic, Severity};
use crate::source::{SourceId, SourceMap};

/// How diagnostics look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorFormat {
    /// A snippet of the learner's text with the problem underlined, notes and help.
    #[default]
    Rich,
    /// One `FILE:LINE:COL: error[CODE]: MESSAGE` line each.
    Short,
}

/// Rendering choices, decided once by the front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Rich or short.
    pub format: ErrorFormat,
    /// Emit ANSI colour codes.
    pub color: bool,
    /// How the reader asks for an explanation of a code (`watlab explain`, `:explain`): rich
    /// diagnostics end with a line naming it. `None` leaves the line out.
    pub explain: Option<&'static str>,
}

/// Writes `diag` to `out`. `origin` names the input for diagnostics that have no location
/// (for example a binary module or a command-line argument).
///
/// # Errors
/// Only the writer's errors.
pub fn render(
    out: &mut dyn Write,
    sources: &SourceMap,
    origin: &str,
    diag: &Diagnostic,
    style: Style,
) -> io::Result<()> {
    render_one(out, sources, origin, diag, style)?;
    for more in &diag.also {
        render_one(out, sources, origin, more, style)?;
    }
    Ok(())
}

fn render_one(
    out: &mut dyn Write,
    sources: &SourceMap,
    origin: &str,
    diag: &Diagnostic,
    style: Style,
) -> io::Result<()> {
    // ariadne and codespan panic on a byte range that splits a character (issue 9), so every
    // span is snapped to its text's char boundaries here, whatever the module that made it did.
    let snapped = snap_spans(sources, diag);
    let diag = &snapped;
    match style.format {
        ErrorFormat::Short => render_short(out, sources, origin, diag),
        ErrorFormat::Rich => {
            match diag.primary_span() {
                Some(span) if sources.get(span.source).is_some() => {
                    if diag.labels.iter().any(|l| line_len_at(sources, l.span) > LONG_LINE) {
                        render_excerpt(out, sources, diag, style.color)?
                    } else {
                        render_rich(out, sources, diag, style.color)?
                    }
                }
                _ => render_plain(out, origin, diag, style.color)?,
            }
            match style.explain {
                Some(command) => {
                    let (dim, reset) = if style.color { ("\x1b[2m", "\x1b[0m") } else { ("", "") };
                    writeln!(out, "{dim}(`{command} {}` says more about this kind of problem){reset}", diag.code.id)
                }
                None => Ok(()),
            }
        }
    }
}

/// Renders to a `String` (tests, the REPL's event list).
pub fn render_to_string(sources: &SourceMap, origin: &str, diag: &Diagnostic, style: Style) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = render(&mut buf, sources, origin, diag, style);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A copy of `diag` whose labels lie inside their texts, on char boundaries: the start moves
/// back and the end forward to the nearest boundary, so the underline still covers the
/// character the span pointed into.
fn snap_spans(sources: &SourceMap, diag: &Diagnostic) -> Diagnostic {
    let mut snapped = diag.clone();
    for label in &mut snapped.labels {
        let Some(file) = sources.get(label.span.source) else { continue };
        let text = file.text.as_str();
        let end = ceil_char(text, label.span.end.min(text.len()));
        label.span.start = floor_char(text, label.span.start.min(end));
        label.span.end = end;
    }
    snapped
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn kind_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn render_short(out: &mut dyn Write, sources: &SourceMap, origin: &str, diag: &Diagnostic) -> io::Result<()> {
    use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label as CsLabel, Severity as CsSev};
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term::{self, Config as CsConfig, DisplayStyle};

    let message = diag.message.replace('\n', " ");
    let severity = match diag.severity {
        Severity::Error => CsSev::Error,
        Severity::Warning => CsSev::Warning,
    };
    let base = CsDiag::new(severity).with_code(diag.code.id).with_message(&message);
    let config = CsConfig { display_style: DisplayStyle::Short, ..CsConfig::default() };
    let located = diag.primary_span().and_then(|span| sources.get(span.source).map(|f| (span, f)));
    let written = match located {
        Some((span, file)) => {
            let end = span.end.min(file.text.len());
            let start = span.start.min(end);
            let simple = SimpleFile::new(file.name.as_str(), file.text.as_str());
            let d = base.with_labels(vec![CsLabel::primary((), start..end)]);
            term::emit_into_string(&config, &simple, &d).ok()
        }
        None => None,
    };
    match written {
        Some(line) => write!(out, "{line}"),
        None => writeln!(out, "{origin}: {}[{}]: {message}", kind_word(diag.severity), diag.code.id),
    }
}

/// ariadne over our `SourceMap`: sources are looked up by id and shown by name.
struct MapCache<'a> {
    map: &'a SourceMap,
    built: HashMap<SourceId, Source<&'a str>>,
}

impl<'a> Cache<SourceId> for MapCache<'a> {
    type Storage = &'a str;

    fn fetch(&mut self, id: &SourceId) -> Result<&Source<&'a str>, impl std::fmt::Debug> {
        let map = self.map;
        match map.get(*id) {
            Some(file) => Ok(self.built.entry(*id).or_insert_with(|| Source::from(file.text.as_str()))),
            None => Err(format!("unknown source {}", id.0)),
        }
    }

    fn display<'b>(&self, id: &'b SourceId) -> Option<impl std::fmt::Display + 'b> {
        self.map.get(*id).map(|f| f.name.clone())
    }
}

fn render_rich(out: &mut dyn Write, sources: &SourceMap, diag: &Diagnostic, color: bool) -> io::Result<()> {
    let clamp = |span: crate::source::Span| {
        let len = sources.get(span.source).map_or(0, |f| f.text.len());
        let end = span.end.min(len);
        (span.source, span.start.min(end)..end)
    };
    let primary = clamp(diag.primary_span().expect("render_rich is called with a located diagnostic"));
    let kind = match diag.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    // ariadne splits labels it receives out of source order into separate groups.
    let mut labels: Vec<_> = diag.labels.iter().collect();
    labels.sort_by_key(|l| (l.span.source, l.span.start));
    let mut report = Report::build(kind, primary.clone())
        .with_config(Config::default().with_color(color).with_index_type(IndexType::Byte).with_compact(false))
        .with_code(diag.code.id)
        .with_message(&diag.message);
    for label in labels {
        let mut l = Label::new(clamp(label.span));
        if !label.message.is_empty() {
            l = l.with_message(&label.message);
        }
        if color {
            l = l.with_color(if label.primary { Color::Red } else { Color::Blue });
        }
        report = report.with_label(l);
    }
    for note in &diag.notes {
        report = report.with_note(&note.text);
    }
    if let Some(help) = &diag.help {
        report = report.with_help(help);
    }
    let cache = MapCache { map: sources, built: HashMap::new() };
    report.finish().write(cache, out)
}

/// Lines longer than this (generated or minified text) are shown as an excerpt around each
/// label instead of in full, which could be megabytes.
const LONG_LINE: usize = 300;
/// Characters of context either side of a label in an excerpt.
const CONTEXT: usize = 40;

fn line_len_at(sources: &SourceMap, span: crate::source::Span) -> usize {
    let Some(file) = sources.get(span.source) else { return 0 };
    let at = span.start.min(file.text.len());
    let start = file.text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = file.text[at..].find('\n').map_or(file.text.len(), |i| at + i);
    end - start
}

/// The rich layout's content for labels on very long lines: location, a window of the line
/// with the label marked, notes and help.
fn render_excerpt(out: &mut dyn Write, sources: &SourceMap, diag: &Diagnostic, color: bool) -> io::Result<()> {
    let (red, bold, reset) = if color { ("\x1b[1;31m", "\x1b[1m", "\x1b[0m") } else { ("", "", "") };
    write_headline(out, diag, color)?;
    for label in &diag.labels {
        let Some(file) = sources.get(label.span.source) else { continue };
        let text = file.text.as_str();
        let (line, col) = crate::source::line_col(text, label.span.start);
        let at = floor_char(text, label.span.start.min(text.len()));
        let end = floor_char(text, label.span.end.clamp(at, text.len()));
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let from = floor_char(text, at.saturating_sub(CONTEXT).max(line_start));
        let to = floor_char(text, (end + CONTEXT).min(line_end));
        let before = if from > line_start { "…" } else { "" };
        let after = if to < line_end { "…" } else { "" };
        let marked = text[at..end.max(at)].chars().count().max(1);
        let pad = before.chars().count() + text[from..at].chars().count();
        writeln!(out, "   {bold}at{reset} {}:{line}:{col}", file.name)?;
        writeln!(out, "   | {before}{}{after}", &text[from..to])?;
        writeln!(out, "   | {}{red}{}{reset} {}", " ".repeat(pad), "^".repeat(marked), label.message)?;
    }
    for note in &diag.notes {
        writeln!(out, "   {bold}Note{reset}: {}", indent_continuation(&note.text))?;
    }
    if let Some(help) = &diag.help {
        writeln!(out, "   {bold}Help{reset}: {}", indent_continuation(help))?;
    }
    Ok(())
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `[E0100] Error: MESSAGE`, the first line of the layouts drawn without ariadne.
fn write_headline(out: &mut dyn Write, diag: &Diagnostic, color: bool) -> io::Result<()> {
    let (red, bold, reset) = if color { ("\x1b[1;31m", "\x1b[1m", "\x1b[0m") } else { ("", "", "") };
    writeln!(
        out,
        "{red}[{}] {}:{reset} {bold}{}{reset}",
        diag.code.id,
        capitalize(kind_word(diag.severity)),
        diag.message
    )
}

fn render_plain(out: &mut dyn Write, origin: &str, diag: &Diagnostic, color: bool) -> io::Result<()> {
    let (bold, reset) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    write_headline(out, diag, color)?;
    writeln!(out, "   {bold}in{reset} {origin}")?;
    for note in &diag.notes {
        writeln!(out, "   {bold}Note{reset}: {}", indent_continuation(&note.text))?;
    }
    if let Some(help) = &diag.help {
        writeln!(out, "   {bold}Help{reset}: {}", indent_continuation(help))?;
    }
    Ok(())
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn indent_continuation(text: &str) -> String {
    text.replace('\n', "\n         ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::code;
    use crate::source::Span;

    fn sample() -> (SourceMap, Diagnostic) {
        let mut map = SourceMap::new();
        let id = map.add("add.wat", "(module\n  (func i32.ad))\n");
        let diag = Diagnostic::error(code::UNKNOWN_INSTR, "unknown instruction `i32.ad`")
            .with_primary(Span::new(id, 16..22), "not an instruction")
            .with_help("did you mean `i32.add`?");
        (map, diag)
    }

    #[test]
    fn short_is_one_editor_line() {
        let (map, diag) = sample();
        let style = Style { format: ErrorFormat::Short, ..Style::default() };
        assert_eq!(
            render_to_string(&map, "x", &diag, style),
            "add.wat:2:9: error[E0002]: unknown instruction `i32.ad`\n"
        );
    }

    #[test]
    fn rich_underlines_the_token() {
        let (map, diag) = sample();
        let text = render_to_string(&map, "x", &diag, Style::default());
        assert!(text.contains("[E0002] Error: unknown instruction `i32.ad`"), "{text}");
        assert!(text.contains("add.wat:2:9"), "{text}");
        assert!(text.contains("not an instruction"), "{text}");
        assert!(text.contains("did you mean `i32.add`?"), "{text}");
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn long_lines_are_shown_as_an_excerpt() {
        let mut map = SourceMap::new();
        let text = format!("(module {} (func i32.ad))", "(func) ".repeat(200));
        let at = text.find("i32.ad").unwrap();
        let id = map.add("long.wat", text);
        let diag = Diagnostic::error(code::UNKNOWN_INSTR, "unknown instruction `i32.ad`")
            .with_primary(Span::new(id, at..at + 6), "not an instruction");
        let shown = render_to_string(&map, "x", &diag, Style::default());
        assert!(shown.lines().all(|l| l.chars().count() < 120), "{shown}");
        assert!(shown.contains("at long.wat:1:"), "{shown}");
        assert!(shown.contains("(func i32.ad))") && shown.contains("^^^^^^ not an instruction"), "{shown}");
    }

    /// Issue 9: a span ending inside a multi-byte character crashed ariadne ("end byte index
    /// 2 is not a char boundary"). Every pair of byte offsets must render, in both formats.
    #[test]
    fn spans_at_any_byte_offset_render() {
        let text = "\"é(módulo ☃ 𝄞\n  ü€\r\n\t日本語\"";
        let mut map = SourceMap::new();
        let id = map.add("u.wat", text);
        for start in 0..=text.len() + 1 {
            for end in 0..=text.len() + 1 {
                let diag = Diagnostic::error(code::SYNTAX, "bad")
                    .with_primary(Span::new(id, start..end), "here")
                    .with_secondary(Span::new(id, end..start), "there");
                for format in [ErrorFormat::Rich, ErrorFormat::Short] {
                    let shown = render_to_string(&map, "x", &diag, Style { format, ..Style::default() });
                    assert!(shown.contains("bad"), "{start}..{end}: {shown}");
                }
            }
        }
    }

    #[test]
    fn unlocated_diagnostics_name_the_origin() {
        let map = SourceMap::new();
        let diag = Diagnostic::error(code::UNKNOWN_EXPORT, "no export named `mian`").with_help("did you mean `main`?");
        let short = render_to_string(&map, "f.wasm", &diag, Style { format: ErrorFormat::Short, ..Style::default() });
        assert_eq!(short, "f.wasm: error[E0600]: no export named `mian`\n");
        let rich = render_to_string(&map, "f.wasm", &diag, Style::default());
        assert!(rich.starts_with("[E0600] Error: no export named `mian`\n   in f.wasm\n"), "{rich}");
    }
}
