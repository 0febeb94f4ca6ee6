//! Rebuilding the session module from its definitions, and carrying state across.
//!
//! Every definition keeps its text; a rebuild assembles `(module <fields>)` (imports first, as
//! the text format requires), validates it, and instantiates it in a fresh `Runtime`, so old
//! instances are freed with their store instead of piling up. Memory contents and mutable
//! global values whose definitions did not change are copied from the previous build; data
//! segments that are new are then written again on top. The start function does not run on
//! every rebuild: its section is removed from the instantiated binary and it is called only when
//! the `(start ...)` definition itself is new.
//!
//! Diagnostics are found in the assembled text and then moved back into the inputs the fields
//! came from (`Layout::relocate`), so an error points at the line the learner typed.

use std::cell::OnceCell;
use std::collections::HashSet;

use wasm_encoder::{Encode, ExportKind, ExportSection};
use wasmi::{Extern, Instance, Val};
use wasmparser::{Parser, Payload};

use super::defs::{Def, Space};
use super::SharedOutput;
use crate::assemble::{assemble, widen};
use crate::diag::{code, Diagnostic};
use crate::program::Program;
use crate::runtime::{Limits, Runtime};
use crate::source::{SourceId, SourceMap, Span};
use crate::span_map::SpanMap;
use crate::validate::{validate, TextOrigin};

/// The id used for assembled text that exists only until its diagnostics are relocated.
pub const SYNTHETIC: SourceId = SourceId(u32::MAX);
/// Prefix of the exports the session adds so snippets can reach every item by index.
pub const INTERNAL: &str = "\u{1}";

/// Where each piece of an assembled text came from.
#[derive(Debug, Default, Clone)]
pub struct Layout {
    /// (start in the assembled text, length, source, start in the source), by position.
    pieces: Vec<(usize, usize, SourceId, usize)>,
}

impl Layout {
    /// Records that `text[at..at + len]` is `source[from..from + len]`.
    pub fn add(&mut self, at: usize, len: usize, source: SourceId, from: usize) {
        self.pieces.push((at, len, source, from));
    }

    fn place(&self, span: Span) -> Option<Span> {
        let (at, len, source, from) =
            *self.pieces.iter().find(|(at, len, ..)| span.start >= *at && span.start <= at + len)?;
        let end = span.end.min(at + len).max(span.start);
        Some(Span::new(source, from + span.start - at..from + end - at))
    }

    /// Moves one span of the assembled `text` into the learner's input, stretched over its token.
    pub fn relocate_span(&self, text: &str, span: Span) -> Option<Span> {
        let span = if span.end <= span.start + 1 { widen(text, span) } else { span };
        self.place(span)
    }

    /// Moves a diagnostic's labels from the assembled `text` into the learner's inputs; labels
    /// in generated text are dropped.
    pub fn relocate(&self, text: &str, mut d: Diagnostic) -> Diagnostic {
        d.also = std::mem::take(&mut d.also).into_iter().map(|more| self.relocate(text, more)).collect();
        let labels = std::mem::take(&mut d.labels);
        for mut label in labels {
            if label.span.source != SYNTHETIC {
                d.labels.push(label);
                continue;
            }
            if label.span.end <= label.span.start + 1 {
                label.span = widen(text, label.span);
            }
            if let Some(span) = self.place(label.span) {
                label.span = span;
                d.labels.push(label);
            } else if label.primary {
                // Past the end of a piece (wast reports a missing operand at the next token,
                // which is generated text): point at the end of the piece it follows.
                let before =
                    self.pieces.iter().filter(|(at, len, ..)| at + len <= label.span.start).max_by_key(|(at, ..)| *at);
                if let Some((at, len, source, from)) = before {
                    let gap = text.get(at + len..label.span.start).unwrap_or("x");
                    if gap.chars().all(|c| c.is_whitespace() || c == ')') {
                        let end = from + len;
                        label.span = Span::new(*source, end..end);
                        // A syntax error's label names the token it stopped at, which here is
                        // generated text the learner never wrote.
                        if label.message.is_empty() || d.code == code::SYNTAX {
                            label.message = "the input ends here".into();
                        }
                        d.labels.push(label);
                    }
                }
            }
        }
        if !d.labels.iter().any(|l| l.primary) {
            if let Some(first) = d.labels.first_mut() {
                first.primary = true;
            }
        }
        d
    }
}

/// One entry of an index space.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The definition that made it (0 when unknown).
    pub def: u64,
    /// Its `$name`.
    pub name: Option<String>,
    /// The live item.
    pub ext: Extern,
}

/// An active data segment with a constant offset.
#[derive(Debug, Clone)]
pub struct DataSeg {
    /// The definition it came from (0 when unknown).
    pub def: u64,
    /// Target memory.
    pub memory: u32,
    /// First byte written.
    pub offset: u64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// An instantiated session module.
pub struct Built {
    /// Its own engine and store.
    pub runtime: Runtime,
    /// The instance.
    pub instance: Instance,
    /// Function index space.
    pub funcs: Vec<Entry>,
    /// Table index space.
    pub tables: Vec<Entry>,
    /// Memory index space.
    pub memories: Vec<Entry>,
    /// Global index space.
    pub globals: Vec<Entry>,
    /// Active data segments, for `:memory`.
    pub data: Vec<DataSeg>,
    /// Each memory's page size in bytes (65536 unless it declares `(pagesize N)`).
    pub page_sizes: Vec<u64>,
    /// The `(type ...)` and `(rec ...)` fields, copied into snippet modules.
    pub type_text: String,
    /// The import declarations snippets start with, made on first use.
    pub prelude: OnceCell<String>,
}

/// The text of a module holding `defs`, imports first, and where each field landed.
pub fn module_text(defs: &[Def]) -> (String, Layout) {
    let mut text = String::from("(module\n");
    let mut layout = Layout::default();
    let ordered = defs.iter().filter(|d| d.is_import).chain(defs.iter().filter(|d| !d.is_import));
    for def in ordered {
        layout.add(text.len(), def.text.len(), def.source, def.start);
        text.push_str(&def.text);
        text.push('\n');
    }
    text.push(')');
    (text, layout)
}

/// Assembles and validates `defs`, returning the bytes and their span map.
///
/// # Errors
/// Syntax, names and validation, located in the learner's inputs.
pub fn check(defs: &[Def]) -> Result<(Vec<u8>, SpanMap, Layout, String), Diagnostic> {
    let (text, layout) = module_text(defs);
    let asm = assemble(SYNTHETIC, &text).map_err(|d| layout.relocate(&text, d))?;
    validate(&asm.bytes, Some(TextOrigin { text: &text, spans: &asm.spans })).map_err(|d| layout.relocate(&text, d))?;
    Ok((asm.bytes, asm.spans, layout, text))
}

/// What the binary says about itself.
#[derive(Default)]
struct Facts {
    n_imports: [usize; 4],
    n_defined: [usize; 4],
    start: Option<u32>,
    /// Each memory's page size in bytes, imports first.
    page_sizes: Vec<u64>,
}

fn space_idx(space: Space) -> Option<usize> {
    match space {
        Space::Func => Some(0),
        Space::Table => Some(1),
        Space::Memory => Some(2),
        Space::Global => Some(3),
        Space::Tag => None,
    }
}

fn facts(bytes: &[u8]) -> Facts {
    use wasmparser::TypeRef;
    let mut f = Facts::default();
    for payload in Parser::new(0).parse_all(bytes).flatten() {
        match payload {
            Payload::ImportSection(r) => {
                for imp in r.into_imports().flatten() {
                    match imp.ty {
                        TypeRef::Func(_) | TypeRef::FuncExact(_) => f.n_imports[0] += 1,
                        TypeRef::Table(_) => f.n_imports[1] += 1,
                        TypeRef::Memory(m) => {
                            f.n_imports[2] += 1;
                            f.page_sizes.push(1 << m.page_size_log2.unwrap_or(16).min(16));
                        }
                        TypeRef::Global(_) => f.n_imports[3] += 1,
                        TypeRef::Tag(_) => {}
                    }
                }
            }
            Payload::FunctionSection(r) => f.n_defined[0] = r.count() as usize,
            Payload::TableSection(r) => f.n_defined[1] = r.count() as usize,
            Payload::MemorySection(r) => {
                f.n_defined[2] = r.count() as usize;
                for m in r.into_iter().flatten() {
                    f.page_sizes.push(1 << m.page_size_log2.unwrap_or(16).min(16));
                }
            }
            Payload::GlobalSection(r) => f.n_defined[3] = r.count() as usize,
            Payload::StartSection { func, .. } => f.start = Some(func),
            _ => {}
        }
    }
    f
}

fn read_leb(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// The section order of the binary format, as ranks (custom sections have none).
fn rank(id: u8) -> Option<u8> {
    [1u8, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11].iter().position(|&x| x == id).map(|p| p as u8)
}

/// `bytes` with every function, table, memory and global exported under an internal name,
/// and without a start section (the session decides when the start function runs).
fn splice(bytes: &[u8], counts: [usize; 4]) -> Option<Vec<u8>> {
    let mut exports = ExportSection::new();
    for payload in Parser::new(0).parse_all(bytes).flatten() {
        if let Payload::ExportSection(r) = payload {
            for e in r.into_iter().flatten() {
                let kind = match e.kind {
                    wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact => ExportKind::Func,
                    wasmparser::ExternalKind::Table => ExportKind::Table,
                    wasmparser::ExternalKind::Memory => ExportKind::Memory,
                    wasmparser::ExternalKind::Global => ExportKind::Global,
                    wasmparser::ExternalKind::Tag => ExportKind::Tag,
                };
                exports.export(e.name, kind, e.index);
            }
        }
    }
    let kinds =
        [(ExportKind::Func, 'f'), (ExportKind::Table, 't'), (ExportKind::Memory, 'm'), (ExportKind::Global, 'g')];
    for (i, (kind, letter)) in kinds.into_iter().enumerate() {
        for idx in 0..counts[i] {
            exports.export(&format!("{INTERNAL}{letter}{idx}"), kind, idx as u32);
        }
    }
    let mut section = Vec::new();
    exports.encode(&mut section);
    let mut out = bytes.get(..8)?.to_vec();
    let mut pos = 8;
    let mut placed = false;
    while pos < bytes.len() {
        let start = pos;
        let id = *bytes.get(pos)?;
        pos += 1;
        let size = read_leb(bytes, &mut pos)? as usize;
        let end = pos.checked_add(size).filter(|e| *e <= bytes.len())?;
        if !placed && rank(id).is_some_and(|r| r > rank(7).unwrap_or(7)) {
            out.push(7);
            out.extend_from_slice(&section);
            placed = true;
        }
        if id != 7 && id != 8 {
            out.extend_from_slice(&bytes[start..end]);
        }
        pos = end;
    }
    if !placed {
        out.push(7);
        out.extend_from_slice(&section);
    }
    Some(out)
}

/// The build of a session with no definitions, in a fresh runtime.
///
/// # Errors
/// None in practice: an empty module always builds.
pub fn empty(limits: Limits, output: &SharedOutput) -> Result<Built, Diagnostic> {
    let env = super::Env {
        defs: &[],
        sources: &SourceMap::new(),
        limits,
        interrupt: None,
        memory_before: None,
        globals_before: &[],
        trace: None,
    };
    build(&env, output, None, &HashSet::new(), &mut None).map(|(b, _)| b)
}

/// Builds and instantiates `env.defs`, carrying memory and globals over from `old`.
/// `new_ids` are the definitions added by this input (their data is written again and a new
/// start function runs). The module is instantiated in `store` when one is given (the store
/// of the named modules, when the session imports from them), else in a fresh runtime; a
/// given store is handed back there when the build fails. Returns the build and notes on
/// anything that was reset.
///
/// # Errors
/// Anything that stops the module from being assembled, validated, linked or started.
pub fn build(
    env: &super::Env<'_>,
    output: &SharedOutput,
    old: Option<Carried>,
    new_ids: &HashSet<u64>,
    store: &mut Option<Runtime>,
) -> Result<(Built, Vec<String>), Diagnostic> {
    let super::Env { defs, sources, limits, interrupt, .. } = *env;
    let (bytes, spans, layout, text) = check(defs)?;
    let facts = facts(&bytes);
    let counts: [usize; 4] = std::array::from_fn(|i| facts.n_imports[i] + facts.n_defined[i]);
    let spliced = splice(&bytes, counts).ok_or_else(|| {
        Diagnostic::error(crate::diag::code::INVALID, "internal error: could not prepare the session module")
    })?;
    let given = store.is_some();
    let mut runtime = store.take().unwrap_or_else(|| Runtime::new(limits, Box::new(output.clone())));
    let program = Program { name: "session".into(), source: None, bytes: spliced, spans: Some(spans) };
    let instance = match program.instantiate(&SourceMap::new(), &mut runtime) {
        Ok((_module, instance)) => instance,
        Err(d) => {
            if given {
                *store = Some(runtime);
            }
            return Err(layout.relocate(&text, d));
        }
    };

    // Index spaces: imports first, then definitions, each in text order.
    let mut owners: [Vec<(u64, Option<String>)>; 4] = Default::default();
    for def in defs.iter().filter(|d| d.is_import).chain(defs.iter().filter(|d| !d.is_import)) {
        if let Some(i) = def.space.and_then(space_idx) {
            owners[i].push((def.id, def.name.clone()));
        }
    }
    let letters = ['f', 't', 'm', 'g'];
    let mut spaces: [Vec<Entry>; 4] = Default::default();
    for (i, space) in spaces.iter_mut().enumerate() {
        let trusted = owners[i].len() == counts[i];
        for idx in 0..counts[i] {
            let Some(ext) = instance.get_export(runtime.store(), &format!("{INTERNAL}{}{idx}", letters[i])) else {
                continue;
            };
            let (def, name) = owners[i].get(idx).filter(|_| trusted).cloned().unwrap_or((0, None));
            space.push(Entry { def, name, ext });
        }
    }
    let data_owners: Vec<u64> =
        defs.iter().filter(|d| !d.is_import).flat_map(|d| std::iter::repeat_n(d.id, d.n_data)).collect();
    // Offsets are evaluated in full, with the globals' live values (issue 9: only a leading
    // `i32.const` was read, so `(i32.sub (i32.const 100) (i32.const 50))` landed at 100 and a
    // `global.get` offset was lost).
    let global = |idx: u32| match spaces[3].get(idx as usize).map(|e| e.ext) {
        Some(Extern::Global(g)) => crate::runtime::num_of(&g.get(runtime.store())),
        _ => None,
    };
    let segments = crate::segments::active_data(&bytes, &global);
    let trusted = data_owners.len() == segments.len();
    let data: Vec<DataSeg> = segments
        .into_iter()
        .enumerate()
        .filter_map(|(i, seg)| {
            let def = if trusted { data_owners[i] } else { 0 };
            let (memory, offset, bytes) = seg?;
            Some(DataSeg { def, memory, offset, bytes })
        })
        .collect();
    let [funcs, tables, memories, globals] = spaces;
    let page_sizes = facts.page_sizes;
    let type_text = defs
        .iter()
        .filter(|d| d.kind == "type" || d.kind == "rec")
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut built = Built {
        runtime,
        instance,
        funcs,
        tables,
        memories,
        globals,
        data,
        page_sizes,
        type_text,
        prelude: OnceCell::new(),
    };
    let notes = match old {
        Some(old) => carry_over(old, &mut built, new_ids),
        None => Vec::new(),
    };
    let mut notes = notes;
    if let Some(start) = facts.start {
        let start_is_new = defs.iter().any(|d| d.kind == "start" && new_ids.contains(&d.id));
        // A new body for the start function runs too, as `:load` and `run` of the saved
        // session would run it (issue 9: it was accepted without running, so a `:save` file
        // could be one they reject).
        let entry = built.funcs.get(start as usize);
        let body_is_new = entry.is_some_and(|e| e.def != 0 && new_ids.contains(&e.def));
        if start_is_new || body_is_new {
            if let Some(Extern::Func(f)) = entry.map(|e| e.ext) {
                let what = entry.and_then(|e| e.name.clone()).unwrap_or_else(|| format!("{start}"));
                let ran = built.runtime.call(f, &[], interrupt).map_err(|trap| {
                    let d = crate::trap::diagnostic(&trap, limits, "the start function");
                    let d = crate::trap::with_page_sizes(d, &trap, &built.page_sizes);
                    let d = crate::program::start_trapped(d, &trap).with_note(
                        "the start function runs when `(start ...)` is defined and again when its function is redefined",
                    );
                    // Where it trapped, as `run` shows it (issue 9): the module as assembled
                    // (start section included) re-run on a fresh instance. After earlier
                    // inputs changed memory or globals the re-run may end differently, and
                    // then there is no trace rather than a wrong one.
                    let trace = program.spans.as_ref().and_then(|spans| {
                        crate::trace::locate_trap(&bytes, spans, limits, crate::trace::Entry::Start, &trap)
                    });
                    match trace {
                        Some(mut trace) => {
                            for frame in &mut trace.frames {
                                frame.span = frame.span.and_then(|s| layout.relocate_span(&text, s));
                            }
                            trace.loop_span = trace.loop_span.and_then(|s| layout.relocate_span(&text, s));
                            crate::trace::attach(d, &trace, &trap.kind, sources)
                        }
                        None => d,
                    }
                });
                if let Err(d) = ran {
                    if given {
                        *store = Some(built.runtime);
                    }
                    return Err(d);
                }
                if !start_is_new {
                    notes.push(format!("the start function (func {what}) ran again with its new body"));
                }
            }
        }
    }
    Ok((built, notes))
}

fn display_name(e: &Entry, kind: &str, idx: usize) -> String {
    match &e.name {
        Some(n) => format!("{kind} {n}"),
        None => format!("{kind} {idx}"),
    }
}

/// The state of a build that the next build takes over, read out of its store (the next
/// build may live in another store, or in the same one).
pub struct Carried {
    /// (the memory's entry, its index, its bytes).
    memories: Vec<(Entry, usize, Vec<u8>)>,
    /// (the mutable global's entry, its index, its value).
    globals: Vec<(Entry, usize, Val)>,
}

impl Carried {
    /// Reads the memories and mutable globals of `old`.
    pub fn of(old: &Built) -> Carried {
        let store = old.runtime.store();
        let memories = (old.memories.iter().enumerate())
            .filter_map(|(idx, o)| match o.ext {
                Extern::Memory(m) => Some((o.clone(), idx, m.data(store).to_vec())),
                _ => None,
            })
            .collect();
        let globals = (old.globals.iter().enumerate())
            .filter_map(|(idx, o)| match o.ext {
                Extern::Global(g) if g.ty(store).mutability() == wasmi::Mutability::Var => {
                    Some((o.clone(), idx, g.get(store)))
                }
                _ => None,
            })
            .collect();
        Carried { memories, globals }
    }
}

/// Copies memories and globals whose definitions survived; returns what could not be kept.
fn carry_over(old: Carried, new: &mut Built, new_ids: &HashSet<u64>) -> Vec<String> {
    let mut notes = Vec::new();
    for (o, idx, bytes) in &old.memories {
        let target = new.memories.iter().find(|n| n.def != 0 && n.def == o.def).map(|n| n.ext);
        match target {
            Some(Extern::Memory(nm)) => {
                let store = new.runtime.store_mut();
                let (have, pages) = (nm.data_size(&*store), nm.size(&*store));
                let page = (have as u64).checked_div(pages).unwrap_or(65536);
                if bytes.len() > have && page > 0 {
                    let _ = nm.grow(&mut *store, (bytes.len() - have) as u64 / page);
                }
                let dst = nm.data_mut(&mut *store);
                let n = dst.len().min(bytes.len());
                dst[..n].copy_from_slice(&bytes[..n]);
                if n < bytes.len() {
                    notes.push(format!(
                        "{} could not grow back to {} bytes: the rest was dropped",
                        display_name(o, "memory", *idx),
                        bytes.len()
                    ));
                }
            }
            _ if bytes.iter().any(|&b| b != 0) => {
                notes.push(format!(
                    "{} was reset: its definition changed, so it starts again from its data segments",
                    display_name(o, "memory", *idx)
                ));
            }
            _ => {}
        }
    }
    for seg in &new.data {
        if new_ids.contains(&seg.def) {
            if let Some(Extern::Memory(m)) = new.memories.get(seg.memory as usize).map(|e| e.ext) {
                let dst = m.data_mut(new.runtime.store_mut());
                let start = usize::try_from(seg.offset).unwrap_or(usize::MAX);
                let range = start..start.saturating_add(seg.bytes.len());
                if let Some(slot) = dst.get_mut(range) {
                    slot.copy_from_slice(&seg.bytes);
                }
            }
        }
    }
    for (o, idx, value) in old.globals {
        let target = new.globals.iter().find(|n| n.def != 0 && n.def == o.def).map(|n| n.ext);
        match (target, &value) {
            (_, Val::FuncRef(_) | Val::ExternRef(_)) => {}
            (Some(Extern::Global(ng)), _) => {
                let _ = ng.set(new.runtime.store_mut(), value);
            }
            _ => {
                let now = new.globals.iter().find(|n| n.name.is_some() && n.name == o.name).and_then(|n| match n.ext {
                    Extern::Global(g) => Some(g.get(new.runtime.store())),
                    _ => None,
                });
                if o.name.is_some() && now.as_ref().is_some_and(|now| !crate::value::same_number(now, &value)) {
                    notes.push(format!(
                        "{} was reset to its initial value (it held {})",
                        display_name(&o, "global", idx),
                        crate::value::DisplayTyped(&value)
                    ));
                }
            }
        }
    }
    notes
}

/// Where a trap happened: the call `entry(args)` is run again on an instrumented copy of the
/// session module (with `extra`, a snippet function, appended) from a fresh instance, and the
/// trace's places are moved back into the learner's inputs. The fresh instance does not have
/// the session's memory and globals, so a call whose path depends on them may end differently;
/// then there is no trace rather than a wrong one (`trace::locate_trap` checks).
pub fn locate(
    defs: &[Def],
    extra: Option<(&str, usize, usize, SourceId)>,
    entry: &str,
    args: &[Val],
    limits: Limits,
    trap: &crate::runtime::Trap,
) -> Option<crate::trace::TrapTrace> {
    let (mut text, mut layout) = module_text(defs);
    text.pop();
    if let Some((func, at, len, source)) = extra {
        layout.add(text.len() + at, len, source, 0);
        text.push_str(func);
    }
    text.push(')');
    let asm = assemble(SYNTHETIC, &text).ok()?;
    let entry = crate::trace::Entry::Export { name: entry, args };
    let mut trace = crate::trace::locate_trap(&asm.bytes, &asm.spans, limits, entry, trap)?;
    for frame in &mut trace.frames {
        frame.span = frame.span.and_then(|s| layout.relocate_span(&text, s));
        if frame.export_name.as_deref().is_some_and(|n| n.starts_with(INTERNAL)) {
            frame.func_name = "your input".into();
            frame.is_input = true;
        }
    }
    trace.loop_span = trace.loop_span.and_then(|s| layout.relocate_span(&text, s));
    Some(trace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_adds_exports_and_drops_start() {
        let bytes = wat::parse_str("(module (func $f) (memory 1) (start $f) (export \"f\" (func $f)))").unwrap();
        let out = splice(&bytes, [1, 0, 1, 0]).unwrap();
        wasmparser::validate(&out).unwrap();
        let f = facts(&out);
        assert_eq!(f.start, None);
        let names: Vec<String> = Parser::new(0)
            .parse_all(&out)
            .flatten()
            .filter_map(|p| match p {
                Payload::ExportSection(r) => {
                    Some(r.into_iter().flatten().map(|e| e.name.to_string()).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(names, ["f", "\u{1}f0", "\u{1}m0"]);
    }
}
