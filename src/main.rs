//! argv -> `cli::Args` -> one front end -> exit status. Nothing else lives here.

use std::process::ExitCode;

use clap::Parser;
use watlab::cli::{Args, Command};
use watlab::front::{self, Status, Ui};

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
        Some(Command::Repl { .. }) | None => {
            eprintln!("not yet");
            Status::ToolError
        }
    };
    ExitCode::from(status as u8)
}
