//! `cargo xtask test`: every check CI runs, in the order that fails fastest, on any machine.
//!
//! It first installs what the checks need and is missing (the `wasm32-unknown-unknown` target
//! and the rustfmt and clippy components through rustup, `tmux` through apt-get), then runs
//! formatting, clippy with warnings as errors, the core's build for the browser target (the
//! playground's wasm), the whole test suite, and the playground's browser tests (`web`, which
//! installs Node, the npm packages and Chromium when missing). `.ci/run` calls this same
//! command, so CI runs what a newcomer runs. Each step prints its time; the first failure
//! stops the run with its exit status.
//!
//! `cargo xtask web build` builds the playground into a static folder and `cargo xtask web
//! serve [PORT]` serves it on 127.0.0.1; `cargo xtask web test` runs only the browser tests
//! (see `web.rs`).

mod web;

use std::process::{Command, ExitCode};
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask test              (install what the checks need, then run them all)
       cargo xtask web build         (build the playground into target/web/dist)
       cargo xtask web serve [PORT]  (build it and serve it on 127.0.0.1, port 8000 by default)
       cargo xtask web test          (build it and run only the browser tests)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["test"] => test(),
        ["web", "build"] => web::build(),
        ["web", "test"] => web::build_wasm().and_then(|()| web::test()),
        ["web", "serve"] => web::serve(None),
        ["web", "serve", port] => web::serve(Some(port)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn test() -> Result<(), String> {
    install_missing()?;
    step("formatting", "cargo", &["fmt", "--all", "--check"])?;
    step("clippy", "cargo", &["clippy", "--workspace", "--all-targets", "--release", "--", "-D", "warnings"])?;
    web::build_wasm()?;
    step("tests", "cargo", &["test", "--release"])?;
    web::test()
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
        apt_install("tmux (the terminal tests need it)", &["tmux"])?;
    }
    Ok(())
}

/// Installs Debian packages, as root in a container or else through sudo; when the plain
/// install fails (a fresh machine's package lists are empty), runs `apt-get update` and retries.
fn apt_install(what: &str, packages: &[&str]) -> Result<(), String> {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    let (program, prefix): (&str, &[&str]) = if root { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
    let what = format!("installing {what}");
    let run = |args: &[&str]| {
        let all: Vec<&str> = prefix.iter().chain(args).copied().collect();
        step(&what, program, &all)
    };
    let install: Vec<&str> = ["install", "-y"].iter().chain(packages).copied().collect();
    if run(&install).is_err() {
        run(&["update"])?;
        run(&install)?;
    }
    Ok(())
}
