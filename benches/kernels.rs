//! Compute kernels run the way `watlab run` runs them, against the same module called straight
//! through wasmi.
//!
//! Both sides do the whole job per iteration: turn the text into a module, instantiate, call.
//! watlab's path is `Program::load` (assemble with spans, validate) + `instantiate` (link check,
//! wasmi compile) + `Runtime::call` (fuel slices, default limits); the direct path is wasmi's
//! `Module::new` on the text, a `Linker`, and `Func::call` with fuel metering off. Each kernel
//! takes about 0.4 s in wasmi. Target: watlab within 1.1x. Run with `cargo bench --bench kernels`.
//! A third variant, wasmi with fuel metering on, separates the price of metering from the rest.

use divan::{black_box, Bencher};
use wasmi::{Config, Engine, Linker, Module, Store, Val};
use watlab_core::host::Captured;
use watlab_core::program::{parse_args, Program};
use watlab_core::runtime::{Limits, Runtime};
use watlab_core::source::SourceMap;

/// One kernel: its text, the export to call and the arguments, as `watlab run` would get them.
struct Kernel {
    name: &'static str,
    wat: &'static str,
    export: &'static str,
    args: &'static [&'static str],
}

/// Sized so each call takes about 0.4 s in wasmi on the machine the README names; the same
/// sizes are used by `benches/vs-wasmi-cli.sh`.
const KERNELS: &[Kernel] = &[
    Kernel { name: "fib", wat: include_str!("kernels/fib.wat"), export: "fib", args: &["35"] },
    Kernel { name: "sieve", wat: include_str!("kernels/sieve.wat"), export: "sieve", args: &["1000000", "38"] },
    Kernel { name: "matmul", wat: include_str!("kernels/matmul.wat"), export: "matmul", args: &["224"] },
];

fn kernel(name: &str) -> &'static Kernel {
    KERNELS.iter().find(|k| k.name == name).expect("a known kernel")
}

/// watlab's path, with the default limits a learner gets.
fn run_watlab(k: &Kernel) -> Vec<Val> {
    let mut sources = SourceMap::new();
    let program = Program::load(&mut sources, k.name, k.wat.as_bytes().to_vec()).expect("the kernel loads");
    let mut runtime = Runtime::new(Limits::default(), Box::new(Captured::default()));
    let (_, instance) = program.instantiate(&sources, &mut runtime).expect("the kernel instantiates");
    let func = program.export_func(&runtime, &instance, k.export).expect("the kernel exports its function");
    let ty = func.ty(runtime.store());
    let args: Vec<String> = k.args.iter().map(|a| a.to_string()).collect();
    let args = parse_args(k.export, &ty, &args).expect("the arguments fit");
    runtime.call(func, &args, None).expect("the kernel finishes within the default limits")
}

/// Straight through wasmi: default config (fuel off unless `fuel`), no host functions.
fn run_wasmi(k: &Kernel, fuel: bool) -> Vec<Val> {
    let mut config = Config::default();
    config.consume_fuel(fuel);
    let engine = Engine::new(&config);
    let module = Module::new(&engine, k.wat).expect("wasmi accepts the kernel");
    let mut store = Store::new(&engine, ());
    if fuel {
        store.set_fuel(u64::MAX).expect("fuel metering is on");
    }
    let linker = Linker::<()>::new(&engine);
    let instance = linker.instantiate_and_start(&mut store, &module).expect("the kernel instantiates");
    let func = instance.get_func(&store, k.export).expect("the kernel exports its function");
    let ty = func.ty(&store);
    let args: Vec<Val> = ty
        .params()
        .iter()
        .zip(k.args)
        .map(|(t, a)| watlab_core::value::parse_value(a, *t).expect("the arguments fit"))
        .collect();
    let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for_ty(*t)).collect();
    func.call(&mut store, &args, &mut results).expect("the kernel finishes");
    results
}

fn main() {
    // Both paths must compute the same thing, or the comparison means nothing.
    for k in KERNELS {
        let (a, b) = (run_watlab(k), run_wasmi(k, false));
        let show = |v: &[Val]| {
            v.iter().map(|x| watlab_core::value::DisplayTyped(x).to_string()).collect::<Vec<_>>().join(", ")
        };
        assert_eq!(show(&a), show(&b), "{} gives different results", k.name);
        eprintln!("{}({}) = {}", k.export, k.args.join(", "), show(&a));
    }
    divan::main();
}

#[divan::bench(args = ["fib", "sieve", "matmul"], sample_count = 5, sample_size = 1)]
fn watlab(bencher: Bencher, name: &str) {
    let k = kernel(name);
    bencher.bench(|| run_watlab(black_box(k)));
}

#[divan::bench(args = ["fib", "sieve", "matmul"], sample_count = 5, sample_size = 1)]
fn wasmi_direct(bencher: Bencher, name: &str) {
    let k = kernel(name);
    bencher.bench(|| run_wasmi(black_box(k), false));
}

/// wasmi with fuel metering on (and fuel that never runs out): how much of watlab's time is
/// the price of metering, which watlab needs for its limits and for Ctrl-C.
#[divan::bench(args = ["fib", "sieve", "matmul"], sample_count = 5, sample_size = 1)]
fn wasmi_direct_fuel(bencher: Bencher, name: &str) {
    let k = kernel(name);
    bencher.bench(|| run_wasmi(black_box(k), true));
}
