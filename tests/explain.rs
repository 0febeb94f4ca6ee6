//! Every diagnostic code's explanation is true (issue 12): its wrong example, run through the
//! real binary as the entry says, fails with that code, and its fix succeeds. Also the
//! `watlab explain` command itself: answers, suggestions, searches, exit statuses.

use std::path::Path;
use std::process::Command;

use watlab_core::explain::catalog;

fn watlab(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the watlab binary runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn every_wrong_example_gives_its_code_and_every_fix_passes() {
    let dir = std::env::temp_dir().join(format!("watlab-explain-codes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut problems = Vec::new();
    for entry in &catalog().codes {
        let file = format!("example.{}", entry.ext);
        let mut args = vec![entry.command.as_str(), file.as_str(), "--error-format", "short"];
        args.extend(entry.args.iter().map(String::as_str));
        for (text, should_fail) in [(&entry.wrong, true), (&entry.fix, false)] {
            let bytes: Vec<u8> =
                if entry.latin1 { text.chars().map(|c| c as u32 as u8).collect() } else { text.as_bytes().to_vec() };
            std::fs::write(dir.join(&file), bytes).unwrap();
            let (status, out) = watlab(&dir, &args);
            let tag = format!("[{}]", entry.id);
            if should_fail && (status == 0 || !out.contains(&tag)) {
                problems.push(format!("{}: the wrong example gave status {status}:\n{out}", entry.id));
            }
            if !should_fail && status != 0 {
                problems.push(format!("{}: the fix gave status {status}:\n{out}", entry.id));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn explain_answers_and_suggests() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (status, out) = watlab(here, &["explain", "i32.shr_s"]);
    assert_eq!(status, 0);
    assert!(out.starts_with("i32.shr_s  [i32 i32] -> [i32]\n  numeric instruction, opcode 0x75"), "{out}");
    let (status, out) = watlab(here, &["explain", "i32.wrap/i64"]);
    assert_eq!((status, out.trim()), (1, "nothing is called `i32.wrap/i64`; did you mean `i32.wrap_i64`?"));
    let (status, out) = watlab(here, &["explain", "0x7fc00000", "--as", "f32"]);
    assert_eq!(status, 0);
    assert!(out.contains("NaN, payload 0x400000 (quiet, canonical"), "{out}");
    let (status, out) = watlab(here, &["explain", "1", "--as", "i128"]);
    assert_eq!(status, 2, "{out}");
    let (status, out) = watlab(here, &["explain", "--search", "zzzzqqq"]);
    assert_eq!(status, 1, "{out}");
    let (status, out) = watlab(here, &["explain"]);
    assert_eq!(status, 0);
    assert!(out.contains("sandbox") && out.contains("--search WORD"), "{out}");
}
