//! Fuzzes the REPL core: the input is split into lines (and at NUL bytes into inputs of
//! several lines), and each one goes to the same `Session`, so definitions, snippets, WAST
//! commands and `:` commands meet every earlier state. Events that carry a diagnostic are
//! rendered; `:save` texts are loaded into a fresh session, which must accept them.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "quiet_engine_panics.rs"]
mod quiet_engine_panics;
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::Limits;
use watlab_core::session::{Event, Session};

const LIMITS: Limits = Limits {
    fuel: Some(100_000),
    max_memory: 16 << 20,
    max_call_depth: 1_000,
    rerun_fuel: watlab_core::runtime::DEFAULT_RERUN_FUEL,
};

fuzz_target!(|data: &[u8]| {
    quiet_engine_panics::install();
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut session = Session::new(LIMITS);
    for input in text.split('\0').flat_map(|chunk| chunk.split('\n')).take(64) {
        for event in session.eval(input) {
            match event {
                Event::Error(d) => {
                    for format in [ErrorFormat::Rich, ErrorFormat::Short] {
                        let _ = render_to_string(
                            session.sources(),
                            "repl",
                            &d,
                            Style { format, color: false, explain: None },
                        );
                    }
                }
                Event::Save { text, .. } => {
                    let mut fresh = Session::new(LIMITS);
                    let loaded = fresh.load_text("saved.wat", &text);
                    assert!(
                        !loaded.iter().any(|e| matches!(e, Event::Error(_))),
                        "a :save file that :load rejects:\n{text}"
                    );
                }
                _ => {}
            }
        }
    }
});
