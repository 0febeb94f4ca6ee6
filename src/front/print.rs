//! `watlab print`: a module back to WAT text through wasmprinter.
//!
//! A `.wasm` that is well formed but does not validate is still printed, after its diagnostic:
//! reading the text is how a learner finds the instruction the diagnostic's offset points at.

use std::io::Write;
use std::path::Path;

use super::{read_or_report, report_tool_error, Status, Ui};
use watlab_core::print::{print, PrintOptions};
use watlab_core::program::{Program, WASM_MAGIC};
use watlab_core::source::SourceMap;

/// `watlab print`'s command line (the help text is on `cli::Command::Print`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The `.wasm` (or `.wat`) file (`-` for stdin).
    pub file: std::path::PathBuf,
    /// Fold instructions into nested s-expressions.
    #[arg(long)]
    pub fold: bool,
    /// Show each item's byte offset.
    #[arg(long)]
    pub offsets: bool,
    /// Show the operand stack's types after each instruction.
    #[arg(long)]
    pub stack: bool,
}

/// Prints `file` (binary, or text which is assembled first) as WAT.
pub fn run(ui: &Ui, file: &Path, fold: bool, offsets: bool, stack: bool) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    let options = PrintOptions { fold, offsets, stack };
    let binary = bytes.starts_with(WASM_MAGIC);
    let input = if binary { bytes.clone() } else { Vec::new() };
    let program = match Program::load(&mut sources, &name, bytes) {
        Ok(p) => p,
        Err(d) => {
            ui.report(&sources, &name, &d);
            // wasmprinter refuses what is malformed, so this prints only modules that parse.
            if let Some(text) = binary.then(|| print(&input, options, false).ok()).flatten() {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
            return Status::Failed;
        }
    };
    let text = match print(&program.bytes, options, true) {
        Ok(text) => text,
        Err(e) => {
            report_tool_error(ui, &anyhow::anyhow!("cannot print `{name}`: {e}"));
            return Status::Failed;
        }
    };
    // A closed pipe (`watlab print x.wasm | head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Status::Success
}
