//! How fast the REPL answers: with 500 definitions in the session, evaluating one more
//! definition (which rebuilds the session module) and evaluating a bare instruction (which
//! builds and runs a snippet module against the live instance); plus the time to start the
//! binary and reach the prompt.
//!
//! Run with `cargo bench --bench repl`. Besides divan's table, `main` prints the median and the
//! 99th percentile of 300 timed evaluations of each kind, the figures the README quotes.

use std::time::{Duration, Instant};

use watlab_core::runtime::Limits;
use watlab_core::session::{Event, Session};

const N_DEFS: usize = 500;

/// A session holding `N_DEFS` definitions of the kinds learners write: functions that call
/// each other, globals, a memory and data.
fn big_session() -> Session {
    let mut s = Session::new(Limits::default());
    eval_ok(&mut s, "(memory $mem 1)");
    eval_ok(&mut s, "(import \"env\" \"print_i32\" (func $print (param i32)))");
    for i in 0..N_DEFS - 2 {
        let def = match i % 4 {
            0 => format!("(global $g{i} (mut i32) (i32.const {i}))"),
            1 => format!("(data (i32.const {}) \"def {i}\")", i * 8),
            _ if i > 4 => format!(
                "(func $f{i} (param $x i32) (result i32) (i32.add (call $f{} (local.get $x)) (i32.const {i})))",
                if i % 4 == 3 { i - 1 } else { i - 3 }
            ),
            _ => format!("(func $f{i} (param $x i32) (result i32) (i32.mul (local.get $x) (i32.const 2)))"),
        };
        eval_ok(&mut s, &def);
    }
    s
}

fn eval_ok(s: &mut Session, input: &str) {
    for e in s.eval(input) {
        if let Event::Error(d) = e {
            panic!("{input}: {}", d.message);
        }
    }
}

#[divan::bench(sample_count = 100)]
fn new_definition_with_500_defs(bencher: divan::Bencher) {
    let mut s = big_session();
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        s.eval(&format!("(func $new (result i32) (i32.const {i}))"))
    });
}

#[divan::bench(sample_count = 100)]
fn bare_instruction_with_500_defs(bencher: divan::Bencher) {
    let mut s = big_session();
    bencher.bench_local(|| {
        let events = s.eval("(call $f11 (i32.const 3))");
        s.eval(":clear");
        events
    });
}

#[divan::bench(sample_count = 100)]
fn calculator_step_with_500_defs(bencher: divan::Bencher) {
    let mut s = big_session();
    bencher.bench_local(|| {
        s.eval("i32.const 2");
        s.eval("i32.add")
    });
}

#[divan::bench(sample_count = 20)]
fn start_to_prompt() {
    // `repl --plain` with empty input: starts, builds the empty session, reaches its first
    // read and exits. An upper bound on the time until the interactive prompt appears.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(["repl", "--plain"])
        .stdin(std::process::Stdio::null())
        .status()
        .expect("the binary runs");
    assert!(status.success());
}

fn percentiles(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!("{name:<40} median {:>8.3} ms   p99 {:>8.3} ms   (n = {})", ms(at(0.5)), ms(at(0.99)), times.len());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    divan::main();
    let mut s = big_session();
    let mut defs = Vec::new();
    let mut instrs = Vec::new();
    let mut steps = Vec::new();
    for i in 0..300 {
        let t = Instant::now();
        s.eval("i32.const 2");
        steps.push(t.elapsed());
        let t = Instant::now();
        s.eval(&format!("(func $new (result i32) (i32.const {i}))"));
        defs.push(t.elapsed());
        let t = Instant::now();
        s.eval("(call $f11 (i32.const 3))");
        instrs.push(t.elapsed());
        s.eval(":clear");
    }
    println!();
    percentiles("new definition (500 in the session)", defs);
    percentiles("bare instruction (500 in the session)", instrs);
    percentiles("calculator step `i32.const 2` (500 defs)", steps);
    let mut starts = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let _ = std::process::Command::new(env!("CARGO_BIN_EXE_watlab"))
            .args(["repl", "--plain"])
            .stdin(std::process::Stdio::null())
            .status();
        starts.push(t.elapsed());
    }
    percentiles("start to first prompt (process, plain)", starts);
}
