//! Fuzzes binary input: any bytes after the wasm header go through `Program::load` (binary
//! validation), instantiation and calls with zero arguments, and through the annotated byte
//! view of `build --annotate` (whole and partial). Every diagnostic is rendered.
//!
//! The header is added so that the fuzzer spends its time past the magic number; `check`
//! covers inputs that are not binaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "quiet_engine_panics.rs"]
mod quiet_engine_panics;
use wasmi::Val;
use watlab_core::annotate::{annotate, annotate_partial, AnnotateOptions};
use watlab_core::host::Captured;
use watlab_core::program::Program;
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::{Limits, Runtime};
use watlab_core::source::SourceMap;

const LIMITS: Limits = Limits {
    fuel: Some(100_000),
    max_memory: 16 << 20,
    max_call_depth: 1_000,
    rerun_fuel: watlab_core::runtime::DEFAULT_RERUN_FUEL,
};

fuzz_target!(|data: &[u8]| {
    quiet_engine_panics::install();
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    bytes.extend_from_slice(data);
    let opts = AnnotateOptions::default();
    let _ = annotate(&bytes, None, &opts);
    let _ = annotate_partial(&bytes, None, &opts);
    let mut sources = SourceMap::new();
    let shown = |sources: &SourceMap, d: &watlab_core::diag::Diagnostic| {
        for format in [ErrorFormat::Rich, ErrorFormat::Short] {
            let _ = render_to_string(sources, "fuzz.wasm", d, Style { format, color: false, explain: None });
        }
    };
    let program = match Program::load(&mut sources, "fuzz.wasm", bytes) {
        Ok(p) => p,
        Err(d) => return shown(&sources, &d),
    };
    let mut runtime = Runtime::new(LIMITS, Box::new(Captured::default()));
    let instance = match program.instantiate(&sources, &mut runtime) {
        Ok((_, instance)) => instance,
        Err(d) => return shown(&sources, &d),
    };
    let funcs: Vec<(String, wasmi::Func)> =
        instance.exports(runtime.store()).filter_map(|e| Some((e.name().to_string(), e.into_func()?))).collect();
    for (name, func) in funcs {
        let args: Vec<Val> = func.ty(runtime.store()).params().iter().map(|t| Val::default_for_ty(*t)).collect();
        if let Err(trap) = runtime.call(func, &args, None) {
            shown(&sources, &watlab_core::trap::diagnostic(&trap, runtime.limits(), &name));
        }
    }
});
