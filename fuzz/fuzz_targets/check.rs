//! Fuzzes the whole learner-facing path: any bytes, as WAT text or as a wasm binary, go through
//! `Program::load`; what loads is instantiated and every exported function is called with zero
//! arguments and a little fuel; every diagnostic on the way is rendered in both formats.
//!
//! The property is the project's first rule: no input makes watlab panic (or abort, or run out
//! of memory with the small limits used here). `tests/robust.rs` checks the same property on a
//! fixed corpus in the normal test suite; this target searches for new inputs.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "quiet_engine_panics.rs"]
mod quiet_engine_panics;
use wasmi::Val;
use watlab_core::diag::Diagnostic;
use watlab_core::host::Captured;
use watlab_core::program::Program;
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::{Limits, Runtime};
use watlab_core::source::SourceMap;

/// Small limits: a fuzzed program may loop, recurse or ask for memory without end.
const LIMITS: Limits = Limits {
    fuel: Some(100_000),
    max_memory: 16 << 20,
    max_call_depth: 1_000,
    rerun_fuel: watlab_core::runtime::DEFAULT_RERUN_FUEL,
};

fuzz_target!(|data: &[u8]| {
    quiet_engine_panics::install();
    let mut sources = SourceMap::new();
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = watlab_core::lex::completeness(text);
        let _ = watlab_core::lex::token_range_at(text, text.len() / 2);
    }
    let program = match Program::load(&mut sources, "fuzz.wat", data.to_vec()) {
        Ok(p) => p,
        Err(d) => return show(&sources, &d),
    };
    let mut runtime = Runtime::new(LIMITS, Box::new(Captured::default()));
    let instance = match program.instantiate(&sources, &mut runtime) {
        Ok((_, instance)) => instance,
        Err(d) => return show(&sources, &d),
    };
    let names: Vec<String> = instance.exports(runtime.store()).map(|e| e.name().to_string()).collect();
    for name in &names {
        let func = match program.export_func(&runtime, &instance, name) {
            Ok(f) => f,
            Err(d) => {
                show(&sources, &d);
                continue;
            }
        };
        let ty = func.ty(runtime.store());
        let zeros: Vec<String> = ty.params().iter().map(|_| "0".to_string()).collect();
        let args: Vec<Val> = match watlab_core::program::parse_args(name, &ty, &zeros) {
            Ok(v) => v,
            Err(d) => {
                show(&sources, &d);
                ty.params().iter().map(|t| Val::default_for_ty(*t)).collect()
            }
        };
        if let Err(trap) = runtime.call(func, &args, None) {
            show(&sources, &watlab_core::trap::diagnostic(&trap, runtime.limits(), name));
        }
    }
});

fn show(sources: &SourceMap, d: &Diagnostic) {
    for format in [ErrorFormat::Rich, ErrorFormat::Short] {
        let _ = render_to_string(sources, "fuzz.wat", d, Style { format, color: false, explain: None });
    }
}
