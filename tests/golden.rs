//! Golden tests that drive the real binary, one trial per case.
//!
//! - `tests/cli/NAME.{wat,wast,txt}`: the first line is `;; watlab ARGS`, where `{}` stands for
//!   the file itself (`NAME.stdin`, if present, is piped in); `NAME.EXT.out` holds the exit
//!   status, stdout and stderr.
//! - `tests/diag/NAME.wat`: one broken program; `watlab check NAME.wat` with no colour, and
//!   `NAME.wat.out` holds what it prints, then what `--error-format short` prints.
//! - `tests/repl/NAME.repl`: lines piped into `watlab repl --plain`; `NAME.repl.out` holds the
//!   exit status and everything printed, stdout and stderr interleaved as a terminal shows them.
//! - `examples/NAME.wat`: opens with `;;` comments saying what it shows; every comment line of
//!   the form `;; watlab ARGS` is one invocation, run from the repository root (so paths print
//!   as `examples/NAME.wat`); `examples/NAME.out` holds, per invocation, the command, the exit
//!   status, stdout and stderr.
//!
//! Each `tests/` case runs with its own folder as the working directory, so paths print
//! relative. Output has no colour and no trailing spaces. The harness itself fails when a
//! folder is missing or holds fewer cases than it should, and when a golden has no input
//! (renamed or removed), so a lost case cannot pass silently.
//!
//! `BLESS=1 cargo test --release --test golden` rewrites the goldens; read the diff before
//! committing. Arguments filter trials as with any cargo test (`cargo test --test golden repl/`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

/// A folder of cases: where, which inputs, how to run one, and how many there must be at least.
struct Suite {
    dir: &'static str,
    inputs: &'static [&'static str],
    run: fn(&Path, &Path) -> Result<String, String>,
    golden: fn(&Path) -> PathBuf,
    min_cases: usize,
}

const SUITES: &[Suite] = &[
    Suite { dir: "tests/cli", inputs: &["wat", "wast", "txt"], run: run_cli, golden: beside, min_cases: 50 },
    Suite { dir: "tests/diag", inputs: &["wat"], run: run_diag, golden: beside, min_cases: 25 },
    Suite { dir: "tests/repl", inputs: &["repl"], run: run_repl, golden: beside, min_cases: 8 },
    Suite { dir: "examples", inputs: &["wat"], run: run_example, golden: replaced, min_cases: 10 },
];

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut trials = Vec::new();
    for suite in SUITES {
        let dir = root.join(suite.dir);
        let files = listing(&dir);
        let cases: Vec<PathBuf> = files.iter().filter(|p| has_extension(p, suite.inputs)).cloned().collect();
        // The folder itself: present, and not emptied or renamed.
        let (n, min, shown) = (cases.len(), suite.min_cases, dir.display().to_string());
        trials.push(Trial::test(format!("{}/(folder)", suite.dir), move || {
            if n < min {
                return Err(
                    format!("{shown} holds {n} cases, expected at least {min}: was it moved or emptied?").into()
                );
            }
            Ok(())
        }));
        // Every golden must belong to a case.
        for out in files.iter().filter(|p| has_extension(p, &["out"])) {
            if !cases.iter().any(|c| (suite.golden)(c) == *out) {
                let shown = out.display().to_string();
                trials.push(Trial::test(format!("{}/{}(orphan)", suite.dir, file_name(out)), move || {
                    Err(format!("{shown} has no input beside it: remove it, or restore its case").into())
                }));
            }
        }
        for case in cases {
            let name = format!("{}/{}", suite.dir, file_name(&case));
            let (run, golden, root) = (suite.run, (suite.golden)(&case), root.to_path_buf());
            trials.push(Trial::test(name, move || check(&root, &case, &golden, run)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Runs one case and compares it with its golden (or rewrites the golden under `BLESS`).
fn check(
    root: &Path,
    case: &Path,
    golden: &Path,
    run: fn(&Path, &Path) -> Result<String, String>,
) -> Result<(), Failed> {
    let actual = run(root, case)?;
    if std::env::var_os("BLESS").is_some() {
        fs::write(golden, &actual).map_err(|e| format!("cannot write {}: {e}", golden.display()))?;
        return Ok(());
    }
    let Ok(expected) = fs::read_to_string(golden) else {
        return Err(format!("{} is missing: run with BLESS=1 to write it, then read it", golden.display()).into());
    };
    if actual == expected {
        return Ok(());
    }
    Err(format!("{}\n(run with BLESS=1 to accept the new output, then read the diff)", diff(&expected, &actual)).into())
}

/// The lines that differ, with a little context, as `-expected` / `+actual`.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let (mut ee, mut aa) = (e.len(), a.len());
    while ee > first && aa > first && e[ee - 1] == a[aa - 1] {
        ee -= 1;
        aa -= 1;
    }
    let mut out = String::new();
    for line in &e[first.saturating_sub(2)..first] {
        out.push_str(&format!(" {line}\n"));
    }
    for line in &e[first..ee] {
        out.push_str(&format!("-{line}\n"));
    }
    for line in &a[first..aa] {
        out.push_str(&format!("+{line}\n"));
    }
    out
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        fs::read_dir(dir).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `NAME.wat` -> `NAME.wat.out`.
fn beside(case: &Path) -> PathBuf {
    PathBuf::from(format!("{}.out", case.display()))
}

/// `NAME.wat` -> `NAME.out`.
fn replaced(case: &Path) -> PathBuf {
    case.with_extension("out")
}

fn read(case: &Path) -> Result<String, String> {
    fs::read_to_string(case).map_err(|e| format!("cannot read {}: {e}", case.display()))
}

/// Output lines without trailing spaces.
fn clean(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).lines().map(|l| l.trim_end().to_string()).collect::<Vec<_>>().join("\n")
}

fn watlab(args: &[String], dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_watlab"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn status(code: Option<i32>) -> String {
    code.map_or("signal".into(), |c| c.to_string())
}

fn run_cli(_root: &Path, case: &Path) -> Result<String, String> {
    let text = read(case)?;
    let file = file_name(case);
    let line = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(";; watlab"))
        .ok_or_else(|| format!("{}: the first line must be `;; watlab ARGS`", case.display()))?;
    let args: Vec<String> =
        line.split_whitespace().map(|a| if a == "{}" { file.clone() } else { a.to_string() }).collect();
    run_in(case, &args)
}

/// `watlab check` in the rich format, then the same file's one-line form (what editors show).
fn run_diag(_root: &Path, case: &Path) -> Result<String, String> {
    let rich = run_in(case, &["check".to_string(), file_name(case)])?;
    let args = ["check", "--error-format", "short"].map(String::from);
    let mut cmd = watlab(&args, case.parent().expect("a case is in a folder"));
    let out = cmd.arg(file_name(case)).output().map_err(|e| format!("the watlab binary does not run: {e}"))?;
    Ok(format!("{rich}--- short (status {})\n{}\n", status(out.status.code()), clean(&out.stderr)))
}

fn run_in(case: &Path, args: &[String]) -> Result<String, String> {
    let mut cmd = watlab(args, case.parent().expect("a case is in a folder"));
    if let Ok(f) = fs::File::open(case.with_extension("stdin")) {
        cmd.stdin(Stdio::from(f));
    }
    let out = cmd.output().map_err(|e| format!("the watlab binary does not run: {e}"))?;
    Ok(format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}\n",
        status(out.status.code()),
        clean(&out.stdout),
        clean(&out.stderr)
    ))
}

/// Pipes a transcript into the REPL. stderr goes into the same pipe as stdout (through `sh`),
/// so the golden shows each error right after the input that caused it.
fn run_repl(root: &Path, case: &Path) -> Result<String, String> {
    // Transcripts that `:save` write into `target/` at the root, which need not exist when
    // CARGO_TARGET_DIR points elsewhere.
    fs::create_dir_all(root.join("target")).map_err(|e| format!("cannot create target/: {e}"))?;
    let input = fs::File::open(case).map_err(|e| format!("cannot open {}: {e}", case.display()))?;
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" repl --plain 2>&1")
        .arg(env!("CARGO_BIN_EXE_watlab"))
        .current_dir(case.parent().expect("a case is in a folder"))
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("the watlab binary does not run: {e}"))?;
    Ok(format!("status: {}\n--- output\n{}\n", status(out.status.code()), clean(&out.stdout)))
}

/// Every `;; watlab ARGS` line of the example's header, run from the repository root.
fn run_example(root: &Path, case: &Path) -> Result<String, String> {
    let text = read(case)?;
    let first = text.lines().next().unwrap_or("");
    if !first.starts_with(";; ") || first.starts_with(";; watlab ") {
        return Err("the first line should be a `;;` comment saying what the program shows".into());
    }
    let invocations: Vec<Vec<String>> = text
        .lines()
        .map_while(|l| l.strip_prefix(";;"))
        .filter_map(|l| l.trim().strip_prefix("watlab "))
        .map(|rest| rest.split_whitespace().map(str::to_string).collect())
        .collect();
    if !invocations.iter().any(|a| a.first().map(String::as_str) == Some("run")) {
        return Err("no `;; watlab run examples/NAME.wat ...` line says how to run it".into());
    }
    let mut all = String::new();
    for args in invocations {
        let out = watlab(&args, root).output().map_err(|e| format!("the watlab binary does not run: {e}"))?;
        let lines = |b: &[u8]| -> String {
            String::from_utf8_lossy(b).lines().map(|l| format!("{}\n", l.trim_end())).collect()
        };
        all.push_str(&format!(
            "$ watlab {}\nstatus: {}\n--- stdout\n{}--- stderr\n{}\n",
            args.join(" "),
            status(out.status.code()),
            lines(&out.stdout),
            lines(&out.stderr)
        ));
    }
    Ok(all)
}
