//! `watlab check`: assemble and validate each file, print a summary line or diagnostics.

use std::io::Write;
use std::path::PathBuf;

use super::{read_input, report_tool_error, Status, Ui};
use crate::program::Program;
use crate::source::SourceMap;

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
                let line = format!("ok: {name}: {}\n", summary(&program.bytes));
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

/// `3 functions, 2 exports, 142 bytes`.
pub fn summary(bytes: &[u8]) -> String {
    let (mut funcs, mut exports) = (0u32, 0u32);
    for payload in wasmparser::Parser::new(0).parse_all(bytes).flatten() {
        match payload {
            wasmparser::Payload::FunctionSection(r) => funcs += r.count(),
            wasmparser::Payload::ExportSection(r) => exports += r.count(),
            _ => {}
        }
    }
    let plural = |n: u32, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}, {}", plural(funcs, "function"), plural(exports, "export"), plural(bytes.len() as u32, "byte"))
}
