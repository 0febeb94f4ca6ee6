//! Bad input never panics: thousands of generated malformed programs through the library, and
//! a few hundred through the real binary.
//!
//! Inputs come from a small deterministic generator (no randomness between runs, so a failure
//! reproduces): mutations and truncations of the valid programs in `examples/` and `tests/`,
//! as text and as binaries; random bytes, with and without the wasm header; token soup; and
//! hand-picked extremes (10,000 open parens, deep nesting, huge numbers, non-UTF-8, empty,
//! only comments). The library half loads, instantiates and calls every export with little
//! fuel, and renders every diagnostic in both formats; a panic is caught and reported with the
//! input that caused it. The binary half asserts that `check` and `run` exit 0, 1 or 2, never
//! 101 (a panic) or a signal, and never print "panicked".
//!
//! `ROBUST_CASES=N` changes how many mutations each seed gets (default 40), for a longer soak.

use std::cell::Cell;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use wasmi::Val;
use watlab_core::host::Captured;
use watlab_core::program::Program;
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::runtime::{Limits, Runtime};
use watlab_core::source::SourceMap;

/// Small limits keep every probe fast: a mutated program may well loop or recurse forever.
const PROBE_LIMITS: Limits = Limits {
    fuel: Some(50_000),
    max_memory: 4 << 20,
    max_call_depth: 1_000,
    rerun_fuel: watlab_core::runtime::DEFAULT_RERUN_FUEL,
};

/// The binary's main thread has an 8 MiB stack; probe with the same, not the test harness's 2 MiB.
const PROBE_STACK: usize = 8 << 20;

// ---------------------------------------------------------------------------------------------
// A deterministic generator.

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Fragments a learner (or a fuzzer) might type, several of them at the edges of what is valid.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "((",
    "))",
    "(module",
    "(func",
    "(param i32)",
    "(result i32)",
    "(local $x i64)",
    "(export \"f\")",
    "(memory 1)",
    "(memory 65536)",
    "(memory i64 1)",
    "(table 1 funcref)",
    "(data (i32.const 0) \"hi\")",
    "(elem (i32.const 0) 0)",
    "(start 0)",
    "(global (mut i32) (i32.const 0))",
    "(import \"env\" \"print_i32\" (func))",
    "(type (func))",
    "i32.add",
    "i64.div_s",
    "f64.sqrt",
    "call 0",
    "call $nope",
    "br 9",
    "br_table 0 1 2",
    "block",
    "loop",
    "if",
    "else",
    "end",
    "unreachable",
    "return",
    "drop",
    "select",
    "local.get 0",
    "local.get 4294967295",
    "memory.grow",
    "memory.size",
    "call_indirect (type 0)",
    "i32.load offset=4294967295",
    "i32.load align=3",
    "i32.const",
    "i32.const 99999999999999999999999",
    "i64.const -0x8000000000000001",
    "f32.const nan:0x7fffff",
    "f64.const -0x1p+999999",
    "f64.const inf",
    "v128.const i32x4 1 2 3 4",
    "$",
    "$x",
    "$\"quoted\"",
    "\"",
    "\"\\u{110000}\"",
    "\"\\ff\"",
    ";;",
    "(;",
    ";)",
    "(; (; ;)",
    "(@custom \"x\")",
    "0x",
    "1_",
    "-",
    "+",
    "nan",
    "-0",
    "\u{feff}",
    "\u{0}",
    "é",
    "🦀",
    "\t",
    "\n",
    "\r\n",
    " ",
];

/// Words that keep a program parseable but often break its types or make it trap.
const WORDS: &[&str] = &[
    "i32.add",
    "i64.add",
    "f32.add",
    "f64.mul",
    "i32.div_u",
    "i64.rem_s",
    "i32.eqz",
    "i64.eqz",
    "i32.wrap_i64",
    "i64.extend_i32_s",
    "f32.convert_i32_s",
    "i32.trunc_f64_s",
    "i32.load",
    "i64.store",
    "i32.load8_u",
    "drop",
    "nop",
    "unreachable",
    "return",
    "select",
    "memory.size",
    "memory.grow",
    "i32.clz",
    "f64.neg",
    "i32",
    "i64",
    "f32",
    "f64",
    "funcref",
    "externref",
    "block",
    "loop",
    "end",
    "then",
    "else",
    "br_if",
    "call_indirect",
    "global.get",
    "global.set",
    "local.tee",
    "param",
    "result",
    "local",
    "mut",
    "export",
    "import",
    "$a",
    "$b",
];

/// Numbers at the edges of their types.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "7",
    "31",
    "32",
    "64",
    "255",
    "65535",
    "65536",
    "0x7fffffff",
    "0x80000000",
    "-2147483648",
    "4294967295",
    "4294967296",
    "0xffffffffffffffff",
    "-0x8000000000000000",
    "1e308",
    "-0",
    "nan",
    "inf",
    "0.5",
];

/// Replaces one word or number of `v` with another of the same sort, so the text usually
/// still parses and the mutation reaches validation and execution.
fn swap_word(rng: &mut Rng, v: &mut Vec<u8>) {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b"._$:=+-".contains(&b);
    let mut words = Vec::new();
    let mut i = 0;
    while i < v.len() {
        if is_word(v[i]) {
            let start = i;
            while i < v.len() && is_word(v[i]) {
                i += 1;
            }
            words.push(start..i);
        } else {
            i += 1;
        }
    }
    if words.is_empty() {
        return;
    }
    let range = words[rng.below(words.len())].clone();
    let numeric = v[range.start].is_ascii_digit() || v[range.start] == b'-';
    let new = if numeric { *rng.pick(NUMBERS) } else { *rng.pick(WORDS) };
    v.splice(range, new.bytes());
}

fn mutate_text(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(v.len() + 1);
        match rng.below(14) {
            8..=13 => swap_word(rng, &mut v),
            0 => v.truncate(at),
            1 => {
                let end = (at + 1 + rng.below(24)).min(v.len());
                v.drain(at..end.max(at));
            }
            2 | 3 => {
                let tok = rng.pick(TOKENS);
                v.splice(at..at, tok.bytes());
            }
            4 => {
                let end = (at + rng.below(40)).min(v.len());
                let copy = v[at..end].to_vec();
                v.splice(at..at, copy);
            }
            5 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8; // may well break UTF-8
            }
            6 => v.splice(at..at, "9".repeat(1 + rng.below(60)).bytes()).for_each(drop),
            _ => {
                // Swap two bytes: turns `(` `)` orders and keywords inside out.
                if v.len() >= 2 {
                    let (i, j) = (rng.below(v.len()), rng.below(v.len()));
                    v.swap(i, j);
                }
            }
        }
    }
    v
}

fn mutate_binary(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 => v.truncate(at.max(8)), // keep the header so the binary path is taken
            1 if at < v.len() => v[at] ^= 1 << rng.below(8),
            2 if at < v.len() => v[at] = *rng.pick(&[0x00, 0x7f, 0x80, 0xff, 0x40, 0x41]),
            // An over-long or huge LEB128, as a size, count or index.
            3 => v
                .splice(
                    at..at,
                    rng.pick(&[&[0xff, 0xff, 0xff, 0xff, 0x0f][..], &[0x80; 6][..], &[0xff; 10][..]]).iter().copied(),
                )
                .for_each(drop),
            4 => {
                let end = (at + 1 + rng.below(8)).min(v.len());
                v.drain(at.min(end)..end);
            }
            _ => {
                let n = rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                v.splice(at..at, bytes);
            }
        }
    }
    v
}

fn random_bytes(rng: &mut Rng, with_header: bool) -> Vec<u8> {
    let mut v = if with_header { b"\0asm\x01\0\0\0".to_vec() } else { Vec::new() };
    let n = rng.below(200);
    v.extend((0..n).map(|_| rng.next() as u8));
    v
}

fn token_soup(rng: &mut Rng) -> Vec<u8> {
    let mut s = String::from("(module ");
    for _ in 0..rng.below(60) {
        s.push_str(rng.pick::<&str>(TOKENS));
        s.push(' ');
    }
    s.into_bytes()
}

/// Hand-picked extremes, each named so a failure says which.
fn extremes() -> Vec<(String, Vec<u8>)> {
    let deep_blocks = format!("(module (func {}{}))", "(block ".repeat(10_000), ")".repeat(10_000));
    let deep_flat = format!("(module (func {}{}))", "block ".repeat(20_000), "end ".repeat(20_000));
    let deep_adds = format!(
        "(module (func (export \"f\") (result i32) {}(i32.const 0){}))",
        "(i32.add (i32.const 1) ".repeat(10_000),
        ")".repeat(10_000)
    );
    let many_funcs: String =
        (0..2_000).map(|i| format!("(func (export \"f{i}\") (result i32) (i32.const {i}))")).collect();
    let many_funcs = format!("(module {many_funcs})");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("a space", b" ".to_vec()),
        ("only comments", b";; nothing here\n(; a (; nested ;) comment ;)\n".to_vec()),
        ("10,000 open parens", "(".repeat(10_000).into_bytes()),
        ("10,000 close parens", ")".repeat(10_000).into_bytes()),
        ("10,000 nested block comments", "(;".repeat(10_000).into_bytes()),
        ("10,000 nested folded blocks", deep_blocks.into_bytes()),
        ("20,000 nested plain blocks", deep_flat.into_bytes()),
        ("10,000 nested i32.add", deep_adds.into_bytes()),
        ("2,000 exported functions", many_funcs.into_bytes()),
        ("huge i32", b"(module (func (result i32) (i32.const 340282366920938463463374607431768211456)))".to_vec()),
        ("huge memory", b"(module (memory 65536 65536))".to_vec()),
        ("huge memory64", b"(module (memory i64 281474976710656))".to_vec()),
        ("huge table", b"(module (table 4294967295 funcref))".to_vec()),
        ("huge data offset", b"(module (memory 1) (data (i32.const -1) \"x\"))".to_vec()),
        ("huge local count", b"(module (func (local i32 i32) (local i64)))".to_vec()),
        ("long identifier", format!("(module (func ${}))", "x".repeat(100_000)).into_bytes()),
        ("long line", format!("(module {})", " ".repeat(200_000)).into_bytes()),
        ("non-UTF-8", b"(module (func \xff\xfe))".to_vec()),
        ("UTF-16 with BOM", b"\xff\xfe(\0m\0o\0d\0u\0l\0e\0)\0".to_vec()),
        ("UTF-8 BOM", b"\xef\xbb\xbf(module)".to_vec()),
        ("NUL bytes", b"(module\0\0\0)".to_vec()),
        ("unterminated string", b"(module (data \"abc".to_vec()),
        ("unterminated block comment", b"(module (; never closed".to_vec()),
        ("bad escape", b"(module (data \"\\q\"))".to_vec()),
        ("magic only", b"\0asm".to_vec()),
        ("magic and version", b"\0asm\x01\0\0\0".to_vec()),
        ("bad version", b"\0asm\x02\0\0\0".to_vec()),
        ("component version", b"\0asm\x0d\0\x01\0".to_vec()),
        ("section larger than file", b"\0asm\x01\0\0\0\x01\xff\xff\xff\xff\x0f".to_vec()),
        ("truncated type section", b"\0asm\x01\0\0\0\x01\x05\x01\x60".to_vec()),
        ("unknown section id", b"\0asm\x01\0\0\0\x7f\x00".to_vec()),
        ("a component", b"(component)".to_vec()),
        ("two modules", b"(module) (module)".to_vec()),
        ("wast directive", b"(assert_return (invoke \"f\"))".to_vec()),
        ("quote module", b"(module quote \"(func)\")".to_vec()),
        ("binary module in text", b"(module binary \"\\00asm\\01\\00\\00\\00\")".to_vec()),
        ("start traps", b"(module (func unreachable) (start 0))".to_vec()),
        ("start loops", b"(module (func (loop (br 0))) (start 0))".to_vec()),
        ("print_str without memory", b"(module (import \"env\" \"print_str\" (func $p (param i32 i32))) (func (export \"main\") (call $p (i32.const 0) (i32.const 5))))".to_vec()),
        ("print_str out of bounds", b"(module (import \"env\" \"print_str\" (func $p (param i32 i32))) (memory (export \"memory\") 1) (func (export \"main\") (call $p (i32.const -1) (i32.const -1))))".to_vec()),
        ("print_char surrogate", b"(module (import \"env\" \"print_char\" (func $p (param i32))) (func (export \"main\") (call $p (i32.const 0xd800))))".to_vec()),
        ("memory.grow past limit", b"(module (memory 1) (func (export \"main\") (drop (memory.grow (i32.const 65535)))))".to_vec()),
        ("runaway recursion", b"(module (func $f (export \"main\") (call $f)))".to_vec()),
        ("v128 export", b"(module (func (export \"f\") (param v128) (result v128) (local.get 0)))".to_vec()),
        ("ref params", b"(module (func (export \"f\") (param funcref externref) (result funcref) (ref.null func)))".to_vec()),
        ("multi-value", b"(module (func (export \"f\") (result i32 i64 f32 f64) (i32.const 1) (i64.const 2) (f32.const 3) (f64.const 4)))".to_vec()),
    ];
    cases.into_iter().map(|(n, b)| (n.to_string(), b)).collect()
}

/// Every input of one run: `(description, bytes)`.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let per_seed: usize = std::env::var("ROBUST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let mut rng = Rng(0x5eed_0f7a_71ab);
    let mut out = extremes();
    let seeds = seed_texts();
    for (name, text) in &seeds {
        for i in 0..per_seed {
            out.push((format!("text mutation {i} of {name}"), mutate_text(&mut rng, text)));
        }
        let mut sources = SourceMap::new();
        if let Ok(p) = Program::load(&mut sources, name, text.clone()) {
            out.push((format!("binary of {name}"), p.bytes.clone()));
            for i in 0..per_seed * 3 / 4 {
                out.push((format!("binary mutation {i} of {name}"), mutate_binary(&mut rng, &p.bytes)));
            }
        }
    }
    for i in 0..per_seed * 5 {
        out.push((format!("random bytes {i}"), random_bytes(&mut rng, i % 2 == 0)));
        out.push((format!("token soup {i}"), token_soup(&mut rng)));
    }
    out
}

/// The valid and near-valid programs the repository already has.
fn seed_texts() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["examples", "tests/cli", "tests/diag"] {
        if let Ok(rd) = fs::read_dir(root.join(dir)) {
            files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "wat")));
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.strip_prefix(root).ok()?.display().to_string(), fs::read(&p).ok()?)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The library half.

thread_local! {
    /// Set while probing, so the panic hook stays quiet for caught panics only.
    static PROBING: Cell<bool> = const { Cell::new(false) };
}

/// How far the probes got, to show the generator reaches past the parser.
#[derive(Default)]
struct Reach {
    loaded: usize,
    instantiated: usize,
    calls: usize,
}

/// Everything a front end would do with `input`, short of printing.
fn probe(input: &[u8], reach: &mut Reach) {
    let mut sources = SourceMap::new();
    if let Ok(text) = std::str::from_utf8(input) {
        // The REPL's lexer helpers see every line a learner types.
        let _ = watlab_core::lex::completeness(text);
        let _ = watlab_core::lex::highlight_ansi(text);
        let _ = watlab_core::lex::definitions(text);
        for offset in [0, text.len() / 2, text.len(), text.len() + 7] {
            let _ = watlab_core::lex::token_range_at(text, offset);
        }
    }
    let program = match Program::load(&mut sources, "input.wat", input.to_vec()) {
        Ok(p) => p,
        Err(d) => return show(&sources, &d),
    };
    reach.loaded += 1;
    let _ = program.has_start();
    let mut runtime = Runtime::new(PROBE_LIMITS, Box::new(Captured::default()));
    let instance = match program.instantiate(&sources, &mut runtime) {
        Ok((_, instance)) => instance,
        Err(d) => return show(&sources, &d),
    };
    reach.instantiated += 1;
    let exports: Vec<String> = instance.exports(runtime.store()).map(|e| e.name().to_string()).collect();
    for name in exports.iter().map(String::as_str).chain(["no_such_export"]) {
        let func = match program.export_func(&runtime, &instance, name) {
            Ok(f) => f,
            Err(d) => {
                show(&sources, &d);
                continue;
            }
        };
        let ty = func.ty(runtime.store());
        // Arguments as a learner would type them: zeros, then a wrong count.
        let zeros: Vec<String> = ty.params().iter().map(|_| "0".to_string()).collect();
        if let Err(d) = watlab_core::program::parse_args(name, &ty, &[zeros.clone(), vec!["x".into()]].concat()) {
            show(&sources, &d);
        }
        let args: Vec<Val> = match watlab_core::program::parse_args(name, &ty, &zeros) {
            Ok(v) => v,
            Err(d) => {
                show(&sources, &d);
                ty.params().iter().map(|t| Val::default_for_ty(*t)).collect()
            }
        };
        reach.calls += 1;
        if let Err(trap) = runtime.call(func, &args, None) {
            show(&sources, &watlab_core::trap::diagnostic(&trap, runtime.limits(), name));
        }
    }
}

fn show(sources: &SourceMap, d: &watlab_core::diag::Diagnostic) {
    for format in [ErrorFormat::Rich, ErrorFormat::Short] {
        for color in [false, true] {
            let _ = render_to_string(sources, "input.wat", d, Style { format, color, explain: None });
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a non-string panic)".into())
}

fn preview(bytes: &[u8]) -> String {
    let shown: String = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).escape_debug().collect();
    format!("{} bytes: \"{shown}\"{}", bytes.len(), if bytes.len() > 300 { "..." } else { "" })
}

#[test]
fn the_library_never_panics_on_bad_input() {
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !PROBING.with(Cell::get) {
            default_hook(info);
        }
    }));
    let worker = std::thread::Builder::new().stack_size(PROBE_STACK).spawn(|| {
        let corpus = corpus();
        let mut failures = Vec::new();
        let mut reach = Reach::default();
        for (what, input) in &corpus {
            PROBING.with(|p| p.set(true));
            let result = panic::catch_unwind(AssertUnwindSafe(|| probe(input, &mut reach)));
            PROBING.with(|p| p.set(false));
            if let Err(payload) = result {
                failures.push(format!("{what} panicked: {}\n  input: {}", panic_message(&*payload), preview(input)));
            }
        }
        (corpus.len(), reach, failures)
    });
    let (n_inputs, reach, failures) = worker.expect("the probe thread starts").join().expect("probe thread finishes");
    println!(
        "{n_inputs} inputs probed: {} loaded, {} instantiated, {} calls; {} panicked",
        reach.loaded,
        reach.instantiated,
        reach.calls,
        failures.len()
    );
    assert!(n_inputs >= 2_000, "the generator made only {n_inputs} inputs");
    assert!(failures.is_empty(), "{} inputs panicked:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The binary half.

#[test]
fn the_binary_exits_cleanly_on_bad_input() {
    let corpus = corpus();
    let dir = std::env::temp_dir().join(format!("watlab-robust-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("a temporary directory");
    let mut failures = Vec::new();
    let mut n_runs = 0;
    // Every extreme, then an even spread over the generated inputs: about 250 inputs in all.
    let n_extremes = extremes().len();
    let step = (corpus.len() / 200).max(1);
    let chosen = corpus.iter().enumerate().filter(|(i, _)| *i < n_extremes || i % step == 0);
    for (i, (what, input)) in chosen {
        let file = dir.join(format!("case{i}.wat"));
        fs::write(&file, input).expect("the temporary file is writable");
        for args in [vec!["check"], vec!["run", "--fuel", "100000"], vec!["check", "--error-format", "short"]] {
            n_runs += 1;
            let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
                .args(&args)
                .arg(&file)
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .output()
                .expect("the watlab binary runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let bad_status = !matches!(out.status.code(), Some(0..=2));
            if bad_status || stderr.contains("panicked") || String::from_utf8_lossy(&out.stdout).contains("panicked") {
                failures.push(format!(
                    "watlab {} on {what}: status {:?}\n  input: {}\n  stderr: {}",
                    args.join(" "),
                    out.status,
                    preview(input),
                    stderr.lines().take(5).collect::<Vec<_>>().join("\n          ")
                ));
            }
        }
    }
    // The same through stdin (`-`), which takes another reading path.
    for (what, input) in extremes() {
        n_runs += 1;
        let mut child = Command::new(env!("CARGO_BIN_EXE_watlab"))
            .args(["check", "-"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the watlab binary runs");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // The binary may stop reading early; a closed pipe is not a failure here.
        let _ = std::io::Write::write_all(&mut stdin, &input);
        drop(stdin);
        let out = child.wait_with_output().expect("watlab finishes");
        if !matches!(out.status.code(), Some(0..=2)) || String::from_utf8_lossy(&out.stderr).contains("panicked") {
            failures.push(format!("watlab check - on {what}: status {:?}", out.status));
        }
    }
    let _ = fs::remove_dir_all(&dir);
    println!("{n_runs} runs of the binary, {} failed", failures.len());
    assert!(failures.is_empty(), "{} runs failed:\n{}", failures.len(), failures.join("\n"));
}

/// Inputs that are certainly not valid programs end with status 1 (the learner's input is at
/// fault), not 0 and not 2.
#[test]
fn certainly_bad_input_is_the_learners_error() {
    for (what, input) in extremes().into_iter().filter(|(w, _)| {
        ["empty", "10,000 open parens", "non-UTF-8", "magic only", "bad version", "section larger than file"]
            .contains(&w.as_str())
    }) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_watlab"))
            .args(["check", "-"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the watlab binary runs");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let _ = std::io::Write::write_all(&mut stdin, &input);
        drop(stdin);
        let out = child.wait_with_output().expect("watlab finishes");
        assert_eq!(out.status.code(), Some(1), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Issue 11: a program that runs for billions of instructions under `--trace` does not flood
/// memory: past the limit the trace only counts. A loop that never ends is traced for a few
/// seconds (millions of instructions), and the process's peak memory stays small.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_trace_stays_in_bounded_memory() {
    let dir = std::env::temp_dir().join(format!("watlab-trace-bound-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let wat = dir.join("spin.wat");
    fs::write(
        &wat,
        "(module (memory 1) (func (export \"spin\") (local $i i32)\n  (loop $l\n    (i32.store (i32.and (local.get $i) (i32.const 1020)) (local.get $i))\n    (local.set $i (i32.add (local.get $i) (i32.const 1)))\n    (br $l))))\n",
    )
    .unwrap();
    let out_path = dir.join("trace.txt");
    let out = fs::File::create(&out_path).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(["run", wat.to_str().unwrap(), "--invoke", "spin", "--trace", "--trace-limit", "3"])
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(3));
    let status = fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("the traced run was still going after 3 seconds, with a peak memory in /proc");
    assert!(peak_kb < 200 * 1024, "peak memory {peak_kb} kB");
    let lines = fs::read_to_string(&out_path).unwrap();
    assert_eq!(lines.lines().count(), 3, "{lines}");
    let _ = fs::remove_dir_all(&dir);
}
