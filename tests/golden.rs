//! Golden tests that drive the real binary.
//!
//! - `tests/cli/NAME.{wat,wast,wasm-src}`: the first line is `;; watlab ARGS`, where `{}` stands
//!   for the file itself; `NAME.EXT.out` holds the exit status, stdout and stderr.
//! - `tests/diag/NAME.wat`: one broken program; `watlab check NAME.wat` with no colour, and
//!   `NAME.wat.out` holds what it prints.
//!
//! - `tests/repl/NAME.repl`: lines piped into `watlab repl --plain`; `NAME.repl.out` holds the
//!   exit status and everything printed, stdout and stderr interleaved as a terminal shows them.
//!
//! Each case runs with its own folder as the working directory, so paths print relative.
//! `BLESS=1 cargo test --release` rewrites the goldens; read the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let bless = std::env::var_os("BLESS").is_some();
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut failures = Vec::new();
    let mut n_run = 0;
    for dir in ["cli", "diag", "repl"] {
        for case in cases(&root.join(dir)) {
            let name = case.strip_prefix(&root).unwrap().display().to_string();
            if filter.as_ref().is_some_and(|f| !name.contains(f.as_str())) {
                continue;
            }
            n_run += 1;
            let actual = if dir == "repl" { run_repl(&case) } else { run_case(&case, dir == "diag") };
            let golden = PathBuf::from(format!("{}.out", case.display()));
            let expected = fs::read_to_string(&golden).unwrap_or_default();
            if actual != expected {
                if bless {
                    fs::write(&golden, &actual).unwrap();
                    println!("blessed {name}");
                } else {
                    failures.push(format!("--- {name}: expected ---\n{expected}\n--- actual ---\n{actual}"));
                }
            }
        }
    }
    for f in &failures {
        println!("{f}");
    }
    println!("{} passed, {} failed", n_run - failures.len(), failures.len());
    if !failures.is_empty() {
        println!("(run with BLESS=1 to accept the new output, then read the diff)");
        std::process::exit(1);
    }
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    out.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wat" | "wast" | "txt" | "repl")));
    out.sort();
    out
}

fn run_case(case: &Path, diag: bool) -> String {
    let text = fs::read_to_string(case).unwrap_or_default();
    let file = case.file_name().unwrap().to_str().unwrap().to_string();
    let args: Vec<String> = if diag {
        vec!["check".into(), file.clone()]
    } else {
        let first = text.lines().next().unwrap_or("");
        let line = first
            .strip_prefix(";; watlab")
            .unwrap_or_else(|| panic!("{}: first line must be `;; watlab ARGS`", case.display()));
        line.split_whitespace().map(|a| if a == "{}" { file.clone() } else { a.to_string() }).collect()
    };
    let stdin_file = case.with_extension("stdin");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_watlab"));
    cmd.args(&args)
        .current_dir(case.parent().unwrap())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(match fs::File::open(&stdin_file) {
        Ok(f) => Stdio::from(f),
        Err(_) => Stdio::null(),
    });
    let out = cmd.output().expect("the watlab binary runs");
    let clean =
        |b: &[u8]| String::from_utf8_lossy(b).lines().map(|l| l.trim_end().to_string()).collect::<Vec<_>>().join("\n");
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}\n",
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        clean(&out.stdout),
        clean(&out.stderr)
    )
}

/// Pipes a transcript into the REPL. stderr goes into the same pipe as stdout (through `sh`),
/// so the golden shows each error right after the input that caused it.
fn run_repl(case: &Path) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" repl --plain 2>&1")
        .arg(env!("CARGO_BIN_EXE_watlab"))
        .current_dir(case.parent().unwrap())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(fs::File::open(case).expect("the transcript opens"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the watlab binary runs");
    let clean =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim_end().to_string()).collect::<Vec<_>>().join("\n");
    format!("status: {}\n--- output\n{clean}\n", out.status.code().map_or("signal".into(), |c| c.to_string()))
}
