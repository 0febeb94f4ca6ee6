//! `watlab print`: a module back to WAT text through wasmprinter.
//!
//! A `.wasm` that is well formed but does not validate is still printed, after its diagnostic:
//! reading the text is how a learner finds the instruction the diagnostic's offset points at.

use std::io::Write;
use std::path::Path;

use super::{read_or_report, report_tool_error, Status, Ui};
use crate::program::Program;
use crate::source::SourceMap;

/// Prints `file` (binary, or text which is assembled first) as WAT.
pub fn run(ui: &Ui, file: &Path, fold: bool, offsets: bool, stack: bool) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    let mut config = wasmprinter::Config::new();
    config.fold_instructions(fold).print_offsets(offsets).print_operand_stack(stack);
    let binary = bytes.starts_with(b"\0asm");
    let input = if binary { bytes.clone() } else { Vec::new() };
    let program = match Program::load(&mut sources, &name, bytes) {
        Ok(p) => p,
        Err(d) => {
            ui.report(&sources, &name, &d);
            // wasmprinter refuses what is malformed, so this prints only modules that parse.
            let mut text = String::new();
            if binary && config.print(&input, &mut wasmprinter::PrintFmtWrite(&mut text)).is_ok() {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            return Status::Failed;
        }
    };
    let mut text = String::new();
    if let Err(e) = config.print(&program.bytes, &mut wasmprinter::PrintFmtWrite(&mut text)) {
        report_tool_error(ui, &anyhow::anyhow!("cannot print `{name}`: {e}"));
        return Status::Failed;
    }
    // A closed pipe (`watlab print x.wasm | head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Status::Success
}
