//! Fuzzes `watlab test`: any text runs as a WAST script through `wast_runner::run_script`
//! (modules, registrations, invocations and every assertion kind against one runtime), and
//! every failure it reports is rendered in both formats.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "quiet_engine_panics.rs"]
mod quiet_engine_panics;
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::Limits;
use watlab_core::source::SourceMap;
use watlab_core::wast_runner::{run_script, ScriptOptions};

const LIMITS: Limits = Limits {
    fuel: Some(100_000),
    max_memory: 16 << 20,
    max_call_depth: 1_000,
    rerun_fuel: watlab_core::runtime::DEFAULT_RERUN_FUEL,
};

fuzz_target!(|data: &[u8]| {
    quiet_engine_panics::install();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut sources = SourceMap::new();
    let report = run_script(&mut sources, "fuzz.wast", text, LIMITS, &ScriptOptions::default());
    for d in &report.failures {
        for format in [ErrorFormat::Rich, ErrorFormat::Short] {
            let _ = render_to_string(&sources, "fuzz.wast", d, Style { format, color: false, explain: None });
        }
    }
});
