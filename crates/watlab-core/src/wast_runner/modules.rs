//! A script's modules on their way to an instance: encoded from text, `binary` or `quote`
//! form, checked, compiled, linked and instantiated, with each failure kept both as a short
//! message (for comparing with what an assertion expects) and, when asked, as a located
//! diagnostic (for showing the learner).
//!
//! A module that wasmi rejects only because it uses a proposal wasmi lacks is not "invalid":
//! it is *unsupported*. [`check`] tells the two apart by validating again with every proposal
//! on: if that accepts the module, or rejects it somewhere else, our rejection says nothing
//! about what the script is testing, and the directive is skipped with the proposal's name.

use wasmparser::{Validator, WasmFeatures};
use wast::core::Module as AstModule;
use wast::{QuoteWat, QuoteWatTest, Wat};

use crate::assemble::{parse_error, widen};
use crate::diag::{code, Diagnostic};
use crate::program::Program;
use crate::runtime::Runtime;
use crate::source::{SourceId, SourceMap, Span};
use crate::span_map::SpanMap;
use crate::validate::{features, validate, TextOrigin};

/// The script text a directive's spans point into.
#[derive(Clone, Copy)]
pub struct Script<'s> {
    /// Every text the session knows (diagnostics render from it).
    pub sources: &'s SourceMap,
    /// The script's id in `sources`.
    pub source: SourceId,
    /// The script's text.
    pub text: &'s str,
}

impl Script<'_> {
    /// A wast span widened over its token.
    pub fn span(&self, span: wast::token::Span) -> Span {
        let at = span.offset().min(self.text.len());
        // Widen within the line only: lexing a whole 12 MB script for one underline is wasteful.
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[at..].find('\n').map_or(self.text.len(), |i| at + i);
        let local = widen(&self.text[line_start..line_end], Span::new(self.source, at - line_start..at - line_start));
        Span::new(self.source, local.start + line_start..local.end + line_start)
    }

    /// A byte range of the script as a span.
    pub fn range(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.source, range)
    }
}

/// Why a module did not become an instance.
pub enum Failure {
    /// It needs a proposal wasmi does not support.
    Skip(String),
    /// It is malformed or invalid (or the engine refused it).
    Rejected { message: String, diag: Diagnostic },
    /// An import could not be satisfied.
    Unlinkable { message: String, diag: Diagnostic },
    /// Instantiation trapped (start function, or a segment that does not fit).
    Trapped { message: String, diag: Diagnostic },
}

impl Failure {
    /// The diagnostic to show when the failure was not expected.
    pub fn into_diagnostic(self) -> Result<Diagnostic, String> {
        match self {
            Failure::Skip(reason) => Err(reason),
            Failure::Rejected { diag, .. } | Failure::Unlinkable { diag, .. } | Failure::Trapped { diag, .. } => {
                Ok(diag)
            }
        }
    }
}

/// A module's bytes and, for text modules, its resolved syntax tree (for spans).
pub struct Encoded<'d, 'a> {
    /// The binary.
    pub bytes: Vec<u8>,
    /// The resolved text module, when the module was written as text in the script.
    pub ast: Option<&'d AstModule<'a>>,
    /// The module's keyword.
    pub span: Span,
}

impl Encoded<'_, '_> {
    /// Text spans, for modules written as text (a `binary` module's bytes have no text to point at).
    pub(crate) fn spans(&self, script: Script<'_>) -> Option<SpanMap> {
        let ast = self.ast.filter(|ast| matches!(ast.kind, wast::core::ModuleKind::Text(_)))?;
        Some(SpanMap::build(script.source, script.text.len(), ast, &self.bytes))
    }

    fn program(&self, script: Script<'_>) -> Program {
        Program {
            name: script.sources.get(script.source).map_or_else(String::new, |f| f.name.clone()),
            source: Some(script.source),
            bytes: self.bytes.clone(),
            spans: self.spans(script),
        }
    }
}

/// Encodes a script module. Components are skipped; text that does not parse or resolve
/// is rejected with a diagnostic in the script.
pub fn encode<'d, 'a>(script: Script<'_>, module: &'d mut QuoteWat<'a>) -> Result<Encoded<'d, 'a>, Failure> {
    let span = script.span(module.span());
    match module {
        QuoteWat::Wat(wat) => encode_wat(script, wat),
        QuoteWat::QuoteComponent(..) => Err(component()),
        QuoteWat::QuoteModule(_, pieces) => {
            let pieces: Vec<(Span, usize)> = {
                let mut at = 0;
                pieces
                    .iter()
                    .map(|(s, bytes)| {
                        let start = at;
                        at += bytes.len() + 1;
                        (script.span(*s), start)
                    })
                    .collect()
            };
            let text = match module.to_test() {
                Ok(QuoteWatTest::Text(t)) => t,
                Ok(QuoteWatTest::Binary(bytes)) => return Ok(Encoded { bytes, ast: None, span }),
                Err(e) => return Err(quote_error(e.message(), span)),
            };
            let Ok(text) = String::from_utf8(text) else {
                return Err(quote_error("malformed UTF-8 encoding".into(), span));
            };
            let parsed = wast::parser::ParseBuffer::new(&text)
                .and_then(|buf| wast::parser::parse::<Wat<'_>>(&buf).and_then(|mut wat| wat.encode()));
            match parsed {
                Ok(bytes) => Ok(Encoded { bytes, ast: None, span }),
                Err(e) => {
                    let at = e.span().offset();
                    let piece = pieces.iter().rev().find(|(_, start)| *start <= at).map_or(span, |(s, _)| *s);
                    Err(quote_error(e.message(), piece))
                }
            }
        }
    }
}

/// Encodes a module written as text (or `binary`) in the script.
pub fn encode_wat<'d, 'a>(script: Script<'_>, wat: &'d mut Wat<'a>) -> Result<Encoded<'d, 'a>, Failure> {
    let span = script.span(wat.span());
    match wat {
        Wat::Module(m) => match m.encode() {
            Ok(bytes) => Ok(Encoded { bytes, ast: Some(&*m), span }),
            Err(e) => {
                Err(Failure::Rejected { message: e.message(), diag: parse_error(script.source, script.text, &e) })
            }
        },
        Wat::Component(_) => Err(component()),
    }
}

fn component() -> Failure {
    Failure::Skip("components belong to the component model, which watlab does not run".into())
}

fn quote_error(message: String, at: Span) -> Failure {
    let diag = Diagnostic::error(code::SYNTAX, format!("the quoted module does not parse: {message}"))
        .with_primary(at, "in this quoted text");
    Failure::Rejected { message, diag }
}

/// What validation says about a binary.
pub enum Check {
    /// Fine for wasmi.
    Valid,
    /// Invalid whatever proposals are on.
    Invalid,
    /// Valid (or failing elsewhere) once a proposal wasmi lacks is on: the reason names it.
    Unsupported(String),
}

/// Proposals wasmi 2.0 lacks, as wasmparser feature sets, in the order they are tried.
const MISSING: &[(&str, WasmFeatures)] = &[
    ("the function-references proposal", WasmFeatures::FUNCTION_REFERENCES),
    ("the GC proposal", WasmFeatures::GC.union(WasmFeatures::FUNCTION_REFERENCES)),
    ("the exception-handling proposal", WasmFeatures::EXCEPTIONS),
    ("the threads proposal", WasmFeatures::THREADS),
    (
        "the exception-handling and function-references proposals",
        WasmFeatures::EXCEPTIONS.union(WasmFeatures::FUNCTION_REFERENCES),
    ),
    (
        "the GC and exception-handling proposals",
        WasmFeatures::GC.union(WasmFeatures::FUNCTION_REFERENCES).union(WasmFeatures::EXCEPTIONS),
    ),
];

fn first_error(bytes: &[u8], features: WasmFeatures) -> Option<(u64, String)> {
    Validator::new_with_features(features).validate_all(bytes).err().map(|e| (e.offset(), e.message().to_string()))
}

/// Validates with wasmi's features, and on failure finds out whether a missing proposal is
/// to blame.
pub fn check(bytes: &[u8]) -> Check {
    let Some((offset, message)) = first_error(bytes, features()) else { return Check::Valid };
    // Not `WasmFeatures::all()`: later proposals (shared-everything threads, for one) give
    // existing encodings new meanings and would misjudge binary tests of MVP rules.
    let superset = features()
        | WasmFeatures::GC
        | WasmFeatures::FUNCTION_REFERENCES
        | WasmFeatures::EXCEPTIONS
        | WasmFeatures::THREADS;
    match first_error(bytes, superset) {
        // Same place and same words: the rejection is about the module, not a proposal.
        Some((all_offset, all_message)) if all_offset == offset && all_message == message => {
            // Custom descriptors adds new type encodings, so it is only consulted when it makes
            // the whole module valid.
            let descriptors = superset | WasmFeatures::CUSTOM_DESCRIPTORS;
            if first_error(bytes, descriptors).is_none() {
                return Check::Unsupported(
                    "uses the custom-descriptors proposal, which wasmi 2.0 does not support".into(),
                );
            }
            return Check::Invalid;
        }
        _ => {}
    }
    for (name, extra) in MISSING {
        if first_error(bytes, features() | *extra).is_none_or(|(o, m)| o != offset || m != message) {
            return Check::Unsupported(format!("uses {name}, which wasmi 2.0 does not support"));
        }
    }
    Check::Unsupported("uses proposals wasmi 2.0 does not support".into())
}

/// Checks and compiles an encoded module. `want_diag` asks for a located diagnostic when the
/// module is rejected (building one costs a second validation pass).
pub fn compile(
    script: Script<'_>,
    runtime: &Runtime,
    encoded: &Encoded<'_, '_>,
    want_diag: bool,
) -> Result<wasmi::Module, Failure> {
    match check(&encoded.bytes) {
        Check::Valid => runtime.compile(&encoded.bytes).map_err(|e| {
            let message = e.to_string();
            let diag = Diagnostic::error(code::INVALID, format!("the engine rejected the module: {message}"))
                .with_primary(encoded.span, "this module");
            Failure::Rejected { message, diag }
        }),
        Check::Unsupported(reason) => Err(Failure::Skip(format!("the module {reason}"))),
        Check::Invalid => {
            let message = first_error(&encoded.bytes, features()).map(|(_, m)| m).unwrap_or_default();
            let diag = if want_diag {
                let spans = encoded.spans(script);
                let origin = spans.as_ref().map(|spans| TextOrigin { text: script.text, spans });
                let mut d = validate(&encoded.bytes, origin)
                    .err()
                    .unwrap_or_else(|| Diagnostic::error(code::INVALID, message.clone()));
                if d.primary_span().is_none() {
                    d = d.with_primary(encoded.span, "in this module");
                }
                d
            } else {
                Diagnostic::error(code::INVALID, message.clone())
            };
            Err(Failure::Rejected { message, diag })
        }
    }
}

/// Links and instantiates a compiled module, running its start function. Imports from a
/// registered name whose module was skipped make this module skipped too.
pub fn instantiate(
    script: Script<'_>,
    runtime: &mut Runtime,
    encoded: &Encoded<'_, '_>,
    module: &wasmi::Module,
    skipped_names: &std::collections::HashMap<String, String>,
) -> Result<wasmi::Instance, Failure> {
    for import in module.imports() {
        if let Some(reason) = skipped_names.get(import.module()) {
            return Err(Failure::Skip(format!(
                "it imports from \"{}\", whose module was skipped: {reason}",
                crate::words::DisplayName(import.module())
            )));
        }
    }
    if let Some(problem) = runtime.link_problems(module).into_iter().next() {
        let message = if problem.found.is_none() { "unknown import" } else { "incompatible import type" };
        let mut diag = encoded.program(script).link_diagnostic(script.sources, &problem);
        if diag.primary_span().is_none() {
            diag = diag.with_primary(encoded.span, "this module's import");
        }
        return Err(Failure::Unlinkable { message: message.into(), diag });
    }
    match runtime.instantiate(module) {
        Ok(instance) => Ok(instance),
        Err(Ok(trap)) => {
            let program = encoded.program(script);
            let message = trap.spec_message();
            let mut diag = program.instantiation_trap(script.sources, &trap, runtime);
            if diag.primary_span().is_none() {
                diag = diag.with_primary(encoded.span, "instantiating this module");
            }
            Err(Failure::Trapped { message, diag })
        }
        Err(Err(e)) => {
            use wasmi::errors::{ErrorKind, InstantiationError as I};
            let message = e.to_string();
            let link = matches!(
                e.kind(),
                ErrorKind::Instantiation(
                    I::MismatchedNumberOfImports { .. }
                        | I::ImportTypeMismatch { .. }
                        | I::GlobalTypeMismatch { .. }
                        | I::FuncTypeMismatch { .. }
                        | I::TableTypeMismatch { .. }
                        | I::MemoryTypeMismatch { .. }
                )
            );
            let mut diag = encoded.program(script).instantiation_diagnostic(script.sources, &message, runtime);
            if diag.primary_span().is_none() {
                diag = diag.with_primary(encoded.span, "instantiating this module");
            }
            if link {
                Err(Failure::Unlinkable { message: format!("incompatible import type ({message})"), diag })
            } else {
                Err(Failure::Trapped { message, diag })
            }
        }
    }
}
