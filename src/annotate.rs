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

use std::collections::HashMap;
use std::fmt;

use wasmparser::{
    BinaryReader, BinaryReaderError, BlockType, BrTable, Catch, ConstExpr, Data, DataKind, Element,
    Encoding, Export, ExternalKind, FunctionBody, Global, HeapType, Ieee32, Ieee64, Imports,
    KnownCustom, MemArg, MemArgTarget, MemoryType, Name, Operator, OperatorsReader, Ordering,
    Parser, Payload, RecGroup, RefType, ResumeTable, SectionLimited, Table, TagType, TryTable,
    TypeRef, ValType, V128,
};

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
        AnnotateOptions {
            max_bytes_per_line: 8,
            max_payload_bytes: 32,
        }
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
        AnnotateError {
            message: e.message().to_string(),
            offset: to_usize(e.offset()),
        }
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

// ---------------------------------------------------------------------------------------------
// Lines and rendering

/// One logical line of the view: `len` bytes from `offset`, or a heading (source line, blank line)
/// when `len` is 0. Rendering may wrap or elide the bytes, never reorder them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    offset: usize,
    len: usize,
    depth: usize,
    note: String,
}

/// Indentation stops growing at this depth.
const MAX_DEPTH: usize = 24;

/// Lays out `lines` in three columns: offset, hex bytes, indented note.
fn render(bytes: &[u8], lines: &[Line], opts: &AnnotateOptions) -> String {
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
                out.push_str(&format!(
                    "{blank:w$}  {blank:hex_width$}  {indent}{}",
                    line.note,
                    w = width
                ));
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
            out.push_str(&format!(
                "{offset:0width$x}: {:hex_width$}",
                hex_bytes(chunk)
            ));
            if k == 0 {
                out.push_str(&format!("  {indent}{}", line.note));
            }
            finish_line(&mut out);
        }
        if shown < line.len {
            let rest = line.len - shown;
            let s = if rest == 1 { "" } else { "s" };
            out.push_str(&format!(
                "{:0width$x}: … ({rest} more byte{s})",
                line.offset + shown
            ));
            finish_line(&mut out);
        }
    }
    out
}

/// Ends an output line without trailing spaces (goldens strip them, and so do editors).
fn finish_line(out: &mut String) {
    let kept = out.trim_end_matches(' ').len();
    out.truncate(kept);
    out.push('\n');
}

/// Hex digits in the offset column: at least 4, more when the module is larger than 64 KiB.
fn offset_width(len: usize) -> usize {
    format!("{:x}", len).len().max(4)
}

fn hex_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `0x63 0x00`: bytes spelled the way the notes refer to them.
fn hex_list(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn to_usize(x: u64) -> usize {
    usize::try_from(x).unwrap_or(usize::MAX)
}

fn pos(r: &BinaryReader<'_>) -> usize {
    to_usize(r.original_position())
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural_noun(noun))
    }
}

fn plural_noun(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("index") {
        format!("{stem}indices")
    } else if let Some(stem) = noun.strip_suffix("body") {
        format!("{stem}bodies")
    } else {
        format!("{noun}s")
    }
}

/// The note for a vec's length prefix: "2 types (vec length)".
fn count_note(n: u32, noun: &str, leb: &[u8]) -> String {
    let base = if n == 0 {
        format!("no {} (vec length 0)", plural_noun(noun))
    } else {
        format!("{} (vec length)", plural(n.into(), noun))
    };
    base + &leb_suffix(leb, n.into())
}

/// Explains an unsigned LEB128 only when it is more than one byte; a one-byte LEB128 is just the
/// number, and saying so on every line would drown the interesting cases.
fn leb_suffix(leb: &[u8], value: u64) -> String {
    if leb.len() > 1 {
        format!(" (LEB128: {} = {value})", hex_list(leb))
    } else {
        String::new()
    }
}

/// A string's payload as the learner would write it in WAT: printable ASCII as is, everything
/// else as `\hh`, cut at 40 characters.
fn wat_string(bytes: &[u8]) -> String {
    let mut s = String::from("\"");
    for (i, &b) in bytes.iter().enumerate() {
        if i == 40 {
            s.push_str("\"…");
            return s;
        }
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:02x}")),
        }
    }
    s.push('"');
    s
}

/// ` ($name)` for an index the name section names, else nothing.
fn name_suffix(name: Option<&String>) -> String {
    match name {
        Some(n) => format!(" (${})", n.escape_debug()),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Types as text

fn valtype_text(ty: ValType) -> String {
    match ty {
        ValType::Ref(r) => reftype_text(r),
        other => other.to_string(),
    }
}

/// wasmparser's Display spells concrete types `(ref null (module 3))`; WAT says `(ref null 3)`.
fn reftype_text(r: RefType) -> String {
    let null = if r.is_nullable() { "null " } else { "" };
    match r.heap_type() {
        HeapType::Concrete(i) => match i.as_module_index() {
            Some(i) => format!("(ref {null}{i})"),
            None => r.to_string(),
        },
        HeapType::Exact(i) => match i.as_module_index() {
            Some(i) => format!("(ref {null}(exact {i}))"),
            None => r.to_string(),
        },
        HeapType::Abstract { .. } => r.to_string(),
    }
}

fn heaptype_text(h: HeapType) -> String {
    match h {
        HeapType::Abstract { shared, ty } => {
            // AbstractHeapType's Debug names (Func, NoExtern, I31) are the WAT keywords capitalized.
            let name = format!("{ty:?}").to_lowercase();
            if shared {
                format!("(shared {name})")
            } else {
                name
            }
        }
        HeapType::Concrete(i) | HeapType::Exact(i) => i
            .as_module_index()
            .map_or_else(|| i.to_string(), |m| m.to_string()),
    }
}

/// `(sub final 2) ` for a GC subtype declaration, nothing for a plain final type.
fn sub_text(st: &wasmparser::SubType) -> String {
    if st.is_final && st.supertype_idxs.is_empty() {
        return String::new();
    }
    let fin = if st.is_final { " final" } else { "" };
    let supers: String = st
        .supertype_idxs
        .iter()
        .map(|i| match i.unpack().as_module_index() {
            Some(m) => format!(" {m}"),
            None => format!(" {i}"),
        })
        .collect();
    format!("(sub{fin}{supers}) ")
}

fn types_text(tys: &[ValType]) -> String {
    let inner: Vec<String> = tys.iter().map(|t| valtype_text(*t)).collect();
    format!("[{}]", inner.join(" "))
}

/// `[i32 i32] -> [i32]`, the spec's notation for a function type.
fn sig_text(sig: &FuncSig) -> String {
    format!(
        "{} -> {}",
        types_text(&sig.params),
        types_text(&sig.results)
    )
}

fn blocktype_text(ty: BlockType) -> String {
    match ty {
        BlockType::Empty => String::new(),
        BlockType::Type(t) => format!(" (result {})", valtype_text(t)),
        BlockType::FuncType(i) => format!(" (type {i})"),
    }
}

fn f32_text(bits: u32) -> String {
    float_text(
        f64::from(f32::from_bits(bits)),
        bits >> 31 == 1,
        u64::from(bits & 0x7f_ffff),
        0x40_0000,
        || format!("{:?}", f32::from_bits(bits)),
    )
}

fn f64_text(bits: u64) -> String {
    float_text(
        f64::from_bits(bits),
        bits >> 63 == 1,
        bits & 0xf_ffff_ffff_ffff,
        1 << 51,
        || format!("{:?}", f64::from_bits(bits)),
    )
}

/// WAT float literals: Rust's Debug form for numbers, `inf`, and `nan`/`nan:0x..` for NaNs, whose
/// payload Rust would not show.
fn float_text(
    v: f64,
    negative: bool,
    payload: u64,
    canonical: u64,
    finite: impl Fn() -> String,
) -> String {
    let sign = if negative { "-" } else { "" };
    if v.is_nan() {
        if payload == canonical {
            format!("{sign}nan")
        } else {
            format!("{sign}nan:0x{payload:x}")
        }
    } else if v.is_infinite() {
        format!("{sign}inf")
    } else {
        finite()
    }
}

// ---------------------------------------------------------------------------------------------
// The walk

#[derive(Debug, Clone, PartialEq, Eq)]
struct FuncSig {
    params: Vec<ValType>,
    results: Vec<ValType>,
}

/// Names from the `name` section. It comes last in the module, so a first pass collects it before
/// the code section needs it.
#[derive(Default)]
struct Names {
    funcs: HashMap<u32, String>,
    locals: HashMap<u32, HashMap<u32, String>>,
    globals: HashMap<u32, String>,
}

impl Names {
    /// Best effort: a malformed name section just yields fewer names.
    fn collect(bytes: &[u8]) -> Names {
        let mut names = Names::default();
        for payload in Parser::new(0).parse_all(bytes) {
            let Ok(payload) = payload else { break };
            let Payload::CustomSection(custom) = payload else {
                continue;
            };
            let KnownCustom::Name(reader) = custom.as_known() else {
                continue;
            };
            for sub in reader.into_iter().map_while(|s| s.ok()) {
                let owned = |m: wasmparser::NameMap<'_>| -> HashMap<u32, String> {
                    m.map_while(|n| n.ok())
                        .map(|n| (n.index, n.name.to_string()))
                        .collect()
                };
                match sub {
                    Name::Function(m) => names.funcs = owned(m),
                    Name::Global(m) => names.globals = owned(m),
                    Name::Local(m) => {
                        for f in m.map_while(|n| n.ok()) {
                            names.locals.insert(f.index, owned(f.names));
                        }
                    }
                    _ => {}
                }
            }
        }
        names
    }
}

/// Returns the counter's value and advances it (saturating: no input is big enough to reach the
/// limit, but a wrapped index would only mislabel, never panic).
fn next_idx(counter: &mut u32) -> u32 {
    let idx = *counter;
    *counter = idx.saturating_add(1);
    idx
}

/// What an open control frame is, for indenting and for saying where a branch goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Function,
    Expression,
    Block,
    Loop,
    If,
    Try,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    kind: FrameKind,
    offset: usize,
}

/// Index-space counters, imports first, as the spec numbers them.
#[derive(Default)]
struct Counts {
    imports: u32,
    funcs: u32,
    tables: u32,
    memories: u32,
    globals: u32,
    tags: u32,
    imported_funcs: u32,
    bodies: u32,
    elems: u32,
    datas: u32,
}

struct Annotator<'a, 's> {
    bytes: &'a [u8],
    source: Option<&'s dyn Fn(u64) -> Option<SourceLine>>,
    lines: Vec<Line>,
    /// Everything before `pos` has been emitted; lines only ever start here.
    pos: usize,
    width: usize,
    names: Names,
    /// Signature of each type index; `None` for GC struct, array and continuation types.
    types: Vec<Option<FuncSig>>,
    /// Type index of each function, imports first.
    func_types: Vec<u32>,
    counts: Counts,
}

impl<'a, 's> Annotator<'a, 's> {
    fn new(bytes: &'a [u8], source: Option<&'s dyn Fn(u64) -> Option<SourceLine>>) -> Self {
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
        }
    }

    // --- emitting ---

    /// Emits the bytes from the cursor up to `end` as one line. `end` is clamped into
    /// `pos..=len` so that a bug in a caller shows up as an odd line, never as a panic or a
    /// byte shown twice.
    fn emit(&mut self, end: usize, depth: usize, note: impl Into<String>) {
        let end = end.clamp(self.pos, self.bytes.len());
        if end > self.pos {
            self.lines.push(Line {
                offset: self.pos,
                len: end - self.pos,
                depth,
                note: note.into(),
            });
            self.pos = end;
        }
    }

    fn emit_to(&mut self, r: &BinaryReader<'_>, depth: usize, note: impl Into<String>) {
        self.emit(pos(r), depth, note);
    }

    /// A line without bytes: a source line, or a blank separator when `note` is empty.
    fn heading(&mut self, depth: usize, note: impl Into<String>) {
        self.lines.push(Line {
            offset: self.pos,
            len: 0,
            depth,
            note: note.into(),
        });
    }

    /// The bytes in `start..end`, or none if a caller's range is off (never a panic).
    fn slice(&self, start: usize, end: usize) -> &'a [u8] {
        self.bytes.get(start..end).unwrap_or(&[])
    }

    fn reader(&self, start: usize, end: usize) -> BinaryReader<'a> {
        let end = end.min(self.bytes.len());
        let start = start.min(end);
        BinaryReader::new(self.slice(start, end), start as u64)
    }

    /// Emits the bytes up to `end` through `detail`, which splits them finely; if it fails or
    /// stops short, its lines are dropped and one line with `summary` covers the bytes instead.
    fn detailed(
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

    fn offset_text(&self, offset: usize) -> String {
        format!("{offset:0w$x}", w = self.width)
    }

    fn func_text(&self, idx: u32) -> String {
        format!("func {idx}{}", name_suffix(self.names.funcs.get(&idx)))
    }

    fn func_sig(&self, func_idx: u32) -> Option<&FuncSig> {
        let ty = *self.func_types.get(func_idx as usize)?;
        self.types.get(ty as usize)?.as_ref()
    }

    fn type_text(&self, type_idx: u32) -> String {
        match self.types.get(type_idx as usize) {
            Some(Some(sig)) => format!("type {type_idx} {}", sig_text(sig)),
            _ => format!("type {type_idx}"),
        }
    }

    // --- the module ---

    fn run(mut self) -> Result<Vec<Line>> {
        for payload in Parser::new(0).parse_all(self.bytes) {
            match payload? {
                Payload::Version {
                    num,
                    encoding,
                    range,
                } => {
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
                        return Ok(self.lines);
                    }
                    self.emit(to_usize(range.end), 0, format!("version {num}"));
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
                    let note = format!(
                        "start function: {}{}",
                        self.func_text(func),
                        leb_suffix(leb, func.into())
                    );
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
                Payload::CodeSectionStart {
                    count,
                    unchecked_range,
                    ..
                } => {
                    self.section_header(10, "code", unchecked_range.start)?;
                    let mut r = self.reader(self.pos, to_usize(unchecked_range.end));
                    r.read_var_u32()?;
                    let leb = self.slice(self.pos, pos(&r));
                    self.emit_to(&r, 1, count_note(count, "function body", leb));
                }
                Payload::CodeSectionEntry(body) => self.body(body)?,
                Payload::CustomSection(c) => {
                    let name = c.name();
                    self.section_header(
                        0,
                        &format!("custom {}", wat_string(name.as_bytes())),
                        c.range().start,
                    )?;
                    let mut r = self.reader(self.pos, to_usize(c.data_offset()));
                    let (_, len_note) = self.read_str(&mut r)?;
                    self.emit_to(
                        &r,
                        1,
                        format!("name {} ({len_note})", wat_string(name.as_bytes())),
                    );
                    let end = to_usize(c.range().end);
                    if name == "name" {
                        self.name_section(end);
                    } else {
                        let n = end.saturating_sub(self.pos);
                        self.emit(
                            end,
                            1,
                            format!("contents: {} (not annotated)", plural(n as u64, "byte")),
                        );
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
        Ok(self.lines)
    }

    /// The section id byte and the size LEB128, which end where the contents start.
    fn section_header(&mut self, id: u8, name: &str, contents_start: u64) -> Result<()> {
        let contents_start = to_usize(contents_start);
        self.heading(0, "");
        let mut r = self.reader(self.pos, contents_start);
        r.read_u8()?;
        self.emit_to(&r, 0, format!("section {id}: {name}"));
        let size = r.read_var_u32()?;
        let leb = self.slice(self.pos, pos(&r));
        let note = format!(
            "size: {}{}",
            plural(size.into(), "byte"),
            leb_suffix(leb, size.into())
        );
        self.emit(contents_start, 1, note);
        Ok(())
    }

    /// A vec-of-entries section: the count line, then `each` entry with its exact byte range
    /// (wasmparser's offsets give each entry's start; the next start is its end).
    fn items<T, F>(&mut self, section: SectionLimited<'a, T>, noun: &str, mut each: F) -> Result<()>
    where
        T: wasmparser::FromReader<'a>,
        F: FnMut(&mut Self, u32, T, usize) -> Result<()>,
    {
        let count = section.count();
        let end = to_usize(section.range().end);
        let items = section
            .into_iter_with_offsets()
            .collect::<Result<Vec<_>>>()?;
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

    // --- entries ---

    fn type_entry(&mut self, _: u32, group: RecGroup, end: usize) -> Result<()> {
        let first = self.types.len();
        let explicit = group.is_explicit_rec_group();
        let subtypes: Vec<_> = group.into_types().collect();
        let mut texts = Vec::new();
        for (k, st) in subtypes.iter().enumerate() {
            let sig = match &st.composite_type.inner {
                wasmparser::CompositeInnerType::Func(f) => Some(FuncSig {
                    params: f.params().to_vec(),
                    results: f.results().to_vec(),
                }),
                _ => None,
            };
            let text = match &sig {
                Some(sig) => format!("type {}: {}func {}", first + k, sub_text(st), sig_text(sig)),
                None => format!("type {}: {}", first + k, st),
            };
            texts.push(text);
            self.types.push(sig);
        }
        let plain_func = !explicit
            && subtypes.len() == 1
            && subtypes[0].is_final
            && subtypes[0].supertype_idxs.is_empty()
            && !subtypes[0].composite_type.shared
            && subtypes[0].composite_type.descriptor_idx.is_none()
            && subtypes[0].composite_type.describes_idx.is_none()
            && self.types[first].is_some();
        if !plain_func {
            let summary = if explicit {
                format!(
                    "rec group of {}: {}",
                    plural(subtypes.len() as u64, "type"),
                    texts.join("; ")
                )
            } else {
                texts.join("; ")
            };
            self.emit(end, 1, summary);
            return Ok(());
        }
        let head = texts.remove(0);
        self.detailed(
            end,
            1,
            || head.clone(),
            |a, r| {
                r.read_u8()?;
                a.emit_to(r, 1, format!("{head} — 0x60 = func type"));
                a.valtype_vec(r, 2, "param")?;
                a.valtype_vec(r, 2, "result")
            },
        );
        Ok(())
    }

    /// A vec of value types on one line: `params [i32 i32]: vec length 2; 0x7f = i32`.
    fn valtype_vec(&mut self, r: &mut BinaryReader<'a>, depth: usize, noun: &str) -> Detail {
        let n = r.read_var_u32()?;
        let mut tys = Vec::new();
        let mut legend: Vec<String> = Vec::new();
        for _ in 0..n {
            let start = pos(r);
            let ty = r.read::<ValType>()?;
            let entry = format!(
                "{} = {}",
                hex_list(self.slice(start, pos(r))),
                valtype_text(ty)
            );
            if !legend.contains(&entry) {
                legend.push(entry);
            }
            tys.push(ty);
        }
        let note = if n == 0 {
            format!("no {noun}s (vec length 0)")
        } else {
            format!(
                "{noun}s {}: vec length {n}; {}",
                types_text(&tys),
                legend.join(", ")
            )
        };
        self.emit_to(r, depth, note);
        Ok(())
    }

    fn import_entry(&mut self, _: u32, group: Imports<'a>, end: usize) -> Result<()> {
        let import = match group {
            Imports::Single(_, import) => import,
            group => {
                // The compact-imports encoding groups several imports under one module name.
                let mut defined = Vec::new();
                for item in group.clone() {
                    let (_, import) = item?;
                    next_idx(&mut self.counts.imports);
                    defined.push(format!(
                        "\"{}\" {}",
                        import.name.escape_debug(),
                        self.declare_import(&import.ty)
                    ));
                }
                let module = match &group {
                    Imports::Compact1 { module, .. } | Imports::Compact2 { module, .. } => *module,
                    Imports::Single(_, imp) => imp.module,
                };
                let note = format!(
                    "imports from \"{}\" (compact encoding): {}",
                    module.escape_debug(),
                    defined.join(", ")
                );
                self.emit(end, 1, note);
                return Ok(());
            }
        };
        let i = next_idx(&mut self.counts.imports);
        let defines = self.declare_import(&import.ty);
        let summary = format!(
            "import {i}: \"{}\" \"{}\" -> {defines}",
            import.module.escape_debug(),
            import.name.escape_debug()
        );
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let (module, len) = a.read_str(r)?;
                a.emit_to(
                    r,
                    1,
                    format!(
                        "import {i}: module {} ({len})",
                        wat_string(module.as_bytes())
                    ),
                );
                let (name, len) = a.read_str(r)?;
                a.emit_to(
                    r,
                    2,
                    format!("name {} ({len})", wat_string(name.as_bytes())),
                );
                let kind = r.read_u8()?;
                match (kind, import.ty) {
                    (0x00, TypeRef::Func(ty)) => {
                        r.read_var_u32()?;
                        a.emit_to(
                            r,
                            2,
                            format!("0x00 = func of {}; this is {defines}", a.type_text(ty)),
                        );
                    }
                    (0x20, TypeRef::FuncExact(ty)) => {
                        r.read_var_u32()?;
                        a.emit_to(
                            r,
                            2,
                            format!(
                                "0x20 = func of exactly {}; this is {defines}",
                                a.type_text(ty)
                            ),
                        );
                    }
                    (0x01, TypeRef::Table(_)) => {
                        a.emit_to(r, 2, format!("0x01 = table; this is {defines}"));
                        a.table_type(r, 3, "")?;
                    }
                    (0x02, TypeRef::Memory(_)) => {
                        a.emit_to(r, 2, format!("0x02 = memory; this is {defines}"));
                        a.limits(r, 3, "", true)?;
                    }
                    (0x03, TypeRef::Global(_)) => {
                        a.emit_to(r, 2, format!("0x03 = global; this is {defines}"));
                        a.global_type(r, 3, "")?;
                    }
                    (0x04, TypeRef::Tag(t)) => {
                        a.emit_to(r, 2, format!("0x04 = tag; this is {defines}"));
                        a.tag_type(r, 3, "", t)?;
                    }
                    _ => return Err(Skip),
                }
                Ok(())
            },
        );
        Ok(())
    }

    /// Gives an import the next index in its space and names it: "func 0 ($log)".
    fn declare_import(&mut self, ty: &TypeRef) -> String {
        let c = &mut self.counts;
        match ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                let idx = next_idx(&mut c.funcs);
                next_idx(&mut c.imported_funcs);
                self.func_types.push(*t);
                self.func_text(idx)
            }
            TypeRef::Table(_) => format!("table {}", next_idx(&mut c.tables)),
            TypeRef::Memory(_) => format!("memory {}", next_idx(&mut c.memories)),
            TypeRef::Global(_) => {
                let idx = next_idx(&mut c.globals);
                format!("global {idx}{}", name_suffix(self.names.globals.get(&idx)))
            }
            TypeRef::Tag(_) => format!("tag {}", next_idx(&mut c.tags)),
        }
    }

    fn function_entry(&mut self, _: u32, ty: u32, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.funcs);
        self.func_types.push(ty);
        let leb = self.slice(self.pos, end);
        let note = format!(
            "{}: {}{}",
            self.func_text(idx),
            self.type_text(ty),
            leb_suffix(leb, ty.into())
        );
        self.emit(end, 1, note);
        Ok(())
    }

    fn table_entry(&mut self, _: u32, table: Table<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.tables);
        let summary = format!("table {idx}: {}", reftype_text(table.ty.element_type));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let label = format!("table {idx}: ");
                if a.bytes.get(pos(r)) == Some(&0x40) {
                    r.read_u8()?;
                    r.read_u8()?;
                    a.emit_to(
                        r,
                        1,
                        format!("{label}0x40 0x00 = table with an initializer expression"),
                    );
                    a.table_type(r, 2, "")?;
                    a.const_expr(r, 2)
                } else {
                    a.table_type(r, 1, &label)
                }
            },
        );
        Ok(())
    }

    fn memory_entry(&mut self, _: u32, _: MemoryType, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.memories);
        let label = format!("memory {idx}: ");
        self.detailed(
            end,
            1,
            || format!("memory {idx}"),
            |a, r| a.limits(r, 1, &label, true),
        );
        Ok(())
    }

    fn global_entry(&mut self, _: u32, global: Global<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.globals);
        let label = format!(
            "global {idx}{}: ",
            name_suffix(self.names.globals.get(&idx))
        );
        let summary = format!("{label}{}", valtype_text(global.ty.content_type));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                a.global_type(r, 1, &label)?;
                a.const_expr(r, 2)
            },
        );
        Ok(())
    }

    fn tag_entry(&mut self, _: u32, tag: TagType, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.tags);
        let label = format!("tag {idx}: ");
        self.detailed(
            end,
            1,
            || format!("tag {idx}"),
            |a, r| a.tag_type(r, 1, &label, tag),
        );
        Ok(())
    }

    fn export_entry(&mut self, i: u32, export: Export<'a>, end: usize) -> Result<()> {
        let target_name = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => {
                name_suffix(self.names.funcs.get(&export.index))
            }
            ExternalKind::Global => name_suffix(self.names.globals.get(&export.index)),
            _ => String::new(),
        };
        let target = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => self.func_text(export.index),
            ExternalKind::Table => format!("table {}", export.index),
            ExternalKind::Memory => format!("memory {}", export.index),
            ExternalKind::Global => {
                format!(
                    "global {}{}",
                    export.index,
                    name_suffix(self.names.globals.get(&export.index))
                )
            }
            ExternalKind::Tag => format!("tag {}", export.index),
        };
        let summary = format!("export {i}: \"{}\" -> {target}", export.name.escape_debug());
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let (name, len) = a.read_str(r)?;
                a.emit_to(
                    r,
                    1,
                    format!("export {i}: name {} ({len})", wat_string(name.as_bytes())),
                );
                let kind = r.read_u8()?;
                let kind_name = match kind {
                    0x00 => "func",
                    0x01 => "table",
                    0x02 => "memory",
                    0x03 => "global",
                    0x04 => "tag",
                    _ => "kind",
                };
                let start = pos(r);
                r.read_var_u32()?;
                let leb = leb_suffix(a.slice(start, pos(r)), export.index.into());
                a.emit_to(
                    r,
                    2,
                    format!(
                        "0x{kind:02x} = {kind_name}, index {}{leb}{target_name}",
                        export.index
                    ),
                );
                Ok(())
            },
        );
        Ok(())
    }

    fn elem_entry(&mut self, _: u32, elem: Element<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.elems);
        let (n, what) = match &elem.items {
            wasmparser::ElementItems::Functions(f) => (f.count(), "function index"),
            wasmparser::ElementItems::Expressions(_, e) => (e.count(), "expression"),
        };
        let summary = format!("elem {idx}: {}", plural(n.into(), what));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let flags = r.read_var_u32()?;
                let mode = match flags & 0b011 {
                    0b000 => "active in table 0",
                    0b010 => "active, table index follows",
                    0b001 => "passive",
                    _ => "declarative",
                };
                let items = if flags & 0b100 == 0 {
                    "function indices"
                } else {
                    "expressions"
                };
                a.emit_to(
                    r,
                    1,
                    format!("elem {idx}: flags 0x{flags:02x} = {mode}; {items}"),
                );
                if flags & 0b011 == 0b010 {
                    let table = r.read_var_u32()?;
                    a.emit_to(r, 2, format!("table {table}"));
                }
                if flags & 0b001 == 0 {
                    a.heading(2, "offset expression:");
                    a.const_expr(r, 3)?;
                }
                if flags & 0b011 != 0 {
                    let start = pos(r);
                    if flags & 0b100 == 0 {
                        r.read_u8()?;
                        a.emit_to(
                            r,
                            2,
                            format!("{} = elemkind funcref", hex_list(a.slice(start, pos(r)))),
                        );
                    } else {
                        let ty = r.read::<RefType>()?;
                        a.emit_to(
                            r,
                            2,
                            format!(
                                "{} = {}",
                                hex_list(a.slice(start, pos(r))),
                                reftype_text(ty)
                            ),
                        );
                    }
                }
                let start = pos(r);
                let count = r.read_var_u32()?;
                let leb = a.slice(start, pos(r)).to_vec();
                a.emit_to(
                    r,
                    2,
                    count_note(
                        count,
                        if flags & 0b100 == 0 {
                            "function index"
                        } else {
                            "expression"
                        },
                        &leb,
                    ),
                );
                if flags & 0b100 == 0 {
                    let mut shown = Vec::new();
                    for k in 0..count {
                        let f = r.read_var_u32()?;
                        if k < 16 {
                            shown.push(a.func_text(f));
                        }
                    }
                    if count > 16 {
                        shown.push(format!("… ({} more)", count - 16));
                    }
                    a.emit_to(r, 2, shown.join(", "));
                } else {
                    for k in 0..count {
                        let expr = r.read::<ConstExpr<'a>>()?;
                        let mut ops = expr.get_operators_reader();
                        let mut texts = Vec::new();
                        while !ops.eof() {
                            let op = ops.read()?;
                            texts.push(a.op_text(&op, None));
                        }
                        a.emit_to(r, 2, format!("item {k}: {}", texts.join(", ")));
                    }
                }
                Ok(())
            },
        );
        Ok(())
    }

    fn data_entry(&mut self, _: u32, data: Data<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.datas);
        let summary = format!(
            "data {idx}: {} {}",
            plural(data.data.len() as u64, "byte"),
            wat_string(data.data)
        );
        let active_mem = match &data.kind {
            DataKind::Active { memory_index, .. } => Some(*memory_index),
            DataKind::Passive => None,
        };
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let flags = r.read_var_u32()?;
                let mode = match (flags, active_mem) {
                    (0, _) => "active in memory 0".to_string(),
                    (1, _) => "passive (copied in by memory.init)".to_string(),
                    (_, Some(m)) => format!("active in memory {m}, index follows"),
                    _ => "flags".to_string(),
                };
                a.emit_to(r, 1, format!("data {idx}: flags 0x{flags:02x} = {mode}"));
                if flags == 2 {
                    let m = r.read_var_u32()?;
                    a.emit_to(r, 2, format!("memory {m}"));
                }
                if flags != 1 {
                    a.heading(2, "offset expression:");
                    a.const_expr(r, 3)?;
                }
                let start = pos(r);
                let n = r.read_var_u32()?;
                let leb = a.slice(start, pos(r)).to_vec();
                a.emit_to(
                    r,
                    2,
                    format!(
                        "{} of data{}",
                        plural(n.into(), "byte"),
                        leb_suffix(&leb, n.into())
                    ),
                );
                let bytes = r.read_bytes(n as usize)?;
                a.emit_to(r, 2, format!("data {}", wat_string(bytes)));
                Ok(())
            },
        );
        Ok(())
    }

    // --- shared pieces of entries ---

    /// A string: LEB128 length then UTF-8 bytes. Returns the string and "length 3".
    fn read_str(&self, r: &mut BinaryReader<'a>) -> Result<(&'a str, String)> {
        let start = pos(r);
        let s = r.read_unlimited_string()?;
        let leb = self.slice(start, pos(r).saturating_sub(s.len()));
        Ok((
            s,
            format!("length {}{}", s.len(), leb_suffix(leb, s.len() as u64)),
        ))
    }

    fn table_type(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str) -> Detail {
        let start = pos(r);
        let ty = r.read::<RefType>()?;
        let legend = hex_list(self.slice(start, pos(r)));
        self.emit_to(r, depth, format!("{label}{legend} = {}", reftype_text(ty)));
        self.limits(r, depth + usize::from(!label.is_empty()), "", false)
    }

    /// Limits: a flags byte, then min, then max when flag 0x01 is set (and a page size for
    /// memories with flag 0x08). All on one line; multi-byte LEB128s are spelled out.
    fn limits(
        &mut self,
        r: &mut BinaryReader<'a>,
        depth: usize,
        label: &str,
        memory: bool,
    ) -> Detail {
        let flags = r.read_u8()?;
        let valid = if memory { 0b1111 } else { 0b111 };
        if flags & !valid != 0 {
            return Err(Skip);
        }
        let mut what = vec![if flags & 0x01 != 0 {
            "min and max"
        } else {
            "min only"
        }];
        if flags & 0x02 != 0 {
            what.push("shared");
        }
        if flags & 0x04 != 0 {
            what.push("64-bit");
        }
        if flags & 0x08 != 0 {
            what.push("custom page size");
        }
        // wasmparser reads limits as u64 LEB128 once memory64 is known; so do we, so that the
        // byte split agrees with its parse.
        let start = pos(r);
        let min = r.read_var_u64()?;
        let mut parts = vec![format!(
            "min {min}{}",
            leb_suffix(self.slice(start, pos(r)), min)
        )];
        if flags & 0x01 != 0 {
            let start = pos(r);
            let max = r.read_var_u64()?;
            parts.push(format!(
                "max {max}{}",
                leb_suffix(self.slice(start, pos(r)), max)
            ));
        }
        let unit = if !memory {
            "elements".to_string()
        } else if flags & 0x08 != 0 {
            let log2 = r.read_var_u32()?;
            format!("pages of 2^{log2} bytes")
        } else {
            "pages of 64 KiB".to_string()
        };
        let note = format!(
            "{label}limits 0x{flags:02x} = {}; {} ({unit})",
            what.join(", "),
            parts.join(", ")
        );
        self.emit_to(r, depth, note);
        Ok(())
    }

    fn global_type(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str) -> Detail {
        let start = pos(r);
        let ty = r.read::<ValType>()?;
        let legend = hex_list(self.slice(start, pos(r)));
        let flags = r.read_u8()?;
        let mutability = match flags {
            0x00 => "const",
            0x01 => "var (mutable)",
            0x02 => "shared const",
            0x03 => "shared var",
            _ => return Err(Skip),
        };
        self.emit_to(
            r,
            depth,
            format!(
                "{label}{legend} = {}, 0x{flags:02x} = {mutability}",
                valtype_text(ty)
            ),
        );
        Ok(())
    }

    fn tag_type(
        &mut self,
        r: &mut BinaryReader<'a>,
        depth: usize,
        label: &str,
        t: TagType,
    ) -> Detail {
        r.read_u8()?;
        r.read_var_u32()?;
        let note = format!(
            "{label}0x00 = exception, {}",
            self.type_text(t.func_type_idx)
        );
        self.emit_to(r, depth, note);
        Ok(())
    }

    /// A constant expression (global init, segment offset), one line per instruction.
    fn const_expr(&mut self, r: &mut BinaryReader<'a>, depth: usize) -> Detail {
        let expr = r.read::<ConstExpr<'a>>()?;
        let mut ops = expr.get_operators_reader();
        let mut frames = vec![Frame {
            kind: FrameKind::Expression,
            offset: self.pos,
        }];
        while !ops.eof() {
            let (op, _) = ops.read_with_offset()?;
            let end = to_usize(ops.original_position());
            self.instr(&op, end, depth, &mut frames, None);
        }
        Ok(())
    }

    // --- custom sections ---

    /// The `name` section: subsection id, size, then name maps. A subsection that does not parse
    /// is shown as one unannotated line rather than failing the whole view.
    fn name_section(&mut self, end: usize) {
        while self.pos < end {
            let mut r = self.reader(self.pos, end);
            let header = (|| -> Result<(u8, u32)> { Ok((r.read_u8()?, r.read_var_u32()?)) })();
            let size_end = pos(&r);
            let (id, size) = match header {
                Ok((id, size)) if size_end.saturating_add(size as usize) <= end => {
                    (id, size as usize)
                }
                _ => {
                    self.emit(
                        end,
                        1,
                        "rest of the name section (malformed, not annotated)",
                    );
                    return;
                }
            };
            let what = match id {
                0 => "module name",
                1 => "function names",
                2 => "local names",
                3 => "label names",
                4 => "type names",
                5 => "table names",
                6 => "memory names",
                7 => "global names",
                8 => "elem segment names",
                9 => "data segment names",
                10 => "field names",
                11 => "tag names",
                12 => "parameter names of function types",
                13 => "parameter names of tags",
                _ => "unknown",
            };
            let id_end = self.pos + 1;
            self.emit(id_end, 1, format!("subsection {id}: {what}"));
            let leb = self.slice(id_end, size_end).to_vec();
            self.emit(
                size_end,
                2,
                format!(
                    "size: {}{}",
                    plural(size as u64, "byte"),
                    leb_suffix(&leb, size as u64)
                ),
            );
            let sub_end = size_end + size;
            self.detailed(
                sub_end,
                2,
                || "contents (not annotated)".to_string(),
                |a, r| match id {
                    0 => {
                        let (name, len) = a.read_str(r)?;
                        a.emit_to(
                            r,
                            2,
                            format!("module {} ({len})", wat_string(name.as_bytes())),
                        );
                        Ok(())
                    }
                    1 => a.name_map(r, 2, "func"),
                    2 => a.indirect_name_map(r, "func", "local"),
                    3 => a.indirect_name_map(r, "func", "label"),
                    4 => a.name_map(r, 2, "type"),
                    5 => a.name_map(r, 2, "table"),
                    6 => a.name_map(r, 2, "memory"),
                    7 => a.name_map(r, 2, "global"),
                    8 => a.name_map(r, 2, "elem"),
                    9 => a.name_map(r, 2, "data"),
                    10 => a.indirect_name_map(r, "type", "field"),
                    11 => a.name_map(r, 2, "tag"),
                    12 => a.indirect_name_map(r, "type", "param"),
                    13 => a.indirect_name_map(r, "tag", "param"),
                    _ => Err(Skip),
                },
            );
        }
    }

    /// A vec of (index, name) pairs, one line each.
    fn name_map(&mut self, r: &mut BinaryReader<'a>, depth: usize, noun: &str) -> Detail {
        let start = pos(r);
        let n = r.read_var_u32()?;
        let leb = self.slice(start, pos(r)).to_vec();
        self.emit_to(r, depth, count_note(n, "name", &leb));
        for _ in 0..n {
            let idx = r.read_var_u32()?;
            let (name, len) = self.read_str(r)?;
            self.emit_to(
                r,
                depth,
                format!("{noun} {idx}: {} ({len})", wat_string(name.as_bytes())),
            );
        }
        Ok(())
    }

    /// A vec of (outer index, name map), e.g. the local names of each function.
    fn indirect_name_map(&mut self, r: &mut BinaryReader<'a>, outer: &str, inner: &str) -> Detail {
        let start = pos(r);
        let n = r.read_var_u32()?;
        let leb = self.slice(start, pos(r)).to_vec();
        let outer_noun = if outer == "func" { "function" } else { outer };
        let note = format!(
            "{} with {inner} names (vec length){}",
            plural(n.into(), outer_noun),
            leb_suffix(&leb, n.into())
        );
        self.emit_to(r, 2, note);
        for _ in 0..n {
            let idx = r.read_var_u32()?;
            let label = if outer == "func" {
                self.func_text(idx)
            } else {
                format!("{outer} {idx}")
            };
            self.emit_to(r, 2, format!("{label}:"));
            self.name_map(r, 3, inner)?;
        }
        Ok(())
    }

    // --- code ---

    fn body(&mut self, body: FunctionBody<'a>) -> Result<()> {
        let func_idx = self
            .counts
            .imported_funcs
            .saturating_add(next_idx(&mut self.counts.bodies));
        let range = body.range();
        let (start, end) = (to_usize(range.start), to_usize(range.end));
        let leb = self.slice(self.pos, start).to_vec();
        let sig = self
            .func_sig(func_idx)
            .map(|s| format!(" {}", sig_text(s)))
            .unwrap_or_default();
        let size = end.saturating_sub(start) as u64;
        let note = format!(
            "{}{sig}: body size {}{}",
            self.func_text(func_idx),
            plural(size, "byte"),
            leb_suffix(&leb, size)
        );
        self.emit(start, 1, note);

        // Locals are read by hand rather than through LocalsReader so that each declaration's
        // type bytes can be named in the note.
        let mut r = body.get_binary_reader();
        let count = r.read_var_u32()?;
        let leb = self.slice(self.pos, pos(&r)).to_vec();
        self.emit_to(&r, 2, count_note(count, "local declaration", &leb));
        let mut next_local = self.func_sig(func_idx).map_or(0, |s| s.params.len() as u64);
        for _ in 0..count {
            let n = r.read_var_u32()?;
            let ty_start = pos(&r);
            let ty = r.read::<ValType>()?;
            let legend = hex_list(self.slice(ty_start, pos(&r)));
            let range = match n {
                0 => "no locals".to_string(),
                1 => format!("local {next_local}"),
                _ => format!("locals {next_local}-{}", next_local + u64::from(n) - 1),
            };
            next_local += u64::from(n);
            self.emit_to(
                &r,
                2,
                format!(
                    "{range}: {n} × {} — {legend} = {}",
                    valtype_text(ty),
                    valtype_text(ty)
                ),
            );
        }

        let mut ops = OperatorsReader::new(r);
        let mut frames = vec![Frame {
            kind: FrameKind::Function,
            offset: self.pos,
        }];
        let mut last_line = None;
        while !ops.eof() {
            let (op, offset) = ops.read_with_offset()?;
            let depth = 2 + frames.len().saturating_sub(1);
            let depth = if matches!(
                op,
                Operator::End
                    | Operator::Else
                    | Operator::Catch { .. }
                    | Operator::CatchAll
                    | Operator::Delegate { .. }
            ) {
                depth.saturating_sub(1).max(2)
            } else {
                depth
            };
            match self.source.and_then(|f| f(offset)) {
                Some(src) if last_line != Some(src.line) => {
                    // One output line per heading, whatever the callback hands back.
                    let text = src.text.lines().next().unwrap_or("").trim();
                    self.heading(depth, format!(";; line {}: {text}", src.line));
                    last_line = Some(src.line);
                }
                Some(_) => {}
                None => last_line = None,
            }
            let end = to_usize(ops.original_position());
            self.instr(&op, end, depth, &mut frames, Some(func_idx));
        }
        ops.finish()?;
        Ok(())
    }

    /// One instruction line; keeps `frames` in step so that `end` and branches can say what
    /// they close or target.
    fn instr(
        &mut self,
        op: &Operator<'_>,
        end: usize,
        depth: usize,
        frames: &mut Vec<Frame>,
        func: Option<u32>,
    ) {
        let start = self.pos;
        let bytes = self.bytes.get(start..end).unwrap_or(&[]);
        let mut text = self.op_text(op, func);
        let mut details = op_details(op, bytes);
        match op {
            Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::TryTable { .. }
            | Operator::Try { .. } => {
                let kind = match op {
                    Operator::Block { .. } => FrameKind::Block,
                    Operator::Loop { .. } => FrameKind::Loop,
                    Operator::If { .. } => FrameKind::If,
                    _ => FrameKind::Try,
                };
                frames.push(Frame {
                    kind,
                    offset: start,
                });
            }
            Operator::End => {
                text = match frames.pop() {
                    Some(Frame {
                        kind: FrameKind::Function,
                        ..
                    }) => match func {
                        Some(f) => format!("end of {}", self.func_text(f)),
                        None => "end of function".to_string(),
                    },
                    Some(Frame {
                        kind: FrameKind::Expression,
                        ..
                    }) => "end of expression".to_string(),
                    Some(Frame { kind, offset }) => {
                        format!("end of {} ({})", frame_noun(kind), self.offset_text(offset))
                    }
                    None => "end".to_string(),
                };
            }
            Operator::Br { relative_depth }
            | Operator::BrIf { relative_depth }
            | Operator::BrOnNull { relative_depth }
            | Operator::BrOnNonNull { relative_depth } => {
                text.push_str(&format!(
                    " ({})",
                    self.branch_target(frames, *relative_depth)
                ));
            }
            Operator::Delegate { .. } => {
                frames.pop();
            }
            Operator::BrTable { targets } => {
                details.push(format!("vec length {} + default", targets.len()));
            }
            _ => {}
        }
        if !details.is_empty() {
            text = format!("{text} — {}", details.join("; "));
        }
        self.emit(end, depth, text);
    }

    fn branch_target(&self, frames: &[Frame], relative_depth: u32) -> String {
        let Some(frame) = frames
            .len()
            .checked_sub((relative_depth as usize).saturating_add(1))
            .and_then(|i| frames.get(i))
        else {
            return "no such label".to_string();
        };
        match frame.kind {
            FrameKind::Function | FrameKind::Expression => "returns from the function".to_string(),
            FrameKind::Loop => format!(
                "back to the start of loop {}",
                self.offset_text(frame.offset)
            ),
            kind => format!(
                "out of {} {}",
                frame_noun(kind),
                self.offset_text(frame.offset)
            ),
        }
    }

    /// WAT spelling of an instruction, with names from the name section after indices.
    fn op_text(&self, op: &Operator<'_>, func: Option<u32>) -> String {
        let local = |i: &u32| {
            func.and_then(|f| self.names.locals.get(&f))
                .and_then(|m| m.get(i))
        };
        match op {
            Operator::Call { function_index }
            | Operator::ReturnCall { function_index }
            | Operator::RefFunc { function_index } => {
                format!(
                    "{} {function_index}{}",
                    wat_name(op),
                    name_suffix(self.names.funcs.get(function_index))
                )
            }
            Operator::LocalGet { local_index }
            | Operator::LocalSet { local_index }
            | Operator::LocalTee { local_index } => {
                format!(
                    "{} {local_index}{}",
                    wat_name(op),
                    name_suffix(local(local_index))
                )
            }
            Operator::GlobalGet { global_index } | Operator::GlobalSet { global_index } => {
                format!(
                    "{} {global_index}{}",
                    wat_name(op),
                    name_suffix(self.names.globals.get(global_index))
                )
            }
            Operator::CallIndirect {
                type_index,
                table_index,
            }
            | Operator::ReturnCallIndirect {
                type_index,
                table_index,
            } => {
                let table = if *table_index == 0 {
                    String::new()
                } else {
                    format!(" {table_index}")
                };
                let sig = match self.types.get(*type_index as usize) {
                    Some(Some(sig)) => format!(" {}", sig_text(sig)),
                    _ => String::new(),
                };
                format!("{}{table} (type {type_index}){sig}", wat_name(op))
            }
            Operator::Block { blockty }
            | Operator::Loop { blockty }
            | Operator::If { blockty }
            | Operator::Try { blockty } => {
                let mut s = format!("{}{}", wat_name(op), blocktype_text(*blockty));
                if let BlockType::FuncType(i) = blockty {
                    if let Some(Some(sig)) = self.types.get(*i as usize) {
                        s.push_str(&format!(" {}", sig_text(sig)));
                    }
                }
                s
            }
            _ => plain_op_text(op),
        }
    }
}

fn frame_noun(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Function => "function",
        FrameKind::Expression => "expression",
        FrameKind::Block => "block",
        FrameKind::Loop => "loop",
        FrameKind::If => "if",
        FrameKind::Try => "try",
    }
}

// ---------------------------------------------------------------------------------------------
// Instruction text

/// Immediates as WAT writes them. Every immediate type in wasmparser's operator table needs an
/// impl, so a new kind of immediate is a compile error here rather than a silent gap.
trait Immediate {
    fn wat(&self) -> String;
}

impl Immediate for u32 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for u8 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for i32 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for i64 {
    fn wat(&self) -> String {
        self.to_string()
    }
}
impl Immediate for Ieee32 {
    fn wat(&self) -> String {
        f32_text(self.bits())
    }
}
impl Immediate for Ieee64 {
    fn wat(&self) -> String {
        f64_text(self.bits())
    }
}
impl Immediate for V128 {
    fn wat(&self) -> String {
        let lanes: Vec<String> = self
            .bytes()
            .chunks(4)
            .map(|c| format!("0x{:08x}", u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
            .collect();
        format!("i32x4 {}", lanes.join(" "))
    }
}
impl Immediate for [u8; 16] {
    fn wat(&self) -> String {
        self.iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
impl Immediate for MemArg {
    /// `1 offset=4 align=1`: memory index, offset and alignment, each only when not the default.
    fn wat(&self) -> String {
        let mut parts = Vec::new();
        match self.target {
            MemArgTarget::Memory(0) => {}
            MemArgTarget::Memory(m) => parts.push(m.to_string()),
            MemArgTarget::Array(t) => parts.push(format!("(array {t})")),
        }
        if self.offset != 0 {
            parts.push(format!("offset={}", self.offset));
        }
        if self.align != self.max_align {
            parts.push(format!("align={}", 1u128 << self.align.min(64)));
        }
        parts.join(" ")
    }
}
impl Immediate for BlockType {
    fn wat(&self) -> String {
        blocktype_text(*self).trim_start().to_string()
    }
}
impl Immediate for BrTable<'_> {
    /// The targets, then the default, as WAT lists them; long tables are cut after 16.
    fn wat(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (k, t) in self.targets().take(16).enumerate() {
            match t {
                Ok(t) if k < 16 => parts.push(t.to_string()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        if self.len() > 16 {
            parts.push(format!("… ({} more)", self.len() - 16));
        }
        parts.push(self.default().to_string());
        parts.join(" ")
    }
}
impl Immediate for RefType {
    fn wat(&self) -> String {
        reftype_text(*self)
    }
}
impl Immediate for ValType {
    fn wat(&self) -> String {
        format!("(result {})", valtype_text(*self))
    }
}
impl Immediate for Vec<ValType> {
    fn wat(&self) -> String {
        let tys: Vec<String> = self.iter().map(|t| valtype_text(*t)).collect();
        format!("(result {})", tys.join(" "))
    }
}
impl Immediate for HeapType {
    fn wat(&self) -> String {
        heaptype_text(*self)
    }
}
impl Immediate for TryTable {
    fn wat(&self) -> String {
        let mut s = blocktype_text(self.ty).trim_start().to_string();
        for c in &self.catches {
            let clause = match c {
                Catch::One { tag, label } => format!("(catch {tag} {label})"),
                Catch::OneRef { tag, label } => format!("(catch_ref {tag} {label})"),
                Catch::All { label } => format!("(catch_all {label})"),
                Catch::AllRef { label } => format!("(catch_all_ref {label})"),
            };
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&clause);
        }
        s
    }
}
impl Immediate for ResumeTable {
    fn wat(&self) -> String {
        // Stack switching is far from anything a learner meets; Debug is enough.
        format!("{:?}", self.handlers)
    }
}
impl Immediate for Ordering {
    fn wat(&self) -> String {
        match self {
            Ordering::SeqCst => String::new(),
            Ordering::AcqRel => "acq_rel".to_string(),
        }
    }
}

/// Generates `visit_name` (the operator's `visit_*` method name, the snake-case spelling of its
/// WAT name) and `generic_immediates` from wasmparser's one table of operators, so that every
/// operator, including SIMD, threads and GC, gets a name and its immediates.
macro_rules! define_operator_tables {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
        fn visit_name(op: &Operator<'_>) -> &'static str {
            match op {
                $( Operator::$op { .. } => stringify!($visit), )*
                _ => "visit_unknown",
            }
        }

        fn generic_immediates(op: &Operator<'_>) -> Vec<String> {
            match op {
                $( Operator::$op $({ $($arg),* })? => vec![$($( Immediate::wat($arg) ),*)?], )*
                _ => Vec::new(),
            }
        }
    };
}
wasmparser::for_each_operator!(define_operator_tables);

/// The WAT mnemonic: `visit_i32_trunc_sat_f32_s` -> `i32.trunc_sat_f32_s`. The first `_` after
/// a type or namespace prefix becomes `.`, as do those after `atomic` and `rmwN` (threads).
fn wat_name(op: &Operator<'_>) -> String {
    let snake = visit_name(op).trim_start_matches("visit_");
    match snake {
        "typed_select" | "typed_select_multi" => return "select".to_string(),
        "ref_test_non_null" | "ref_test_nullable" => return "ref.test".to_string(),
        "ref_cast_non_null" | "ref_cast_nullable" => return "ref.cast".to_string(),
        _ => {}
    }
    const PREFIXES: &[&str] = &[
        "i32", "i64", "f32", "f64", "v128", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
        "memory", "table", "local", "global", "ref", "data", "elem", "struct", "array", "any",
        "extern", "i31", "cont",
    ];
    let mut name = snake.to_string();
    if let Some((head, rest)) = snake.split_once('_') {
        if PREFIXES.contains(&head) {
            name = format!("{head}.{rest}");
        }
    }
    name = name.replace("atomic_", "atomic.");
    for rmw in ["rmw_", "rmw8_", "rmw16_", "rmw32_"] {
        name = name.replace(rmw, &format!("{}.", &rmw[..rmw.len() - 1]));
    }
    name
}

/// WAT text for operators without names to look up.
fn plain_op_text(op: &Operator<'_>) -> String {
    let name = wat_name(op);
    let args: Vec<String> = match op {
        // WAT puts the memory before the data segment, the binary after it.
        Operator::MemoryInit { data_index, mem } if *mem != 0 => {
            vec![mem.to_string(), data_index.to_string()]
        }
        Operator::MemoryInit { data_index, .. } => vec![data_index.to_string()],
        Operator::TableInit { elem_index, table } if *table != 0 => {
            vec![table.to_string(), elem_index.to_string()]
        }
        Operator::TableInit { elem_index, .. } => vec![elem_index.to_string()],
        Operator::MemorySize { mem: 0 }
        | Operator::MemoryGrow { mem: 0 }
        | Operator::MemoryFill { mem: 0 } => vec![],
        Operator::MemoryCopy {
            dst_mem: 0,
            src_mem: 0,
        }
        | Operator::TableCopy {
            dst_table: 0,
            src_table: 0,
        } => vec![],
        Operator::RefTestNullable { hty } | Operator::RefCastNullable { hty } => {
            vec![format!("(ref null {})", heaptype_text(*hty))]
        }
        Operator::RefTestNonNull { hty } | Operator::RefCastNonNull { hty } => {
            vec![format!("(ref {})", heaptype_text(*hty))]
        }
        _ => generic_immediates(op),
    };
    let args: Vec<String> = args.into_iter().filter(|a| !a.is_empty()).collect();
    if args.is_empty() {
        name
    } else {
        format!("{name} {}", args.join(" "))
    }
}

/// How the instruction's immediates are encoded, for the part of the note after the dash.
fn op_details(op: &Operator<'_>, bytes: &[u8]) -> Vec<String> {
    let mut details = Vec::new();
    let (prefix_len, prefix_note) = opcode_prefix(bytes);
    let imm = bytes.get(prefix_len..).unwrap_or(&[]);
    details.extend(prefix_note);
    match op {
        Operator::I32Const { value } => {
            details.push(format!("LEB128 signed: {} = {value}", hex_list(imm)))
        }
        Operator::I64Const { value } => {
            details.push(format!("LEB128 signed: {} = {value}", hex_list(imm)))
        }
        Operator::F32Const { value } => details.push(format!(
            "IEEE 754 bits 0x{:08x}, stored little-endian",
            value.bits()
        )),
        Operator::F64Const { value } => details.push(format!(
            "IEEE 754 bits 0x{:016x}, stored little-endian",
            value.bits()
        )),
        Operator::Block { blockty }
        | Operator::Loop { blockty }
        | Operator::If { blockty }
        | Operator::Try { blockty } => {
            details.push(match blockty {
                BlockType::Empty => "0x40 = no params, no results".to_string(),
                BlockType::Type(t) => format!("{} = result {}", hex_list(imm), valtype_text(*t)),
                BlockType::FuncType(i) => {
                    format!("type index {i} as signed LEB128 (s33): {}", hex_list(imm))
                }
            });
        }
        Operator::LocalGet { local_index: i }
        | Operator::LocalSet { local_index: i }
        | Operator::LocalTee { local_index: i }
        | Operator::GlobalGet { global_index: i }
        | Operator::GlobalSet { global_index: i }
        | Operator::Call { function_index: i }
        | Operator::RefFunc { function_index: i }
        | Operator::Br { relative_depth: i }
        | Operator::BrIf { relative_depth: i }
            if imm.len() > 1 =>
        {
            details.push(format!("LEB128: {} = {i}", hex_list(imm)));
        }
        _ => {}
    }
    if let Some(m) = memarg_of(op) {
        let size = plural(1u64.checked_shl(m.align.into()).unwrap_or(0), "byte");
        let mut s = format!("memarg: align 2^{} = {size}, offset {}", m.align, m.offset);
        if let MemArgTarget::Memory(idx) = m.target {
            if idx != 0 {
                s.push_str(&format!(", memory {idx} (flag 0x40 in the align field)"));
            }
        }
        details.push(s);
    }
    details
}

/// Operators from 0xfb..=0xfe are a prefix byte and a LEB128 sub-opcode; saying so explains the
/// two-or-more byte opcodes of bulk memory, SIMD, GC and atomics.
fn opcode_prefix(bytes: &[u8]) -> (usize, Option<String>) {
    let Some(&first) = bytes.first() else {
        return (0, None);
    };
    if !(0xfb..=0xfe).contains(&first) {
        return (1, None);
    }
    let mut r = BinaryReader::new(&bytes[1..], 0);
    match r.read_var_u32() {
        Ok(sub) => (
            1 + pos(&r),
            Some(format!("prefix 0x{first:02x}, opcode {sub}")),
        ),
        Err(_) => (1, None),
    }
}

fn memarg_of(op: &Operator<'_>) -> Option<MemArg> {
    macro_rules! define_memarg_of {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
            match op {
                $( Operator::$op $({ $($arg),* })? => {
                    $($( if let Some(m) = AsMemArg::as_memarg($arg) { return Some(m); } )*)?
                    None
                } )*
                _ => None,
            }
        };
    }
    wasmparser::for_each_operator!(define_memarg_of)
}

/// Picks the `MemArg` out of an operator's immediates, whatever their order.
trait AsMemArg {
    fn as_memarg(&self) -> Option<MemArg> {
        None
    }
}
impl AsMemArg for MemArg {
    fn as_memarg(&self) -> Option<MemArg> {
        Some(*self)
    }
}
impl AsMemArg for u32 {}
impl AsMemArg for u8 {}
impl AsMemArg for i32 {}
impl AsMemArg for i64 {}
impl AsMemArg for Ieee32 {}
impl AsMemArg for Ieee64 {}
impl AsMemArg for V128 {}
impl AsMemArg for [u8; 16] {}
impl AsMemArg for BlockType {}
impl AsMemArg for BrTable<'_> {}
impl AsMemArg for ValType {}
impl AsMemArg for RefType {}
impl AsMemArg for Vec<ValType> {}
impl AsMemArg for HeapType {}
impl AsMemArg for TryTable {}
impl AsMemArg for ResumeTable {}
impl AsMemArg for Ordering {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source lines for flat code: the k-th instruction of each body (the implicit final `end`
    /// excluded) is paired with the k-th line that does not start with `(`, `)` or `;;`. That is
    /// how the goldens below are written; real pairing is span_map.rs's job.
    fn flat_source_map(wat: &str, bytes: &[u8]) -> HashMap<u64, SourceLine> {
        let mut lines = wat.lines().enumerate().filter_map(|(i, l)| {
            let t = l.trim();
            let is_instr =
                !t.is_empty() && !t.starts_with('(') && !t.starts_with(')') && !t.starts_with(";;");
            is_instr.then(|| SourceLine {
                line: i + 1,
                text: t.to_string(),
            })
        });
        let mut map = HashMap::new();
        for payload in Parser::new(0).parse_all(bytes) {
            if let Payload::CodeSectionEntry(body) = payload.expect("test module parses") {
                let mut ops = body.get_operators_reader().expect("test body parses");
                let mut offsets = Vec::new();
                while !ops.eof() {
                    offsets.push(ops.read_with_offset().expect("test body parses").1);
                }
                offsets.pop();
                for offset in offsets {
                    if let Some(line) = lines.next() {
                        map.insert(offset, line);
                    }
                }
            }
        }
        map
    }

    fn check(wat: &str, expected: &str) {
        let bytes = wat::parse_str(wat).expect("test module assembles");
        let map = flat_source_map(wat, &bytes);
        let source = |offset: u64| map.get(&offset).cloned();
        let actual =
            annotate(&bytes, Some(&source), &AnnotateOptions::default()).expect("annotates");
        assert_covers(&bytes, &actual, &AnnotateOptions::default());
        let expected = expected.strip_prefix('\n').unwrap_or(expected);
        assert!(actual == expected, "annotation differs; actual:\n{actual}");
    }

    /// Reads the rendered view back: offsets must run from 0 to the end with no gap or overlap,
    /// and the hex shown must be the module's bytes.
    fn assert_covers(bytes: &[u8], text: &str, opts: &AnnotateOptions) {
        let width = offset_width(bytes.len());
        let hex_width = opts.max_bytes_per_line.clamp(1, 256) * 3 - 1;
        let mut next = 0usize;
        for line in text.lines() {
            let Some(offset) = line
                .get(..width)
                .and_then(|o| usize::from_str_radix(o, 16).ok())
            else {
                assert!(
                    line.trim().is_empty() || line.starts_with(' '),
                    "unexpected line {line:?}"
                );
                continue;
            };
            assert_eq!(offset, next, "offset out of sequence at {line:?}");
            let rest = &line[width + 2..];
            if let Some(elided) = rest.strip_prefix("… (") {
                let n: usize = elided
                    .split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("elision count");
                next += n;
                continue;
            }
            let column = rest
                .get(..hex_width.min(rest.len()))
                .expect("hex column is ASCII");
            for hex in column.split_whitespace() {
                let byte = u8::from_str_radix(hex, 16).expect("hex byte");
                assert_eq!(
                    Some(&byte),
                    bytes.get(next),
                    "wrong byte at 0x{next:x} in {line:?}"
                );
                next += 1;
            }
        }
        assert_eq!(next, bytes.len(), "view stops short of the end");
    }

    /// The internal lines, before rendering, tile the module exactly.
    fn assert_lines_tile(bytes: &[u8]) {
        let Ok(lines) = Annotator::new(bytes, None).run() else {
            return;
        };
        let mut next = 0;
        for line in lines.iter().filter(|l| l.len > 0) {
            assert_eq!(line.offset, next, "gap or overlap at {line:?}");
            next += line.len;
        }
        assert_eq!(next, bytes.len());
    }

    #[test]
    fn add_function_with_source_lines() {
        check(
            r#"(module
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))"#,
            r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 07                         size: 7 bytes
000a: 01                         1 type (vec length)
000b: 60                         type 0: func [i32 i32] -> [i32] — 0x60 = func type
000c: 02 7f 7f                     params [i32 i32]: vec length 2; 0x7f = i32
000f: 01 7f                        results [i32]: vec length 1; 0x7f = i32

0011: 03                       section 3: function
0012: 02                         size: 2 bytes
0013: 01                         1 function (vec length)
0014: 00                         func 0 ($add): type 0 [i32 i32] -> [i32]

0015: 07                       section 7: export
0016: 07                         size: 7 bytes
0017: 01                         1 export (vec length)
0018: 03 61 64 64                export 0: name "add" (length 3)
001c: 00 00                        0x00 = func, index 0 ($add)

001e: 0a                       section 10: code
001f: 09                         size: 9 bytes
0020: 01                         1 function body (vec length)
0021: 07                         func 0 ($add) [i32 i32] -> [i32]: body size 7 bytes
0022: 00                           no local declarations (vec length 0)
                                   ;; line 3: local.get $a
0023: 20 00                        local.get 0 ($a)
                                   ;; line 4: local.get $b
0025: 20 01                        local.get 1 ($b)
                                   ;; line 5: i32.add))
0027: 6a                           i32.add
0028: 0b                           end of func 0 ($add)

0029: 00                       section 0: custom "name"
002a: 18                         size: 24 bytes
002b: 04 6e 61 6d 65             name "name" (length 4)
0030: 01                         subsection 1: function names
0031: 06                           size: 6 bytes
0032: 01                           1 name (vec length)
0033: 00 03 61 64 64               func 0: "add" (length 3)
0038: 02                         subsection 2: local names
0039: 09                           size: 9 bytes
003a: 01                           1 function with local names (vec length)
003b: 00                           func 0 ($add):
003c: 02                             2 names (vec length)
003d: 00 01 61                       local 0: "a" (length 1)
0040: 01 01 62                       local 1: "b" (length 1)
"#,
        );
    }

    #[test]
    fn memory_and_data() {
        check(
            r#"(module
  (memory (export "mem") 1 2)
  (data (i32.const 16) "Hi!\00")
  (data "passive"))"#,
            r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 05                       section 5: memory
0009: 04                         size: 4 bytes
000a: 01                         1 memory (vec length)
000b: 01 01 02                   memory 0: limits 0x01 = min and max; min 1, max 2 (pages of 64 KiB)

000e: 07                       section 7: export
000f: 07                         size: 7 bytes
0010: 01                         1 export (vec length)
0011: 03 6d 65 6d                export 0: name "mem" (length 3)
0015: 02 00                        0x02 = memory, index 0

0017: 0b                       section 11: data
0018: 13                         size: 19 bytes
0019: 02                         2 data segments (vec length)
001a: 00                         data 0: flags 0x00 = active in memory 0
                                   offset expression:
001b: 41 10                          i32.const 16 — LEB128 signed: 0x10 = 16
001d: 0b                             end of expression
001e: 04                           4 bytes of data
001f: 48 69 21 00                  data "Hi!\00"
0023: 01                         data 1: flags 0x01 = passive (copied in by memory.init)
0024: 07                           7 bytes of data
0025: 70 61 73 73 69 76 65         data "passive"
"#,
        );
    }

    #[test]
    fn imports_exports_globals() {
        check(
            r#"(module
  (import "env" "log" (func (param i32)))
  (import "env" "base" (global i32))
  (global (mut i64) (i64.const -1))
  (global f32 (f32.const 1.5))
  (func (export "run") (call 0 (global.get 0)))
  (export "counter" (global 1)))"#,
            r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 08                         size: 8 bytes
000a: 02                         2 types (vec length)
000b: 60                         type 0: func [i32] -> [] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 00                           no results (vec length 0)
000f: 60                         type 1: func [] -> [] — 0x60 = func type
0010: 00                           no params (vec length 0)
0011: 00                           no results (vec length 0)

0012: 02                       section 2: import
0013: 17                         size: 23 bytes
0014: 02                         2 imports (vec length)
0015: 03 65 6e 76                import 0: module "env" (length 3)
0019: 03 6c 6f 67                  name "log" (length 3)
001d: 00 00                        0x00 = func of type 0 [i32] -> []; this is func 0
001f: 03 65 6e 76                import 1: module "env" (length 3)
0023: 04 62 61 73 65               name "base" (length 4)
0028: 03                           0x03 = global; this is global 0
0029: 7f 00                          0x7f = i32, 0x00 = const

002b: 03                       section 3: function
002c: 02                         size: 2 bytes
002d: 01                         1 function (vec length)
002e: 01                         func 1: type 1 [] -> []

002f: 06                       section 6: global
0030: 0e                         size: 14 bytes
0031: 02                         2 globals (vec length)
0032: 7e 01                      global 1: 0x7e = i64, 0x01 = var (mutable)
0034: 42 7f                        i64.const -1 — LEB128 signed: 0x7f = -1
0036: 0b                           end of expression
0037: 7d 00                      global 2: 0x7d = f32, 0x00 = const
0039: 43 00 00 c0 3f               f32.const 1.5 — IEEE 754 bits 0x3fc00000, stored little-endian
003e: 0b                           end of expression

003f: 07                       section 7: export
0040: 11                         size: 17 bytes
0041: 02                         2 exports (vec length)
0042: 03 72 75 6e                export 0: name "run" (length 3)
0046: 00 01                        0x00 = func, index 1
0048: 07 63 6f 75 6e 74 65 72    export 1: name "counter" (length 7)
0050: 03 01                        0x03 = global, index 1

0052: 0a                       section 10: code
0053: 08                         size: 8 bytes
0054: 01                         1 function body (vec length)
0055: 06                         func 1 [] -> []: body size 6 bytes
0056: 00                           no local declarations (vec length 0)
0057: 23 00                        global.get 0
0059: 10 00                        call 0
005b: 0b                           end of func 1
"#,
        );
    }

    #[test]
    fn loop_with_br_if() {
        check(
            r#"(module
  (func (param i32) (result i32) (local i32)
    loop
      local.get 1
      i32.const 300
      i32.add
      local.tee 1
      local.get 0
      i32.lt_u
      br_if 0
    end
    local.get 1))"#,
            r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 06                         size: 6 bytes
000a: 01                         1 type (vec length)
000b: 60                         type 0: func [i32] -> [i32] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 01 7f                        results [i32]: vec length 1; 0x7f = i32

0010: 03                       section 3: function
0011: 02                         size: 2 bytes
0012: 01                         1 function (vec length)
0013: 00                         func 0: type 0 [i32] -> [i32]

0014: 0a                       section 10: code
0015: 18                         size: 24 bytes
0016: 01                         1 function body (vec length)
0017: 16                         func 0 [i32] -> [i32]: body size 22 bytes
0018: 01                           1 local declaration (vec length)
0019: 01 7f                        local 1: 1 × i32 — 0x7f = i32
                                   ;; line 3: loop
001b: 03 40                        loop — 0x40 = no params, no results
                                     ;; line 4: local.get 1
001d: 20 01                          local.get 1
                                     ;; line 5: i32.const 300
001f: 41 ac 02                       i32.const 300 — LEB128 signed: 0xac 0x02 = 300
                                     ;; line 6: i32.add
0022: 6a                             i32.add
                                     ;; line 7: local.tee 1
0023: 22 01                          local.tee 1
                                     ;; line 8: local.get 0
0025: 20 00                          local.get 0
                                     ;; line 9: i32.lt_u
0027: 49                             i32.lt_u
                                     ;; line 10: br_if 0
0028: 0d 00                          br_if 0 (back to the start of loop 001b)
                                   ;; line 11: end
002a: 0b                           end of loop (001b)
                                   ;; line 12: local.get 1))
002b: 20 01                        local.get 1
002d: 0b                           end of func 0
"#,
        );
    }

    #[test]
    fn name_section_and_elems() {
        check(
            r#"(module
  (table 2 funcref)
  (elem (i32.const 0) $f $g)
  (func $f (param $x i32))
  (func $g))"#,
            r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 08                         size: 8 bytes
000a: 02                         2 types (vec length)
000b: 60                         type 0: func [i32] -> [] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 00                           no results (vec length 0)
000f: 60                         type 1: func [] -> [] — 0x60 = func type
0010: 00                           no params (vec length 0)
0011: 00                           no results (vec length 0)

0012: 03                       section 3: function
0013: 03                         size: 3 bytes
0014: 02                         2 functions (vec length)
0015: 00                         func 0 ($f): type 0 [i32] -> []
0016: 01                         func 1 ($g): type 1 [] -> []

0017: 04                       section 4: table
0018: 04                         size: 4 bytes
0019: 01                         1 table (vec length)
001a: 70                         table 0: 0x70 = funcref
001b: 00 02                        limits 0x00 = min only; min 2 (elements)

001d: 09                       section 9: element
001e: 08                         size: 8 bytes
001f: 01                         1 element segment (vec length)
0020: 00                         elem 0: flags 0x00 = active in table 0; function indices
                                   offset expression:
0021: 41 00                          i32.const 0 — LEB128 signed: 0x00 = 0
0023: 0b                             end of expression
0024: 02                           2 function indices (vec length)
0025: 00 01                        func 0 ($f), func 1 ($g)

0027: 0a                       section 10: code
0028: 07                         size: 7 bytes
0029: 02                         2 function bodies (vec length)
002a: 02                         func 0 ($f) [i32] -> []: body size 2 bytes
002b: 00                           no local declarations (vec length 0)
002c: 0b                           end of func 0 ($f)
002d: 02                         func 1 ($g) [] -> []: body size 2 bytes
002e: 00                           no local declarations (vec length 0)
002f: 0b                           end of func 1 ($g)

0030: 00                       section 0: custom "name"
0031: 16                         size: 22 bytes
0032: 04 6e 61 6d 65             name "name" (length 4)
0037: 01                         subsection 1: function names
0038: 07                           size: 7 bytes
0039: 02                           2 names (vec length)
003a: 00 01 66                     func 0: "f" (length 1)
003d: 01 01 67                     func 1: "g" (length 1)
0040: 02                         subsection 2: local names
0041: 06                           size: 6 bytes
0042: 01                           1 function with local names (vec length)
0043: 00                           func 0 ($f):
0044: 01                             1 name (vec length)
0045: 00 01 78                       local 0: "x" (length 1)
"#,
        );
    }

    /// A module touching most sections and instruction shapes: imports of every kind, element
    /// segments in four encodings, active and passive data, memargs, multi-value blocks, SIMD,
    /// tail calls, and a name section with local, label, type, table and segment names.
    const BIG: &str = r#"(module
  (type $t0 (func (param i32) (result i32)))
  (import "env" "log" (func $log (param i32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "g" (global $g (mut i64)))
  (import "env" "tab" (table 2 funcref))
  (global $counter (mut i32) (i32.const 0))
  (global $pi f64 (f64.const 3.14159))
  (global $big i32 (i32.const -624485))
  (table $t 3 10 funcref)
  (elem (i32.const 0) $fact $fact)
  (elem $passive func $fact)
  (elem declare func $log)
  (elem (table $t) (i32.const 1) funcref (ref.func $fact) (ref.null func))
  (data (i32.const 16) "Hello, world!\n")
  (data $p "passive data that is rather long, longer than thirty-two bytes for sure")
  (func $fact (export "fact") (type $t0)
    (local $acc i32) (local $x i64) (local $y i64)
    i32.const 1
    local.set $acc
    block $done
      loop $again
        local.get 0
        i32.eqz
        br_if $done
        local.get $acc
        local.get 0
        i32.mul
        local.set $acc
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br $again
      end
    end
    local.get $acc)
  (func $mem (param i32) (result i32 i32)
    (i32.store offset=4 align=2 (local.get 0) (i32.const 42))
    (i32.load8_u offset=1 (local.get 0))
    (i64.load (i32.const 0)) drop
    (memory.grow (i32.const 1)) drop
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 10))
    (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1))
    data.drop $p
    (call_indirect (type $t0) (i32.const 5) (i32.const 0))
    (block (result i32 i32) (i32.const 1) (i32.const 2))
    drop
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))
    (br_table 0 0 0 (i32.const 0))
  )
  (func $simd (result v128)
    (v128.const i32x4 1 2 3 4)
    (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    (i32x4.extract_lane 2) drop
    (f32x4.splat (f32.const -inf))
    (v128.load8_lane offset=3 5 (i32.const 0))
    f64x2.add
    (i32x4.add (v128.const i64x2 0 0))
    (f32.const nan:0x200000) drop
    (f64.const -0.0) drop
    (global.set $counter (i32.add (global.get $counter) (i32.const 1000000)))
    (call $log (i32.const 1))
    (return_call $fact (i32.const 3)) )
  (start $start)
  (func $start)
  (export "mem" (memory 0))
  (export "counter" (global $counter))
)
"#;

    #[test]
    fn big_module_is_covered_exactly_once() {
        let bytes = wat::parse_str(BIG).expect("BIG assembles");
        for opts in [
            AnnotateOptions::default(),
            AnnotateOptions {
                max_bytes_per_line: 3,
                max_payload_bytes: 0,
            },
            AnnotateOptions {
                max_bytes_per_line: 16,
                max_payload_bytes: 5,
            },
            AnnotateOptions {
                max_bytes_per_line: 0,
                max_payload_bytes: 1,
            },
        ] {
            let text = annotate(&bytes, None, &opts).expect("BIG annotates");
            assert_covers(&bytes, &text, &opts);
        }
        assert_lines_tile(&bytes);
        let text = annotate(&bytes, None, &AnnotateOptions::default()).expect("BIG annotates");
        for expected in [
            "i32.store offset=4 align=2 — memarg: align 2^1 = 2 bytes, offset 4",
            "block (type 3) [] -> [i32 i32] — type index 3 as signed LEB128 (s33): 0x03",
            "br_if 1 (out of block 00ca)",
            "br 0 (back to the start of loop 00cc)",
            "br_table 0 0 0 — vec length 2 + default",
            "call_indirect (type 0) [i32] -> [i32]",
            "memory.init 1 — prefix 0xfc, opcode 8",
            "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 — prefix 0xfd, opcode 13",
            "v128.load8_lane offset=3 5 — prefix 0xfd, opcode 84; memarg: align 2^0 = 1 byte, offset 3",
            "f32.const nan:0x200000",
            "i32.const 1000000 — LEB128 signed: 0xc0 0x84 0x3d = 1000000",
            "return_call 1 ($fact)",
            "elem 3: flags 0x06 = active, table index follows; expressions",
            "item 1: ref.null func, end",
            "data \"passive data that is rather long, longer\"…",
            "01f8: … (39 more bytes)",
            "size: 257 bytes (LEB128: 0x81 0x02 = 257)",
            "label 1: \"again\" (length 5)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
    }

    /// A tiny xorshift generator, so the mutation test needs no extra crate and is repeatable.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn mutated_and_truncated_modules_never_panic() {
        let seeds: Vec<Vec<u8>> = [
            BIG,
            r#"(module (func $add (export "add") (param $a i32) (param $b i32) (result i32) local.get $a local.get $b i32.add))"#,
            r#"(module (memory 1) (data (i32.const 8) "abc") (global (mut i32) (i32.const 7)) (func (result i32) global.get 0))"#,
        ]
        .iter()
        .map(|w| wat::parse_str(w).expect("seed assembles"))
        .collect();
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut n_ok, mut n_err) = (0, 0);
        for _ in 0..4000 {
            let mut bytes = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(bytes.len());
                match rng.below(5) {
                    0 => bytes.truncate(at),
                    1 => bytes.insert(at, rng.below(256) as u8),
                    2 if !bytes.is_empty() => drop(bytes.remove(at)),
                    3 if !bytes.is_empty() => {
                        bytes[at] = [0x00, 0x0b, 0x40, 0x7f, 0x80, 0xff][rng.below(6)]
                    }
                    _ if !bytes.is_empty() => bytes[at] = rng.below(256) as u8,
                    _ => {}
                }
            }
            let opts = AnnotateOptions {
                max_bytes_per_line: rng.below(12),
                max_payload_bytes: rng.below(40),
            };
            match annotate(&bytes, None, &opts) {
                Ok(text) => {
                    assert_covers(&bytes, &text, &opts);
                    assert_lines_tile(&bytes);
                    n_ok += 1;
                }
                Err(e) => {
                    assert!(!e.message.is_empty());
                    n_err += 1;
                }
            }
        }
        // Both outcomes must be exercised, or the mutations are too gentle or too harsh.
        assert!(n_ok > 200 && n_err > 200, "ok {n_ok}, err {n_err}");
    }

    /// Every `(module ...)` form in a .wast file, including ones inside assertions (some are
    /// `binary` modules that are malformed on purpose).
    fn wast_modules(text: &str) -> Vec<&str> {
        let b = text.as_bytes();
        let (mut i, mut depth, mut start) = (0, 0usize, None);
        let mut out = Vec::new();
        while i < b.len() {
            match b[i] {
                b';' if b.get(i + 1) == Some(&b';') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'(' if b.get(i + 1) == Some(&b';') => {
                    let mut nest = 1;
                    i += 2;
                    while i + 1 < b.len() && nest > 0 {
                        match (b[i], b[i + 1]) {
                            (b'(', b';') => (nest, i) = (nest + 1, i + 1),
                            (b';', b')') => (nest, i) = (nest - 1, i + 1),
                            _ => {}
                        }
                        i += 1;
                    }
                    continue;
                }
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'(' => {
                    depth += 1;
                    let is_module = text.get(i + 1..i + 8).is_some_and(|w| {
                        w.starts_with("module") && w.as_bytes()[6].is_ascii_whitespace()
                    });
                    if start.is_none() && is_module {
                        start = Some((i, depth));
                    }
                }
                b')' => {
                    if let Some((s, d)) = start {
                        if d == depth {
                            out.push(&text[s..=i]);
                            start = None;
                        }
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
            i += 1;
        }
        out
    }

    /// Every module of the spec test suite (shared/testsuite beside the repository) that wat
    /// can assemble: annotated or rejected, never a panic, and when annotated, covered exactly.
    #[test]
    fn spec_testsuite_modules() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testsuite");
        if !dir.is_dir() {
            eprintln!("skipped: {} not found", dir.display());
            return;
        }
        // The suite's subfolders (custom/, proposals/) hold the newer encodings.
        let (mut paths, mut dirs) = (Vec::new(), vec![dir]);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir)
                .expect("testsuite folder reads")
                .filter_map(|e| e.ok())
            {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "wast") {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        let (mut n_ok, mut n_err) = (0, 0);
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("spec file is UTF-8");
            for module in wast_modules(&text) {
                let Ok(bytes) = wat::parse_str(module) else {
                    continue;
                };
                match annotate(&bytes, None, &AnnotateOptions::default()) {
                    Ok(view) => {
                        assert_covers(&bytes, &view, &AnnotateOptions::default());
                        n_ok += 1;
                    }
                    Err(_) => n_err += 1,
                }
            }
        }
        eprintln!("spec modules: {n_ok} annotated, {n_err} rejected as malformed");
        assert!(n_ok > 1000, "only {n_ok} spec modules annotated");
    }

    #[test]
    fn malformed_input_is_an_error_with_offset() {
        let opts = AnnotateOptions::default();
        let err = annotate(b"hello world!", None, &opts).unwrap_err();
        assert!(
            err.message
                .starts_with("magic header not detected: bad magic number"),
            "{err}"
        );
        assert_eq!(err.offset, 0);
        // A type section that promises 5 bytes but the module ends after 2 of them.
        let err = annotate(b"\0asm\x01\0\0\0\x01\x05\x01\x60", None, &opts).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} (at offset 0x{:x})", err.message, err.offset)
        );
        assert!(err.message.contains("unexpected end"), "{err}");
        // An unknown opcode inside a function body.
        let mut bytes = wat::parse_str("(module (func nop))").expect("assembles");
        let nop = bytes.iter().rposition(|&b| b == 0x01).expect("nop opcode");
        bytes[nop] = 0xff;
        let err = annotate(&bytes, None, &opts).unwrap_err();
        assert_eq!(err.offset, nop, "{err}");
    }

    #[test]
    fn long_runs_wrap_and_elide_never_silently() {
        let bytes = wat::parse_str(r#"(module (@custom "notes" "0123456789abcdefghij"))"#)
            .expect("assembles");
        let opts = AnnotateOptions {
            max_bytes_per_line: 4,
            max_payload_bytes: 6,
        };
        let text = annotate(&bytes, None, &opts).expect("annotates");
        assert_covers(&bytes, &text, &opts);
        let expected = r#"
0008: 00           section 0: custom "notes"
0009: 1a             size: 26 bytes
000a: 05 6e 6f 74    name "notes" (length 5)
000e: 65 73
0010: 30 31 32 33    contents: 20 bytes (not annotated)
0014: 34 35
0016: … (14 more bytes)
"#;
        assert!(text.ends_with(expected), "{text}");
        let all = AnnotateOptions {
            max_bytes_per_line: 4,
            max_payload_bytes: 0,
        };
        let text = annotate(&bytes, None, &all).expect("annotates");
        assert!(!text.contains('…'));
        assert!(text.ends_with("0020: 67 68 69 6a\n"), "{text}");
        let one_more = AnnotateOptions {
            max_bytes_per_line: 8,
            max_payload_bytes: 19,
        };
        let text = annotate(&bytes, None, &one_more).expect("annotates");
        assert!(
            text.ends_with("0020: 67 68 69\n0023: … (1 more byte)\n"),
            "{text}"
        );
    }

    #[test]
    fn folded_code_shows_each_source_line_once() {
        let wat = "(module\n  (func (result i32)\n    (i32.add (i32.const 1) (i32.const 2))))";
        let bytes = wat::parse_str(wat).expect("assembles");
        let source = |offset: u64| {
            // Everything but the final `end` (the last byte) came from line 3.
            (offset + 1 < bytes.len() as u64).then(|| SourceLine {
                line: 3,
                text: "(i32.add (i32.const 1) (i32.const 2))))".into(),
            })
        };
        let text = annotate(&bytes, Some(&source), &AnnotateOptions::default()).expect("annotates");
        assert_eq!(text.matches(";; line 3:").count(), 1, "{text}");
        assert!(text.contains(
            "                                   ;; line 3: (i32.add (i32.const 1) (i32.const 2))))\n\
             0018: 41 01                        i32.const 1"
        ), "{text}");
    }

    #[test]
    fn component_stops_after_the_header() {
        let bytes = wat::parse_str("(component (core module))").expect("assembles");
        let text = annotate(&bytes, None, &AnnotateOptions::default()).expect("annotates");
        assert_covers(&bytes, &text, &AnnotateOptions::default());
        assert!(text.starts_with("0000: 00 61 73 6d              magic \"\\0asm\"\n0004: 0d 00 01 00              version 13, layer 1: a component\n"), "{text}");
    }

    fn memarg(align: u8, max_align: u8, offset: u64, memory: u32) -> MemArg {
        MemArg {
            align,
            max_align,
            offset,
            target: MemArgTarget::Memory(memory),
            ordering: None,
        }
    }

    #[test]
    fn instruction_names_are_wat() {
        let cases: Vec<(Operator<'static>, &str)> = vec![
            (Operator::I32TruncSatF32S, "i32.trunc_sat_f32_s"),
            (Operator::I64ExtendI32U, "i64.extend_i32_u"),
            (Operator::BrIf { relative_depth: 2 }, "br_if 2"),
            (
                Operator::I32Load {
                    memarg: memarg(2, 2, 0, 0),
                },
                "i32.load",
            ),
            (
                Operator::I32Load {
                    memarg: memarg(0, 2, 8, 0),
                },
                "i32.load offset=8 align=1",
            ),
            (
                Operator::I64Store32 {
                    memarg: memarg(2, 2, 4, 1),
                },
                "i64.store32 1 offset=4",
            ),
            (
                Operator::I32AtomicRmw8AddU {
                    memarg: memarg(0, 0, 0, 0),
                },
                "i32.atomic.rmw8.add_u",
            ),
            (
                Operator::I64AtomicRmwCmpxchg {
                    memarg: memarg(3, 3, 0, 0),
                },
                "i64.atomic.rmw.cmpxchg",
            ),
            (
                Operator::MemoryAtomicNotify {
                    memarg: memarg(2, 2, 0, 0),
                },
                "memory.atomic.notify",
            ),
            (
                Operator::AtomicFence {
                    ordering: Ordering::SeqCst,
                },
                "atomic.fence",
            ),
            (
                Operator::V128Load8x8S {
                    memarg: memarg(3, 3, 0, 0),
                },
                "v128.load8x8_s",
            ),
            (
                Operator::I16x8ExtAddPairwiseI8x16S,
                "i16x8.extadd_pairwise_i8x16_s",
            ),
            (Operator::F32x4DemoteF64x2Zero, "f32x4.demote_f64x2_zero"),
            (
                Operator::I8x16ExtractLaneU { lane: 3 },
                "i8x16.extract_lane_u 3",
            ),
            (
                Operator::TypedSelect { ty: ValType::I64 },
                "select (result i64)",
            ),
            (
                Operator::RefNull {
                    hty: HeapType::EXTERN,
                },
                "ref.null extern",
            ),
            (Operator::RefIsNull, "ref.is_null"),
            (
                Operator::MemoryInit {
                    data_index: 2,
                    mem: 0,
                },
                "memory.init 2",
            ),
            (
                Operator::MemoryInit {
                    data_index: 2,
                    mem: 1,
                },
                "memory.init 1 2",
            ),
            (
                Operator::MemoryCopy {
                    dst_mem: 0,
                    src_mem: 0,
                },
                "memory.copy",
            ),
            (Operator::TableGet { table: 0 }, "table.get 0"),
            (Operator::ElemDrop { elem_index: 1 }, "elem.drop 1"),
            (
                Operator::F32Const {
                    value: Ieee32::from(-0.5f32),
                },
                "f32.const -0.5",
            ),
            (
                Operator::F64Const {
                    value: Ieee64::from(f64::INFINITY),
                },
                "f64.const inf",
            ),
            (
                Operator::F64Const {
                    value: Ieee64::from(f64::NAN),
                },
                "f64.const nan",
            ),
            (Operator::I31GetS, "i31.get_s"),
            (Operator::AnyConvertExtern, "any.convert_extern"),
            (Operator::ThrowRef, "throw_ref"),
        ];
        for (op, expected) in cases {
            assert_eq!(plain_op_text(&op), expected, "{op:?}");
        }
    }
}
