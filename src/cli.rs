//! The command line, as clap derive types. Doc comments are the help text; parsing only.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};
use watlab_core::runtime::{self, Limits};

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

/// A file named where a command belongs (`watlab fac.wat`) or given to the REPL
/// (`watlab repl fac.wat`): say which commands take it.
fn file_slip(argv: &[std::ffi::OsString], err: clap::Error) -> clap::Error {
    use clap::error::ErrorKind;
    use clap::CommandFactory;
    if !matches!(err.kind(), ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument) {
        return err;
    }
    let words: Vec<String> = argv.iter().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let is_file = |w: &&String| {
        !w.starts_with('-')
            && ([".wat", ".wasm", ".wast"].iter().any(|ext| w.ends_with(ext))
                || std::path::Path::new(w.as_str()).is_file())
    };
    let Some(file) = words.iter().find(is_file) else { return err };
    let shown = watlab_core::words::shown_name(file);
    let in_repl = words.iter().take_while(|w| *w != file).any(|w| w == "repl");
    let message = if file.ends_with(".wast") {
        format!("`{shown}` is a script: run it with `watlab test {shown}`")
    } else if in_repl {
        format!("the REPL starts empty and takes no file: type `:load {shown}` at its prompt, or run the file with `watlab run {shown}`")
    } else {
        format!("`{shown}` is a file, not a command: `watlab run {shown}` runs it, `watlab check {shown}` checks it, and `:load {shown}` in the REPL loads it")
    };
    Args::command().error(err.kind(), message)
}

impl Args {
    /// Parses a command line. `run`'s function arguments take any value, `-inf` and `-0x10`
    /// included (clap's negative numbers are only digits), so options written after them are
    /// picked out of them here and parsed by clap as if they came first.
    ///
    /// # Errors
    /// clap's usage errors, which the caller prints and exits with.
    pub fn parse_argv(argv: Vec<std::ffi::OsString>) -> Result<Args, clap::Error> {
        let mut args = Args::try_parse_from(&argv).map_err(|e| file_slip(&argv, e))?;
        if let Some(Command::Run(crate::front::run::Args { invoke, args: values, timeout, limits, trace, .. })) =
            &mut args.command
        {
            let (kept, options) = split_options(std::mem::take(values));
            *values = kept;
            if !options.is_empty() {
                let line = ["watlab", "run", "-"].into_iter().map(String::from).chain(options.iter().cloned());
                let again = Args::try_parse_from(line)?;
                let given = |name: &str| options.iter().any(|o| o == name || o.starts_with(&format!("{name}=")));
                if given("--color") {
                    args.display.color = again.display.color;
                }
                if given("--error-format") {
                    args.display.error_format = again.display.error_format;
                }
                if let Some(Command::Run(crate::front::run::Args {
                    invoke: i, timeout: t, limits: l, trace: tr, ..
                })) = again.command
                {
                    trace.trace |= tr.trace;
                    trace.trace_limit = tr.trace_limit.or(trace.trace_limit.take());
                    trace.trace_func = tr.trace_func.or(trace.trace_func.take());
                    *invoke = i.or(invoke.take());
                    *timeout = t.or(timeout.take());
                    limits.fuel = l.fuel.or(limits.fuel);
                    limits.max_memory = l.max_memory.or(limits.max_memory);
                    limits.max_stack = l.max_stack.or(limits.max_stack);
                }
            }
        }
        Ok(args)
    }
}

/// `run`'s options that take a value, as they may follow the function's arguments.
const RUN_OPTIONS: &[&str] = &[
    "--invoke",
    "--timeout",
    "--fuel",
    "--max-memory",
    "--max-stack",
    "--color",
    "--error-format",
    "--trace-limit",
    "--trace-func",
];
/// `run`'s flags (no value), as they may follow the function's arguments.
const RUN_FLAGS: &[&str] = &["--trace"];

/// Splits `run`'s trailing values into function arguments and options (with their values).
/// A `--` ends the options: everything after it is an argument.
fn split_options(values: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (mut kept, mut options) = (Vec::new(), Vec::new());
    let mut rest = values.into_iter();
    while let Some(v) = rest.next() {
        if v == "--" {
            kept.extend(rest.by_ref());
        } else if RUN_OPTIONS.contains(&v.as_str()) {
            options.push(v);
            options.extend(rest.next());
        } else if v == "--help"
            || v == "-h"
            || RUN_FLAGS.contains(&v.as_str())
            || RUN_OPTIONS.iter().any(|o| v.starts_with(&format!("{o}=")))
        {
            options.push(v);
        } else {
            kept.push(v);
        }
    }
    (kept, options)
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
    #[arg(long, value_name = "BYTES", value_parser = parse_max_memory)]
    pub max_memory: Option<usize>,
    /// Deepest call nesting allowed.
    #[arg(long, value_name = "CALLS", value_parser = parse_max_stack)]
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

// The limits' rules (fuel at least 1, memory at least one page, depth at least 1) are the
// core's, shared with the REPL's `:fuel` (issue 9: values below them crashed the runtime).
fn parse_fuel(s: &str) -> Result<Fuel, String> {
    match runtime::parse_fuel(s) {
        Ok(Some(n)) => Ok(Fuel::Units(n)),
        Ok(None) => Ok(Fuel::Unlimited),
        Err(e) => Err(e.to_string()),
    }
}

fn parse_max_memory(s: &str) -> Result<usize, String> {
    let bytes = parse_size(s)?;
    Limits { max_memory: bytes, ..Limits::default() }.check().map(|_| bytes).map_err(|e| e.to_string())
}

fn parse_max_stack(s: &str) -> Result<usize, String> {
    let depth =
        s.trim().replace('_', "").parse::<usize>().map_err(|_| "expected a whole number of calls".to_string())?;
    Limits { max_call_depth: depth, ..Limits::default() }.check().map(|_| depth).map_err(|e| e.to_string())
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

/// The subcommands: each one's arguments are `Args` in its front end's file.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the interactive REPL (the default).
    #[command(after_help = format!("Examples:\n  watlab repl\n  watlab repl --plain < session.txt\n\n{EXIT_STATUS}"))]
    Repl(crate::front::repl::Args),
    /// Parse, resolve names and validate files.
    #[command(after_help = format!("Examples:\n  watlab check fac.wat\n  watlab check --error-format short src/*.wat\n  cat x.wat | watlab check -\n\n{EXIT_STATUS}"))]
    Check(crate::front::check::Args),
    /// Assemble a `.wat` into a `.wasm`, or show its annotated bytes.
    #[command(after_help = format!("Examples:\n  watlab build fac.wat               writes fac.wasm\n  watlab build fac.wat -o out.wasm\n  watlab build --annotate fac.wat    explains every byte\n\n{EXIT_STATUS}"))]
    Build(crate::front::build::Args),
    /// Print a binary module as WAT text.
    #[command(after_help = format!("Examples:\n  watlab print fac.wasm\n  watlab print --fold --stack fac.wasm\n\n{EXIT_STATUS}"))]
    Print(crate::front::print::Args),
    /// Run a module: its start function, `_start` or `main`, or the export named by --invoke.
    #[command(allow_negative_numbers = true)]
    #[command(after_help = format!("Examples:\n  watlab run hello.wat\n  watlab run fac.wat --invoke fac 10\n  watlab run math.wasm --invoke sub -5 0x10\n\nResults are printed one per line as `VALUE : TYPE`, e.g. `3628800 : i64`.\n\n{EXIT_STATUS}"))]
    Run(crate::front::run::Args),
    /// Step through a call, forwards and backwards, with breakpoints and watches.
    #[command(allow_negative_numbers = true)]
    #[command(after_help = format!("Examples:\n  watlab debug fac.wat --invoke fac 5\n  watlab debug sum.wat --invoke sum 3 < commands.txt\n\nCommands are read one per line (type `help` at the prompt).\n\n{EXIT_STATUS}"))]
    Debug(crate::front::debug::Args),
    /// Explain an instruction, a diagnostic code, a topic or a number.
    #[command(allow_negative_numbers = true)]
    #[command(after_help = format!("Examples:\n  watlab explain                    the topics\n  watlab explain i32.shr_s\n  watlab explain E0100\n  watlab explain 0x7fc00000 --as f32\n  watlab explain --search shift\n\n{EXIT_STATUS}"))]
    Explain(crate::front::explain::Args),
    /// Run WAST scripts (the spec test format).
    #[command(after_help = format!("Examples:\n  watlab test checks.wast\n  watlab test ../testsuite --filter i32\n\n{EXIT_STATUS}"))]
    Test(crate::front::test::Args),
    /// The guided course: lessons with exercises, checked as you save them.
    #[command(after_help = format!("Examples:\n  watlab learn init              copy the exercises into ./watlab-course\n  cd watlab-course && watlab learn   watch the current exercise\n  watlab learn check             check it once (exit 1 until it passes)\n  watlab learn hint\n  watlab learn check-pack my-course/   check a course folder (for authors)\n\n{EXIT_STATUS}"))]
    Learn(crate::front::learn::Args),
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
            Some(Command::Run(crate::front::run::Args { args, invoke, .. })) => {
                assert_eq!(invoke.as_deref(), Some("f"));
                assert_eq!(args, ["-5", "-0.5"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_after_arguments_still_count() {
        let line = ["watlab", "run", "f.wat", "--invoke", "f", "-1", "--max-stack=7", "2", "--", "--fuel"];
        let args = Args::parse_argv(line.map(Into::into).to_vec()).unwrap();
        match args.command {
            Some(Command::Run(crate::front::run::Args { args, limits, invoke, .. })) => {
                assert_eq!(args, ["-1", "2", "--fuel"]);
                assert_eq!((limits.max_stack, invoke.as_deref()), (Some(7), Some("f")));
            }
            other => panic!("{other:?}"),
        }
        let bad = ["watlab", "run", "f.wat", "--invoke", "f", "-1", "--fuel", "0"];
        assert!(Args::parse_argv(bad.map(Into::into).to_vec()).is_err());
    }

    /// Issue 9: `-inf` was refused as an unknown option while `-5` worked.
    #[test]
    fn negative_words_and_hex_are_arguments() {
        let line = ["watlab", "run", "f.wat", "--invoke", "f", "-inf", "-nan", "-0x10", "-nan:0x1", "--fuel", "9"];
        let args = Args::parse_argv(line.map(Into::into).to_vec()).unwrap();
        match args.command {
            Some(Command::Run(crate::front::run::Args { args, limits, .. })) => {
                assert_eq!(args, ["-inf", "-nan", "-0x10", "-nan:0x1"]);
                assert_eq!(limits.fuel, Some(Fuel::Units(9)));
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
            Some(Command::Repl(crate::front::repl::Args { limits: LimitArgs { fuel: Some(Fuel::Units(7)), .. }, .. }))
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
        // Issue 9: these crashed the runtime; they are usage errors naming the minimum.
        for bad in [["--max-memory", "0"], ["--max-memory", "1K"], ["--max-memory", "65535"], ["--max-stack", "0"]] {
            let err = Args::try_parse_from(["watlab", "run", "f.wat", bad[0], bad[1]]).unwrap_err();
            assert!(err.to_string().contains("at least"), "{bad:?}: {err}");
        }
        let err = Args::try_parse_from(["watlab", "run", "f.wat", "--fuel", "0"]).unwrap_err();
        assert!(err.to_string().contains("at least 1"), "{err}");
        assert!(Args::try_parse_from(["watlab", "run", "f.wat", "--max-memory", "64K", "--max-stack", "1"]).is_ok());
    }
}
