//! The REPL's core: a live session module, a value stack, and `Session::eval`.
//!
//! `eval` takes one complete input (one or more lines) and returns [`Event`]s: what was defined,
//! the new stack, program output, diagnostics. It never prints, reads files or looks at the
//! terminal: `:save` and `:load` come back as events for the front end to carry out, and
//! `load_text` takes the text it read. Each input is stored in the `SourceMap` as `repl[N]`, so
//! diagnostics point at the line the learner just typed, and earlier definitions keep pointing
//! at theirs.
//!
//! Parts: `defs` (what an input is), `build` (rebuilding the module, carrying state over),
//! `snippet` (bare instructions), `inspect` (the views behind `:memory`, `:funcs` and friends),
//! `wast` (WAST commands).

// Failures carry a located `Diagnostic`, which is large; they are the rare path (as in the core).
#![allow(clippy::result_large_err)]

mod advice;
use advice::{is_command_word, misplaced, unfinished};
mod build;
mod complete;
pub(crate) mod defs;
mod events;
mod inspect;
mod lens;
mod recording;
mod run_command;
mod snippet;
mod wast;

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use wasmi::{Extern, Val};

use crate::commands;
use crate::diag::{code, Cause, Diagnostic, NoteKind};
use crate::host::Output;
use crate::runtime::TrapKind;
use crate::runtime::{Limits, Runtime};
use crate::source::{SourceId, SourceMap, Span};
use crate::value::DisplayFuncType;
use crate::value::DisplayTyped;

pub use defs::{shape, starts_afresh, Shape, FIELD_KEYWORDS, WAST_KEYWORDS};
pub use events::{Change, DebugTarget, Definition, Detail, Event, MemoryRow, MemoryView, TraceView};

/// Marks "the same text as before" among replaced definitions.
const SAME: SourceId = SourceId(u32::MAX - 1);

/// Shows a stack as `[2 : i32, 3 : i32]`.
pub struct DisplayStack<'a>(pub &'a [Val]);

impl fmt::Display for DisplayStack<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", crate::value::DisplayTyped(v))?;
        }
        f.write_str("]")
    }
}

/// Program output, shared by every runtime the session creates.
#[derive(Clone)]
pub struct SharedOutput(Rc<RefCell<Box<dyn Output>>>);

impl Output for SharedOutput {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        self.0.borrow_mut().write_str(text)
    }
}

/// Collects output for [`Event::Output`].
struct Buffer(Rc<RefCell<String>>);

impl Output for Buffer {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        self.0.borrow_mut().push_str(text);
        Ok(())
    }
}

/// What running an input needs from the session besides its module: the definitions, the
/// texts, the limits and the interrupt flag.
pub(crate) struct Env<'a> {
    defs: &'a [defs::Def],
    sources: &'a SourceMap,
    limits: Limits,
    interrupt: Option<&'a AtomicBool>,
    /// Memory 0 and the globals before the input ran, for re-running a call that trapped.
    memory_before: Option<&'a Vec<u8>>,
    globals_before: &'a [Option<Val>],
    /// `:trace` is on, with this many lines at most.
    trace: Option<u64>,
}

/// What running an input needs, with the state before it and the `:trace` setting (a macro,
/// not a method, so the session's module can still be borrowed mutably beside it).
macro_rules! input_env {
    ($s:expr) => {
        Env {
            defs: &$s.defs,
            sources: &$s.sources,
            limits: $s.limits,
            interrupt: Some(&$s.interrupt),
            memory_before: $s.memory_before.as_ref(),
            globals_before: &$s.globals_before,
            trace: $s.trace,
        }
    };
}

/// A runtime to leave in a place whose store was taken.
fn spare(limits: Limits, output: &SharedOutput) -> Runtime {
    Runtime::new(limits, Box::new(output.clone()))
}

/// One live WebAssembly session.
pub struct Session {
    sources: SourceMap,
    defs: Vec<defs::Def>,
    /// The definitions before each input that changed them, for `:undo`.
    history: Vec<Vec<defs::Def>>,
    built: build::Built,
    stack: Vec<Val>,
    limits: Limits,
    output: SharedOutput,
    captured: Option<Rc<RefCell<String>>>,
    interrupt: Arc<AtomicBool>,
    /// Named WAST modules, beside the session module.
    named: wast::Named,
    /// The session module lives in the named modules' store (it imports from a registered
    /// module), so `built.runtime` is that store and `named` borrows it for its commands.
    shared: bool,
    n_inputs: usize,
    next_def: u64,
    /// Snippets run in the current store.
    n_snippets: usize,
    /// Memory 0 as it was before the last input that ran code, for `:memory` to mark what it
    /// changed (kept only for memories up to [`Session::SNAPSHOT_LIMIT`] bytes).
    memory_before: Option<Vec<u8>>,
    /// Every global's value before the last input that ran code.
    globals_before: Vec<Option<Val>>,
    /// `:trace on`: calls and snippets are traced, with at most this many lines.
    trace: Option<u64>,
}

impl Session {
    /// An empty session whose program output comes back as [`Event::Output`].
    pub fn new(limits: Limits) -> Session {
        let buffer = Rc::new(RefCell::new(String::new()));
        let mut s = Session::with_output(limits, Box::new(Buffer(buffer.clone())));
        s.captured = Some(buffer);
        s
    }

    /// An empty session whose programs print straight to `output` (so long runs show progress).
    pub fn with_output(limits: Limits, output: Box<dyn Output>) -> Session {
        let output = SharedOutput(Rc::new(RefCell::new(output)));
        let built = build::empty(limits, &output).expect("an empty module always builds");
        let named = wast::Named::new(limits, &output);
        Session {
            named,
            shared: false,
            sources: SourceMap::new(),
            defs: Vec::new(),
            history: Vec::new(),
            built,
            stack: Vec::new(),
            limits,
            output,
            captured: None,
            interrupt: Arc::new(AtomicBool::new(false)),
            n_inputs: 0,
            next_def: 1,
            n_snippets: 0,
            memory_before: None,
            globals_before: Vec::new(),
            trace: None,
        }
    }

    /// Every input seen so far, for rendering diagnostics.
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// The flag a Ctrl-C handler sets to stop a running computation.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// The value stack, bottom first.
    pub fn stack(&self) -> &[Val] {
        &self.stack
    }

    /// Every `$name` the session defines, for completion.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.defs.iter().filter_map(|d| d.name.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    /// The number of definitions.
    pub fn n_defs(&self) -> usize {
        self.defs.len()
    }

    /// The session module as text, as `:wat` shows and `:save` writes it.
    pub fn wat(&self) -> String {
        self.saved().0
    }

    /// The session as text that `:load` turns back into this session: the definitions, each
    /// mutable global's initializer set to its current value, and the memory's non-zero bytes
    /// as a data segment at the end. Also, in words, which state it kept and what it left out.
    pub fn saved(&self) -> (String, Vec<String>, Vec<String>) {
        let store = self.built.runtime.store();
        let (mut kept, mut left_out) = (Vec::new(), Vec::new());
        let mut defs = self.defs.clone();
        for entry in &self.built.globals {
            let Extern::Global(g) = entry.ext else { continue };
            if !g.ty(store).mutability().is_mut() {
                continue;
            }
            let value = g.get(store);
            let name = entry.name.clone().unwrap_or_else(|| "a global".into());
            let Some(def) = defs.iter_mut().find(|d| d.id == entry.def && !d.is_import) else {
                if defs.iter().any(|d| d.id == entry.def) {
                    left_out.push(format!("{name}'s value (it is imported)"));
                }
                continue;
            };
            let constant = match value {
                Val::I32(_) | Val::I64(_) | Val::F32(_) | Val::F64(_) => {
                    format!("({}.const {})", crate::value::type_name(value.ty()), crate::value::DisplayVal(&value))
                }
                _ => {
                    left_out.push(format!(
                        "{name}'s value (a {} has no constant form here)",
                        crate::value::type_name(value.ty())
                    ));
                    continue;
                }
            };
            match with_initializer(&def.text, &constant) {
                Some(text) if text != def.text => {
                    def.text = text;
                    kept.push(format!("{name} = {}", DisplayTyped(&value)));
                }
                Some(_) => {}
                None => left_out.push(format!("{name}'s value")),
            }
        }
        let mut text = inspect::wat(&defs);
        if let (Some(entry), Some(&page)) = (self.built.memories.first(), self.built.page_sizes.first()) {
            if let Extern::Memory(mem) = entry.ext {
                let imported = defs.iter().any(|d| d.id == entry.def && d.is_import);
                let data = mem.data(store);
                let declared = (mem.ty(store).minimum().saturating_mul(page) as usize).min(data.len());
                let runs = nonzero_runs(&data[..declared]);
                let total: usize = runs.iter().map(|r| r.len()).sum();
                if imported && total > 0 {
                    left_out.push("the imported memory's contents".into());
                } else if total > Self::SAVED_MEMORY_LIMIT {
                    left_out
                        .push(format!("memory contents ({total} non-zero bytes, more than a text file should hold)"));
                } else if !runs.is_empty() {
                    let addr = if mem.ty(store).is_64() { "i64" } else { "i32" };
                    text.truncate(text.trim_end().len() - 1);
                    text.push_str("\n  ;; memory contents when the session was saved");
                    for run in &runs {
                        text.push_str(&format!(
                            "\n  (data ({addr}.const {}) \"{}\")",
                            run.start,
                            escape_bytes(&data[run.clone()])
                        ));
                    }
                    text.push_str(")\n");
                    kept.push(format!("{} of memory", crate::words::plural(total as u64, "byte")));
                }
                if data[declared..].iter().any(|&b| b != 0) {
                    left_out.push(format!(
                        "memory past the declared {declared} bytes (grown by `memory.grow`): declare more pages to keep it"
                    ));
                }
            }
        }
        let mut registered: Vec<String> = Vec::new();
        for m in self.defs.iter().filter_map(defs::Def::import_module) {
            if self.named.is_registered(&m) && !registered.contains(&m) {
                registered.push(m);
            }
        }
        if !registered.is_empty() {
            let names: Vec<String> =
                registered.iter().map(|m| format!("\"{}\"", crate::words::DisplayName(m))).collect();
            left_out.push(format!(
                "the registered {} {} it imports from: define and `(register ...)` {} again before `:load`",
                if names.len() == 1 { "module" } else { "modules" },
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" }
            ));
        }
        if !self.stack.is_empty() {
            left_out.push(format!("the stack {}", DisplayStack(&self.stack)));
        }
        (text, kept, left_out)
    }

    /// Non-zero memory above this many bytes is not written into a saved session.
    const SAVED_MEMORY_LIMIT: usize = 1 << 20;

    /// Evaluates one complete input.
    pub fn eval(&mut self, input: &str) -> Vec<Event> {
        self.n_inputs += 1;
        let source = self.sources.add(format!("repl[{}]", self.n_inputs), input);
        self.interrupt.store(false, Ordering::SeqCst);
        let problem = match crate::lex::completeness(input) {
            crate::lex::Completeness::Complete => None,
            crate::lex::Completeness::ExtraClose(at) => Some(
                Diagnostic::error(code::SYNTAX, "this `)` closes nothing")
                    .with_primary(Span::new(source, at..at + 1), "no `(` is open here")
                    .with_help("remove it, or add the `(` it was meant to close"),
            ),
            crate::lex::Completeness::Incomplete => Some(unfinished(source, input)),
        };
        if let Some(d) = problem {
            return vec![Event::Error(d)];
        }
        let input_shape = shape(input);
        let mut globals_before = Vec::new();
        if !matches!(input_shape, Shape::Command | Shape::Empty) {
            self.memory_before = self.memory_snapshot();
            self.globals_before = recording::live_state(&self.built).globals;
            globals_before = self.global_values();
        }
        let mut events = match input_shape {
            Shape::Empty => Vec::new(),
            Shape::Command => self.command(input),
            Shape::Fields(ranges) => self.define(source, input, &ranges),
            Shape::Wast(ranges) if ranges.len() == 1 && is_plain_module(&input[ranges[0].clone()]) => {
                let body = inspect::module_body(&input[ranges[0].clone()]);
                match shape(&input[body.clone()]) {
                    Shape::Fields(fields) => {
                        let fields: Vec<_> =
                            fields.into_iter().map(|r| r.start + body.start..r.end + body.start).collect();
                        let mut events =
                            vec![Event::Info("(the module's fields are added to the session module)".into())];
                        events.extend(self.define(source, input, &fields));
                        events
                    }
                    Shape::Empty => vec![Event::Info("an empty module adds nothing".into())],
                    _ => self.wast(source),
                }
            }
            Shape::Wast(_) => self.wast(source),
            Shape::Instructions if is_command_word(input) => {
                let word = input.trim();
                vec![Event::Error(
                    Diagnostic::error(code::UNKNOWN_INSTR, format!("`{word}` is not an instruction"))
                        .with_primary(
                            Span::new(source, input.len() - input.trim_start().len()..input.trim_end().len()),
                            "not an instruction",
                        )
                        .with_help(format!(
                            "commands start with a colon: `:{}`",
                            if word.starts_with('h') || word == "?" { "help" } else { "quit" }
                        )),
                )]
            }
            Shape::Instructions => match misplaced(source, input) {
                Some(d) => vec![Event::Error(
                    d.with_note_of(crate::diag::NoteKind::StackUnchanged, snippet::unchanged(&self.stack)),
                )],
                None => self.instructions(source, input),
            },
            Shape::Mixed(range) => vec![Event::Error(
                Diagnostic::error(code::SYNTAX, "definitions and other input are mixed on one line")
                    .with_primary(Span::new(source, range), "this is not a module field")
                    .with_help("type definitions, instructions and WAST commands as separate inputs"),
            )],
        };
        for event in &mut events {
            if let Event::Error(d) = event {
                self.advise(d);
                self.note_changes(d, &globals_before);
            }
        }
        self.flush_output(&mut events);
        events
    }

    /// Each global's `$name` (or index) and value, as text.
    fn global_values(&self) -> Vec<(String, String)> {
        let store = self.built.runtime.store();
        self.built
            .globals
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match e.ext {
                Extern::Global(g) => {
                    Some((e.name.clone().unwrap_or_else(|| format!("{i}")), DisplayTyped(&g.get(store)).to_string()))
                }
                _ => None,
            })
            .collect()
    }

    /// A trap does not undo what the code wrote before it: where memory or globals changed,
    /// "nothing changed" would mislead, so the note says what did.
    fn note_changes(&self, d: &mut Diagnostic, globals_before: &[(String, String)]) {
        let Some(note) = d.notes.iter_mut().find(|n| n.kind == crate::diag::NoteKind::StackUnchanged) else {
            return;
        };
        let mut changes = Vec::new();
        for ((name, before), (_, now)) in globals_before.iter().zip(self.global_values()) {
            if *before != now {
                changes.push(format!("global {name} is now {now} (was {before})"));
            }
        }
        if let (Some(before), Some(Extern::Memory(mem))) =
            (&self.memory_before, self.built.memories.first().map(|e| e.ext))
        {
            let data = mem.data(self.built.runtime.store());
            let first = data.iter().zip(before).position(|(a, b)| a != b);
            let last = data.iter().zip(before).rposition(|(a, b)| a != b);
            if let (Some(first), Some(last)) = (first, last) {
                changes.push(format!("memory changed at bytes {first}..{} (`:memory {first}` shows them)", last + 1));
            }
        }
        if changes.is_empty() {
            return;
        }
        note.text = format!(
            "{}, but what ran before the trap stays done: {}",
            snippet::stack_still(&self.stack),
            changes.join("; ")
        );
    }

    /// Adds the module fields of a file `:load` read. `name` is shown in diagnostics.
    pub fn load_text(&mut self, name: &str, text: &str) -> Vec<Event> {
        let source = self.sources.add(name, text);
        let inner = inspect::module_body(text);
        let mut events = match shape(&text[inner.clone()]) {
            Shape::Empty => vec![Event::Info(format!("{name} holds no definitions"))],
            Shape::Fields(ranges) => {
                let ranges: Vec<_> = ranges.into_iter().map(|r| r.start + inner.start..r.end + inner.start).collect();
                self.define(source, text, &ranges)
            }
            _ => vec![Event::Error(
                Diagnostic::error(
                    code::SYNTAX,
                    format!("{name} is not a module: `:load` takes a `(module ...)` or module fields"),
                )
                .with_primary(Span::new(source, inner.start..inner.start), "expected `(module` or a field here"),
            )],
        };
        self.flush_output(&mut events);
        events
    }

    fn flush_output(&mut self, events: &mut Vec<Event>) {
        if let Some(buffer) = &self.captured {
            let text = std::mem::take(&mut *buffer.borrow_mut());
            if !text.is_empty() {
                events.insert(0, Event::Output(text));
            }
        }
    }

    fn rebuild(&mut self, defs: Vec<defs::Def>, new_ids: &HashSet<u64>) -> Result<Vec<String>, Diagnostic> {
        let carried = build::Carried::of(&self.built);
        // A session that imports from a registered module is built in the named modules'
        // store, where those instances live (a store cannot reach another store's items).
        // (Also one that imports from a module watlab does not provide, once names are
        // registered: the link error then lists them.)
        let from_named = |m: &str| {
            self.named.is_registered(m) || !(self.named.registered().is_empty() || m == "env" || m == "spectest")
        };
        let shared = self.shared || defs.iter().any(|d| d.import_module().is_some_and(|m| from_named(&m)));
        let mut store = match (shared, self.shared) {
            (false, _) => None,
            (true, true) => Some(std::mem::replace(&mut self.built.runtime, spare(self.limits, &self.output))),
            (true, false) => Some(self.named.take_runtime(spare(self.limits, &self.output))),
        };
        let env = self.env_of(&defs);
        let result = build::build(&env, &self.output, Some(carried), new_ids, &mut store);
        let (built, mut notes) = match result {
            Ok(done) => done,
            Err(d) => {
                match (store, self.shared) {
                    (Some(runtime), true) => self.built.runtime = runtime,
                    (Some(runtime), false) => drop(self.named.take_runtime(runtime)),
                    (None, _) => {}
                }
                return Err(d);
            }
        };
        self.shared = shared;
        self.built = built;
        self.defs = defs;
        self.n_snippets = 0;
        // References point into the old store; they cannot cross into the new one.
        if self
            .stack
            .iter()
            .any(|v| matches!(v, Val::FuncRef(r) if !r.is_null()) || matches!(v, Val::ExternRef(r) if !r.is_null()))
        {
            for v in &mut self.stack {
                match v {
                    Val::FuncRef(_) => *v = Val::FuncRef(wasmi::Nullable::Null),
                    Val::ExternRef(_) => *v = Val::ExternRef(wasmi::Nullable::Null),
                    _ => {}
                }
            }
            notes.push("references on the stack became null: the module was rebuilt".into());
        }
        Ok(notes)
    }

    fn define(&mut self, source: SourceId, input: &str, ranges: &[std::ops::Range<usize>]) -> Vec<Event> {
        let mut defs = self.defs.clone();
        let mut new_ids = HashSet::new();
        let mut added: Vec<(u64, Option<SourceId>)> = Vec::new();
        for r in ranges {
            let def = defs::describe_field(self.next_def, source, r.start, &input[r.clone()]);
            self.next_def += 1;
            new_ids.insert(def.id);
            let replaced = def
                .key
                .as_ref()
                .and_then(|k| defs.iter().position(|d| d.key.as_ref() == Some(k) && !new_ids.contains(&d.id)));
            match replaced {
                Some(i) => {
                    let mut def = def;
                    // Typing the same definition again keeps its state (memory, globals).
                    let words =
                        |t: &str| crate::lex::tokens(t).into_iter().map(|k| t[k.range].to_string()).collect::<Vec<_>>();
                    if words(&defs[i].text) == words(&def.text) {
                        new_ids.remove(&def.id);
                        def.id = defs[i].id;
                    }
                    let same = def.id == defs[i].id;
                    added.push((def.id, if same { Some(SAME) } else { Some(defs[i].source) }));
                    defs[i] = def;
                }
                None => {
                    added.push((def.id, None));
                    defs.push(def);
                }
            }
        }
        let before = self.defs.clone();
        match self.rebuild(defs, &new_ids) {
            Ok(notes) => {
                self.history.push(before);
                let mut events: Vec<Event> = added
                    .iter()
                    .filter_map(|(id, replaced)| {
                        let def = self.defs.iter().find(|d| d.id == *id)?;
                        let change = match replaced.and_then(|s| self.sources.get(s)) {
                            _ if *replaced == Some(SAME) => Change::Unchanged,
                            Some(old) => Change::Redefined { replacing: old.name.clone() },
                            None if def.is_import => Change::Imported,
                            None => Change::Defined,
                        };
                        Some(Event::Defined(inspect::summary(&self.built, &self.defs, def, change)))
                    })
                    .collect();
                events.extend(notes.into_iter().map(Event::Info));
                events
            }
            Err(mut d) => {
                // `:memory` shows the grown memory; the rebuild places segments at the
                // declared size, which is what the message counts.
                if let Cause::DataDoesNotFit { memory_bytes } = d.cause {
                    if let Some(Extern::Memory(mem)) = self.built.memories.first().map(|e| e.ext) {
                        let now = mem.data(self.built.runtime.store()).len() as u64;
                        if now > memory_bytes {
                            d.notes.push(format!(
                                "the session's memory has {now} bytes now, after `memory.grow`, but a new definition rebuilds the session module, and its segments are placed in the {memory_bytes} bytes `(memory ...)` declares: declare more pages there"
                            ).into());
                        }
                    }
                }
                // A redefinition can break an earlier definition that uses it: say so.
                let elsewhere = d.primary_span().map(|s| s.source).filter(|s| *s != source);
                if let Some(other) = elsewhere.and_then(|s| self.sources.get(s)) {
                    let at = d.primary_span().map_or(0, |s| s.range().start);
                    let which = self
                        .defs
                        .iter()
                        .find(|def| {
                            Some(def.source) == elsewhere && (def.start..def.start + def.text.len()).contains(&at)
                        })
                        .map_or_else(
                            || "an earlier definition".to_string(),
                            |def| format!("the earlier {}", def.describe()),
                        );
                    d = d.with_note(format!(
                        "the new definition breaks {which} (from {}), which uses it: keep the old signature, or change both at once by typing the two definitions in one input",
                        other.name
                    ));
                }
                vec![Event::Error(d.with_note("nothing was defined: the session is as it was"))]
            }
        }
    }

    /// wasmi stores never free instances, and every snippet adds one; after this many the
    /// session module is rebuilt into a fresh store (state carried over, about 2 ms).
    const SNIPPETS_PER_STORE: usize = 256;

    fn instructions(&mut self, source: SourceId, input: &str) -> Vec<Event> {
        self.n_snippets += 1;
        let has_refs = self.stack.iter().any(|v| matches!(v, Val::FuncRef(_) | Val::ExternRef(_)));
        if self.n_snippets >= Self::SNIPPETS_PER_STORE
            && !has_refs
            && self.rebuild(self.defs.clone(), &HashSet::new()).is_ok()
        {
            self.n_snippets = 0;
        }
        let stack = self.stack.clone();
        let env = input_env!(self);
        let mut traced = None;
        let ran = snippet::run(&mut self.built, &env, source, input, &stack, &mut traced);
        let mut events: Vec<Event> = traced.into_iter().collect();
        match ran {
            snippet::Ran::Finished(values) => {
                self.stack = values;
                events.push(Event::Stack(self.stack.clone()));
            }
            snippet::Ran::Failed(d) => events.push(Event::Error(*d)),
        }
        events
    }

    fn wast(&mut self, source: SourceId) -> Vec<Event> {
        let env = input_env!(self);
        wast::run(&mut self.built, &mut self.named, self.shared, &env, source, &self.output)
    }

    /// What building `defs` (or starting a debugger) needs: no earlier state, no trace.
    fn env_of<'a>(&'a self, defs: &'a [defs::Def]) -> Env<'a> {
        Env {
            defs,
            sources: &self.sources,
            limits: self.limits,
            interrupt: Some(&self.interrupt),
            memory_before: None,
            globals_before: &[],
            trace: None,
        }
    }

    /// Memories larger than this are not copied before each input (so `:memory` cannot mark
    /// what changed in them): a copy per input would cost more than the input.
    const SNAPSHOT_LIMIT: usize = 16 << 20;

    fn memory_snapshot(&self) -> Option<Vec<u8>> {
        let Some(Extern::Memory(mem)) = self.built.memories.first().map(|e| e.ext) else { return None };
        let data = mem.data(self.built.runtime.store());
        (data.len() <= Self::SNAPSHOT_LIMIT).then(|| data.to_vec())
    }

    /// A function's signature as `[i32] -> [i32]`, by `$name`.
    pub fn signature(&self, name: &str) -> Option<String> {
        self.built.funcs.iter().find(|e| e.name.as_deref() == Some(name)).and_then(|e| match e.ext {
            Extern::Func(f) => Some(DisplayFuncType(&f.ty(self.built.runtime.store())).to_string()),
            _ => None,
        })
    }
}

/// `def` (a `(global ... (mut T) INIT)` field) with `constant` in place of its initializer;
/// `None` when the text has no `(mut ...)` to find the initializer after.
fn with_initializer(def: &str, constant: &str) -> Option<String> {
    let toks: Vec<_> = crate::lex::tokens(def)
        .into_iter()
        .filter(|t| !matches!(t.kind, crate::lex::TokenKind::LineComment | crate::lex::TokenKind::BlockComment))
        .collect();
    let word = |i: usize| toks.get(i).map_or("", |t| &def[t.range.clone()]);
    let mut depth = 0;
    let mut after_mut = None;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            crate::lex::TokenKind::LParen => {
                depth += 1;
                if depth == 2 && word(i + 1) == "mut" {
                    after_mut = Some(depth);
                }
            }
            crate::lex::TokenKind::RParen => {
                if depth == 2 && after_mut == Some(2) {
                    let start = t.range.end;
                    let end = def.trim_end().strip_suffix(')')?.len();
                    return (start <= end).then(|| format!("{} {constant})", &def[..start]));
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// The runs of non-zero bytes, joined across gaps of fewer than 16 zeros.
fn nonzero_runs(data: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, _) in data.iter().enumerate().filter(|(_, &b)| b != 0) {
        match runs.last_mut() {
            Some(r) if i - r.end < 16 => r.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

/// Bytes as the inside of a WAT string: printable ASCII as is, the rest as `\hh`.
fn escape_bytes(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b'"' | b'\\' => format!("\\{b:02x}"),
            0x20..=0x7e => (b as char).to_string(),
            _ => format!("\\{b:02x}"),
        })
        .collect()
}

/// `(module ...)` without a `$name`: its fields join the session module.
fn is_plain_module(text: &str) -> bool {
    let toks: Vec<_> = crate::lex::tokens(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, crate::lex::TokenKind::LineComment | crate::lex::TokenKind::BlockComment))
        .collect();
    toks.get(1).is_some_and(|t| &text[t.range.clone()] == "module")
        && toks.get(2).is_some_and(|t| {
            t.kind != crate::lex::TokenKind::Id
                && !text[t.range.clone()].starts_with("binary")
                && !text[t.range.clone()].starts_with("quote")
                && !text[t.range.clone()].starts_with("definition")
        })
}

#[cfg(test)]
mod advice_tests;
#[cfg(test)]
mod tests;
