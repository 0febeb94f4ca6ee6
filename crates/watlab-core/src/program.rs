//! One program from start to finish: text or binary in, an instance out, exports called.
//!
//! This is the path `check`, `build` and `run` share: decide by content whether the input is a
//! wasm binary or WAT text, assemble, validate, link, instantiate, and call with arguments typed
//! as strings. Each stage's failure is a located [`Diagnostic`]. Printing is the caller's job.

use wasmi::{ExternType, Instance, Module, Val};

use crate::assemble::{assemble, widen};
use crate::diag::{code, Cause, Diagnostic};
use crate::runtime::{Limits, Runtime, Trap, TrapKind};
use crate::source::{SourceId, SourceMap, Span};
use crate::span_map::SpanMap;
use crate::trace::Entry;
use crate::validate::{validate, TextOrigin};
use crate::value::{parse_value, type_name, DisplayFuncType};
use crate::words::closest;
use crate::words::plural;
use crate::words::shown_name as shown;

/// A module that parsed and validated.
pub struct Program {
    /// The input's name.
    pub name: String,
    /// The text, when the input was WAT.
    pub source: Option<SourceId>,
    /// The binary.
    pub bytes: Vec<u8>,
    /// Text locations, when the input was WAT.
    pub spans: Option<SpanMap>,
}

/// The binary magic number.
pub const WASM_MAGIC: &[u8] = b"\0asm";

impl Program {
    /// `3 functions, 2 exports, 142 bytes`: what `check` says of a good file.
    pub fn summary(&self) -> String {
        let (mut funcs, mut exports) = (0u64, 0u64);
        for payload in wasmparser::Parser::new(0).parse_all(&self.bytes).flatten() {
            match payload {
                wasmparser::Payload::FunctionSection(r) => funcs += u64::from(r.count()),
                wasmparser::Payload::ExportSection(r) => exports += u64::from(r.count()),
                _ => {}
            }
        }
        let bytes = self.bytes.len() as u64;
        format!("{}, {}, {}", plural(funcs, "function"), plural(exports, "export"), plural(bytes, "byte"))
    }

    /// Assembles (if text) and validates `input`, storing any text in `sources`.
    ///
    /// # Errors
    /// The first problem found: not text, syntax, names, validation.
    pub fn load(sources: &mut SourceMap, name: &str, input: Vec<u8>) -> Result<Program, Diagnostic> {
        if input.starts_with(WASM_MAGIC) {
            validate(&input, None)?;
            return Ok(Program { name: name.to_string(), source: None, bytes: input, spans: None });
        }
        // A NUL byte never starts WAT text: this is a binary with a damaged header.
        if input.first() == Some(&0) {
            return Err(not_text(&input));
        }
        let text = match String::from_utf8(input) {
            Ok(text) => text,
            Err(e) => return Err(not_text(&e.into_bytes())),
        };
        let id = sources.add(name, text);
        let text = &sources.get(id).expect("just added").text;
        let assembly = assemble(id, text)?;
        validate(&assembly.bytes, Some(TextOrigin { text, spans: &assembly.spans }))?;
        Ok(Program { name: name.to_string(), source: Some(id), bytes: assembly.bytes, spans: Some(assembly.spans) })
    }

    /// Whether the module names a start function.
    pub fn has_start(&self) -> bool {
        wasmparser::Parser::new(0)
            .parse_all(&self.bytes)
            .flatten()
            .any(|p| matches!(p, wasmparser::Payload::StartSection { .. }))
    }

    /// Compiles, links and instantiates in `runtime`, running any start function.
    ///
    /// # Errors
    /// Link problems (pointing at the import), segments that do not fit (pointing at the
    /// segment), limits, and traps in the start function.
    pub fn instantiate(&self, sources: &SourceMap, runtime: &mut Runtime) -> Result<(Module, Instance), Diagnostic> {
        let module = runtime
            .compile(&self.bytes)
            .map_err(|e| Diagnostic::error(code::INVALID, format!("the engine rejected the module: {e}")))?;
        if let Some(problem) = runtime.link_problems(&module).into_iter().next() {
            return Err(self.link_diagnostic(sources, &problem));
        }
        match runtime.instantiate(&module) {
            Ok(instance) => Ok((module, instance)),
            // wasmi reports a segment that does not fit as an out-of-bounds trap.
            Err(Ok(trap)) => Err(self.instantiation_trap(sources, &trap, runtime)),
            Err(Err(e)) => Err(self.instantiation_diagnostic(sources, &e.to_string(), runtime)),
        }
    }

    fn span_of(&self, sources: &SourceMap, span: Span) -> Span {
        match sources.get(span.source) {
            Some(f) => widen(&f.text, span),
            None => span,
        }
    }

    /// The diagnostic for an import nothing provides (or provides with another type).
    ///
    /// The import is found by its names and kind, in the binary's import order.
    pub fn link_diagnostic(&self, sources: &SourceMap, p: &crate::runtime::LinkProblem) -> Diagnostic {
        let (code, message) = match &p.found {
            None => (
                code::UNKNOWN_IMPORT,
                format!("nothing provides the import `{}` `{}`", shown(&p.module), shown(&p.name)),
            ),
            Some(found) => (
                code::IMPORT_TYPE,
                format!(
                    "the import `{}` `{}` has the wrong type: the host's is `{found}`",
                    shown(&p.module),
                    shown(&p.name)
                ),
            ),
        };
        let mut d = Diagnostic::error(code, message);
        // wasmi lists imports grouped by kind, the binary (and the span map) in text order.
        let position = import_position(&self.bytes, p).unwrap_or(p.import_idx);
        if let Some(span) = self.spans.as_ref().and_then(|s| s.imports.get(position)) {
            d = d.with_primary(self.span_of(sources, *span), format!("expects `{}`", p.expected));
        } else {
            d = d.with_note(format!("the module expects `{}`", p.expected));
        }
        let offered: Vec<&crate::host::Provided> =
            crate::host::PROVIDED.iter().filter(|h| h.module == p.module).collect();
        // A host function of the very type the module asks for, in `env`, is the likely intent.
        let same_type = crate::host::PROVIDED.iter().find(|h| h.module == "env" && h.ty == p.expected);
        if offered.is_empty() && !p.registered.is_empty() {
            // A module registered with `(register ...)` under that name.
            let list: Vec<String> = p.registered.iter().map(|(n, ty)| format!("{} : {ty}", shown(n))).collect();
            d = d.with_note(format!("the module registered as `{}` exports:\n{}", shown(&p.module), list.join("\n")));
            if let Some(found) = &p.found {
                d = d.with_help(format!("declare the import as `{found}`"));
            } else if let Some(best) = closest(&p.name, p.registered.iter().map(|(n, _)| n.as_str())) {
                d = d.with_help(format!("did you mean `{}`?", shown(best)));
            } else if let Some((other, _)) = p.registered.iter().find(|(_, ty)| *ty == p.expected) {
                d = d.with_help(format!("`{}` has the type `{}`: did you mean it?", shown(other), p.expected));
            }
        } else if offered.is_empty() {
            let modules = ["env", "spectest"];
            let note = format!("watlab provides imports from the modules `{}`", modules.join("` and `"));
            d = d.with_note(if p.registered_modules.is_empty() {
                note
            } else {
                let names: Vec<String> = p.registered_modules.iter().map(|m| format!("`{}`", shown(m))).collect();
                format!("{note}, and from the names given with `(register ...)`: {}", names.join(", "))
            });
            let all = modules.iter().copied().chain(p.registered_modules.iter().map(String::as_str));
            if let Some(m) = closest(&p.module, all) {
                d = d.with_help(format!("did you mean the module `{m}`?"));
            } else if let Some(h) = same_type {
                d = d.with_help(format!("to print, import from `env`: `(import \"env\" \"{}\" ({}))`", h.name, h.ty));
            }
        } else {
            let list: Vec<String> = offered.iter().map(|h| format!("{} : {}", h.name, h.ty)).collect();
            d = d.with_note(format!("`{}` provides:\n{}", p.module, list.join("\n")));
            if p.found.is_none() {
                // `print` is a prefix of several names; prefer the one whose type fits.
                let prefixed = || offered.iter().find(|h| h.name.starts_with(&p.name) && h.ty == p.expected);
                if let Some(best) = closest(&p.name, offered.iter().map(|h| h.name)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                } else if let Some(h) = prefixed() {
                    d = d.with_help(format!("did you mean `{}`? It has the type `{}`", h.name, h.ty));
                }
            } else if let Some(other) = offered.iter().find(|h| h.ty == p.expected) {
                d = d.with_help(format!("`{}` has the type `{}`: did you mean it?", other.name, p.expected));
            } else if let Some(found) = &p.found {
                d = d.with_help(format!("declare the import as `{found}`"));
            }
        }
        d
    }

    /// The diagnostic for a failed instantiation, naming the segment that does not fit if one does not.
    pub fn instantiation_diagnostic(&self, sources: &SourceMap, message: &str, runtime: &Runtime) -> Diagnostic {
        let lower = message.to_lowercase();
        if lower.contains("limit") || lower.contains("resourcelimiter") || lower.contains("allocation") {
            let d = Diagnostic::error(
                code::RESOURCE_LIMIT,
                "the module asks for more memory or table space than the limits allow",
            )
            .with_note(format!("the engine said: {message}"));
            return if lower.contains("table") {
                d.with_help(format!(
                    "tables are limited to {} elements: declare a smaller table",
                    crate::runtime::MAX_TABLE_ELEMENTS
                ))
            } else {
                d.with_help("raise the limit with --max-memory, or ask for fewer pages (64 KiB each)")
            };
        }
        if let Some(d) = self.segment_out_of_bounds(sources, runtime) {
            return d;
        }
        Diagnostic::error(code::INSTANTIATION, format!("the module could not be instantiated: {message}"))
    }

    /// Finds the first active data or element segment that does not fit in its memory or table.
    fn segment_out_of_bounds(&self, sources: &SourceMap, runtime: &Runtime) -> Option<Diagnostic> {
        // Sizes and global values as linked, not as the imports declare them (issue 9).
        let bad = crate::segments::first_out_of_bounds(&self.bytes, runtime)?;
        let what = if bad.is_data { "data segment" } else { "element segment" };
        let mut d = Diagnostic::error(
            code::SEGMENT_OUT_OF_BOUNDS,
            format!(
                "{what} {} does not fit: it covers {}..{} but the {} has {} {}",
                bad.index,
                bad.start,
                bad.end,
                if bad.is_data { "memory" } else { "table" },
                bad.size,
                if bad.is_data { "bytes" } else { "elements" }
            ),
        )
        .with_note(if bad.is_data {
            "segments are placed when the module is instantiated, into the memory at its declared initial size"
                .to_string()
        } else {
            "segments are placed when the module is instantiated, into the table at its declared initial size"
                .to_string()
        });
        if bad.is_data {
            d = d.with_cause(Cause::DataDoesNotFit { memory_bytes: bad.size });
        }
        let spans = self.spans.as_ref().map(|s| if bad.is_data { &s.data } else { &s.elems });
        if let Some(span) = spans.and_then(|s| s.get(bad.index)) {
            d = d.with_primary(self.span_of(sources, *span), "this segment");
        }
        Some(d.with_help(if bad.is_data {
            "grow the memory (more pages in `(memory N)`) or move the segment's offset"
        } else {
            "make the table larger or move the segment's offset"
        }))
    }

    /// The diagnostic for a trap while instantiating: wasmi reports a segment that does not fit
    /// as a trap, so that is named first; otherwise the start function trapped.
    pub fn instantiation_trap(&self, sources: &SourceMap, trap: &Trap, runtime: &Runtime) -> Diagnostic {
        self.segment_out_of_bounds(sources, runtime).unwrap_or_else(|| self.start_trap(sources, trap, runtime))
    }

    /// The diagnostic for a trap in the start function, located when the program came from text.
    pub fn start_trap(&self, sources: &SourceMap, trap: &Trap, runtime: &Runtime) -> Diagnostic {
        let d = crate::trap::diagnostic(trap, runtime.limits(), "the start function");
        let d = start_trapped(crate::trap::with_page_sizes(d, trap, &crate::segments::page_sizes(&self.bytes)), trap)
            .with_note("the trap happened while instantiating, in the module's start function");
        self.locate(sources, d, trap, runtime.limits(), Entry::Start)
    }

    /// The diagnostic for `trap`, raised by `entry` while running `what` under `limits`, on an
    /// instance that had run nothing but its start function. For a program from text it points
    /// at the trapping instruction and shows the calls that led there (found by re-running
    /// `entry` instrumented, see `trace`).
    pub fn trap_diagnostic(
        &self,
        sources: &SourceMap,
        trap: &Trap,
        limits: Limits,
        entry: Entry<'_>,
        what: &str,
    ) -> Diagnostic {
        let d = crate::trap::diagnostic(trap, limits, what);
        let d = crate::trap::with_page_sizes(d, trap, &crate::segments::page_sizes(&self.bytes));
        self.locate(sources, d, trap, limits, entry)
    }

    /// The diagnostic for a call the caller stopped while it still ran (`TimedOut`, or
    /// `Interrupted` by Ctrl-C), located by [`crate::trace::locate_runaway`] when the input
    /// was text.
    pub fn runaway_diagnostic(
        &self,
        sources: &SourceMap,
        kind: &TrapKind,
        limits: Limits,
        entry: Entry<'_>,
        what: &str,
    ) -> Diagnostic {
        let d = crate::trap::diagnostic(&Trap { kind: kind.clone(), fuel_used: 0 }, limits, what);
        match self.runaway_location(limits, entry) {
            Some(trace) => crate::trace::attach(d, &trace, kind, sources),
            None => d,
        }
    }

    /// Where a call that still runs is, as frames (see [`crate::trace::locate_runaway`]).
    pub fn runaway_location(&self, limits: Limits, entry: Entry<'_>) -> Option<crate::trace::TrapTrace> {
        crate::trace::locate_runaway(&self.bytes, self.spans.as_ref()?, limits, entry)
    }

    fn locate(&self, sources: &SourceMap, d: Diagnostic, trap: &Trap, limits: Limits, entry: Entry<'_>) -> Diagnostic {
        let d = crate::trace::values::with_values(d, &self.bytes, self.spans.as_ref(), sources, limits, entry, trap);
        let Some(spans) = &self.spans else { return d };
        match crate::trace::locate_trap(&self.bytes, spans, limits, entry, trap) {
            Some(trace) => crate::trace::attach(d, &trace, &trap.kind, sources),
            None => d,
        }
    }

    /// Looks up an exported function by name.
    ///
    /// # Errors
    /// No such export (with the closest name and the list of callable exports), or an export
    /// that is not a function.
    pub fn export_func(&self, runtime: &Runtime, instance: &Instance, name: &str) -> Result<wasmi::Func, Diagnostic> {
        let store = runtime.store();
        match instance.get_export(store, name) {
            Some(wasmi::Extern::Func(f)) => Ok(f),
            Some(other) => {
                Err(Diagnostic::error(code::NOT_A_FUNCTION, format!("the export `{}` is not a function", shown(name)))
                    .with_note(format!("it is a {}", crate::runtime::extern_type_words(&other.ty(store)))))
            }
            None => {
                let names: Vec<String> = instance.exports(store).map(|e| e.name().to_string()).collect();
                let mut d = Diagnostic::error(
                    code::UNKNOWN_EXPORT,
                    format!("the module has no export named `{}`", shown(name)),
                );
                if let Some(best) = closest(name, names.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{}`?", shown(best)));
                }
                let funcs = list_exported_funcs(runtime, instance);
                if funcs.is_empty() {
                    d = d.with_note("the module exports no functions: add `(export \"name\")` to a func");
                } else {
                    d = d.with_note(format!("exported functions:\n{}", funcs.join("\n")));
                }
                Err(d)
            }
        }
    }
}

/// A trap of the start function's own code is `E0301`; running out of fuel or stack keeps its
/// more telling code (issue 9: `E0301` existed but was never emitted).
pub fn start_trapped(mut d: Diagnostic, trap: &Trap) -> Diagnostic {
    use crate::runtime::TrapKind;
    let own = match &trap.kind {
        TrapKind::Code(c) => *c != wasmi::TrapCode::StackOverflow,
        TrapKind::Host(_) => true,
        _ => false,
    };
    if own {
        d.code = code::START_TRAPPED;
    }
    d
}

/// `name : [params] -> [results]` for each exported function.
pub fn list_exported_funcs(runtime: &Runtime, instance: &Instance) -> Vec<String> {
    let store = runtime.store();
    instance
        .exports(store)
        .filter_map(|e| match e.ty(store) {
            ExternType::Func(f) => Some(format!("{} : {}", shown(e.name()), DisplayFuncType(&f))),
            _ => None,
        })
        .collect()
}

/// Parses command-line arguments against a function's parameter types.
///
/// # Errors
/// Wrong count (showing the signature) or an argument that is not a value of its type.
pub fn parse_args(name: &str, ty: &wasmi::FuncType, args: &[String]) -> Result<Vec<Val>, Diagnostic> {
    let params = ty.params();
    if params.len() != args.len() {
        let sig = DisplayFuncType(ty);
        return Err(Diagnostic::error(
            code::ARGUMENT_COUNT,
            format!(
                "`{name}` takes {} argument{}, but {} {} given",
                params.len(),
                if params.len() == 1 { "" } else { "s" },
                args.len(),
                if args.len() == 1 { "was" } else { "were" }
            ),
        )
        .with_note(format!("`{name}` : {sig}")));
    }
    params
        .iter()
        .zip(args)
        .enumerate()
        .map(|(i, (ty, text))| {
            parse_value(text, *ty).map_err(|why| {
                Diagnostic::error(
                    code::BAD_ARGUMENT,
                    format!("argument {} of `{name}` should be an {}", i + 1, type_name(*ty)),
                )
                .with_note(why)
            })
        })
        .collect()
}

fn not_text(bytes: &[u8]) -> Diagnostic {
    let magic_note = || {
        let shown: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
        format!("a wasm binary starts with 00 61 73 6d (\"\\0asm\"); this starts with {}", shown.join(" "))
    };
    if bytes.first() == Some(&0) {
        return Diagnostic::error(
            code::MALFORMED,
            "this is not a wasm binary: its first four bytes are not the magic number",
        )
        .with_note(magic_note());
    }
    let d = Diagnostic::error(code::NOT_TEXT, "this is neither WAT text (it is not valid UTF-8) nor a wasm binary");
    if bytes.iter().take(64).any(|&b| b == 0) {
        d.with_note(magic_note())
    } else if let Err(e) = std::str::from_utf8(bytes) {
        d.with_note(format!("the first byte that is not UTF-8 is at offset {}", e.valid_up_to()))
    } else {
        d
    }
}

/// Where the import `p` is among the binary's imports (text order).
fn import_position(bytes: &[u8], p: &crate::runtime::LinkProblem) -> Option<usize> {
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        let wasmparser::Payload::ImportSection(reader) = payload.ok()? else { continue };
        let mut at = 0;
        for group in reader {
            for item in group.ok()? {
                let (_, import) = item.ok()?;
                let kind = match import.ty {
                    wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_) => "func",
                    wasmparser::TypeRef::Table(_) => "table",
                    wasmparser::TypeRef::Memory(_) => "memory",
                    wasmparser::TypeRef::Global(_) => "global",
                    wasmparser::TypeRef::Tag(_) => "tag",
                };
                if import.module == p.module && import.name == p.name && p.expected.starts_with(kind) {
                    return Some(at);
                }
                at += 1;
            }
        }
        return None;
    }
    None
}
