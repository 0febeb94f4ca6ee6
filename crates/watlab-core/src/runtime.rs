//! Execution with wasmi: one engine and store per session, limits on by default.
//!
//! Every call runs as a resumable call in fuel slices, so a runaway loop ends with an
//! explained "out of fuel" trap, and another thread (Ctrl-C) can stop a computation between
//! slices while leaving the store usable. Linking is checked here before wasmi sees a module,
//! so a missing import names what was expected and what exists. Turning traps into learner
//! diagnostics is `trap`'s job.

use std::sync::atomic::{AtomicBool, Ordering};

use wasmi::{
    CompilationMode, Config, Engine, Error, ExternType, Func, Instance, Linker, Module, ResumableCall,
    ResumableCallHostTrap, ResumableCallOutOfFuel, Store, StoreLimitsBuilder, TrapCode, Val,
};

use crate::host::{HostState, Output, OutputClosed};

/// Fuel for one top-level call unless the learner says otherwise. wasmi spends roughly one unit
/// per instruction and runs a few hundred million a second here, so this lets honest work of a
/// few seconds finish and stops a loop that never exits within about ten seconds.
pub const DEFAULT_FUEL: u64 = 6_000_000_000;
/// About how much fuel wasmi spends per second of work on this project's machine kind: for
/// estimating the work of an unmetered run from its time (a trace's re-run budget).
pub const FUEL_PER_SECOND: u64 = DEFAULT_FUEL / 10;
/// The most fuel a trace's re-run after running out of fuel may use unless the front end says
/// otherwise: about half a second here (see `trace::locate_trap`).
pub const DEFAULT_RERUN_FUEL: u64 = 500_000_000;
/// Memory a store may allocate in all, in bytes, unless the learner says otherwise.
pub const DEFAULT_MAX_MEMORY: usize = 256 << 20;
/// Elements any one table may hold. Nothing a learner writes needs more, and without a cap a
/// `(table 4294967295 funcref)` asks for tens of gigabytes and the operating system kills us.
pub const MAX_TABLE_ELEMENTS: usize = 1 << 20;
/// Call depth unless the learner says otherwise: deep enough to teach recursion.
pub const DEFAULT_MAX_CALL_DEPTH: usize = 200_000;
/// The value-stack height asked of wasmi at least (its own minimum is 1,000).
const MIN_STACK_HEIGHT: usize = 1 << 16;
/// Fuel handed out per slice, so interrupts are noticed within a few milliseconds.
const SLICE: u64 = 10_000_000;

/// Resource limits for running programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Fuel per top-level call; `None` is unlimited.
    pub fuel: Option<u64>,
    /// Total bytes of linear memory the store may hold.
    pub max_memory: usize,
    /// Deepest call nesting before a stack-overflow trap.
    pub max_call_depth: usize,
    /// The most fuel the re-run that locates an out-of-fuel trap may use. A slower engine (the
    /// browser build runs wasmi about 8 times slower) gives a smaller cap, so that a runaway
    /// loop still ends within seconds in all.
    pub rerun_fuel: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            fuel: Some(DEFAULT_FUEL),
            max_memory: DEFAULT_MAX_MEMORY,
            max_call_depth: DEFAULT_MAX_CALL_DEPTH,
            rerun_fuel: DEFAULT_RERUN_FUEL,
        }
    }
}

/// The smallest `max_memory` that works: the host's `spectest` module holds a one-page memory
/// in every store, so less than one page cannot even set up a runtime.
pub const MIN_MAX_MEMORY: usize = 65536;
/// The smallest call depth that works: calling any function is one level deep.
pub const MIN_CALL_DEPTH: usize = 1;

/// Why a limit given by the learner cannot be used. One rule for every front end: the
/// command line's `--fuel`, `--max-memory` and `--max-stack`, and the REPL's `:fuel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitError {
    /// Fuel that is neither a whole number nor `unlimited`.
    FuelNotANumber,
    /// Fuel 0, which stops everything before its first instruction.
    FuelZero,
    /// Less memory than [`MIN_MAX_MEMORY`].
    MemoryTooSmall,
    /// A call depth under [`MIN_CALL_DEPTH`].
    StackTooSmall,
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitError::FuelNotANumber => write!(f, "expected a whole number of fuel units or `unlimited`"),
            LimitError::FuelZero => {
                write!(f, "fuel 0 would stop every call before its first instruction: give at least 1, or `unlimited`")
            }
            LimitError::MemoryTooSmall => write!(
                f,
                "the memory limit must be at least {MIN_MAX_MEMORY} bytes (64K, one page): watlab's own `spectest` memory needs that much"
            ),
            LimitError::StackTooSmall => {
                write!(f, "the call depth must be at least {MIN_CALL_DEPTH}: calling a function is one level deep")
            }
        }
    }
}

/// Parses a fuel amount: a whole number of at least 1 (`_` separators allowed), or
/// `unlimited` (`None`).
///
/// # Errors
/// Not a number, or 0.
pub fn parse_fuel(text: &str) -> Result<Option<u64>, LimitError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("unlimited") {
        return Ok(None);
    }
    match text.replace('_', "").parse::<u64>() {
        Ok(0) => Err(LimitError::FuelZero),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(LimitError::FuelNotANumber),
    }
}

impl Limits {
    /// Checks limits before a runtime is built from them.
    ///
    /// # Errors
    /// Fuel 0, less memory than [`MIN_MAX_MEMORY`], a depth under [`MIN_CALL_DEPTH`].
    pub fn check(self) -> Result<Limits, LimitError> {
        if self.fuel == Some(0) {
            Err(LimitError::FuelZero)
        } else if self.max_memory < MIN_MAX_MEMORY {
            Err(LimitError::MemoryTooSmall)
        } else if self.max_call_depth < MIN_CALL_DEPTH {
            Err(LimitError::StackTooSmall)
        } else {
            Ok(self)
        }
    }
}

/// Why a call did not finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrapKind {
    /// A WebAssembly trap.
    Code(TrapCode),
    /// The fuel budget ran out.
    OutOfFuel,
    /// Stopped from outside (Ctrl-C).
    Interrupted,
    /// A print found its output closed; stop quietly.
    OutputClosed,
    /// A host function failed with this message.
    Host(String),
    /// The engine itself failed (a panic inside wasmi, caught): a bug in wasmi, not in the
    /// learner's program, with the panic's message.
    EngineFailure(String),
    /// Still running when its time limit (in milliseconds) ran out: the caller, which keeps
    /// the clock, stopped it (`watlab run --timeout`).
    TimedOut {
        /// The limit.
        millis: u64,
    },
}

/// A call that stopped early, with the fuel it had used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trap {
    /// What happened.
    pub kind: TrapKind,
    /// Fuel used by the call before it stopped.
    pub fuel_used: u64,
}

impl Trap {
    fn from_error(err: &Error, fuel_used: u64) -> Trap {
        let kind = if err.downcast_ref::<OutputClosed>().is_some() {
            TrapKind::OutputClosed
        } else if let Some(code) = err.as_trap_code() {
            if code == TrapCode::OutOfFuel {
                TrapKind::OutOfFuel
            } else {
                TrapKind::Code(code)
            }
        } else {
            TrapKind::Host(err.to_string())
        };
        Trap { kind, fuel_used }
    }

    /// The spec's wording for the trap, as the spec's test scripts expect it.
    pub fn spec_message(&self) -> String {
        match &self.kind {
            TrapKind::Code(code) => code.trap_message().to_string(),
            TrapKind::OutOfFuel => "all fuel consumed".into(),
            TrapKind::Interrupted => "interrupted".into(),
            TrapKind::TimedOut { .. } => "timed out".into(),
            TrapKind::OutputClosed => "output closed".into(),
            TrapKind::Host(m) | TrapKind::EngineFailure(m) => m.clone(),
        }
    }
}

/// An import that nothing provides, or provides with another type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// Position among the module's imports.
    pub import_idx: usize,
    /// `module` and `name` of the import.
    pub module: String,
    /// Field name.
    pub name: String,
    /// The type the module asks for, in WAT words.
    pub expected: String,
    /// The type of what exists under that name, if anything does.
    pub found: Option<String>,
    /// What a registered module of that name offers: (name, type in WAT words).
    pub registered: Vec<(String, String)>,
    /// The names modules were registered under, oldest first.
    pub registered_modules: Vec<String>,
}

/// An engine, a store with the host modules, and a linker.
pub struct Runtime {
    engine: Engine,
    store: Store<HostState>,
    linker: Linker<HostState>,
    limits: Limits,
    /// Whether wasmi counts fuel. Only off for an unlimited, uninterruptible run.
    metered: bool,
    /// (module, name) of each item defined with [`Runtime::define`], in order, so a link
    /// problem can list what a registered module offers (the linker cannot be listed).
    defined: Vec<(String, String)>,
}

impl Runtime {
    /// A runtime whose programs print to `output`. Calls can be interrupted (see [`Runtime::call`]).
    pub fn new(limits: Limits, output: Box<dyn Output>) -> Runtime {
        Runtime::build(limits, output, true)
    }

    /// A runtime for one command-line run: with unlimited fuel it turns fuel metering off, which
    /// wasmi charges at every basic block (up to ~15% on tight loops), so calls can no longer be
    /// interrupted from another thread and the fuel budget stays unlimited.
    pub fn for_batch(limits: Limits, output: Box<dyn Output>) -> Runtime {
        Runtime::build(limits, output, limits.fuel.is_some())
    }

    fn build(limits: Limits, output: Box<dyn Output>, metered: bool) -> Runtime {
        // Limits under the minimums (see `Limits::check`, which front ends apply) would make
        // wasmi's config or the host's memory panic; never build from them (issue 9).
        let limits = Limits {
            max_memory: limits.max_memory.max(MIN_MAX_MEMORY),
            max_call_depth: limits.max_call_depth.max(MIN_CALL_DEPTH),
            ..limits
        };
        let mut config = Config::default();
        config
            .consume_fuel(metered)
            .wasm_custom_page_sizes(true)
            .wasm_wide_arithmetic(true)
            .set_max_recursion_depth(limits.max_call_depth)
            // Each frame needs some value-stack slots; give deep recursion room to run. wasmi
            // refuses a value stack under its own minimum (1,000 cells), so never ask for less.
            .set_max_stack_height(limits.max_call_depth.saturating_mul(512).clamp(MIN_STACK_HEIGHT, 1 << 30))
            // Metered runs compile every function up front: lazily, a function's first call
            // pays fuel for its translation, so a budget would count code size and a tiny
            // `--fuel` would run out before the first instruction.
            .compilation_mode(if metered { CompilationMode::Eager } else { CompilationMode::Lazy });
        let engine = Engine::new(&config);
        let host = HostState {
            limits: StoreLimitsBuilder::new()
                .memory_size(limits.max_memory)
                .table_elements(MAX_TABLE_ELEMENTS)
                .trap_on_grow_failure(false)
                .build(),
            output,
        };
        let mut store = Store::new(&engine, host);
        store.limiter(|h| &mut h.limits);
        let mut linker = Linker::new(&engine);
        crate::host::define(&mut linker, &mut store).expect("host names are defined once into a fresh linker");
        Runtime { engine, store, linker, limits, metered, defined: Vec::new() }
    }

    /// The limits this runtime enforces.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Changes the fuel budget for later calls (a runtime made by [`Runtime::for_batch`] without
    /// fuel stays unlimited).
    pub fn set_fuel(&mut self, fuel: Option<u64>) {
        if self.metered {
            self.limits.fuel = fuel;
        }
    }

    /// The store, for reading memories, globals and tables.
    pub fn store(&self) -> &Store<HostState> {
        &self.store
    }

    /// The store, for writing.
    pub fn store_mut(&mut self) -> &mut Store<HostState> {
        &mut self.store
    }

    /// The linker, to register instances under a module name.
    pub fn linker_mut(&mut self) -> &mut Linker<HostState> {
        &mut self.linker
    }

    /// Makes `ext` importable as `module` `name` (a registered instance's export).
    ///
    /// # Errors
    /// wasmi's, when the name is taken and shadowing is off.
    pub fn define(&mut self, module: &str, name: &str, ext: wasmi::Extern) -> Result<(), Error> {
        self.linker.define(module, name, ext)?;
        if !self.defined.iter().any(|(m, n)| m == module && n == name) {
            self.defined.push((module.to_string(), name.to_string()));
        }
        Ok(())
    }

    /// The modules [`Runtime::define`] made items importable from, oldest first.
    pub fn defined_modules(&self) -> Vec<String> {
        let mut modules: Vec<String> = Vec::new();
        for (m, _) in &self.defined {
            if !modules.contains(m) {
                modules.push(m.clone());
            }
        }
        modules
    }

    /// What [`Runtime::define`] made importable from `module`: (name, type in WAT words).
    pub fn defined_in(&self, module: &str) -> Vec<(String, String)> {
        (self.defined.iter().filter(|(m, _)| m == module))
            .filter_map(|(m, n)| {
                let ext = self.linker.get(&self.store, m, n)?;
                Some((n.clone(), extern_type_words(&ext.ty(&self.store))))
            })
            .collect()
    }

    /// Compiles an already validated binary.
    ///
    /// # Errors
    /// wasmi's own checks (rare after `validate`).
    pub fn compile(&self, bytes: &[u8]) -> Result<Module, Error> {
        guarded(|| Module::new(&self.engine, bytes)).unwrap_or_else(|kind| {
            let message = match kind {
                TrapKind::EngineFailure(m) => m,
                other => format!("{other:?}"),
            };
            Err(Error::new(format!("the engine failed (a bug in wasmi): {message}")))
        })
    }

    /// Imports of `module` that the linker cannot satisfy, in import order.
    pub fn link_problems(&self, module: &Module) -> Vec<LinkProblem> {
        let mut problems = Vec::new();
        for (import_idx, import) in module.imports().enumerate() {
            let found = self.linker.get(&self.store, import.module(), import.name());
            let expected = extern_type_words(import.ty());
            let found_ty = found.map(|e| extern_type_words(&e.ty(&self.store)));
            let fits = match (import.ty(), found.map(|e| e.ty(&self.store))) {
                (ExternType::Func(want), Some(ExternType::Func(have))) => *want == have,
                (ExternType::Global(want), Some(ExternType::Global(have))) => {
                    want.content() == have.content() && want.mutability() == have.mutability()
                }
                // Tables and memories have subtyping rules wasmi checks itself.
                (ExternType::Table(_), Some(ExternType::Table(_))) => true,
                (ExternType::Memory(_), Some(ExternType::Memory(_))) => true,
                _ => false,
            };
            if !fits {
                problems.push(LinkProblem {
                    import_idx,
                    module: import.module().to_string(),
                    name: import.name().to_string(),
                    expected,
                    found: found_ty,
                    registered: self.defined_in(import.module()),
                    registered_modules: self.defined_modules(),
                });
            }
        }
        problems
    }

    /// Instantiates `module` and runs its start function within the fuel budget.
    ///
    /// # Errors
    /// A trap in the start function, or wasmi's instantiation error (segments out of bounds,
    /// limits, an import wasmi rejects).
    pub fn instantiate(&mut self, module: &Module) -> Result<Instance, Result<Trap, Error>> {
        guarded(|| self.instantiate_unguarded(module)).unwrap_or_else(|kind| Err(Ok(Trap { kind, fuel_used: 0 })))
    }

    fn instantiate_unguarded(&mut self, module: &Module) -> Result<Instance, Result<Trap, Error>> {
        if !self.metered {
            let result = self.linker.instantiate_and_start(&mut self.store, module);
            return result.map_err(|e| if is_trap(&e) { Ok(Trap::from_error(&e, 0)) } else { Err(e) });
        }
        let budget = self.limits.fuel.unwrap_or(u64::MAX / 2);
        self.store.set_fuel(budget).expect("a metered store takes fuel");
        let result = self.linker.instantiate_and_start(&mut self.store, module);
        let used = budget.saturating_sub(self.store.get_fuel().unwrap_or(0));
        result.map_err(|e| if is_trap(&e) { Ok(Trap::from_error(&e, used)) } else { Err(e) })
    }

    /// Calls `func` with `args`, in fuel slices, checking `interrupt` between slices.
    ///
    /// # Errors
    /// A trap, running out of fuel, or an interrupt.
    pub fn call(&mut self, func: Func, args: &[Val], interrupt: Option<&AtomicBool>) -> Result<Vec<Val>, Trap> {
        let mut call = self.begin(func, args);
        loop {
            match self.resume(&mut call) {
                Progress::Finished(values) => return Ok(values),
                Progress::Trapped(trap) => return Err(trap),
                Progress::Paused { fuel_used } => {
                    if interrupt.is_some_and(|flag| flag.swap(false, Ordering::SeqCst)) {
                        return Err(Trap { kind: TrapKind::Interrupted, fuel_used });
                    }
                }
            }
        }
    }

    /// A call of `func` with `args`, ready to run slice by slice with [`Runtime::resume`].
    /// Nothing runs yet.
    pub fn begin(&self, func: Func, args: &[Val]) -> Call {
        let ty = func.ty(&self.store);
        let results = ty.results().iter().map(|t| Val::default_for_ty(*t)).collect();
        Call {
            func,
            args: args.to_vec(),
            results,
            state: CallState::New,
            budget: self.limits.fuel,
            used: 0,
            granted: 0,
        }
    }

    /// Runs `call` for one fuel slice (at most [`SLICE`] units, about a few milliseconds), or to
    /// its end when metering is off. Between slices the caller may do anything that leaves
    /// this runtime's store alone: check for Ctrl-C, hand control back to a browser, decide to
    /// stop (dropping the `Call` abandons it).
    pub fn resume(&mut self, call: &mut Call) -> Progress {
        match guarded(|| self.resume_unguarded(call)) {
            Ok(progress) => progress,
            Err(kind) => {
                call.state = CallState::Done;
                Progress::Trapped(Trap { kind, fuel_used: call.used })
            }
        }
    }

    fn resume_unguarded(&mut self, call: &mut Call) -> Progress {
        let state = std::mem::replace(&mut call.state, CallState::Done);
        if !self.metered {
            if !matches!(state, CallState::New) {
                return Progress::Trapped(Trap { kind: TrapKind::Interrupted, fuel_used: 0 });
            }
            return match call.func.call(&mut self.store, &call.args, &mut call.results) {
                Ok(()) => Progress::Finished(std::mem::take(&mut call.results)),
                Err(e) => Progress::Trapped(Trap::from_error(&e, 0)),
            };
        }
        let step = match state {
            CallState::New => {
                call.granted = self.grant(&mut call.budget);
                call.func.call_resumable(&mut self.store, &call.args, &mut call.results)
            }
            CallState::Paused(invocation) => {
                if call.budget == Some(0) {
                    return Progress::Trapped(Trap { kind: TrapKind::OutOfFuel, fuel_used: self.spent_all(call) });
                }
                call.granted = self.grant(&mut call.budget);
                // A top-up smaller than what the next block needs would only come straight back.
                let need = invocation.required_fuel();
                if need > call.granted {
                    let extra = need - call.granted;
                    match call.budget.as_mut() {
                        Some(b) if *b < extra => {
                            return Progress::Trapped(Trap {
                                kind: TrapKind::OutOfFuel,
                                fuel_used: self.spent_all(call),
                            })
                        }
                        Some(b) => *b -= extra,
                        None => {}
                    }
                    call.granted = need;
                    self.store.set_fuel(need).expect("a metered store takes fuel");
                }
                invocation.resume(&mut self.store, &mut call.results)
            }
            CallState::HostPaused(invocation) => {
                call.granted = self.grant(&mut call.budget);
                invocation.resume(&mut self.store, &[], &mut call.results)
            }
            CallState::Done => return Progress::Trapped(Trap { kind: TrapKind::Interrupted, fuel_used: call.used }),
        };
        let left = self.store.get_fuel().unwrap_or(0);
        call.used += call.granted.saturating_sub(left);
        match step {
            Ok(ResumableCall::Finished) => Progress::Finished(std::mem::take(&mut call.results)),
            Ok(ResumableCall::OutOfFuel(invocation)) => {
                call.state = CallState::Paused(invocation);
                Progress::Paused { fuel_used: call.used }
            }
            Ok(ResumableCall::HostTrap(invocation))
                if invocation.host_error().downcast_ref::<HostPause>().is_some() =>
            {
                call.state = CallState::HostPaused(invocation);
                Progress::Paused { fuel_used: call.used }
            }
            Ok(ResumableCall::HostTrap(invocation)) => {
                Progress::Trapped(Trap::from_error(invocation.host_error(), call.used))
            }
            Err(err) => Progress::Trapped(Trap::from_error(&err, call.used)),
        }
    }

    /// What a call that ran out of fuel spent: its whole budget (the last sliver was too small
    /// for the next step, and counts as spent).
    fn spent_all(&self, call: &Call) -> u64 {
        self.limits.fuel.map_or(call.used, |f| f.max(call.used))
    }

    /// Hands the store the next slice of `budget` and returns its size.
    fn grant(&mut self, budget: &mut Option<u64>) -> u64 {
        let slice = budget.map_or(SLICE, |b| b.min(SLICE));
        if let Some(b) = budget.as_mut() {
            *b -= slice;
        }
        self.store.set_fuel(slice).expect("a metered store takes fuel");
        slice
    }
}

/// A call in progress: see [`Runtime::begin`] and [`Runtime::resume`].
pub struct Call {
    func: Func,
    args: Vec<Val>,
    results: Vec<Val>,
    state: CallState,
    /// Fuel not yet handed out; `None` is unlimited.
    budget: Option<u64>,
    /// Fuel spent so far.
    used: u64,
    /// The size of the slice last handed out.
    granted: u64,
}

impl Call {
    /// Fuel the call has spent so far (exact when metered; 0 when metering is off).
    pub fn fuel_used(&self) -> u64 {
        self.used
    }
}

enum CallState {
    New,
    Paused(ResumableCallOutOfFuel),
    /// A host function without results returned [`HostPause`]: resuming continues after it.
    HostPaused(ResumableCallHostTrap),
    Done,
}

/// Returned (as `wasmi::Error::host(HostPause)`) by a host function that has no results, it
/// pauses the call: [`Runtime::resume`] reports `Progress::Paused` and the next resume goes on
/// after that host call, as if it had returned. The recorder's probes pause this way at a
/// breakpoint; a runtime without metering cannot pause and ends the call instead.
#[derive(Debug)]
pub struct HostPause;

impl std::fmt::Display for HostPause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("paused by the host")
    }
}

impl wasmi::errors::HostError for HostPause {}

/// Where a call stands after one slice.
#[derive(Debug)]
pub enum Progress {
    /// It returned these values.
    Finished(Vec<Val>),
    /// It stopped: a trap, its fuel budget ran out, or it was resumed after it ended.
    Trapped(Trap),
    /// The slice ran out; [`Runtime::resume`] runs the next.
    Paused {
        /// Fuel spent so far.
        fuel_used: u64,
    },
}

/// What the linker provides, as the segment check needs it: sizes of memories and tables and
/// values of integer globals, as they are now in the store.
impl crate::segments::Imports for Runtime {
    fn memory_bytes(&self, module: &str, name: &str) -> Option<u64> {
        match self.linker.get(&self.store, module, name)? {
            wasmi::Extern::Memory(m) => u64::try_from(m.data_size(&self.store)).ok(),
            _ => None,
        }
    }

    fn table_len(&self, module: &str, name: &str) -> Option<u64> {
        match self.linker.get(&self.store, module, name)? {
            wasmi::Extern::Table(t) => Some(t.size(&self.store)),
            _ => None,
        }
    }

    fn global(&self, module: &str, name: &str) -> Option<crate::segments::Num> {
        match self.linker.get(&self.store, module, name)? {
            wasmi::Extern::Global(g) => num_of(&g.get(&self.store)),
            _ => None,
        }
    }
}

/// An integer value as a constant-expression number.
pub fn num_of(value: &Val) -> Option<crate::segments::Num> {
    match value {
        Val::I32(v) => Some(crate::segments::Num::I32(*v)),
        Val::I64(v) => Some(crate::segments::Num::I64(*v)),
        _ => None,
    }
}

/// Runs `f`, turning a panic inside wasmi into [`TrapKind::EngineFailure`]. wasmi 2.0.0's
/// translator panics on some valid code (a store with a 32-bit offset whose address and
/// value are the same register, found by the differential test, issue 9); it compiles
/// lazily, so that happens during a call. The runtime may be left inconsistent, but no
/// learner input may end the process.
fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, TrapKind> {
    GUARDED.with(|n| n.set(n.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|n| n.set(n.get() - 1));
    result.map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        TrapKind::EngineFailure(message)
    })
}

thread_local! {
    /// How many [`guarded`] calls are running on this thread.
    static GUARDED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether a panic on this thread now would be caught by the runtime and reported as
/// [`TrapKind::EngineFailure`]: a front end's panic hook stays quiet then, and prints every
/// other panic as usual.
pub fn panic_is_caught() -> bool {
    GUARDED.with(|n| n.get() > 0)
}

fn is_trap(err: &Error) -> bool {
    err.as_trap_code().is_some() || err.downcast_ref::<OutputClosed>().is_some()
}

/// An import or export type in WAT words: `func (param i32)`, `global (mut i32)`, `memory 1 2`.
pub fn extern_type_words(ty: &ExternType) -> String {
    use crate::value::type_name;
    match ty {
        ExternType::Func(f) => crate::host::func_type_words(f),
        ExternType::Global(g) => match g.mutability() {
            wasmi::Mutability::Var => format!("global (mut {})", type_name(g.content())),
            wasmi::Mutability::Const => format!("global {}", type_name(g.content())),
        },
        ExternType::Memory(m) => match m.maximum() {
            Some(max) => format!("memory {} {max}", m.minimum()),
            None => format!("memory {}", m.minimum()),
        },
        ExternType::Table(t) => {
            let elem = if t.element() == wasmi::RefType::Func { "funcref" } else { "externref" };
            match t.maximum() {
                Some(max) => format!("table {} {max} {elem}", t.minimum()),
                None => format!("table {} {elem}", t.minimum()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::Captured;

    fn runtime_with(wat: &str, fuel: Option<u64>) -> (Runtime, Func) {
        let limits = Limits { fuel, ..Limits::default() };
        let mut rt = Runtime::new(limits, Box::new(Captured(String::new())));
        let module = rt.compile(&wat::parse_str(wat).unwrap()).unwrap();
        let instance = rt.instantiate(&module).ok().unwrap();
        let func = instance.get_func(rt.store(), "f").unwrap();
        (rt, func)
    }

    const COUNT: &str = r#"(module (func (export "f") (param i32) (result i32) (local i32)
        (loop $l (local.set 1 (i32.add (local.get 1) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
        local.get 1))"#;

    #[test]
    fn a_long_call_pauses_between_slices_and_finishes() {
        let (mut rt, f) = runtime_with(COUNT, None);
        let mut call = rt.begin(f, &[Val::I32(3_000_000)]);
        let mut n_pauses = 0;
        let values = loop {
            match rt.resume(&mut call) {
                Progress::Paused { .. } => n_pauses += 1,
                Progress::Finished(values) => break values,
                Progress::Trapped(t) => panic!("{t:?}"),
            }
        };
        assert!(matches!(values[..], [Val::I32(3_000_000)]));
        assert!(n_pauses >= 1, "{n_pauses}");
    }

    #[test]
    fn a_budget_ends_the_call_with_the_fuel_it_used() {
        let (mut rt, f) = runtime_with(COUNT, Some(25_000_000));
        let mut call = rt.begin(f, &[Val::I32(i32::MAX)]);
        let trap = loop {
            match rt.resume(&mut call) {
                Progress::Paused { fuel_used } => assert!(fuel_used <= 25_000_000),
                Progress::Finished(_) => panic!("finished"),
                Progress::Trapped(t) => break t,
            }
        };
        assert_eq!(trap.kind, TrapKind::OutOfFuel);
        assert!(trap.fuel_used > 20_000_000 && trap.fuel_used <= 25_000_000, "{}", trap.fuel_used);
        // `call` is the same loop, and gives the same answer.
        let again = rt.call(f, &[Val::I32(i32::MAX)], None).unwrap_err();
        assert_eq!(again, trap);
    }

    #[test]
    fn an_interrupt_is_noticed_between_slices() {
        let (mut rt, f) = runtime_with(COUNT, None);
        let flag = AtomicBool::new(true);
        let trap = rt.call(f, &[Val::I32(i32::MAX)], Some(&flag)).unwrap_err();
        assert_eq!(trap.kind, TrapKind::Interrupted);
        // The store is still usable.
        assert!(matches!(rt.call(f, &[Val::I32(5)], None).unwrap()[..], [Val::I32(5)]));
    }

    /// Issue 9 (found by the differential test): wasmi 2.0.0's translator panics on this
    /// valid function; the call must end as a diagnosable failure, not a crash.
    #[test]
    fn an_engine_panic_is_a_failure_not_a_crash() {
        let wat = r#"(module (memory 1) (func (export "f") (param i32)
            (local.set 0 (i32.load (local.get 0))) local.get 0 local.get 0 i32.store offset=70000))"#;
        let bytes = wat::parse_str(wat).unwrap();
        let mut runtime = Runtime::new(Limits::default(), Box::new(crate::host::Captured(String::new())));
        // Metered runtimes compile eagerly, so the translator's panic comes out of `compile`.
        let module = match runtime.compile(&bytes) {
            Ok(m) => m,
            Err(e) => return assert!(e.to_string().contains("the engine failed"), "{e}"),
        };
        let instance = runtime.instantiate(&module).unwrap();
        let f = instance.get_func(runtime.store(), "f").unwrap();
        let trap = runtime.call(f, &[Val::I32(0)], None).unwrap_err();
        // Once wasmi is fixed this is an out-of-bounds trap instead; either way, no crash.
        assert!(
            matches!(trap.kind, TrapKind::EngineFailure(_) | TrapKind::Code(TrapCode::MemoryOutOfBounds)),
            "{trap:?}"
        );
        let d = crate::trap::diagnostic(&trap, Limits::default(), "`f`");
        assert!(!d.message.is_empty());
    }
}
