//! The command line, as clap derive types. Doc comments are the help text; parsing only.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

const EXIT_STATUS: &str = "Exit status:\n  0  success\n  1  the program (or a check, or a test) failed: a diagnostic explains why\n  2  usage error or a problem reading or writing files";

/// watlab: a workbench for learning WebAssembly's text format (WAT).
///
/// With no command, starts the REPL.
#[derive(Debug, Parser)]
#[command(name = "watlab", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  watlab                          start the REPL\n  watlab run fac.wat --invoke fac 5\n  watlab check *.wat"
)]
pub struct Args {
    /// What to do (default: the REPL).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Shared display options.
    #[command(flatten)]
    pub display: DisplayArgs,
    /// Limits for the REPL that `watlab` alone starts (`watlab repl` takes the same).
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Options that shape output, for every command.
#[derive(Debug, Clone, ClapArgs)]
pub struct DisplayArgs {
    /// When to use colours: auto is off when output is not a terminal, NO_COLOR is set or TERM=dumb.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// How diagnostics look: rich (with the code underlined) or short (FILE:LINE:COL: error[CODE]: MESSAGE).
    #[arg(long, value_enum, default_value_t = ErrorFormatArg::Rich, global = true)]
    pub error_format: ErrorFormatArg,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal only.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--error-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormatArg {
    /// Snippets with the problem underlined.
    Rich,
    /// One line per diagnostic, for editors.
    Short,
}

/// Resource limits for running code.
#[derive(Debug, Clone, ClapArgs)]
pub struct LimitArgs {
    /// Fuel per call (about one unit per instruction), or `unlimited`.
    #[arg(long, value_name = "N|unlimited", value_parser = parse_fuel)]
    pub fuel: Option<Fuel>,
    /// Most linear memory the program may use, in bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "BYTES", value_parser = parse_size)]
    pub max_memory: Option<usize>,
    /// Deepest call nesting allowed.
    #[arg(long, value_name = "CALLS")]
    pub max_stack: Option<usize>,
}

impl LimitArgs {
    /// Whether any limit was given.
    pub fn is_set(&self) -> bool {
        self.fuel.is_some() || self.max_memory.is_some() || self.max_stack.is_some()
    }
}

/// A `--fuel` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fuel {
    /// This many units.
    Units(u64),
    /// No limit.
    Unlimited,
}

fn parse_fuel(s: &str) -> Result<Fuel, String> {
    if s.eq_ignore_ascii_case("unlimited") {
        return Ok(Fuel::Unlimited);
    }
    s.replace('_', "").parse::<u64>().map(Fuel::Units).map_err(|_| "expected a whole number or `unlimited`".into())
}

fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim();
    let (digits, scale) = match s.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&s[..s.len() - 1], 1usize << 10),
        Some('M') => (&s[..s.len() - 1], 1 << 20),
        Some('G') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| "expected a size in bytes, such as 65536, 64K or 16M".into())
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the interactive REPL (the default).
    #[command(after_help = format!("Examples:\n  watlab repl\n  watlab repl --plain < session.txt\n\n{EXIT_STATUS}"))]
    Repl {
        /// Read plain lines without line editing (for scripts and pipes).
        #[arg(long)]
        plain: bool,
        /// Limits.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Parse, resolve names and validate files.
    #[command(after_help = format!("Examples:\n  watlab check fac.wat\n  watlab check --error-format short src/*.wat\n  cat x.wat | watlab check -\n\n{EXIT_STATUS}"))]
    Check {
        /// `.wat` or `.wasm` files (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Assemble a `.wat` into a `.wasm`, or show its annotated bytes.
    #[command(after_help = format!("Examples:\n  watlab build fac.wat               writes fac.wasm\n  watlab build fac.wat -o out.wasm\n  watlab build --annotate fac.wat    explains every byte\n\n{EXIT_STATUS}"))]
    Build {
        /// The `.wat` (or `.wasm`) file (`-` for stdin).
        file: PathBuf,
        /// Where to write the binary (default: FILE with `.wasm`; `-` for stdout).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print the annotated byte view instead of writing a file.
        #[arg(long)]
        annotate: bool,
    },
    /// Print a binary module as WAT text.
    #[command(after_help = format!("Examples:\n  watlab print fac.wasm\n  watlab print --fold --stack fac.wasm\n\n{EXIT_STATUS}"))]
    Print {
        /// The `.wasm` (or `.wat`) file (`-` for stdin).
        file: PathBuf,
        /// Fold instructions into nested s-expressions.
        #[arg(long)]
        fold: bool,
        /// Show each item's byte offset.
        #[arg(long)]
        offsets: bool,
        /// Show the operand stack's types after each instruction.
        #[arg(long)]
        stack: bool,
    },
    /// Run a module: its start function, `_start` or `main`, or the export named by --invoke.
    #[command(allow_negative_numbers = true)]
    #[command(after_help = format!("Examples:\n  watlab run hello.wat\n  watlab run fac.wat --invoke fac 10\n  watlab run math.wasm --invoke sub -5 0x10\n\nResults are printed one per line as `VALUE : TYPE`, e.g. `3628800 : i64`.\n\n{EXIT_STATUS}"))]
    Run {
        /// The `.wat` or `.wasm` file (`-` for stdin).
        file: PathBuf,
        /// The exported function to call.
        #[arg(long, value_name = "NAME")]
        invoke: Option<String>,
        /// Arguments for the function, in WAT number syntax (7, -5, 0x1f, 1.5, inf, nan).
        #[arg(value_name = "ARG")]
        args: Vec<String>,
        /// Limits.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Run WAST scripts (the spec test format).
    #[command(after_help = format!("Examples:\n  watlab test checks.wast\n  watlab test ../testsuite --filter i32\n\n{EXIT_STATUS}"))]
    Test {
        /// `.wast` files or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only run files whose path contains TEXT.
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        /// Stop at the first failure.
        #[arg(long)]
        fail_fast: bool,
        /// Print only failures and the summary.
        #[arg(short, long)]
        quiet: bool,
        /// Limits.
        #[command(flatten)]
        limits: LimitArgs,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn negative_numbers_are_arguments() {
        let args = Args::try_parse_from(["watlab", "run", "f.wat", "--invoke", "f", "-5", "-0.5"]).unwrap();
        match args.command {
            Some(Command::Run { args, invoke, .. }) => {
                assert_eq!(invoke.as_deref(), Some("f"));
                assert_eq!(args, ["-5", "-0.5"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn limits_without_a_command_are_the_repls() {
        let args = Args::try_parse_from(["watlab", "--fuel", "1000", "--max-stack", "50"]).unwrap();
        assert!(args.command.is_none());
        assert_eq!((args.limits.fuel, args.limits.max_stack), (Some(Fuel::Units(1000)), Some(50)));
        let args = Args::try_parse_from(["watlab", "repl", "--fuel", "7"]).unwrap();
        assert!(matches!(
            args.command,
            Some(Command::Repl { limits: LimitArgs { fuel: Some(Fuel::Units(7)), .. }, .. })
        ));
        // Before a command they parse, but main refuses them rather than lose them.
        let args = Args::try_parse_from(["watlab", "--fuel", "5", "run", "f.wat"]).unwrap();
        assert!(args.command.is_some() && args.limits.is_set());
        assert!(!Args::try_parse_from(["watlab", "--color", "never", "check", "f.wat"]).unwrap().limits.is_set());
    }

    #[test]
    fn sizes_and_fuel_parse() {
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_fuel("unlimited"), Ok(Fuel::Unlimited));
        assert_eq!(parse_fuel("1_000"), Ok(Fuel::Units(1000)));
        assert!(parse_size("lots").is_err());
    }
}
