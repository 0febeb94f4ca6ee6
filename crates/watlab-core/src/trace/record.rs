//! The recorder: runs a call on the recording copy (`probes.rs`) and keeps a shadow of the
//! machine (frames, their locals and value stacks) from what the probes report, handing each
//! event to a [`Sink`] the caller supplies. The tracer prints events; the debugger's sink
//! counts them and pauses at a breakpoint (the probe returns `runtime::HostPause`, and
//! [`Recorder::resume`] goes on from there).
//!
//! The shadow stack follows from each site's static effect (how many values it pops, which
//! types it pushes, where a branch lands) and the values the probes report. Nothing here
//! prints or keeps a history: a sink that wants one keeps it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use wasmi::{Caller, Error, Extern, Func, Instance, Val, ValType};

use super::probes::{Effect, Probed, Site, MODULE};
use crate::host::{HostState, Output};
use crate::runtime::{Call, HostPause, Limits, Progress, Runtime};

/// One active call in the shadow machine.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Defined function (code-section order).
    pub defined_idx: u32,
    /// Parameters, then declared locals.
    pub locals: Vec<Val>,
    /// The function's operand stack, bottom first.
    pub stack: Vec<Val>,
    /// The site it is at (about to run, running, or last run).
    pub site: Option<u32>,
    /// A site whose pushed values have not been reported yet.
    pending: Option<u32>,
}

/// The shadow machine, as sinks and callers see it.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    /// Active calls, outermost first.
    pub frames: Vec<Frame>,
    /// Sites started so far (the `Before` events).
    pub n_steps: u64,
    /// The operands the site being run popped (for a trap: the trapping instruction's).
    pub operands: Vec<Val>,
}

/// A memory write, as a store made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    /// Memory index.
    pub memory: u32,
    /// Effective address.
    pub addr: u64,
    /// The bytes before.
    pub old: Vec<u8>,
    /// The bytes after.
    pub new: Vec<u8>,
}

/// What happened.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// Site `site` is about to run: its operands are the top of the innermost frame's stack.
    Before {
        /// The site.
        site: u32,
    },
    /// Site `site` ran; the innermost frame's stack is as it left it. For a call this comes
    /// when the call returns (its results pushed).
    After {
        /// The site.
        site: u32,
    },
    /// A call is made from `site` with these arguments (the callee may be an import).
    Call {
        /// The call instruction.
        site: u32,
        /// Its arguments.
        args: &'a [Val],
    },
    /// A defined function starts (the new innermost frame).
    Enter,
    /// The innermost frame returns `results` (it is still on the machine's stack).
    Leave {
        /// Its results.
        results: &'a [Val],
    },
    /// A store changed (or rewrote) memory.
    Store(&'a Write),
}

/// What a sink wants after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Go,
    /// Pause before this site (only honoured at [`Event::Before`]).
    Pause,
}

/// Receives the events of a recorded run.
pub trait Sink: Send {
    /// One event, with the machine as it is at that point.
    fn event(&mut self, event: &Event<'_>, machine: &Machine) -> Flow;
}

/// A sink that only lets the run go on (the caller reads the machine afterwards).
pub struct Quiet;

impl Sink for Quiet {
    fn event(&mut self, _event: &Event<'_>, _machine: &Machine) -> Flow {
        Flow::Go
    }
}

/// The recorder's host-side state, shared with the probes.
struct Inner {
    probed: Arc<Probed>,
    machine: Machine,
    /// Arguments of the call being made, for the callee's `enter`.
    args: Option<Vec<Val>>,
    /// Values reported since the last step.
    reported: Vec<Val>,
    /// A site that paused before its effect was applied.
    deferred: Option<u32>,
    /// Old bytes under the store about to run.
    store_old: Vec<u8>,
    /// Probes do nothing while this is off (while the start function runs).
    on: bool,
    sink: Box<dyn Sink>,
}

fn zero(ty: wasmparser::ValType) -> Val {
    match ty {
        wasmparser::ValType::I32 => Val::I32(0),
        wasmparser::ValType::I64 => Val::I64(0),
        wasmparser::ValType::F32 => Val::F32(0f32.into()),
        wasmparser::ValType::F64 => Val::F64(0f64.into()),
        wasmparser::ValType::V128 => Val::V128(0u128.into()),
        wasmparser::ValType::Ref(r) if r.is_extern_ref() => Val::default_for_ty(ValType::ExternRef),
        wasmparser::ValType::Ref(_) => Val::default_for_ty(ValType::FuncRef),
    }
}

fn as_u64(v: &Val) -> u64 {
    match v {
        Val::I32(x) => *x as u32 as u64,
        Val::I64(x) => *x as u64,
        _ => 0,
    }
}

fn le_bytes(v: &Val, n: usize) -> Vec<u8> {
    let all = match v {
        Val::I32(x) => (*x as u32 as u64).to_le_bytes(),
        Val::I64(x) => x.to_le_bytes(),
        Val::F32(x) => (x.to_bits() as u64).to_le_bytes(),
        Val::F64(x) => x.to_bits().to_le_bytes(),
        _ => [0; 8],
    };
    all[..n.min(8)].to_vec()
}

impl Inner {
    fn emit(&mut self, event: &Event<'_>) -> Flow {
        self.sink.event(event, &self.machine)
    }

    /// The innermost frame's pending site gets the values reported for it.
    fn complete(&mut self) {
        let Some(frame) = self.machine.frames.last_mut() else { return };
        let Some(id) = frame.pending.take() else { return };
        let probed = self.probed.clone();
        let pushes = &probed.analysis.sites[id as usize].pushes;
        let mut reported = self.reported.drain(..);
        for &ty in pushes {
            let v = match ty {
                wasmparser::ValType::I32
                | wasmparser::ValType::I64
                | wasmparser::ValType::F32
                | wasmparser::ValType::F64 => reported.next().unwrap_or_else(|| zero(ty)),
                other => zero(other),
            };
            frame.stack.push(v);
        }
        drop(reported);
        self.emit(&Event::After { site: id });
    }

    fn step(&mut self, id: u32, memory: impl Fn(u32, u64, usize) -> Vec<u8>) -> Flow {
        if let Some(d) = self.deferred.take() {
            self.apply(d);
        }
        self.complete();
        let probed = self.probed.clone();
        let site = &probed.analysis.sites[id as usize];
        let Some(frame) = self.machine.frames.last_mut() else { return Flow::Go };
        frame.site = Some(id);
        self.machine.n_steps += 1;
        if let Effect::Store { memory: m, offset, bytes } = site.effect {
            let addr = frame.stack.len().checked_sub(2).map(|i| as_u64(&frame.stack[i]));
            self.store_old = addr.map(|a| memory(m, a.saturating_add(offset), bytes as usize)).unwrap_or_default();
        }
        let flow = self.emit(&Event::Before { site: id });
        if flow == Flow::Pause {
            self.deferred = Some(id);
        } else {
            self.apply(id);
        }
        flow
    }

    /// What site `id` does to the shadow machine once it runs.
    fn apply(&mut self, id: u32) {
        let probed = self.probed.clone();
        let site = &probed.analysis.sites[id as usize];
        let Some(frame) = self.machine.frames.last_mut() else { return };
        let at = frame.stack.len().saturating_sub(site.pops as usize);
        let operands = frame.stack.split_off(at);
        self.machine.operands = operands.clone();
        match &site.effect {
            Effect::Plain | Effect::Load { .. } | Effect::Bulk { .. } => self.pend_or_done(id, site),
            Effect::Structure | Effect::If | Effect::GlobalSet(_) => {
                self.emit(&Event::After { site: id });
            }
            Effect::LocalSet(idx) => {
                if let (Some(slot), Some(v)) = (frame.locals.get_mut(*idx as usize), operands.first()) {
                    *slot = v.clone();
                }
                self.pend_or_done(id, site);
            }
            Effect::Store { memory, offset, bytes } => {
                if let [addr, value] = operands.as_slice() {
                    let write = Write {
                        memory: *memory,
                        addr: as_u64(addr).saturating_add(*offset),
                        old: std::mem::take(&mut self.store_old),
                        new: le_bytes(value, *bytes as usize),
                    };
                    self.emit(&Event::Store(&write));
                }
                self.emit(&Event::After { site: id });
            }
            Effect::Branch { targets, conditional, table } => {
                let chosen = if *table {
                    let i = operands.first().map_or(0, as_u64) as usize;
                    targets.get(i.min(targets.len().saturating_sub(1)))
                } else {
                    targets.first()
                };
                let taken = !*conditional || operands.first().is_some_and(|v| as_u64(v) != 0);
                let Some(t) = chosen.copied().filter(|_| taken) else {
                    self.emit(&Event::After { site: id });
                    return;
                };
                let carried = frame.stack.split_off(frame.stack.len().saturating_sub(t.arity as usize));
                frame.stack.truncate(t.height as usize);
                frame.stack.extend(carried.iter().cloned());
                self.emit(&Event::After { site: id });
                if t.returns {
                    self.leave(&carried);
                }
            }
            Effect::Return(n) => {
                let results = frame.stack[frame.stack.len().saturating_sub(*n as usize)..].to_vec();
                self.emit(&Event::After { site: id });
                self.leave(&results);
            }
            Effect::Call { n_params, .. } => {
                let args = operands[..(*n_params as usize).min(operands.len())].to_vec();
                frame.pending = Some(id);
                self.emit(&Event::Call { site: id, args: &args });
                self.args = Some(args);
            }
            Effect::TailCall { .. } => {
                self.emit(&Event::Call { site: id, args: &operands });
                self.emit(&Event::After { site: id });
                self.leave(&[]);
                self.args = Some(operands);
            }
        }
    }

    fn pend_or_done(&mut self, id: u32, site: &Site) {
        if site.pushes.is_empty() {
            self.emit(&Event::After { site: id });
        } else if let Some(frame) = self.machine.frames.last_mut() {
            frame.pending = Some(id);
        }
    }

    fn leave(&mut self, results: &[Val]) {
        self.emit(&Event::Leave { results });
        self.machine.frames.pop();
    }

    fn enter(&mut self, defined_idx: u32) {
        if let Some(d) = self.deferred.take() {
            self.apply(d);
        }
        let shape = &self.probed.analysis.funcs[defined_idx as usize];
        let mut locals = self.args.take().unwrap_or_default();
        locals.truncate(shape.params.len());
        while locals.len() < shape.params.len() {
            locals.push(zero(shape.params[locals.len()]));
        }
        locals.extend(shape.locals.iter().map(|t| zero(*t)));
        self.machine.frames.push(Frame { defined_idx, locals, stack: Vec::new(), site: None, pending: None });
        self.emit(&Event::Enter);
    }

    fn report(&mut self, v: Val) {
        if self.on {
            if let Some(d) = self.deferred.take() {
                self.apply(d);
            }
            self.reported.push(v);
        }
    }
}

type Shared = Arc<Mutex<Inner>>;

fn lock(inner: &Shared) -> MutexGuard<'_, Inner> {
    inner.lock().unwrap_or_else(PoisonError::into_inner)
}

fn memory_bytes(caller: &Caller<'_, HostState>, memory: u32, addr: u64, len: usize) -> Vec<u8> {
    let Some(Extern::Memory(m)) = caller.get_export(&format!("watlab:memory:{memory}")) else { return Vec::new() };
    let data = m.data(caller);
    let start = usize::try_from(addr).unwrap_or(usize::MAX);
    data.get(start..start.saturating_add(len)).map(<[u8]>::to_vec).unwrap_or_default()
}

fn define_hooks(runtime: &mut Runtime, inner: &Shared) -> Result<(), Error> {
    let store = runtime.store_mut();
    let i = inner.clone();
    let step = Func::wrap(&mut *store, move |caller: Caller<'_, HostState>, id: i32| -> Result<(), Error> {
        let mut inner = lock(&i);
        if !inner.on {
            return Ok(());
        }
        match inner.step(id as u32, |m, a, n| memory_bytes(&caller, m, a, n)) {
            Flow::Go => Ok(()),
            Flow::Pause => Err(Error::host(HostPause)),
        }
    });
    let i = inner.clone();
    let enter = Func::wrap(&mut *store, move |d: i32| {
        let mut inner = lock(&i);
        if inner.on {
            inner.enter(d as u32);
        }
    });
    let i = inner.clone();
    let val_i32 = Func::wrap(&mut *store, move |v: i32| {
        lock(&i).report(Val::I32(v));
        v
    });
    let i = inner.clone();
    let val_i64 = Func::wrap(&mut *store, move |v: i64| {
        lock(&i).report(Val::I64(v));
        v
    });
    let i = inner.clone();
    let val_f32 = Func::wrap(&mut *store, move |v: wasmi::F32| {
        lock(&i).report(Val::F32(v));
        v
    });
    let i = inner.clone();
    let val_f64 = Func::wrap(&mut *store, move |v: wasmi::F64| {
        lock(&i).report(Val::F64(v));
        v
    });
    let linker = runtime.linker_mut();
    for (name, f) in [
        ("step", step),
        ("enter", enter),
        ("val_i32", val_i32),
        ("val_i64", val_i64),
        ("val_f32", val_f32),
        ("val_f64", val_f64),
    ] {
        linker.define(MODULE, name, f)?;
    }
    Ok(())
}

/// Memory contents and global values, by index (imports first); `None` where unknown.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Each memory's bytes.
    pub memories: Vec<Option<Vec<u8>>>,
    /// Each global's value (only mutable ones are ever set).
    pub globals: Vec<Option<Val>>,
}

/// A recording run of one module: its own runtime, the instance of the recording copy, and
/// the shadow machine.
pub struct Recorder {
    runtime: Runtime,
    instance: Instance,
    inner: Shared,
    probed: Arc<Probed>,
}

impl Recorder {
    /// Instantiates the recording copy under `limits` (fuel is always metered, so a
    /// breakpoint can pause), printing to `output`. The start function runs unrecorded.
    ///
    /// # Errors
    /// The copy does not compile or instantiate (as the original would not), as text.
    pub fn new(
        probed: Arc<Probed>,
        limits: Limits,
        output: Box<dyn Output>,
        sink: Box<dyn Sink>,
    ) -> Result<Recorder, String> {
        let mut runtime = Runtime::new(limits, output);
        let inner = Arc::new(Mutex::new(Inner {
            probed: probed.clone(),
            machine: Machine::default(),
            args: None,
            reported: Vec::new(),
            deferred: None,
            store_old: Vec::new(),
            on: false,
            sink,
        }));
        define_hooks(&mut runtime, &inner).map_err(|e| e.to_string())?;
        let module = runtime.compile(&probed.bytes).map_err(|e| e.to_string())?;
        let instance = runtime.instantiate(&module).map_err(|e| match e {
            Ok(trap) => trap.spec_message(),
            Err(e) => e.to_string(),
        })?;
        Ok(Recorder { runtime, instance, inner, probed })
    }

    /// Starts a recorded call of the export `name` (`None` when there is no such function).
    pub fn begin(&mut self, name: &str, args: &[Val]) -> Option<Call> {
        let func = self.instance.get_func(self.runtime.store(), name)?;
        let mut inner = lock(&self.inner);
        inner.on = true;
        inner.machine = Machine::default();
        inner.args = Some(args.to_vec());
        drop(inner);
        Some(self.runtime.begin(func, args))
    }

    /// Runs `call` on until it ends, runs out of its fuel slice, or a sink pauses it.
    pub fn resume(&mut self, call: &mut Call) -> Progress {
        {
            let mut inner = lock(&self.inner);
            if let Some(d) = inner.deferred.take() {
                inner.apply(d);
            }
        }
        let progress = self.runtime.resume(call);
        if matches!(progress, Progress::Finished(_)) {
            let mut inner = lock(&self.inner);
            inner.complete();
        }
        progress
    }

    /// The shadow machine now.
    pub fn machine(&self) -> Machine {
        lock(&self.inner).machine.clone()
    }

    /// Reads `len` bytes of memory `memory` at `addr` (fewer at its end).
    pub fn memory(&self, memory: u32, addr: u64, len: usize) -> Vec<u8> {
        let store = self.runtime.store();
        let Some(m) = self.instance.get_memory(store, &format!("watlab:memory:{memory}")) else { return Vec::new() };
        let data = m.data(store);
        let start = usize::try_from(addr).unwrap_or(usize::MAX).min(data.len());
        data[start..start.saturating_add(len).min(data.len())].to_vec()
    }

    /// The size in bytes of memory `memory`, if it exists.
    pub fn memory_size(&self, memory: u32) -> Option<u64> {
        let store = self.runtime.store();
        let m = self.instance.get_memory(store, &format!("watlab:memory:{memory}"))?;
        Some(m.data(store).len() as u64)
    }

    /// Every global's value now, by index.
    pub fn globals(&self) -> Vec<Val> {
        let store = self.runtime.store();
        (0..self.probed.analysis.n_globals)
            .filter_map(|i| self.instance.get_global(store, &format!("watlab:global:{i}")))
            .map(|g| g.get(store))
            .collect()
    }

    /// Table `table`'s size, and the type of its element `idx` when that is a function.
    pub fn table_entry(&self, table: u32, idx: u64) -> Option<(u64, Option<wasmi::FuncType>)> {
        let store = self.runtime.store();
        let t = self.instance.get_table(store, &format!("watlab:table:{table}"))?;
        let entry = t.get(store, idx);
        let func = entry.as_ref().and_then(|r| r.as_func()).and_then(|n| n.val().copied());
        let ty = func.map(|f| f.ty(store));
        Some((t.size(store), ty))
    }

    /// Memory and mutable globals as they are now, to carry into another recorder (or back
    /// into the instance the state came from).
    pub fn state(&self) -> State {
        let store = self.runtime.store();
        let memories = (0..self.probed.analysis.n_memories)
            .map(|i| self.instance.get_memory(store, &format!("watlab:memory:{i}")).map(|m| m.data(store).to_vec()))
            .collect();
        let globals = self.globals().into_iter().map(Some).collect();
        State { memories, globals }
    }

    /// Gives the copy `state` (a live session's memory and globals): memories grow to its
    /// sizes and take its bytes, mutable globals its values. Entries that do not fit (a
    /// memory that cannot grow that far, a global of another type) are left as they are.
    pub fn load_state(&mut self, state: &State) {
        let instance = self.instance;
        let store = self.runtime.store_mut();
        for (i, bytes) in state.memories.iter().enumerate() {
            let (Some(bytes), Some(m)) = (bytes, instance.get_memory(&*store, &format!("watlab:memory:{i}"))) else {
                continue;
            };
            let have = m.data(&*store).len();
            let n_pages = m.size(&*store) as usize;
            let page = have.checked_div(n_pages).unwrap_or(65536);
            if bytes.len() > have && page > 0 {
                let _ = m.grow(&mut *store, ((bytes.len() - have).div_ceil(page)) as u64);
            }
            let data = m.data_mut(&mut *store);
            let n = bytes.len().min(data.len());
            data[..n].copy_from_slice(&bytes[..n]);
        }
        for (i, value) in state.globals.iter().enumerate() {
            let (Some(value), Some(g)) = (value, instance.get_global(&*store, &format!("watlab:global:{i}"))) else {
                continue;
            };
            if g.ty(&*store).mutability().is_mut() && g.ty(&*store).content() == value.ty() {
                let _ = g.set(&mut *store, value.clone());
            }
        }
    }

    /// The analysis of the copy.
    pub fn probed(&self) -> &Arc<Probed> {
        &self.probed
    }
}
