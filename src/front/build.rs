//! `watlab build`: write the `.wasm`, or print the annotated byte view.
//!
//! With `--annotate`, a `.wasm` that fails to load still gets a view after its diagnostic: as
//! many bytes as parse, then the point where parsing stopped. Hand-written and hand-edited
//! binaries are where a learner most needs to see which byte is wrong.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{read_or_report, report_tool_error, write_atomically, Status, Ui};
use watlab_core::annotate::{annotate, annotate_partial, AnnotateOptions, SourceLine};
use watlab_core::program::{Program, WASM_MAGIC};
use watlab_core::source::{line_col, line_text, SourceMap};

/// `watlab build`'s command line (the help text is on `cli::Command::Build`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The `.wat` (or `.wasm`) file (`-` for stdin).
    pub file: std::path::PathBuf,
    /// Where to write the binary (default: FILE with `.wasm`; `-` for stdout).
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
    /// Print the annotated byte view instead of writing a file.
    #[arg(long)]
    pub annotate: bool,
}

/// Builds `file` into `output` (default: beside it with `.wasm`), or annotates it.
pub fn run(ui: &Ui, file: &Path, output: Option<&Path>, annotated: bool) -> Status {
    let (name, bytes) = match read_or_report(ui, file) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut sources = SourceMap::new();
    // Kept only when a failed binary may still be annotated; text has no bytes to show.
    let bytes_are_binary = bytes.starts_with(WASM_MAGIC);
    let input = if annotated && bytes_are_binary { bytes.clone() } else { Vec::new() };
    let program = match Program::load(&mut sources, &name, bytes) {
        Ok(p) => p,
        Err(d) => {
            ui.report(&sources, &name, &d);
            if annotated && bytes_are_binary {
                let (view, _) = annotate_partial(&input, None, &AnnotateOptions::default());
                print_view(&view);
            }
            return Status::Failed;
        }
    };
    if annotated {
        return print_annotated(ui, &sources, &program);
    }
    let out: PathBuf = match output {
        Some(p) => p.to_path_buf(),
        None if file == Path::new("-") => PathBuf::from("-"),
        None => file.with_extension("wasm"),
    };
    if out == Path::new("-") {
        let _ = std::io::stdout().lock().write_all(&program.bytes);
        return Status::Success;
    }
    if out == file {
        report_tool_error(
            ui,
            &anyhow::anyhow!("refusing to overwrite the input `{}`: choose another name with -o", out.display()),
        );
        return Status::ToolError;
    }
    match write_atomically(&out, &program.bytes) {
        Ok(()) => {
            eprintln!("wrote {} ({} bytes)", out.display(), program.bytes.len());
            Status::Success
        }
        Err(e) => {
            report_tool_error(ui, &e);
            Status::ToolError
        }
    }
}

fn print_annotated(ui: &Ui, sources: &SourceMap, program: &Program) -> Status {
    let text = program.source.and_then(|id| sources.get(id)).map(|f| f.text.as_str());
    let lookup = |offset: u64| -> Option<SourceLine> {
        let (text, spans) = (text?, program.spans.as_ref()?);
        let found = spans.locate(offset)?;
        // Only an operator that starts exactly here has a line of its own.
        // The implicit final `end` has no text of its own.
        let func = &spans.funcs[found.defined_idx];
        if func.ops.get(found.instr_idx) != Some(&offset) || found.instr_idx >= func.instrs.len() {
            return None;
        }
        let span = found.span?;
        let (line, _) = line_col(text, span.start);
        Some(SourceLine { line, text: line_text(text, line).trim().to_string() })
    };
    let source: Option<&dyn Fn(u64) -> Option<SourceLine>> = if text.is_some() { Some(&lookup) } else { None };
    match annotate(&program.bytes, source, &AnnotateOptions::default()) {
        Ok(view) => {
            print_view(&view);
            Status::Success
        }
        Err(e) => {
            report_tool_error(ui, &anyhow::anyhow!("cannot annotate `{}`: {e}", program.name));
            Status::Failed
        }
    }
}

/// The first line says how to read the columns; the numbers in notes are decimal while offsets
/// and bytes are hex, which is the first thing that trips a reader of the view.
const LEGEND: &str = ";; offset: bytes (hex)    what they encode (numbers in notes are decimal; 0x.. is hex)\n";

fn print_view(view: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`watlab build --annotate x.wat | head`) is not an error worth reporting.
    let _ = out.write_all(LEGEND.as_bytes()).and_then(|()| out.write_all(view.as_bytes()));
}
