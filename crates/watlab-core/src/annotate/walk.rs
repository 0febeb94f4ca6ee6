//! The walk over the module: wasmparser's payloads in order, the cursor that emits every byte
//! exactly once as a `Line`, section headers, vec counts, and the index-space bookkeeping (types,
//! function signatures, counts) that later notes refer to. How each section's entries are split is
//! in sections.rs, names.rs and code.rs; how lines are laid out is in layout.rs.

use wasmparser::{BinaryReader, BinaryReaderError, Encoding, Parser, Payload, SectionLimited};

use super::layout::{offset_width, Line};
use super::names::Names;
use super::notes::{count_note, leb_suffix, name_suffix, plural, sig_text, wat_string, FuncSig};
use super::{pos, to_usize, Detail, Result, SourceLine};

/// Returns the counter's value and advances it (saturating: no input is big enough to reach the
/// limit, but a wrapped index would only mislabel, never panic).
pub(super) fn next_idx(counter: &mut u32) -> u32 {
    let idx = *counter;
    *counter = idx.saturating_add(1);
    idx
}

/// Index-space counters, imports first, as the spec numbers them.
#[derive(Default)]
pub(super) struct Counts {
    pub(super) imports: u32,
    pub(super) funcs: u32,
    pub(super) tables: u32,
    pub(super) memories: u32,
    pub(super) globals: u32,
    pub(super) tags: u32,
    pub(super) imported_funcs: u32,
    pub(super) bodies: u32,
    pub(super) elems: u32,
    pub(super) datas: u32,
}

pub(super) struct Annotator<'a, 's> {
    pub(super) bytes: &'a [u8],
    pub(super) source: Option<&'s dyn Fn(u64) -> Option<SourceLine>>,
    pub(super) lines: Vec<Line>,
    /// Everything before `pos` has been emitted; lines only ever start here.
    pub(super) pos: usize,
    pub(super) width: usize,
    pub(super) names: Names,
    /// Signature of each type index; `None` for GC struct, array and continuation types.
    pub(super) types: Vec<Option<FuncSig>>,
    /// Type index of each function, imports first.
    pub(super) func_types: Vec<u32>,
    pub(super) counts: Counts,
    /// Where the current section ends (after the header: where the first one starts). When
    /// `pos` is here, the next bytes are a section header; `run_partial` uses it to explain a
    /// section whose size runs past the end of the file.
    pub(super) section_end: Option<usize>,
}

impl<'a, 's> Annotator<'a, 's> {
    pub(super) fn new(bytes: &'a [u8], source: Option<&'s dyn Fn(u64) -> Option<SourceLine>>) -> Self {
        Annotator {
            bytes,
            source,
            lines: Vec::new(),
            pos: 0,
            width: offset_width(bytes.len()),
            names: Names::collect(bytes),
            types: Vec::new(),
            func_types: Vec::new(),
            counts: Counts::default(),
            section_end: None,
        }
    }

    // --- emitting ---

    /// Emits the bytes from the cursor up to `end` as one line. `end` is clamped into
    /// `pos..=len` so that a bug in a caller shows up as an odd line, never as a panic or a
    /// byte shown twice.
    pub(super) fn emit(&mut self, end: usize, depth: usize, note: impl Into<String>) {
        let end = end.clamp(self.pos, self.bytes.len());
        if end > self.pos {
            self.lines.push(Line { offset: self.pos, len: end - self.pos, depth, note: note.into() });
            self.pos = end;
        }
    }

    pub(super) fn emit_to(&mut self, r: &BinaryReader<'_>, depth: usize, note: impl Into<String>) {
        self.emit(pos(r), depth, note);
    }

    /// A line without bytes: a source line, or a blank separator when `note` is empty.
    pub(super) fn heading(&mut self, depth: usize, note: impl Into<String>) {
        self.lines.push(Line { offset: self.pos, len: 0, depth, note: note.into() });
    }

    /// The bytes in `start..end`, or none if a caller's range is off (never a panic).
    pub(super) fn slice(&self, start: usize, end: usize) -> &'a [u8] {
        self.bytes.get(start..end).unwrap_or(&[])
    }

    pub(super) fn reader(&self, start: usize, end: usize) -> BinaryReader<'a> {
        let end = end.min(self.bytes.len());
        let start = start.min(end);
        BinaryReader::new(self.slice(start, end), start as u64)
    }

    /// Emits the bytes up to `end` through `detail`, which splits them finely; if it fails or
    /// stops short, its lines are dropped and one line with `summary` covers the bytes instead.
    pub(super) fn detailed(
        &mut self,
        end: usize,
        depth: usize,
        summary: impl FnOnce() -> String,
        detail: impl FnOnce(&mut Self, &mut BinaryReader<'a>) -> Detail,
    ) {
        let (n_lines, start) = (self.lines.len(), self.pos);
        let mut r = self.reader(start, end);
        if detail(self, &mut r).is_err() || self.pos != end {
            self.lines.truncate(n_lines);
            self.pos = start;
            self.emit(end, depth, summary());
        }
    }

    pub(super) fn offset_text(&self, offset: usize) -> String {
        format!("{offset:0w$x}", w = self.width)
    }

    pub(super) fn func_text(&self, idx: u32) -> String {
        format!("func {idx}{}", name_suffix(self.names.funcs.get(&idx)))
    }

    pub(super) fn func_sig(&self, func_idx: u32) -> Option<&FuncSig> {
        let ty = *self.func_types.get(func_idx as usize)?;
        self.types.get(ty as usize)?.as_ref()
    }

    pub(super) fn type_text(&self, type_idx: u32) -> String {
        match self.types.get(type_idx as usize) {
            Some(Some(sig)) => format!("type {type_idx} {}", sig_text(sig)),
            _ => format!("type {type_idx}"),
        }
    }

    // --- the module ---

    pub(super) fn run(mut self) -> Result<Vec<Line>> {
        self.walk()?;
        Ok(self.lines)
    }

    /// Like `run`, but a malformed module keeps the lines of the bytes that parsed: the rest
    /// of the module follows as one unannotated line under a heading that names the error.
    pub(super) fn run_partial(mut self) -> (Vec<Line>, Option<BinaryReaderError>) {
        match self.walk() {
            Ok(()) => (self.lines, None),
            Err(e) => {
                if self.section_end == Some(self.pos) {
                    self.unreadable_section_header();
                }
                self.heading(0, "");
                self.heading(
                    0,
                    format!(
                        ";; malformed at offset {}: {}",
                        self.offset_text(to_usize(e.offset())),
                        // Some of wasmparser's messages pad a number with spaces.
                        e.message().split_whitespace().collect::<Vec<_>>().join(" ")
                    ),
                );
                let end = self.bytes.len();
                let rest = end.saturating_sub(self.pos) as u64;
                self.emit(end, 0, format!("not annotated ({})", plural(rest, "byte")));
                (self.lines, Some(e))
            }
        }
    }

    fn walk(&mut self) -> Result<()> {
        for payload in Parser::new(0).parse_all(self.bytes) {
            match payload? {
                Payload::Version { num, encoding, range } => {
                    self.emit(4, 0, "magic \"\\0asm\"");
                    if encoding == Encoding::Component {
                        let layer = match self.slice(6, 8) {
                            &[lo, hi] => u16::from_le_bytes([lo, hi]),
                            _ => 0,
                        };
                        let note = format!("version {num}, layer {layer}: a component");
                        self.emit(to_usize(range.end), 0, note);
                        // Component binaries nest modules and sections of their own; the view
                        // is for core modules, so the rest is shown but not broken down.
                        self.heading(0, "");
                        let end = self.bytes.len();
                        self.emit(end, 0, "component sections (not annotated)");
                        return Ok(());
                    }
                    self.emit(to_usize(range.end), 0, format!("version {num}"));
                    self.section_end = Some(self.pos);
                }
                Payload::TypeSection(s) => {
                    self.section_header(1, "type", s.range().start)?;
                    self.items(s, "type", Self::type_entry)?;
                }
                Payload::ImportSection(s) => {
                    self.section_header(2, "import", s.range().start)?;
                    self.items(s, "import", Self::import_entry)?;
                }
                Payload::FunctionSection(s) => {
                    self.section_header(3, "function", s.range().start)?;
                    self.items(s, "function", Self::function_entry)?;
                }
                Payload::TableSection(s) => {
                    self.section_header(4, "table", s.range().start)?;
                    self.items(s, "table", Self::table_entry)?;
                }
                Payload::MemorySection(s) => {
                    self.section_header(5, "memory", s.range().start)?;
                    self.items(s, "memory", Self::memory_entry)?;
                }
                Payload::GlobalSection(s) => {
                    self.section_header(6, "global", s.range().start)?;
                    self.items(s, "global", Self::global_entry)?;
                }
                Payload::ExportSection(s) => {
                    self.section_header(7, "export", s.range().start)?;
                    self.items(s, "export", Self::export_entry)?;
                }
                Payload::StartSection { func, range } => {
                    self.section_header(8, "start", range.start)?;
                    let leb = self.slice(to_usize(range.start), to_usize(range.end));
                    let note = format!("start function: {}{}", self.func_text(func), leb_suffix(leb, func.into()));
                    self.emit(to_usize(range.end), 1, note);
                }
                Payload::ElementSection(s) => {
                    self.section_header(9, "element", s.range().start)?;
                    self.items(s, "element segment", Self::elem_entry)?;
                }
                Payload::DataCountSection { count, range } => {
                    self.section_header(12, "data count", range.start)?;
                    let leb = self.slice(to_usize(range.start), to_usize(range.end));
                    let note = format!(
                        "{} in the data section{}",
                        plural(count.into(), "data segment"),
                        leb_suffix(leb, count.into())
                    );
                    self.emit(to_usize(range.end), 1, note);
                }
                Payload::DataSection(s) => {
                    self.section_header(11, "data", s.range().start)?;
                    self.items(s, "data segment", Self::data_entry)?;
                }
                Payload::TagSection(s) => {
                    self.section_header(13, "tag", s.range().start)?;
                    self.items(s, "tag", Self::tag_entry)?;
                }
                Payload::CodeSectionStart { count, unchecked_range, .. } => {
                    self.section_header(10, "code", unchecked_range.start)?;
                    let mut r = self.reader(self.pos, to_usize(unchecked_range.end));
                    r.read_var_u32()?;
                    let leb = self.slice(self.pos, pos(&r));
                    self.emit_to(&r, 1, count_note(count, "function body", leb));
                }
                Payload::CodeSectionEntry(body) => self.body(body)?,
                Payload::CustomSection(c) => {
                    let name = c.name();
                    self.section_header(0, &format!("custom {}", wat_string(name.as_bytes())), c.range().start)?;
                    let mut r = self.reader(self.pos, to_usize(c.data_offset()));
                    let (_, len_note) = self.read_str(&mut r)?;
                    self.emit_to(&r, 1, format!("name {} ({len_note})", wat_string(name.as_bytes())));
                    let end = to_usize(c.range().end);
                    if name == "name" {
                        self.name_section(end);
                    } else {
                        let n = end.saturating_sub(self.pos);
                        self.emit(end, 1, format!("contents: {} (not annotated)", plural(n as u64, "byte")));
                    }
                }
                Payload::UnknownSection { id, range, .. } => {
                    self.section_header(id, "unknown", range.start)?;
                    self.emit(to_usize(range.end), 1, "contents (not annotated)");
                }
                Payload::End(_) => {}
                other => {
                    // Only component payloads get here, and components stop at the header.
                    if let Some((id, range)) = other.as_section() {
                        self.section_header(id, "unknown", range.start)?;
                        self.emit(to_usize(range.end), 1, "contents (not annotated)");
                    }
                }
            }
        }
        let end = self.bytes.len();
        self.emit(end, 0, "trailing bytes (not annotated)");
        Ok(())
    }

    /// The header of a section wasmparser refused (typically: its size runs past the end of the
    /// file), shown as far as it reads, so that the learner sees the size that is wrong.
    fn unreadable_section_header(&mut self) {
        let mut r = self.reader(self.pos, self.bytes.len());
        let Ok(id) = r.read_u8() else { return };
        self.heading(0, "");
        self.emit_to(&r, 0, format!("section {id}: {}", section_name(id)));
        let Ok(size) = r.read_var_u32() else { return };
        let leb = self.slice(self.pos, pos(&r));
        let left = self.bytes.len().saturating_sub(pos(&r)) as u64;
        let mut note = format!("size: {}{}", plural(size.into(), "byte"), leb_suffix(leb, size.into()));
        if u64::from(size) > left {
            note.push_str(&format!(", but only {} left in the file", plural(left, "byte")));
        }
        self.emit_to(&r, 1, note);
    }

    /// The section id byte and the size LEB128, which end where the contents start.
    pub(super) fn section_header(&mut self, id: u8, name: &str, contents_start: u64) -> Result<()> {
        let contents_start = to_usize(contents_start);
        self.section_end = None;
        self.heading(0, "");
        let mut r = self.reader(self.pos, contents_start);
        r.read_u8()?;
        self.emit_to(&r, 0, format!("section {id}: {name}"));
        let size = r.read_var_u32()?;
        let leb = self.slice(self.pos, pos(&r));
        let note = format!("size: {}{}", plural(size.into(), "byte"), leb_suffix(leb, size.into()));
        self.emit(contents_start, 1, note);
        self.section_end = Some(contents_start.saturating_add(size as usize));
        Ok(())
    }

    /// A vec-of-entries section: the count line, then `each` entry with its exact byte range
    /// (wasmparser's offsets give each entry's start; the next start is its end).
    pub(super) fn items<T, F>(&mut self, section: SectionLimited<'a, T>, noun: &str, mut each: F) -> Result<()>
    where
        T: wasmparser::FromReader<'a>,
        F: FnMut(&mut Self, u32, T, usize) -> Result<()>,
    {
        let count = section.count();
        let end = to_usize(section.range().end);
        let items = section.into_iter_with_offsets().collect::<Result<Vec<_>>>()?;
        let first = items.first().map_or(end, |(o, _)| to_usize(*o));
        let leb = self.slice(self.pos, first).to_vec();
        self.emit(first, 1, count_note(count, noun, &leb));
        let starts: Vec<usize> = items.iter().map(|(o, _)| to_usize(*o)).collect();
        for (i, (_, item)) in items.into_iter().enumerate() {
            let item_end = starts.get(i + 1).copied().unwrap_or(end);
            each(self, i as u32, item, item_end)?;
        }
        Ok(())
    }
}

/// The spec's name for a section id; unknown ids are an error wasmparser reports.
fn section_name(id: u8) -> &'static str {
    match id {
        0 => "custom",
        1 => "type",
        2 => "import",
        3 => "function",
        4 => "table",
        5 => "memory",
        6 => "global",
        7 => "export",
        8 => "start",
        9 => "element",
        10 => "code",
        11 => "data",
        12 => "data count",
        13 => "tag",
        _ => "unknown",
    }
}
