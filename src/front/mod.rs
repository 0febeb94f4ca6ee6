//! The command-line front ends: each reads files, calls the core, prints, and returns an
//! exit status. They are the only code that touches the terminal and the file system.

pub mod build;
pub mod check;
pub mod debug;
pub mod explain;
pub mod learn;
pub mod print;
pub mod repl;
pub mod run;
pub mod test;
pub mod trace;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::cli::{ColorChoice, DisplayArgs, ErrorFormatArg, Fuel, LimitArgs};
use watlab_core::diag::Diagnostic;
use watlab_core::render::{render, ErrorFormat, Style};
use watlab_core::runtime::Limits;
use watlab_core::source::SourceMap;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything worked.
    Success = 0,
    /// The learner's program, check or test failed.
    Failed = 1,
    /// Usage error or tool failure.
    ToolError = 2,
}

/// Display choices, decided once.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// For diagnostics on stderr.
    pub err_style: Style,
    /// Colour on stdout.
    pub out_color: bool,
}

impl Ui {
    /// Resolves `--color auto` against the environment and the streams.
    pub fn new(display: &DisplayArgs) -> Ui {
        let env_allows = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            && std::env::var("TERM").map_or(true, |t| t != "dumb");
        let decide = |is_tty: bool| match display.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => env_allows && is_tty,
        };
        let format = match display.error_format {
            ErrorFormatArg::Rich => ErrorFormat::Rich,
            ErrorFormatArg::Short => ErrorFormat::Short,
        };
        Ui {
            err_style: Style { format, color: decide(io::stderr().is_terminal()), explain: Some("watlab explain") },
            out_color: decide(io::stdout().is_terminal()),
        }
    }

    /// Prints a diagnostic on stderr.
    pub fn report(&self, sources: &SourceMap, origin: &str, diag: &Diagnostic) {
        let mut err = io::stderr().lock();
        // Nothing useful can be done if stderr itself is gone.
        let _ = render(&mut err, sources, origin, diag, self.err_style);
    }
}

/// Turns `--fuel`, `--max-memory`, `--max-stack` into limits.
pub fn limits(args: &LimitArgs) -> Limits {
    limits_over(Limits::default(), args)
}

/// `watlab run`'s limits: no fuel metering unless `--fuel` asks for it (the time limit ends a
/// runaway program instead), the default memory and depth limits otherwise.
pub fn run_limits(args: &LimitArgs) -> Limits {
    limits_over(Limits { fuel: None, ..Limits::default() }, args)
}

/// Applies `--fuel`, `--max-memory`, `--max-stack` on top of a command's own defaults.
pub fn limits_over(base: Limits, args: &LimitArgs) -> Limits {
    let mut limits = base;
    match args.fuel {
        Some(Fuel::Units(n)) => limits.fuel = Some(n),
        Some(Fuel::Unlimited) => limits.fuel = None,
        None => {}
    }
    if let Some(m) = args.max_memory {
        limits.max_memory = m;
    }
    if let Some(s) = args.max_stack {
        limits.max_call_depth = s;
    }
    limits
}

/// Larger inputs are refused rather than read into memory.
const MAX_INPUT: u64 = 256 << 20;

/// [`read_input`], reporting a failure: `Err` carries the status to exit with.
pub fn read_or_report(ui: &Ui, path: &Path) -> Result<(String, Vec<u8>), Status> {
    read_input(path).map_err(|e| {
        report_tool_error(ui, &e);
        Status::ToolError
    })
}

/// [`Program::load`](watlab_core::program::Program::load), reporting a failure against `sources`.
pub fn load_or_report(
    ui: &Ui,
    sources: &mut SourceMap,
    name: &str,
    bytes: Vec<u8>,
) -> Result<watlab_core::program::Program, Status> {
    watlab_core::program::Program::load(sources, name, bytes).map_err(|d| {
        ui.report(sources, name, &d);
        Status::Failed
    })
}

/// Turns an I/O error into words without the `(os error N)` suffix.
fn io_words(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_string()
        }
    }
}

/// Reads a file, or stdin for `-`. Returns the name to show and the bytes.
///
/// # Errors
/// Missing, unreadable, a directory, or larger than 256 MiB.
pub fn read_input(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin().lock().take(MAX_INPUT + 1).read_to_end(&mut bytes).context("reading standard input")?;
        if bytes.len() as u64 > MAX_INPUT {
            bail!("standard input is larger than 256 MiB");
        }
        return Ok(("<stdin>".into(), bytes));
    }
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("cannot read `{name}`: {}", io_words(&e)))?;
    if meta.is_dir() {
        bail!("`{name}` is a directory: give a .wat or .wasm file");
    }
    if meta.len() > MAX_INPUT {
        bail!("`{name}` is {} MiB, larger than the 256 MiB watlab reads", meta.len() >> 20);
    }
    let file = std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot read `{name}`: {}", io_words(&e)))?;
    file.take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read `{name}`: {}", io_words(&e)))?;
    Ok((name, bytes))
}

/// Writes a file atomically: a temporary file beside it, then a rename.
///
/// # Errors
/// Any I/O failure, with the path.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file_name = path.file_name().context("the output path has no file name")?;
    let tmp: PathBuf = dir.join(format!(".{}.tmp{}", file_name.to_string_lossy(), std::process::id()));
    // A failure names the file the user asked for, never the temporary one.
    if !dir.is_dir() {
        bail!("cannot write `{}`: the folder `{}` does not exist", path.display(), dir.display());
    }
    std::fs::write(&tmp, bytes).map_err(|e| anyhow::anyhow!("cannot write `{}`: {}", path.display(), io_words(&e)))?;
    std::fs::rename(&tmp, path).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write `{}`", path.display())
    })
}

/// Prints a tool error (not the learner's fault) in the house style, with its causes.
pub fn report_tool_error(ui: &Ui, err: &anyhow::Error) {
    let mut message = err.to_string();
    for cause in err.chain().skip(1) {
        message.push_str(&format!(": {cause}"));
    }
    print_error(ui.err_style.color, &message);
}

/// The one `error: MESSAGE` line on stderr (red `error:` when `color`), after flushing stdout
/// so the line lands after what was printed before it.
pub fn print_error(color: bool, message: &str) {
    let (red, reset) = if color { ("\x1b[1;31m", "\x1b[0m") } else { ("", "") };
    let _ = io::stdout().flush();
    let _ = writeln!(io::stderr().lock(), "{red}error:{reset} {message}");
}
