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

mod build;
mod complete;
pub(crate) mod defs;
mod events;
mod inspect;
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
use crate::runtime::Limits;
use crate::runtime::TrapKind;
use crate::source::{SourceId, SourceMap, Span};
use crate::value::DisplayFuncType;

pub use defs::{shape, starts_afresh, Shape, FIELD_KEYWORDS, WAST_KEYWORDS};
pub use events::{Change, Definition, Detail, Event, MemoryRow, MemoryView};

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
    n_inputs: usize,
    next_def: u64,
    /// Snippets run in the current store.
    n_snippets: usize,
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
        let built = build::build(&[], limits, &output, None, &HashSet::new(), None)
            .map(|(b, _)| b)
            .expect("an empty module always builds");
        let named = wast::Named::new(limits, &output);
        Session {
            named,
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
        inspect::wat(&self.defs)
    }

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
        let mut events = match shape(input) {
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
                Some(d) => vec![Event::Error(d.with_note(snippet::unchanged(&self.stack)))],
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
            }
        }
        self.flush_output(&mut events);
        events
    }

    /// REPL-specific advice for common slips, decided on each diagnostic's cause.
    fn advise(&self, d: &mut Diagnostic) {
        // The session is one module the learner never wrote as such: speak of the session.
        for note in &mut d.notes {
            if let NoteKind::NothingNamed { what } = &note.kind {
                note.text = format!("the session defines no {what} with a `$name` yet");
            }
        }
        // A trace whose only frame is the input itself says nothing the label does not.
        d.notes.retain(|n| !matches!(n.kind, NoteKind::StackTrace { n_frames: 1, only_input: true }));
        // "the stack is empty" already says what "the stack before `drop` holds []" would.
        if let Cause::Operands { expected: None, found, .. } = &d.cause {
            if found.is_empty() && d.code == code::STACK_EMPTY {
                d.notes.retain(|n| n.kind != NoteKind::StackBefore);
            }
        }
        let Some(span) = d.primary_span() else { return };
        let Some(text) = self.sources.get(span.source).map(|f| f.text.as_str()) else { return };
        let token = text.get(span.range()).unwrap_or("").to_string();
        match &d.cause {
            Cause::NameAsInstruction { name } => {
                let is = |space: &[build::Entry]| space.iter().any(|e| e.name.as_deref() == Some(name.as_str()));
                if is(&self.built.funcs) {
                    d.help = Some(format!("to call the function, write `(call {name} ...)` with its arguments inside"));
                } else if is(&self.built.globals) {
                    d.help = Some(format!("to push the global's value, write `(global.get {name})`"));
                } else if shape(text) == Shape::Instructions {
                    // Typed at the prompt, where there are no locals: `local.get` would not help.
                    d.help = Some(format!(
                        "nothing in the session is named `{name}`; names come from definitions such as `(func {name} ...)` or `(global {name} ...)`"
                    ));
                }
            }
            // A `call` with the wrong operands: show what the callee takes, which the message
            // cannot. Only in the input just typed: an error in an earlier definition comes
            // from a new definition of the callee, whose signature is not yet the session's.
            Cause::Operands { instr, .. } if instr == "call" && span.source.0 as usize + 1 == self.sources.len() => {
                let after = &text[span.range().end..];
                let callee = after
                    .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                let redefined_here = text.contains(&format!("(func {callee}"));
                if let Some(sig) = self.signature(callee).filter(|_| !redefined_here) {
                    d.notes.insert(0, format!("`{callee}` : {sig} (parameters -> results)").into());
                }
            }
            Cause::ExpectedInstruction if token.starts_with('"') && d.help.is_none() => {
                d.help = Some("a string is not a value WebAssembly can push: strings live in memory, put there by `(data (i32.const 0) \"text\")`".into());
            }
            Cause::ExpectedInstruction if number_like(&token) && d.help.is_none() => {
                d.help =
                    Some(number_help(&token, defs::head(text).is_some_and(|h| WAST_KEYWORDS.contains(&h.as_str()))));
            }
            Cause::UnexpectedChar { ch } if !ch.is_ascii() => {
                if token.chars().count() == 1 {
                    d.message = format!("unexpected character `{ch}` (U+{:04X})", *ch as u32);
                }
                d.help = Some(match ch {
                    '∞' => "write infinity as `inf` (or `-inf`)".to_string(),
                    '−' | '–' => "write minus as the ASCII `-`".to_string(),
                    '“' | '”' => "write quotes as the ASCII `\"`: an editor may have curled them".to_string(),
                    _ => "outside strings and comments, WAT is plain ASCII".to_string(),
                });
            }
            Cause::Trap { kind: TrapKind::Interrupted } => {
                d.message = "stopped: the input was interrupted (Ctrl-C)".into();
            }
            Cause::Trap { kind: TrapKind::Code(wasmi::TrapCode::StackOverflow) } => {
                d.help = Some("check that the recursion reaches its base case (an `if` or `br_if` that returns without calling); for deeper honest recursion, restart with `watlab --max-stack N`".into());
            }
            Cause::Trap { kind: TrapKind::OutOfFuel } => {
                d.help = Some("check the condition that should end each loop (`br_if`); for honest long work, raise the limit with `:fuel N` or `:fuel unlimited` (Ctrl-C stops a run)".into());
            }
            _ => {}
        }
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
        let (built, mut notes) =
            build::build(&defs, self.limits, &self.output, Some(&self.built), new_ids, Some(&self.interrupt))?;
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
        let env =
            Env { defs: &self.defs, sources: &self.sources, limits: self.limits, interrupt: Some(&self.interrupt) };
        match snippet::run(&mut self.built, &env, source, input, &stack) {
            snippet::Ran::Finished(values) => {
                self.stack = values;
                vec![Event::Stack(self.stack.clone())]
            }
            snippet::Ran::Failed(d) => vec![Event::Error(d)],
        }
    }

    fn wast(&mut self, source: SourceId) -> Vec<Event> {
        let env =
            Env { defs: &self.defs, sources: &self.sources, limits: self.limits, interrupt: Some(&self.interrupt) };
        wast::run(&mut self.built, &mut self.named, &env, source, &self.output)
    }

    fn command(&mut self, input: &str) -> Vec<Event> {
        let (cmd, args) = match commands::parse(input) {
            Ok(x) => x,
            Err(d) => return vec![Event::Error(d)],
        };
        let takes_args = !cmd.args.is_empty();
        if !takes_args && !args.is_empty() {
            return vec![Event::Error(
                Diagnostic::error(code::SYNTAX, format!("`{}` takes no arguments", cmd.name))
                    .with_help(format!("type `{}` alone", cmd.name)),
            )];
        }
        let one = |e: Event| vec![e];
        match cmd.name {
            ":help" => match commands::help(args) {
                Ok(text) => one(Event::Info(text)),
                Err(d) => one(Event::Error(d)),
            },
            ":stack" => one(Event::Stack(self.stack.clone())),
            ":clear" => {
                let n = self.stack.len();
                self.stack.clear();
                one(Event::Info(format!("dropped {n} value{} from the stack", if n == 1 { "" } else { "s" })))
            }
            ":memory" => one(inspect::memory(&self.built, args)),
            ":globals" => one(inspect::globals(&self.built)),
            ":funcs" => one(inspect::funcs(&self.built)),
            ":exports" => one(inspect::exports(&self.built)),
            ":wat" => one(Event::Info(self.wat())),
            ":bytes" => one(inspect::bytes(&self.defs, &self.sources, args)),
            ":save" | ":load" if args.is_empty() => one(Event::Error(
                Diagnostic::error(code::SYNTAX, format!("`{}` needs a file name", cmd.name))
                    .with_help(format!("for example `{} session.wat`", cmd.name)),
            )),
            ":save" => one(Event::Save { path: args.to_string(), text: self.wat() }),
            ":load" => one(Event::Load { path: args.to_string() }),
            ":undo" => self.undo(),
            ":reset" => {
                let fuel = self.limits;
                let output = self.output.clone();
                let built = build::build(&[], fuel, &output, None, &HashSet::new(), None).map(|(b, _)| b);
                match built {
                    Ok(b) => {
                        self.built = b;
                        self.defs.clear();
                        self.history.clear();
                        self.stack.clear();
                        self.named = wast::Named::new(self.limits, &self.output);
                        one(Event::Info("the session is empty again".into()))
                    }
                    Err(d) => one(Event::Error(d)),
                }
            }
            ":fuel" => one(self.fuel(args)),
            ":quit" => one(Event::Quit),
            _ => one(Event::Info(format!("{} is not available yet", cmd.name))),
        }
    }

    fn fuel(&mut self, args: &str) -> Event {
        let show = |f: Option<u64>| match f {
            Some(n) => format!("{} units per input", crate::trap::group(n)),
            None => "unlimited".to_string(),
        };
        if args.is_empty() {
            return Event::Info(format!("fuel: {}", show(self.limits.fuel)));
        }
        let fuel = if args.eq_ignore_ascii_case("unlimited") {
            None
        } else {
            match args.replace('_', "").parse::<u64>() {
                Ok(n) if n > 0 => Some(n),
                Ok(_) => {
                    return Event::Error(
                        Diagnostic::error(
                            code::BAD_ARGUMENT,
                            "fuel 0 would stop every input before its first instruction",
                        )
                        .with_help("give at least 1, such as `:fuel 1000`, or `:fuel unlimited`"),
                    )
                }
                _ => {
                    return Event::Error(
                        Diagnostic::error(code::BAD_ARGUMENT, format!("`{args}` is not an amount of fuel"))
                            .with_help("write a whole number such as `:fuel 1000000`, or `:fuel unlimited`"),
                    )
                }
            }
        };
        self.limits.fuel = fuel;
        self.built.runtime.set_fuel(fuel);
        self.named.set_fuel(fuel);
        Event::Info(format!("fuel set to {}", show(fuel)))
    }

    fn undo(&mut self) -> Vec<Event> {
        let Some(before) = self.history.pop() else {
            return vec![Event::Info(
                "nothing to undo: no definitions since the session started (or since `:reset`)".into(),
            )];
        };
        let now = self.defs.clone();
        match self.rebuild(before, &HashSet::new()) {
            Ok(notes) => {
                let kept: HashSet<u64> = self.defs.iter().map(|d| d.id).collect();
                let old: HashSet<u64> = now.iter().map(|d| d.id).collect();
                let mut events: Vec<Event> = now
                    .iter()
                    .filter(|d| !kept.contains(&d.id))
                    .map(|d| Event::Defined(inspect::summary(&self.built, &[], d, Change::Removed)))
                    .collect();
                events.extend(
                    self.defs
                        .iter()
                        .filter(|d| !old.contains(&d.id))
                        .map(|d| Event::Defined(inspect::summary(&self.built, &self.defs, d, Change::Restored))),
                );
                events.extend(notes.into_iter().map(Event::Info));
                events
            }
            Err(d) => {
                self.history.push(now);
                vec![Event::Error(d)]
            }
        }
    }

    /// Calls exported function `name` of the session module (for tests and benchmarks).
    ///
    /// # Errors
    /// No such function, or a trap.
    pub fn call_export(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, Diagnostic> {
        let func = match self.built.instance.get_export(self.built.runtime.store(), name) {
            Some(Extern::Func(f)) => f,
            _ => return Err(Diagnostic::error(code::UNKNOWN_EXPORT, format!("no exported function `{name}`"))),
        };
        let limits = self.limits;
        self.built
            .runtime
            .call(func, args, Some(&self.interrupt))
            .map_err(|t| crate::trap::diagnostic(&t, limits, &format!("`{name}`")))
    }

    /// A function's signature as `[i32] -> [i32]`, by `$name`.
    pub fn signature(&self, name: &str) -> Option<String> {
        self.built.funcs.iter().find(|e| e.name.as_deref() == Some(name)).and_then(|e| match e.ext {
            Extern::Func(f) => Some(DisplayFuncType(&f.ty(self.built.runtime.store())).to_string()),
            _ => None,
        })
    }
}

/// Bare instructions that only mean something inside a definition: `(local i32)` or
/// `local.get 0` at the prompt. Without this check they would reach the snippet function and
/// declare (or read) its hidden parameters, which hold the stack.
fn misplaced(source: SourceId, input: &str) -> Option<Diagnostic> {
    use crate::lex::TokenKind;
    let toks: Vec<_> = crate::lex::tokens(input)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect();
    let word = |i: usize| toks.get(i).map_or("", |t| &input[t.range.clone()]);
    if toks.first().is_some_and(|t| t.kind == TokenKind::LParen) {
        let (what, owner, example) = match word(1) {
            "param" | "result" | "local" => {
                (word(1), "a function", "(func $f (param $x i32) (result i32) (local $tmp i32) local.get $x)")
            }
            "then" | "else" => {
                (word(1), "an `if`", "(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3)))")
            }
            "mut" => ("mut", "a global", "(global $g (mut i32) (i32.const 0))"),
            "offset" | "item" => (word(1), "a data or element segment", "(data (offset (i32.const 0)) \"hi\")"),
            _ => ("", "", ""),
        };
        if !what.is_empty() {
            let span = toks[1].range.clone();
            return Some(
                Diagnostic::error(code::SYNTAX, format!("`({what} ...)` only means something inside {owner}"))
                    .with_primary(Span::new(source, span), format!("part of {owner}, not an instruction"))
                    .with_help(format!("it goes inside, as in `{example}`")),
            );
        }
    }
    let keyword = |t: &&crate::lex::Token, words: &[&str]| {
        t.kind == TokenKind::Keyword && words.contains(&&input[t.range.clone()])
    };
    // `return` (or a branch out of every block) would leave the hidden snippet function, whose
    // results are read from the stack at its end: the stack would silently come back empty.
    let has_block = toks.iter().any(|t| keyword(&t, &["block", "loop", "if", "try_table"]));
    if let Some(t) =
        toks.iter().find(|t| keyword(t, &["return", "return_call", "return_call_indirect", "return_call_ref"]))
    {
        let word = &input[t.range.clone()];
        return Some(
            Diagnostic::error(
                code::SYNTAX,
                format!("`{word}` needs a function: at the prompt there is nothing to return from"),
            )
            .with_primary(Span::new(source, t.range.clone()), "nothing to return from")
            .with_help("the values on the stack are already the result; use `return` inside a `(func ...)`"),
        );
    }
    if let Some(t) =
        toks.iter().find(|t| !has_block && keyword(t, &["br", "br_if", "br_table", "br_on_null", "br_on_non_null"]))
    {
        let word = &input[t.range.clone()];
        return Some(
            Diagnostic::error(code::BAD_INDEX, format!("`{word}` needs a `block`, `loop` or `if` to branch to"))
                .with_primary(Span::new(source, t.range.clone()), "no block around this")
                .with_help("type the block and the branch in one input, as in `(block $done (br $done))`"),
        );
    }
    let local = toks.iter().find(|t| keyword(t, &["local.get", "local.set", "local.tee"]))?;
    let instr = &input[local.range.clone()];
    Some(
        Diagnostic::error(code::BAD_INDEX, format!("`{instr}` needs a function: there are no locals at the prompt"))
            .with_primary(Span::new(source, local.range.clone()), "no locals here")
            .with_help("bare instructions run outside any function, so they work on the stack alone; put locals in a function with `(param ...)` or `(local ...)` and call it"),
    )
}

/// Whether `token` starts like a number: `5`, `-1`, `+0x10`.
fn number_like(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
}

/// Help for a bare number where an instruction (or, in a WAST command, a typed argument) belongs.
pub(crate) fn number_help(token: &str, in_wast: bool) -> String {
    if in_wast {
        format!("write each argument as a typed constant, such as `(i32.const {token})` (or i64, f32, f64)")
    } else {
        format!("a number on its own is not an instruction: write it as a constant, `(i32.const {token})` (or i64, f32, f64)")
    }
}

/// `help`, `quit` and friends typed without their colon.
fn is_command_word(input: &str) -> bool {
    matches!(input.trim(), "help" | "quit" | "exit" | "?" | "h" | "q")
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

/// Input that ended inside a paren, string or block comment (only at the end of a script).
fn unfinished(source: SourceId, input: &str) -> Diagnostic {
    let mut open = Vec::new();
    for t in crate::lex::tokens(input) {
        match t.kind {
            crate::lex::TokenKind::LParen | crate::lex::TokenKind::Annotation => {
                open.push(t.range.start..t.range.start + 1)
            }
            crate::lex::TokenKind::RParen => {
                open.pop();
            }
            crate::lex::TokenKind::String | crate::lex::TokenKind::BlockComment if t.range.end == input.len() => {
                let what = if t.kind == crate::lex::TokenKind::String { "string" } else { "block comment" };
                let d = Diagnostic::error(code::SYNTAX, format!("the input ends inside a {what}"));
                return d.with_primary(
                    Span::new(source, t.range.start..t.range.start + 1),
                    format!("this {what} is never closed"),
                );
            }
            _ => {}
        }
    }
    let d = Diagnostic::error(code::SYNTAX, "the input ends before every `(` is closed");
    match open.last() {
        Some(r) => d
            .with_primary(Span::new(source, r.clone()), "this `(` is never closed")
            .with_help(format!("add {} `)` at the end", open.len())),
        None => d,
    }
}

#[cfg(test)]
mod advice_tests;
#[cfg(test)]
mod tests;
