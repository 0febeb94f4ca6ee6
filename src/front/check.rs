//! `watlab check`: assemble and validate each file, print a summary line or diagnostics.

use std::io::Write;
use std::path::PathBuf;

use super::{read_input, report_tool_error, Status, Ui};
use watlab_core::program::Program;
use watlab_core::source::SourceMap;

/// `watlab check`'s command line (the help text is on `cli::Command::Check`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// `.wat` or `.wasm` files (`-` for stdin).
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

/// Checks every file; the worst status wins.
pub fn run(ui: &Ui, files: &[PathBuf]) -> Status {
    let mut status = Status::Success;
    for path in files {
        let (name, bytes) = match read_input(path) {
            Ok(x) => x,
            Err(e) => {
                report_tool_error(ui, &e);
                status = status.max(Status::ToolError);
                continue;
            }
        };
        let mut sources = SourceMap::new();
        match Program::load(&mut sources, &name, bytes) {
            Ok(program) => {
                let line = format!("ok: {name}: {}\n", program.summary());
                if std::io::stdout().lock().write_all(line.as_bytes()).is_err() {
                    return status;
                }
            }
            Err(d) => {
                ui.report(&sources, &name, &d);
                status = status.max(Status::Failed);
            }
        }
    }
    status
}
