//! Differential test: watlab runs generated modules exactly as plain wasmi does.
//!
//! Modules come from `wasm-smith`, fed by a fixed-seed generator (the same modules on every
//! machine, so a failure reproduces from its seed), restricted to what wasmi supports (no GC,
//! exceptions, threads, SIMD, wide arithmetic), without imports, with every item exported and
//! with `ensure_termination`, so every call ends by itself. Each module runs three ways:
//!
//! - watlab's binary path: `Program::load` of the bytes, instantiated in a watlab `Runtime`;
//! - watlab's text path: the module printed with `wasmprinter`, assembled by watlab (with
//!   spans), validated and run the same way;
//! - plain wasmi, with its own engine, store and linker.
//!
//! Every exported function is called in export order with zero arguments; instantiation
//! (segments, start function), results and traps must agree. Floats are compared as bit
//! patterns, every NaN mapped to one canonical value (NaN payloads are not deterministic
//! across engines). Running out of fuel or stack is not compared: the two runtimes have
//! different limits. The text path must also round-trip: printing watlab's binary gives the
//! same text as printing the original.
//!
//! `DIFF_CASES=N` changes how many modules are generated (default 1,000, about a second), for a
//! longer soak; `DIFF_TRACE=1` prints each seed and step, to find one that crashes the process.

use wasmi::{Config, Engine, Linker, Module, Store, Val};
use watlab_core::host::Captured;
use watlab_core::program::Program;
use watlab_core::runtime::{Limits, Runtime, TrapKind};
use watlab_core::source::SourceMap;

const DEFAULT_CASES: u64 = 1000;
/// Fuel for each call: `ensure_termination` stops loops and recursion well before.
const FUEL: u64 = 20_000_000;

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

fn config() -> wasm_smith::Config {
    wasm_smith::Config {
        gc_enabled: false,
        exceptions_enabled: false,
        threads_enabled: false,
        simd_enabled: false,
        relaxed_simd_enabled: false,
        wide_arithmetic_enabled: false,
        compact_imports_enabled: false,
        custom_page_sizes_enabled: false,
        max_imports: 0,
        export_everything: true,
        min_funcs: 3,
        max_funcs: 12,
        max_instructions: 60,
        // Bounded memories and tables, so `memory.grow` and `table.grow` answer the same
        // under watlab's store limits as under plain wasmi's.
        memory_max_size_required: true,
        max_memory32_bytes: 4 << 20,
        max_memory64_bytes: 4 << 20,
        table_max_size_required: true,
        max_table_elements: 1_000,
        ..wasm_smith::Config::default()
    }
}

/// How one call ended, comparable across runtimes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    Returned(Vec<u64>),
    Trapped(String),
    /// Out of fuel or stack (the runtimes' limits differ), or a panic inside wasmi: not
    /// compared, and nothing after it either.
    Limit,
}

/// How a whole module ran.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    NotInstantiated,
    Called(Vec<(String, Call)>),
}

fn bits(v: &Val) -> u64 {
    const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;
    match v {
        Val::I32(x) => u64::from(*x as u32),
        Val::I64(x) => *x as u64,
        Val::F32(x) => {
            let f = f32::from(*x);
            if f.is_nan() {
                CANONICAL_NAN
            } else {
                u64::from(f.to_bits())
            }
        }
        Val::F64(x) => {
            let f = f64::from(*x);
            if f.is_nan() {
                CANONICAL_NAN
            } else {
                f.to_bits()
            }
        }
        Val::FuncRef(r) => u64::from(!r.is_null()),
        Val::ExternRef(r) => u64::from(!r.is_null()),
        _ => u64::MAX,
    }
}

fn trap_name(code: wasmi::TrapCode) -> Call {
    match code {
        wasmi::TrapCode::OutOfFuel | wasmi::TrapCode::StackOverflow => Call::Limit,
        other => Call::Trapped(format!("{other:?}")),
    }
}

fn zero_args(ty: &wasmi::FuncType) -> Vec<Val> {
    ty.params().iter().map(|t| Val::default_for_ty(*t)).collect()
}

/// Plain wasmi: the reference.
fn run_wasmi(bytes: &[u8]) -> Run {
    let mut config = Config::default();
    // watlab's call depth, so deep recursion ends the same way on both sides.
    let depth = watlab_core::runtime::DEFAULT_MAX_CALL_DEPTH;
    config.consume_fuel(true).set_max_recursion_depth(depth).set_max_stack_height(depth * 512);
    let engine = Engine::new(&config);
    let Ok(module) = Module::new(&engine, bytes) else { return Run::NotInstantiated };
    let mut store = Store::new(&engine, ());
    let linker = Linker::<()>::new(&engine);
    if store.set_fuel(FUEL).is_err() {
        return Run::NotInstantiated;
    }
    let Ok(instance) = linker.instantiate_and_start(&mut store, &module) else { return Run::NotInstantiated };
    let funcs: Vec<(String, wasmi::Func)> =
        instance.exports(&store).filter_map(|e| Some((e.name().to_string(), e.into_func()?))).collect();
    let mut calls = Vec::new();
    for (name, func) in funcs {
        let ty = func.ty(&store);
        let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for_ty(*t)).collect();
        let _ = store.set_fuel(FUEL);
        // wasmi 2.0.0's translator panics on some valid code; watlab reports that as an
        // engine failure. Either way the store may be inconsistent: compare no further.
        let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            func.call(&mut store, &zero_args(&ty), &mut results)
        }));
        let call = match called {
            Err(_) => Call::Limit,
            Ok(Ok(())) => Call::Returned(results.iter().map(bits).collect()),
            Ok(Err(e)) => e.as_trap_code().map_or_else(|| Call::Trapped(e.to_string()), trap_name),
        };
        calls.push((name, call));
    }
    Run::Called(calls)
}

/// watlab's path for one input (binary or text).
fn run_watlab(name: &str, input: Vec<u8>) -> Result<(Run, Vec<u8>), String> {
    let mut sources = SourceMap::new();
    let program =
        Program::load(&mut sources, name, input).map_err(|d| format!("load: {} ({})", d.message, d.code.id))?;
    let limits = Limits { fuel: Some(FUEL), ..Limits::default() };
    let mut runtime = Runtime::new(limits, Box::new(Captured(String::new())));
    let Ok((_, instance)) = program.instantiate(&sources, &mut runtime) else {
        return Ok((Run::NotInstantiated, program.bytes));
    };
    let funcs: Vec<(String, wasmi::Func)> =
        instance.exports(runtime.store()).filter_map(|e| Some((e.name().to_string(), e.into_func()?))).collect();
    let mut calls = Vec::new();
    for (name, func) in funcs {
        let args = zero_args(&func.ty(runtime.store()));
        let call = match runtime.call(func, &args, None) {
            Ok(values) => Call::Returned(values.iter().map(bits).collect()),
            Err(trap) => match trap.kind {
                TrapKind::Code(code) => trap_name(code),
                TrapKind::OutOfFuel => Call::Limit,
                TrapKind::EngineFailure(_) => Call::Limit,
                other => Call::Trapped(format!("{other:?}")),
            },
        };
        calls.push((name, call));
    }
    Ok((Run::Called(calls), program.bytes))
}

/// Equal up to the first call where either side hit a limit: after that the module's state
/// (memory, globals, its termination counter) may differ, so later calls are not compared.
fn agree(a: &Run, b: &Run) -> bool {
    match (a, b) {
        (Run::NotInstantiated, Run::NotInstantiated) => true,
        (Run::Called(x), Run::Called(y)) => {
            if x.len() != y.len() {
                return false;
            }
            for ((n1, c1), (n2, c2)) in x.iter().zip(y) {
                if *c1 == Call::Limit || *c2 == Call::Limit {
                    return n1 == n2;
                }
                if n1 != n2 || c1 != c2 {
                    return false;
                }
            }
            true
        }
        _ => false,
    }
}

/// What the seeds exercised, printed at the end (`--nocapture`).
#[derive(Default)]
struct Tally {
    modules: usize,
    not_instantiated: usize,
    calls: usize,
    traps: usize,
    limits: usize,
}

/// One seed: `Ok(false)` when wasm-smith made no module of it.
fn check_seed(seed: u64, tally: &mut Tally) -> Result<bool, String> {
    let mut rng = Rng(seed);
    let raw = rng.bytes(16 << 10);
    let mut u = arbitrary::Unstructured::new(&raw);
    let Ok(mut module) = wasm_smith::Module::new(config(), &mut u) else { return Ok(false) };
    if module.ensure_termination(10_000).is_err() {
        return Ok(false);
    }
    let bytes = module.to_bytes();
    let text = wasmprinter::print_bytes(&bytes).map_err(|e| format!("wasmprinter: {e}"))?;
    let trace = std::env::var_os("DIFF_TRACE").is_some();
    let step = |what: &str| {
        if trace {
            eprintln!("  {what}");
        }
    };
    step("wasmi");
    let reference = run_wasmi(&bytes);
    step("watlab binary");
    tally.modules += 1;
    match &reference {
        Run::NotInstantiated => tally.not_instantiated += 1,
        Run::Called(calls) => {
            tally.calls += calls.len();
            tally.traps += calls.iter().filter(|(_, c)| matches!(c, Call::Trapped(_))).count();
            tally.limits += calls.iter().filter(|(_, c)| *c == Call::Limit).count();
        }
    }
    let (binary_run, _) = run_watlab("m.wasm", bytes.clone())?;
    if !agree(&binary_run, &reference) {
        return Err(format!("binary path differs:\n  watlab {binary_run:?}\n  wasmi  {reference:?}"));
    }
    step("watlab text");
    let (text_run, assembled) =
        run_watlab("m.wat", text.clone().into_bytes()).map_err(|e| format!("text path: {e}"))?;
    if !agree(&text_run, &reference) {
        return Err(format!("text path differs:\n  watlab {text_run:?}\n  wasmi  {reference:?}"));
    }
    let again = wasmprinter::print_bytes(&assembled).map_err(|e| format!("printing watlab's binary: {e}"))?;
    if again != text {
        let line = text.lines().zip(again.lines()).position(|(a, b)| a != b).unwrap_or(0);
        return Err(format!(
            "print-then-build does not round-trip (first difference at line {}):\n  {}\n  {}",
            line + 1,
            text.lines().nth(line).unwrap_or(""),
            again.lines().nth(line).unwrap_or("")
        ));
    }
    Ok(true)
}

/// The binary's main thread has an 8 MiB stack; wasmi's executor uses some native stack per
/// nested call, so run on one as large, not on the test harness's 2 MiB.
const STACK: usize = 8 << 20;

#[test]
fn watlab_runs_generated_modules_like_wasmi() {
    let run = std::thread::Builder::new().stack_size(STACK).spawn(all_seeds).expect("a thread starts");
    if let Err(panic) = run.join() {
        std::panic::resume_unwind(panic);
    }
}

fn all_seeds() {
    let cases = std::env::var("DIFF_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_CASES);
    let mut failures = Vec::new();
    let mut tally = Tally::default();
    for seed in 0..cases {
        if std::env::var_os("DIFF_TRACE").is_some() {
            eprintln!("seed {seed}");
        }
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_seed(seed, &mut tally))) {
            Ok(Ok(_)) => {}
            Ok(Err(why)) => failures.push(format!("seed {seed}: {why}")),
            Err(_) => failures.push(format!("seed {seed}: panicked")),
        }
    }
    println!(
        "{cases} seeds: {} modules ({} not instantiated), {} calls ({} trapped, {} hit a limit)",
        tally.modules, tally.not_instantiated, tally.calls, tally.traps, tally.limits
    );
    assert!(failures.is_empty(), "{} of {cases} seeds failed:\n{}", failures.len(), failures.join("\n"));
    assert!(tally.modules * 2 > cases as usize, "only {} of {cases} seeds made a module", tally.modules);
}
