//! Where each piece of a binary module came from in the learner's text.
//!
//! Built once per assembly from the resolved wast AST (which keeps a span per instruction) and
//! the encoded bytes (which wasmparser reads with offsets): the k-th operator of a function body
//! pairs with the k-th instruction span, plus one implicit final `end`. Validation errors, link
//! errors and traps use it to point at text instead of byte offsets. It never parses text itself.

use wast::core::{FuncKind, ImportItems, Module, ModuleField, ModuleKind};

use crate::source::{SourceId, Span};

/// One defined function (not an import).
#[derive(Debug, Clone, Default)]
pub struct FuncSpans {
    /// The `func` keyword.
    pub span: Option<Span>,
    /// `$name`, if it had one.
    pub name: Option<String>,
    /// One span per instruction, in execution order.
    pub instrs: Vec<Span>,
    /// The binary offset of each operator, including the final implicit `end`.
    pub ops: Vec<u64>,
}

/// A module's text-to-binary map.
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    /// Defined functions in code-section order.
    pub funcs: Vec<FuncSpans>,
    /// Import entries in binary order (the `import` field, or the inline-import definition).
    pub imports: Vec<Span>,
    /// Number of imported functions (defined function k has index `n_imported_funcs + k`).
    pub n_imported_funcs: u32,
    /// Data segments in binary order.
    pub data: Vec<Span>,
    /// Element segments in binary order.
    pub elems: Vec<Span>,
    /// The whole module's first token, for problems that belong to no field.
    pub module: Option<Span>,
    /// Non-code entries (imports, memories, tables, globals, exports, elements, data) by the
    /// binary offset where each starts, in offset order.
    pub items: Vec<Item>,
}

/// A module field outside the code section, located in the binary and in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Where its entry starts in the binary.
    pub offset: u64,
    /// Its text (the field's keyword).
    pub span: Span,
    /// `global`, `export`, `data`, ...
    pub kind: &'static str,
}

/// An instruction found by binary offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// Index among defined functions (code-section order).
    pub defined_idx: usize,
    /// Index of the operator within the body.
    pub instr_idx: usize,
    /// Its text, when it has one (the implicit final `end` has none).
    pub span: Option<Span>,
}

fn to_span(source: SourceId, text_len: usize, span: wast::token::Span, width: usize) -> Span {
    let start = span.offset().min(text_len);
    Span::new(source, start..(start + width).min(text_len))
}

impl SpanMap {
    /// Collects spans from a module that has been encoded (so its names are resolved and inline
    /// imports, exports and data moved to fields of their own) and pairs them with `bytes`.
    /// `delta` is added to every wast offset, for text spliced into a larger buffer.
    /// Spans cover a token's first byte only; `widen` stretches them over whole tokens later.
    pub fn build(source: SourceId, text_len: usize, module: &Module<'_>, bytes: &[u8]) -> SpanMap {
        let mut map = SpanMap { module: Some(to_span(source, text_len, module.span, 1)), ..SpanMap::default() };
        let point = |s: wast::token::Span| to_span(source, text_len, s, 1);
        let ModuleKind::Text(fields) = &module.kind else { return map };
        let mut texts = FieldSpans::default();
        for field in fields {
            match field {
                ModuleField::Func(f) => {
                    if let FuncKind::Inline { expression, .. } = &f.kind {
                        let instrs =
                            expression.instr_spans.as_deref().unwrap_or(&[]).iter().map(|s| point(*s)).collect();
                        map.funcs.push(FuncSpans {
                            span: Some(point(f.span)),
                            // wast names unnamed functions that have inline exports
                            // `gensym`; only a generation-0 id is one the learner wrote.
                            name: f
                                .id
                                .filter(|id| *id == wast::token::Id::new(id.name(), id.span()))
                                .map(|id| format!("${}", id.name())),
                            instrs,
                            ops: Vec::new(),
                        });
                    }
                }
                ModuleField::Import(imports) => match &imports.items {
                    ImportItems::Single { sig, .. } => {
                        map.imports.push(point(sig.span));
                        if matches!(sig.kind, wast::core::ItemKind::Func(_) | wast::core::ItemKind::FuncExact(_)) {
                            map.n_imported_funcs += 1;
                        }
                    }
                    ImportItems::Group1 { items, .. } => {
                        for item in items {
                            map.imports.push(point(item.span));
                            if matches!(item.sig.kind, wast::core::ItemKind::Func(_)) {
                                map.n_imported_funcs += 1;
                            }
                        }
                    }
                    ImportItems::Group2 { sig, items, .. } => {
                        for item in items {
                            map.imports.push(point(item.span));
                            if matches!(sig.kind, wast::core::ItemKind::Func(_)) {
                                map.n_imported_funcs += 1;
                            }
                        }
                    }
                },
                ModuleField::Data(d) => map.data.push(point(d.span)),
                ModuleField::Elem(e) => map.elems.push(point(e.span)),
                ModuleField::Global(g) => texts.globals.push(point(g.span)),
                ModuleField::Export(e) => texts.exports.push(point(e.span)),
                ModuleField::Memory(m) => texts.memories.push(point(m.span)),
                ModuleField::Table(t) => texts.tables.push(point(t.span)),
                ModuleField::Start(idx) => texts.start = Some(point(idx.span())),
                _ => {}
            }
        }
        texts.imports = map.imports.clone();
        texts.data = map.data.clone();
        texts.elems = map.elems.clone();
        map.items = texts.pair(bytes, &mut map.funcs);
        map
    }

    /// The non-code field whose binary entry contains `offset`.
    pub fn locate_item(&self, offset: u64) -> Option<Item> {
        let idx = self.items.partition_point(|i| i.offset <= offset);
        idx.checked_sub(1).map(|i| self.items[i])
    }

    /// The instruction whose operator starts at or most recently before `offset`.
    pub fn locate(&self, offset: u64) -> Option<Located> {
        // Bodies are laid out in order, so the candidate is the last one starting at or before.
        let defined_idx = self.funcs.partition_point(|f| f.ops.first().is_some_and(|&first| first <= offset));
        let defined_idx = defined_idx.checked_sub(1)?;
        let f = &self.funcs[defined_idx];
        if offset > *f.ops.last()? {
            return None;
        }
        let instr_idx = match f.ops.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        Some(Located { defined_idx, instr_idx, span: self.instr_span(defined_idx, instr_idx) })
    }

    /// The text of instruction `instr_idx` of defined function `defined_idx`. The implicit
    /// final `end` maps to the function itself.
    pub fn instr_span(&self, defined_idx: usize, instr_idx: usize) -> Option<Span> {
        let f = self.funcs.get(defined_idx)?;
        // Pairing is only trusted when the counts agree (one extra implicit `end`).
        if f.ops.len() != f.instrs.len() + 1 {
            return f.span;
        }
        f.instrs.get(instr_idx).copied().or(f.span)
    }

    /// The function index space entry for a defined function.
    pub fn func_index(&self, defined_idx: usize) -> u32 {
        self.n_imported_funcs + defined_idx as u32
    }

    /// A display name for function index `func_idx`.
    pub fn func_name(&self, func_idx: u32) -> Option<&str> {
        let defined = func_idx.checked_sub(self.n_imported_funcs)? as usize;
        self.funcs.get(defined)?.name.as_deref()
    }
}

/// Text spans of non-code fields by kind, in text order (which is binary order per kind).
#[derive(Default)]
struct FieldSpans {
    imports: Vec<Span>,
    memories: Vec<Span>,
    tables: Vec<Span>,
    globals: Vec<Span>,
    exports: Vec<Span>,
    elems: Vec<Span>,
    data: Vec<Span>,
    /// The function named by `(start ...)`.
    start: Option<Span>,
}

impl FieldSpans {
    /// Reads the binary once: pairs each section's entry k with text field k, and stores each
    /// code body's operator offsets in `funcs`. A module that does not parse leaves the rest
    /// unpaired: validation reports that problem on its own.
    fn pair(&self, bytes: &[u8], funcs: &mut [FuncSpans]) -> Vec<Item> {
        use wasmparser::Payload;
        fn zip<'a, T: wasmparser::FromReader<'a>>(
            out: &mut Vec<Item>,
            kind: &'static str,
            spans: &[Span],
            reader: wasmparser::SectionLimited<'a, T>,
        ) {
            for (entry, span) in reader.into_iter_with_offsets().zip(spans) {
                let Ok((offset, _)) = entry else { return };
                out.push(Item { offset, span: *span, kind });
            }
        }
        let mut out = Vec::new();
        let mut body_idx = 0;
        for payload in wasmparser::Parser::new(0).parse_all(bytes) {
            let Ok(payload) = payload else { break };
            match payload {
                Payload::CodeSectionEntry(body) => {
                    if let Some(f) = funcs.get_mut(body_idx) {
                        f.ops = operator_offsets(&body);
                    }
                    body_idx += 1;
                }
                Payload::ImportSection(r) => {
                    // Imports come in groups in newer encodings; the flat list is what the text lists.
                    for (k, entry) in r.into_imports_with_offsets().enumerate() {
                        let Ok((offset, _)) = entry else { break };
                        if let Some(span) = self.imports.get(k) {
                            out.push(Item { offset, span: *span, kind: "import" });
                        }
                    }
                }
                Payload::MemorySection(r) => zip(&mut out, "memory", &self.memories, r),
                Payload::TableSection(r) => zip(&mut out, "table", &self.tables, r),
                Payload::GlobalSection(r) => zip(&mut out, "global", &self.globals, r),
                Payload::ExportSection(r) => zip(&mut out, "export", &self.exports, r),
                Payload::ElementSection(r) => zip(&mut out, "elem", &self.elems, r),
                Payload::DataSection(r) => zip(&mut out, "data", &self.data, r),
                Payload::StartSection { range, .. } => {
                    if let Some(span) = self.start {
                        out.push(Item { offset: range.start, span, kind: "start" });
                    }
                }
                _ => {}
            }
        }
        out.sort_by_key(|i| i.offset);
        out
    }
}

/// The offset of every operator in a body, including the final `end`; stops at a malformed one.
fn operator_offsets(body: &wasmparser::FunctionBody<'_>) -> Vec<u64> {
    let mut offsets = Vec::new();
    if let Ok(mut reader) = body.get_operators_reader() {
        while !reader.eof() {
            match reader.read_with_offset() {
                Ok((_, off)) => offsets.push(off),
                Err(_) => break,
            }
        }
    }
    offsets
}
