//! Runs every program in `examples/` through the real binary and compares with its golden.
//!
//! Each `examples/NAME.wat` opens with `;;` comments saying what it shows; every comment line
//! of the form `;; watlab ARGS` is one invocation, run from the repository root (so paths print
//! as `examples/NAME.wat`). `examples/NAME.out` holds, per invocation, the command, the exit
//! status, stdout and stderr (no colour, trailing spaces stripped). `BLESS=1 cargo test
//! --release --test examples` rewrites the goldens; read the diff before committing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The issue asks for at least ten real programs; fewer means one was lost.
const MIN_EXAMPLES: usize = 10;

#[test]
fn every_example_runs_as_its_header_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("BLESS").is_some();
    let examples = examples(&root.join("examples"));
    assert!(examples.len() >= MIN_EXAMPLES, "only {} examples in examples/", examples.len());
    let mut failures = Vec::new();
    for wat in &examples {
        let name = wat.file_name().and_then(|n| n.to_str()).expect("example names are UTF-8");
        let text = fs::read_to_string(wat).expect("examples are readable UTF-8");
        if let Err(why) = check_header(&text) {
            failures.push(format!("{name}: {why}"));
            continue;
        }
        let actual: String = invocations(&text).iter().map(|args| run(root, args)).collect();
        let golden = wat.with_extension("out");
        let expected = fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            if bless {
                fs::write(&golden, &actual).expect("the golden is writable");
                println!("blessed {}", golden.display());
            } else {
                failures.push(format!("--- {name}: expected ---\n{expected}--- actual ---\n{actual}"));
            }
        }
    }
    // A golden whose program was renamed or removed would otherwise linger unnoticed.
    for out in files_with_extension(&root.join("examples"), "out") {
        if !out.with_extension("wat").exists() {
            failures.push(format!("{}: no matching .wat", out.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with BLESS=1 to accept new output, then read the diff)",
        failures.join("\n")
    );
}

fn examples(dir: &Path) -> Vec<PathBuf> {
    files_with_extension(dir, "wat")
}

fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    out.retain(|p| p.extension().and_then(|e| e.to_str()) == Some(ext));
    out.sort();
    out
}

/// The header is a description (the first line is a `;;` comment that is not a command)
/// followed somewhere by at least one `;; watlab run` line.
fn check_header(text: &str) -> Result<(), String> {
    let first = text.lines().next().unwrap_or("");
    if !first.starts_with(";; ") || first.starts_with(";; watlab ") {
        return Err("the first line should be a `;;` comment saying what the program shows".into());
    }
    if !invocations(text).iter().any(|a| a.first().map(String::as_str) == Some("run")) {
        return Err("no `;; watlab run examples/NAME.wat ...` line says how to run it".into());
    }
    Ok(())
}

fn invocations(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map_while(|l| l.strip_prefix(";;"))
        .filter_map(|l| l.trim().strip_prefix("watlab "))
        .map(|rest| rest.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn run(root: &Path, args: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .output()
        .expect("the watlab binary runs");
    let clean =
        |b: &[u8]| -> String { String::from_utf8_lossy(b).lines().map(|l| format!("{}\n", l.trim_end())).collect() };
    format!(
        "$ watlab {}\nstatus: {}\n--- stdout\n{}--- stderr\n{}\n",
        args.join(" "),
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        clean(&out.stdout),
        clean(&out.stderr)
    )
}
