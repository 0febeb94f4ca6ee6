//! The WAST runner: executes the spec's script directives against one [`Runtime`].
//!
//! [`WastContext`] keeps what a script builds up (the current module, `$named` instances,
//! module definitions, names registered for import) and runs one parsed directive at a time,
//! returning an [`Outcome`]: passed (with an `invoke`'s values), failed (with a diagnostic
//! located in the script), or skipped (with the reason, when the directive needs a proposal
//! wasmi 2.0 lacks: GC, function references, exceptions, threads). [`run_script`] parses and
//! runs a whole text and counts directives; the `test` command, lesson checks and the REPL are
//! its callers. Message comparison is `messages`'s job, value patterns `values`'s, turning
//! script modules into instances `modules`'s; reading files and printing belong to the front end.
//!
//! As in the spec's own runners, `assert_invalid` and `assert_malformed` pass when the module is
//! rejected, whatever the wording (wasmparser's differs from the spec interpreter's), while trap,
//! exhaustion and link messages are compared through `messages::ALIASES`.

// Failures carry a located `Diagnostic`, which is large; they are the rare path, so boxing
// them would only add noise to every signature (the core makes the same choice).
#![allow(clippy::result_large_err)]

mod assertions;
mod messages;
mod modules;
mod scan;
mod script;
mod values;

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use wasmi::{Extern, Instance, Val};
use wast::token::Id;
use wast::{QuoteWat, WastDirective, WastExecute, WastInvoke};

use crate::diag::{code, Diagnostic};
use crate::runtime::{Limits, Runtime};
use crate::source::{line_col, SourceId, SourceMap, Span};
use crate::words::closest;

pub use messages::{matches as message_matches, ALIASES};
pub use script::{run_script, run_script_in, ScriptOptions, ScriptReport, Skip};
pub use values::number_arg;

use modules::{Encoded, Failure, Script};

/// Fuel per `invoke` for scripts: the spec suite's largest call (in `return_call.wast`) needs
/// about 9 million units, and a runaway loop in a lesson still stops within about a second.
pub const DEFAULT_FUEL: u64 = 300_000_000;

/// The limits `watlab test` starts from: [`DEFAULT_FUEL`] per call, and `run`'s memory and
/// call-depth limits (256 MiB per memory is more than any spec script grows to; the scripts
/// that grow memories past their maximum expect `memory.grow` to return -1 either way).
pub fn default_limits() -> Limits {
    Limits { fuel: Some(DEFAULT_FUEL), ..Limits::default() }
}

const SKIPPED_MODULE: &str = "its module was skipped: ";

/// How one directive ended.
#[derive(Debug)]
pub enum Outcome {
    /// The directive succeeded; `values` are an invoke's/get's results (empty otherwise), `note` e.g. "defined module $m".
    Passed {
        /// What an `invoke` or `get` returned.
        values: Vec<Val>,
        /// A short remark for interactive callers.
        note: Option<String>,
        /// The `$name` (with its `$`) of the module this directive defined, if it has one.
        module: Option<String>,
    },
    /// The directive failed; the diagnostic points into the script.
    Failed(Diagnostic),
    /// The directive needs something wasmi does not support.
    Skipped {
        /// Why, naming the proposal.
        reason: String,
    },
}

impl Outcome {
    fn passed() -> Outcome {
        Outcome::Passed { values: Vec::new(), note: None, module: None }
    }

    fn note(note: impl Into<String>) -> Outcome {
        Outcome::Passed { values: Vec::new(), note: Some(note.into()), module: None }
    }
}

/// A module slot: what a name (or "the current module") refers to.
#[derive(Clone)]
enum Slot {
    Ready(Instance),
    /// The module was skipped, for this reason.
    Skipped(String),
    /// The module failed to load; the text says where.
    Failed(String),
}

#[derive(Clone)]
enum Definition {
    Ready(wasmi::Module, Vec<u8>),
    Skipped(String),
    Failed(String),
}

/// Why an `invoke`, `get` or module instantiation did not produce values.
enum ExecError {
    Skip(String),
    Fail(Diagnostic),
    /// A trap or a failed instantiation, with the message to compare.
    Trap {
        message: String,
        diag: Diagnostic,
    },
}

impl From<Failure> for ExecError {
    fn from(f: Failure) -> ExecError {
        match f {
            Failure::Skip(reason) => ExecError::Skip(reason),
            Failure::Rejected { diag, .. } => ExecError::Fail(diag),
            Failure::Unlinkable { message, diag } | Failure::Trapped { message, diag } => {
                ExecError::Trap { message, diag }
            }
        }
    }
}

impl ExecError {
    fn into_outcome(self) -> Outcome {
        match self {
            ExecError::Skip(reason) => Outcome::Skipped { reason },
            ExecError::Fail(diag) | ExecError::Trap { diag, .. } => Outcome::Failed(diag),
        }
    }
}

/// Executes WAST directives against one Runtime; keeps named and registered instances.
pub struct WastContext {
    runtime: Runtime,
    current: Option<Slot>,
    named: HashMap<String, Slot>,
    definitions: HashMap<String, Definition>,
    last_definition: Option<Definition>,
    /// Registered import names whose module was skipped, with the reason.
    skipped_names: HashMap<String, String>,
    /// The current module's binary and text locations, when the caller loaded it from text
    /// (a lesson's learner module): traps in its calls are then located in that text.
    located: Option<(Vec<u8>, crate::span_map::SpanMap)>,
    /// The names instances were registered under, oldest first.
    registered: Vec<String>,
    /// The trap of the last call, if it trapped.
    last_trap: Option<crate::runtime::Trap>,
    /// Script modules written as text are located (see [`WastContext::locate_modules`]).
    locate_modules: bool,
    /// An `assert_trap` runs: a trap is expected, and only its message matters.
    expecting_trap: bool,
}

impl WastContext {
    /// A context over `runtime` (which already provides `spectest`).
    pub fn new(mut runtime: Runtime) -> WastContext {
        // Scripts register several modules under one name (`register "M"` twice); the latest wins.
        runtime.linker_mut().allow_shadowing(true);
        WastContext {
            runtime,
            current: None,
            named: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            skipped_names: HashMap::new(),
            located: None,
            registered: Vec::new(),
            last_trap: None,
            locate_modules: false,
            expecting_trap: false,
        }
    }

    /// No module is current yet (nothing for `(register "name")` or `(invoke "f")` to use).
    pub fn current_is_none(&self) -> bool {
        self.current.is_none()
    }

    /// The names `(register ...)` made importable, oldest first.
    pub fn registered(&self) -> &[String] {
        &self.registered
    }

    /// The runtime, for reading the store.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// The runtime, for changing limits or the store.
    pub fn runtime_mut(&mut self) -> &mut Runtime {
        &mut self.runtime
    }

    /// Makes `instance` the one that unnamed `invoke`/`get`/assertions use (the REPL's session module).
    pub fn set_current(&mut self, instance: Instance) {
        self.replace_current(Slot::Ready(instance));
    }

    /// Like [`WastContext::set_current`], for an instance of the module `bytes` assembled from
    /// text with `spans`: a call of one of its exports that traps is re-run on an
    /// instrumented copy (see `trace::locate_trap`) so the diagnostic points at the trapping
    /// instruction in that text and lists the calls that led there. The re-run starts from a
    /// fresh instance; when earlier directives changed its state and the re-run ends
    /// differently, the diagnostic simply has no location.
    pub fn set_current_located(&mut self, instance: Instance, bytes: Vec<u8>, spans: crate::span_map::SpanMap) {
        self.current = Some(Slot::Ready(instance));
        self.located = Some((bytes, spans));
    }

    /// A new current module: any text locations belonged to the one before.
    fn replace_current(&mut self, slot: Slot) {
        self.current = Some(slot);
        self.located = None;
    }

    /// Locates traps in the script's own text modules, as [`WastContext::set_current_located`]
    /// does for a module from elsewhere: a call that traps outside an `assert_trap` is re-run
    /// on the recording copies, so its report points into the module and shows the values.
    /// Off by default: a spec suite expects thousands of traps and needs none of this.
    pub fn locate_modules(&mut self, on: bool) {
        self.locate_modules = on;
    }

    /// How the last call ended, when it trapped (with the fuel it used).
    pub fn last_trap(&self) -> Option<&crate::runtime::Trap> {
        self.last_trap.as_ref()
    }

    /// The instance unnamed directives use, if the last module loaded.
    pub fn current(&self) -> Option<Instance> {
        match self.current {
            Some(Slot::Ready(instance)) => Some(instance),
            _ => None,
        }
    }

    /// The instance a script named `$name` (give `name` without the `$`), if it loaded.
    pub fn named(&self, name: &str) -> Option<Instance> {
        match self.named.get(name) {
            Some(Slot::Ready(instance)) => Some(*instance),
            _ => None,
        }
    }

    /// Records that a module (named `name`, without `$`) could not even be parsed, so later
    /// directives that use it fail with that reason.
    /// With `skipped`, `why` is a skip reason instead, and later uses are skipped too.
    pub(crate) fn mark_unparsed(&mut self, name: Option<&str>, why: String, skipped: bool) {
        let slot = if skipped { Slot::Skipped(why) } else { Slot::Failed(why) };
        if let Some(name) = name {
            self.named.insert(name.to_string(), slot.clone());
        }
        self.replace_current(slot);
    }

    /// Runs one parsed directive. `source` is the SourceId of the text its spans point into (stored in `sources`).
    pub fn run(
        &mut self,
        sources: &SourceMap,
        source: SourceId,
        directive: WastDirective<'_>,
        interrupt: Option<&AtomicBool>,
    ) -> Outcome {
        let text = sources.get(source).map_or("", |f| f.text.as_str());
        let s = Script { sources, source, text };
        match directive {
            WastDirective::Module(mut module) => self.module(s, &mut module),
            WastDirective::ModuleDefinition(mut module) => self.definition(s, &mut module),
            WastDirective::ModuleInstance { span, instance, module } => self.module_instance(s, span, instance, module),
            WastDirective::AssertMalformed { span, mut module, message } => {
                self.assert_rejected(s, span, &mut module, message, "malformed")
            }
            WastDirective::AssertInvalid { span, mut module, message } => {
                self.assert_rejected(s, span, &mut module, message, "invalid")
            }
            WastDirective::AssertMalformedCustom { .. } | WastDirective::AssertInvalidCustom { .. } => {
                Outcome::Skipped { reason: "custom-section annotations (`@custom`) are not checked by watlab".into() }
            }
            WastDirective::Register { span, name, module } => self.register(s, span, name, module),
            WastDirective::Invoke(invoke) => match self.invoke(s, &invoke, interrupt) {
                Ok(values) => Outcome::Passed { values, note: None, module: None },
                Err(e) => e.into_outcome(),
            },
            WastDirective::AssertReturn { span, mut exec, results } => {
                self.assert_return(s, span, &mut exec, &results, interrupt)
            }
            WastDirective::AssertTrap { span, mut exec, message } => {
                self.assert_trap(s, span, &mut exec, message, interrupt)
            }
            WastDirective::AssertExhaustion { span, call, message } => {
                let mut exec = WastExecute::Invoke(call);
                self.assert_trap(s, span, &mut exec, message, interrupt)
            }
            WastDirective::AssertUnlinkable { span, mut module, message } => {
                self.assert_unlinkable(s, span, &mut module, message)
            }
            WastDirective::AssertException { .. } => Outcome::Skipped {
                reason:
                    "`assert_exception` belongs to the exception-handling proposal, which wasmi 2.0 does not support"
                        .into(),
            },
            WastDirective::AssertSuspension { .. } => Outcome::Skipped {
                reason: "`assert_suspension` belongs to the stack-switching proposal, which wasmi 2.0 does not support"
                    .into(),
            },
            WastDirective::Thread(_) | WastDirective::Wait { .. } => Outcome::Skipped {
                reason: "script threads belong to the threads proposal, which wasmi 2.0 does not support".into(),
            },
        }
    }

    fn failed_here(s: Script<'_>, span: Span) -> String {
        let (line, _) = line_col(s.text, span.start);
        format!("the module at line {line} failed to load")
    }

    fn module(&mut self, s: Script<'_>, module: &mut QuoteWat<'_>) -> Outcome {
        let id = module.name();
        let result = modules::encode(s, module).and_then(|encoded| {
            let compiled = modules::compile(s, &self.runtime, &encoded, true)?;
            let instance = modules::instantiate(s, &mut self.runtime, &encoded, &compiled, &self.skipped_names)?;
            let located = if self.locate_modules { encoded.spans(s).map(|m| (encoded.bytes.clone(), m)) } else { None };
            Ok((instance, located))
        });
        let span = s.span(module.span());
        let mut located = None;
        let (slot, outcome) = match result {
            Ok((instance, text)) => {
                located = text;
                let module = id.map(|id| format!("${}", id.name()));
                let note =
                    module.as_ref().map_or_else(|| "defined a module".to_string(), |m| format!("defined module {m}"));
                (Slot::Ready(instance), Outcome::Passed { values: Vec::new(), note: Some(note), module })
            }
            Err(failure) => match failure.into_diagnostic() {
                Err(reason) => (Slot::Skipped(reason.clone()), Outcome::Skipped { reason }),
                Ok(diag) => (Slot::Failed(Self::failed_here(s, span)), Outcome::Failed(diag)),
            },
        };
        if let Some(id) = id {
            self.named.insert(id.name().to_string(), slot.clone());
        }
        self.replace_current(slot);
        self.located = located;
        outcome
    }

    fn definition(&mut self, s: Script<'_>, module: &mut QuoteWat<'_>) -> Outcome {
        let id = module.name();
        let span = s.span(module.span());
        let result = modules::encode(s, module)
            .and_then(|encoded| Ok((modules::compile(s, &self.runtime, &encoded, true)?, encoded.bytes)));
        let (def, outcome) = match result {
            Ok((compiled, bytes)) => {
                (Definition::Ready(compiled, bytes), Outcome::note("defined a module (not instantiated)"))
            }
            Err(failure) => match failure.into_diagnostic() {
                Err(reason) => (Definition::Skipped(reason.clone()), Outcome::Skipped { reason }),
                Ok(diag) => (Definition::Failed(Self::failed_here(s, span)), Outcome::Failed(diag)),
            },
        };
        if let Some(id) = id {
            self.definitions.insert(id.name().to_string(), def.clone());
        }
        self.last_definition = Some(def);
        outcome
    }

    fn module_instance(
        &mut self,
        s: Script<'_>,
        span: wast::token::Span,
        instance: Option<Id<'_>>,
        module: Option<Id<'_>>,
    ) -> Outcome {
        let at = s.span(span);
        let def = match module {
            Some(id) => self.definitions.get(id.name()).cloned(),
            None => self.last_definition.clone(),
        };
        let slot = match def {
            None => {
                let what = module.map_or("no module has been defined yet".to_string(), |id| {
                    format!("there is no module definition named `${}`", id.name())
                });
                return Outcome::Failed(
                    Diagnostic::error(code::UNKNOWN_MODULE, what).with_primary(at, "instantiated here"),
                );
            }
            Some(Definition::Skipped(reason)) => Err(ExecError::Skip(reason)),
            Some(Definition::Failed(why)) => Err(ExecError::Fail(module_failed(at, &why))),
            Some(Definition::Ready(compiled, bytes)) => {
                let encoded = Encoded { bytes, ast: None, span: at };
                modules::instantiate(s, &mut self.runtime, &encoded, &compiled, &self.skipped_names)
                    .map_err(ExecError::from)
            }
        };
        let (slot, outcome) = match slot {
            Ok(inst) => (Slot::Ready(inst), Outcome::note("instantiated the module")),
            Err(ExecError::Skip(reason)) => (Slot::Skipped(reason.clone()), Outcome::Skipped { reason }),
            Err(ExecError::Fail(diag) | ExecError::Trap { diag, .. }) => {
                (Slot::Failed(Self::failed_here(s, at)), Outcome::Failed(diag))
            }
        };
        if let Some(id) = instance {
            self.named.insert(id.name().to_string(), slot.clone());
        }
        self.replace_current(slot);
        outcome
    }

    /// The instance `id` names, or the current one.
    fn instance(&self, s: Script<'_>, id: Option<Id<'_>>, at: Span) -> Result<Instance, ExecError> {
        let slot = match id {
            Some(id) => self.named.get(id.name()).ok_or_else(|| {
                let name = format!("${}", id.name());
                let mut d = Diagnostic::error(code::UNKNOWN_MODULE, format!("there is no module named `{name}`"))
                    .with_primary(s.span(id.span()), "unknown module");
                let known: Vec<String> = self.named.keys().map(|k| format!("${k}")).collect();
                if let Some(best) = closest(&name, known.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                } else if known.is_empty() {
                    d = d.with_note("no module in this script has a `$name`: write `(module $name ...)` to name one");
                }
                ExecError::Fail(d)
            })?,
            None => self.current.as_ref().ok_or_else(|| {
                ExecError::Fail(
                    Diagnostic::error(code::UNKNOWN_MODULE, "there is no module to use yet")
                        .with_primary(at, "needs a module")
                        .with_help("define a module with `(module ...)` before invoking its exports"),
                )
            })?,
        };
        match slot {
            Slot::Ready(instance) => Ok(*instance),
            Slot::Skipped(reason) => Err(ExecError::Skip(format!("{SKIPPED_MODULE}{reason}"))),
            Slot::Failed(why) => Err(ExecError::Fail(module_failed(at, why))),
        }
    }

    fn invoke(
        &mut self,
        s: Script<'_>,
        invoke: &WastInvoke<'_>,
        interrupt: Option<&AtomicBool>,
    ) -> Result<Vec<Val>, ExecError> {
        let keyword = s.span(invoke.span);
        let items = scan::children(s.text, invoke.span.offset());
        let name_span =
            items.iter().find(|r| s.text[r.start..].starts_with('"')).map_or(keyword, |r| s.range(r.clone()));
        let arg_spans: Vec<Span> =
            items.iter().filter(|r| s.text[r.start..].starts_with('(')).map(|r| s.range(r.clone())).collect();
        let instance = self.instance(s, invoke.module, keyword)?;
        let func = self.export_func(s, instance, invoke.name, name_span)?;
        let mut args = Vec::with_capacity(invoke.args.len());
        for arg in &invoke.args {
            args.push(values::arg_value(self.runtime.store_mut(), arg).map_err(ExecError::Skip)?);
        }
        let ty = func.ty(self.runtime.store());
        check_args(invoke.name, &ty, &args, name_span, &arg_spans).map_err(ExecError::Fail)?;
        let result = self.runtime.call(func, &args, interrupt);
        self.last_trap = result.as_ref().err().cloned();
        result.map_err(|trap| {
            let limits = self.runtime.limits();
            let mut diag = crate::trap::diagnostic(&trap, limits, &format!("`{}`", invoke.name));
            let trace = match &self.located {
                Some((bytes, spans)) if invoke.module.is_none() && !self.expecting_trap => {
                    let entry = crate::trace::Entry::Export { name: invoke.name, args: &args };
                    diag = crate::trace::values::with_values(diag, bytes, Some(spans), s.sources, limits, entry, &trap);
                    crate::trace::locate_trap(bytes, spans, limits, entry, &trap)
                }
                _ => None,
            };
            let diag = match trace {
                Some(trace) => crate::trace::attach(diag, &trace, &trap.kind, s.sources)
                    .with_secondary(name_span, "this call trapped"),
                None => diag.with_primary(name_span, "this call trapped"),
            };
            ExecError::Trap { message: trap.spec_message(), diag }
        })
    }

    fn export_func(&self, s: Script<'_>, instance: Instance, name: &str, at: Span) -> Result<wasmi::Func, ExecError> {
        match self.export(s, instance, name, at)? {
            Extern::Func(f) => Ok(f),
            other => Err(ExecError::Fail(
                Diagnostic::error(code::NOT_A_FUNCTION, format!("the export `{name}` is not a function"))
                    .with_primary(at, "not a function")
                    .with_note(format!(
                        "it is a {}",
                        crate::runtime::extern_type_words(&other.ty(self.runtime.store()))
                    )),
            )),
        }
    }

    fn export(&self, _s: Script<'_>, instance: Instance, name: &str, at: Span) -> Result<Extern, ExecError> {
        let store = self.runtime.store();
        instance.get_export(store, name).ok_or_else(|| {
            let names: Vec<String> = instance.exports(store).map(|e| e.name().to_string()).collect();
            let shown = crate::words::shown_name;
            let mut d =
                Diagnostic::error(code::UNKNOWN_EXPORT, format!("the module has no export named `{}`", shown(name)))
                    .with_primary(at, "no such export");
            if let Some(best) = closest(name, names.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{}`?", shown(best)));
            }
            let names: Vec<String> = names.iter().map(|n| shown(n)).collect();
            let funcs = crate::program::list_exported_funcs(&self.runtime, &instance);
            d = if names.is_empty() {
                d.with_note("the module exports nothing")
            } else if funcs.is_empty() {
                d.with_note(format!("its exports: {}", names.join(", ")))
            } else {
                d.with_note(format!("exported functions:\n{}", funcs.join("\n")))
            };
            ExecError::Fail(d)
        })
    }

    fn get(
        &self,
        s: Script<'_>,
        span: wast::token::Span,
        module: Option<Id<'_>>,
        global: &str,
    ) -> Result<Vec<Val>, ExecError> {
        let keyword = s.span(span);
        let items = scan::children(s.text, span.offset());
        let at = items.iter().find(|r| s.text[r.start..].starts_with('"')).map_or(keyword, |r| s.range(r.clone()));
        let instance = self.instance(s, module, keyword)?;
        match self.export(s, instance, global, at)? {
            Extern::Global(g) => Ok(vec![g.get(self.runtime.store())]),
            other => Err(ExecError::Fail(
                Diagnostic::error(code::UNKNOWN_EXPORT, format!("the export `{global}` is not a global"))
                    .with_primary(at, "not a global")
                    .with_note(format!(
                        "it is a {}",
                        crate::runtime::extern_type_words(&other.ty(self.runtime.store()))
                    )),
            )),
        }
    }

    /// Runs the action of an assertion: an invoke, a get, or instantiating a module.
    fn execute(
        &mut self,
        s: Script<'_>,
        exec: &mut WastExecute<'_>,
        interrupt: Option<&AtomicBool>,
    ) -> Result<Vec<Val>, ExecError> {
        match exec {
            WastExecute::Invoke(invoke) => self.invoke(s, invoke, interrupt),
            WastExecute::Get { span, module, global } => self.get(s, *span, *module, global),
            WastExecute::Wat(wat) => {
                let encoded = modules::encode_wat(s, wat)?;
                let compiled = modules::compile(s, &self.runtime, &encoded, true)?;
                modules::instantiate(s, &mut self.runtime, &encoded, &compiled, &self.skipped_names)?;
                Ok(Vec::new())
            }
        }
    }

    fn register(&mut self, s: Script<'_>, span: wast::token::Span, name: &str, module: Option<Id<'_>>) -> Outcome {
        let at = s.span(span);
        match self.instance(s, module, at) {
            Ok(instance) => match register_instance(&mut self.runtime, name, instance) {
                Ok(()) => {
                    self.skipped_names.remove(name);
                    if !self.registered.iter().any(|r| r == name) {
                        self.registered.push(name.to_string());
                    }
                    Outcome::note(format!("registered the module as \"{name}\""))
                }
                Err(e) => Outcome::Failed(
                    Diagnostic::error(code::INSTANTIATION, format!("cannot register the module: {e}"))
                        .with_primary(at, ""),
                ),
            },
            Err(ExecError::Skip(reason)) => {
                let root = reason.strip_prefix(SKIPPED_MODULE).unwrap_or(&reason);
                self.skipped_names.insert(name.to_string(), root.to_string());
                Outcome::Skipped { reason }
            }
            Err(e) => e.into_outcome(),
        }
    }
}

fn register_instance(runtime: &mut Runtime, name: &str, instance: Instance) -> Result<(), wasmi::Error> {
    let exports: Vec<(String, Extern)> =
        instance.exports(runtime.store()).map(|e| (e.name().to_string(), e.into_extern())).collect();
    for (field, ext) in exports {
        runtime.define(name, &field, ext)?;
    }
    Ok(())
}

fn module_failed(at: Span, why: &str) -> Diagnostic {
    Diagnostic::error(code::MODULE_FAILED, format!("this needs a module that could not be used: {why}"))
        .with_primary(at, "uses that module")
        .with_help("fix the module's own error first (reported above)")
}

/// Checks `invoke` arguments against the function's parameter types.
fn check_args(
    name: &str,
    ty: &wasmi::FuncType,
    args: &[Val],
    name_span: Span,
    arg_spans: &[Span],
) -> Result<(), Diagnostic> {
    use crate::value::{type_name, DisplayFuncType};
    let params = ty.params();
    if params.len() != args.len() {
        return Err(Diagnostic::error(
            code::ARGUMENT_COUNT,
            format!(
                "`{name}` takes {} argument{}, but the script passes {}",
                params.len(),
                if params.len() == 1 { "" } else { "s" },
                args.len()
            ),
        )
        .with_primary(name_span, format!("`{name}` : {}", DisplayFuncType(ty))));
    }
    for (i, (param, arg)) in params.iter().zip(args).enumerate() {
        if arg.ty() != *param {
            let at = arg_spans.get(i).copied().unwrap_or(name_span);
            return Err(Diagnostic::error(
                code::BAD_ARGUMENT,
                format!(
                    "argument {} of `{name}` should be an {}, but the script passes an {}",
                    i + 1,
                    type_name(*param),
                    type_name(arg.ty())
                ),
            )
            .with_primary(at, format!("this is an {}", type_name(arg.ty())))
            .with_note(format!("`{name}` : {}", DisplayFuncType(ty))));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::Captured;
    use wast::parser::{self, ParseBuffer};

    /// Runs `directive` the way the REPL does: one parsed directive at a time.
    fn run(cx: &mut WastContext, sources: &mut SourceMap, directive: &str) -> Outcome {
        let id = sources.add("repl", directive);
        let text = sources.get(id).expect("just added").text.clone();
        let buf = ParseBuffer::new(&text).expect("lexes");
        let d: WastDirective<'_> = parser::parse(&buf).expect("parses");
        cx.run(sources, id, d, None)
    }

    #[test]
    fn the_current_module_can_be_set_from_outside() {
        let mut sources = SourceMap::new();
        let mut cx = WastContext::new(Runtime::new(default_limits(), Box::new(Captured::default())));
        let program = crate::program::Program::load(
            &mut sources,
            "m.wat",
            b"(module (func (export \"seven\") (result i32) i32.const 7))".to_vec(),
        )
        .expect("valid");
        let (_, instance) = program.instantiate(&sources, cx.runtime_mut()).expect("instantiates");
        cx.set_current(instance);
        assert!(cx.current().is_some() && cx.named("m").is_none());
        match run(&mut cx, &mut sources, r#"invoke "seven""#) {
            Outcome::Passed { values, .. } => assert!(matches!(values[..], [Val::I32(7)])),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run(&mut cx, &mut sources, r#"assert_return (invoke "seven") (i32.const 7)"#),
            Outcome::Passed { .. }
        ));
        assert!(matches!(
            run(&mut cx, &mut sources, r#"assert_return (invoke "seven") (i32.const 8)"#),
            Outcome::Failed(_)
        ));
        assert!(
            matches!(run(&mut cx, &mut sources, r#"invoke "eight""#), Outcome::Failed(d) if d.code == code::UNKNOWN_EXPORT)
        );
    }

    #[test]
    fn modules_are_named_registered_and_noted() {
        let mut sources = SourceMap::new();
        let mut cx = WastContext::new(Runtime::new(default_limits(), Box::new(Captured::default())));
        let defined = run(&mut cx, &mut sources, r#"module $a (func (export "f") (result i32) i32.const 1)"#);
        assert!(matches!(defined, Outcome::Passed { note: Some(n), .. } if n == "defined module $a"));
        assert!(matches!(run(&mut cx, &mut sources, r#"register "a" $a"#), Outcome::Passed { .. }));
        let user = run(
            &mut cx,
            &mut sources,
            r#"module (import "a" "f" (func $f (result i32))) (func (export "g") (result i32) call $f)"#,
        );
        assert!(matches!(user, Outcome::Passed { .. }), "{user:?}");
        assert!(matches!(
            run(&mut cx, &mut sources, r#"assert_return (invoke "g") (i32.const 1)"#),
            Outcome::Passed { .. }
        ));
        assert!(
            matches!(run(&mut cx, &mut sources, r#"register "b" $nope"#), Outcome::Failed(d) if d.code == code::UNKNOWN_MODULE)
        );
    }

    /// Issue 11: a lesson's learner module is set with its text, so a check whose call traps
    /// shows the trap's values and its place in the learner's file.
    #[test]
    fn a_located_module_shows_a_traps_values() {
        let mut sources = SourceMap::new();
        let mut cx = WastContext::new(Runtime::new(default_limits(), Box::new(Captured::default())));
        let text = b"(module (func (export \"div\") (param $a i32) (param $b i32) (result i32)\n  (i32.div_s (local.get $a) (local.get $b))))";
        let program = crate::program::Program::load(&mut sources, "learner.wat", text.to_vec()).expect("valid");
        let (_, instance) = program.instantiate(&sources, cx.runtime_mut()).expect("instantiates");
        let spans = program.spans.clone().expect("text");
        cx.set_current_located(instance, program.bytes.clone(), spans);
        let Outcome::Failed(d) =
            run(&mut cx, &mut sources, r#"assert_return (invoke "div" (i32.const 7) (i32.const 0)) (i32.const 1)"#)
        else {
            panic!("the check passed");
        };
        let notes: Vec<&str> = d.notes.iter().map(|n| n.text.as_str()).collect();
        assert!(notes.contains(&"`i32.div_s` of 7 by 0"), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("$a = 7 : i32, $b = 0 : i32")), "{notes:?}");
        let primary = d.primary_span().expect("located");
        assert_eq!(sources.get(primary.source).map(|f| f.name.as_str()), Some("learner.wat"));
    }

    /// `watlab test` (ScriptOptions::locate) places a trap in the script's own module; by
    /// default (the spec suite) it does not.
    #[test]
    fn script_modules_are_located_when_asked() {
        let text = "(module (func (export \"f\") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))\n(invoke \"f\" (i32.const 0))\n";
        for locate in [true, false] {
            let mut sources = SourceMap::new();
            let options = crate::wast_runner::ScriptOptions { locate, ..Default::default() };
            let report = crate::wast_runner::run_script(&mut sources, "t.wast", text, default_limits(), &options);
            let d = &report.failures[0];
            let has_values = d.notes.iter().any(|n| n.text == "`i32.div_u` of 1 by 0");
            assert_eq!(has_values, locate, "{:?}", d.notes);
        }
    }
}
