//! argv -> `cli::Args` -> one front end -> exit status. Nothing else lives here.

use std::process::ExitCode;

use clap::Parser;
use watlab::cli::{Args, Command};
use watlab::front::{self, Ui};

fn main() -> ExitCode {
    let args = Args::parse();
    let ui = Ui::new(&args.display);
    let status = match args.command {
        Some(Command::Check { files }) => front::check::run(&ui, &files),
        Some(Command::Build { file, output, annotate }) => front::build::run(&ui, &file, output.as_deref(), annotate),
        Some(Command::Print { file, fold, offsets, stack }) => front::print::run(&ui, &file, fold, offsets, stack),
        Some(Command::Run { file, invoke, args, limits }) => {
            front::run::run(&ui, &file, invoke.as_deref(), &args, front::limits(&limits))
        }
        Some(Command::Test { paths, filter, fail_fast, quiet, limits }) => {
            front::test::run(&ui, &paths, filter.as_deref(), fail_fast, quiet, &limits)
        }
        Some(Command::Repl { plain, limits }) => front::repl::run(&ui, plain, front::limits(&limits)),
        None => front::repl::run(&ui, false, front::limits(&cli_limits())),
    };
    ExitCode::from(status as u8)
}

/// No command: the REPL with default limits.
fn cli_limits() -> watlab::cli::LimitArgs {
    watlab::cli::LimitArgs { fuel: None, max_memory: None, max_stack: None }
}
