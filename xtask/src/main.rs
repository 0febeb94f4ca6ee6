//! `cargo xtask test`: every check CI runs, in the order that fails fastest, on any machine.
//!
//! It first installs what the checks need and is missing (the `wasm32-unknown-unknown` target
//! and the rustfmt and clippy components through rustup, `tmux` through apt-get), then runs
//! formatting, clippy with warnings as errors, the core's build for the browser target, and the
//! whole test suite. `.ci/run` calls this same command, so CI runs what a newcomer runs.
//! Each step prints its time; the first failure stops the run with its exit status.

use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("test") => match test() {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("xtask: {message}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: cargo xtask test    (install what the checks need, then run them all)");
            ExitCode::from(2)
        }
    }
}

fn test() -> Result<(), String> {
    install_missing()?;
    step("formatting", "cargo", &["fmt", "--all", "--check"])?;
    step("clippy", "cargo", &["clippy", "--workspace", "--all-targets", "--release", "--", "-D", "warnings"])?;
    step(
        "the core for the browser",
        "cargo",
        &["build", "--package", "watlab-core", "--target", "wasm32-unknown-unknown", "--release"],
    )?;
    step("tests", "cargo", &["test", "--release"])
}

/// Runs one step, echoing it and its time.
fn step(what: &str, program: &str, args: &[&str]) -> Result<(), String> {
    println!("xtask: {what}: {program} {}", args.join(" "));
    let start = Instant::now();
    let status = Command::new(program).args(args).status().map_err(|e| format!("cannot run {program}: {e}"))?;
    println!(
        "xtask: {what}: {} in {:.0} s",
        if status.success() { "done" } else { "FAILED" },
        start.elapsed().as_secs_f64()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({program} {})", args.join(" ")))
    }
}

/// Whether `program args` runs and succeeds, quietly.
fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

fn install_missing() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        step("installing the wasm32 target", "rustup", &["target", "add", "wasm32-unknown-unknown"])?;
    }
    if !succeeds("cargo", &["fmt", "--version"]) || !succeeds("cargo", &["clippy", "--version"]) {
        step("installing rustfmt and clippy", "rustup", &["component", "add", "rustfmt", "clippy"])?;
    }
    if !succeeds("tmux", &["-V"]) {
        // Root in a container, else through sudo.
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        let (program, prefix): (&str, &[&str]) = if root { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
        let run = |args: &[&str]| {
            let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
            step("installing tmux (the terminal tests need it)", program, &all)
        };
        if run(&["install", "-y", "tmux"]).is_err() {
            run(&["update"])?;
            run(&["install", "-y", "tmux"])?;
        }
    }
    Ok(())
}
