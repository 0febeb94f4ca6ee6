//! How fast `watlab run --trace` is (issue 11): `benches/trace_million.wat` counts to 100,000,
//! about 1.2 million instructions, run by the real binary with its stdout going to a file.
//! Three ways: the whole trace written (every line), the default limit (the run recorded, the
//! first 1,000 lines written), and untraced. Prints the median of five runs of each, the
//! figures the README quotes.
//!
//! Run with `cargo bench --bench trace`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run(args: &[&str], out: &Path) -> Duration {
    let file = std::fs::File::create(out).expect("the output file can be created");
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(args)
        .stdout(file)
        .stderr(Stdio::null())
        .status()
        .expect("the watlab binary runs");
    let took = started.elapsed();
    assert!(status.success(), "watlab {args:?} failed");
    took
}

fn median(args: &[&str], out: &Path) -> Duration {
    let mut times: Vec<Duration> = (0..5).map(|_| run(args, out)).collect();
    times.sort();
    times[2]
}

fn main() {
    let wat = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/trace_million.wat");
    let out = std::env::temp_dir().join(format!("watlab-trace-bench-{}.txt", std::process::id()));
    let base = ["run", wat, "--invoke", "count", "100000"];
    let cases: [(&str, &[&str]); 3] = [
        ("whole trace to a file", &["--trace", "--trace-limit", "2000000"]),
        ("default limit (1,000 lines)", &["--trace"]),
        ("untraced", &[]),
    ];
    for (name, extra) in cases {
        let args: Vec<&str> = base.iter().chain(extra.iter()).copied().collect();
        let took = median(&args, &out);
        let lines = std::fs::read_to_string(&out).map(|t| t.lines().count()).unwrap_or(0);
        println!("{name:<30} {:>8.2} s  ({lines} lines of output)", took.as_secs_f64());
    }
    let _ = std::fs::remove_file(&out);
}
