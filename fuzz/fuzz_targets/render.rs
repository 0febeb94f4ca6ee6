//! Fuzzes the renderers: a diagnostic whose labels lie at any byte offsets (inside
//! characters, past the end, reversed) over any text, with any message, notes and help,
//! drawn rich and short, with and without colour. ariadne and codespan panic on a range that
//! splits a character, so `render` must snap every span first (issue 9).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "quiet_engine_panics.rs"]
mod quiet_engine_panics;
use watlab_core::diag::{code, Diagnostic};
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::source::{SourceMap, Span};

fuzz_target!(|data: &[u8]| {
    quiet_engine_panics::install();
    if data.len() < 8 {
        return;
    }
    let (head, rest) = data.split_at(8);
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut sources = SourceMap::new();
    let id = sources.add("fuzz.wat", text.as_str());
    let at = |i: usize| usize::from(head[i]) * (text.len() + 2) / 255;
    let mut d = Diagnostic::error(code::SYNTAX, text.lines().next().unwrap_or(""))
        .with_primary(Span::new(id, at(0)..at(1)), text.chars().take(20).collect::<String>())
        .with_secondary(Span::new(id, at(2)..at(3)), "secondary")
        .with_note(text.chars().rev().take(30).collect::<String>());
    if head[4] % 2 == 0 {
        d = d.with_secondary(Span::new(id, at(5)..at(6)), "").with_help(text.clone());
    }
    for format in [ErrorFormat::Rich, ErrorFormat::Short] {
        for color in [false, true] {
            let _ = render_to_string(&sources, "fuzz.wat", &d, Style { format, color, explain: None });
        }
    }
});
