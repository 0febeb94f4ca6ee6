//! argv -> `cli::Args` -> one front end -> exit status. Nothing else lives here.

mod cli;
mod front;

use std::process::ExitCode;

use cli::{Args, Command};
use front::Ui;

fn main() -> ExitCode {
    // The core catches panics inside wasmi and reports them as a diagnostic (issue 9); the
    // default hook would print a panic message first. Every other panic is printed as usual.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !watlab_core::runtime::panic_is_caught() {
            default_hook(info);
        }
    }));
    let args = Args::parse_argv(std::env::args_os().collect()).unwrap_or_else(|e| e.exit());
    // `watlab --fuel N` is for the REPL that `watlab` alone starts; before a command it would be lost.
    if args.command.is_some() && args.limits.is_set() {
        use clap::CommandFactory;
        Args::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "limits before a command are not used: put --fuel, --max-memory and --max-stack after it, as in `watlab run FILE --fuel N`",
            )
            .exit();
    }
    let ui = Ui::new(&args.display);
    let status = match args.command {
        Some(Command::Check(front::check::Args { files })) => front::check::run(&ui, &files),
        Some(Command::Build(front::build::Args { file, output, annotate })) => {
            front::build::run(&ui, &file, output.as_deref(), annotate)
        }
        Some(Command::Print(front::print::Args { file, fold, offsets, stack })) => {
            front::print::run(&ui, &file, fold, offsets, stack)
        }
        Some(Command::Run(front::run::Args { file, invoke, args, timeout, limits, trace })) => {
            let timeout = timeout.unwrap_or(front::run::Timeout::After(front::run::DEFAULT_TIMEOUT));
            front::run::run(&ui, &file, invoke.as_deref(), &args, front::run_limits(&limits), timeout, &trace)
        }
        Some(Command::Debug(front::debug::Args { file, invoke, args, limits })) => {
            front::debug::run(&ui, &file, invoke.as_deref(), &args, front::limits(&limits))
        }
        Some(Command::Test(front::test::Args { paths, filter, fail_fast, quiet, limits })) => {
            front::test::run(&ui, &paths, filter.as_deref(), fail_fast, quiet, &limits)
        }
        Some(Command::Explain(front::explain::Args { query, search, as_type })) => {
            front::explain::run(&ui, query.as_deref(), search.as_deref(), as_type.as_deref())
        }
        Some(Command::Learn(args)) => front::learn::run(&ui, args),
        Some(Command::Repl(front::repl::Args { plain, limits })) => {
            front::repl::run(&ui, plain, front::limits(&limits))
        }
        None => front::repl::run(&ui, false, front::limits(&args.limits)),
    };
    ExitCode::from(status as u8)
}
