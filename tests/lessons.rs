//! The course is sound (issue 14): `watlab learn check-pack` on `lessons/` (the course built
//! into the binary) and on the small course the `learn` tests use. check-pack's own rules
//! (every starter fails its checks, every solution passes, every example runs, every hint is
//! non-empty, every folder is listed once) are tested on broken packs in the core's
//! `course::tests` and below.

use std::path::Path;
use std::process::Command;

fn check_pack(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(["learn", "check-pack"])
        .arg(dir)
        .output()
        .expect("watlab runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_course_in_lessons_passes_check_pack() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let (status, text) = check_pack(&dir);
    assert_eq!(status, 0, "{text}");
    // At least the 30 lessons the issue asks for.
    let n: usize = text
        .lines()
        .last()
        .and_then(|l| l.split(": ").nth(2))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(n >= 30, "only {n} lessons:\n{text}");
}

#[test]
fn the_built_in_course_is_the_one_in_lessons() {
    // `learn init` without --pack copies the course embedded in the binary: each starter and
    // text must be the one in lessons/ (build.rs re-embeds them when they change).
    let root = std::env::temp_dir().join(format!("watlab-lessons-{}-embedded", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .args(["learn", "init", "course"])
        .current_dir(&root)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lessons = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut n = 0;
    for dir in std::fs::read_dir(&lessons).unwrap().flatten().filter(|e| e.path().is_dir()) {
        for file in ["exercise.wat", "lesson.md"] {
            let want = std::fs::read_to_string(dir.path().join(file)).unwrap();
            let got = std::fs::read_to_string(root.join("course").join(dir.file_name()).join(file)).unwrap_or_default();
            assert_eq!(got, want, "{:?}/{file}", dir.file_name());
            n += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&root);
    assert!(n >= 60, "{n} files compared");
}

#[test]
fn the_test_course_passes_check_pack() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/learn/pack");
    let (status, text) = check_pack(&dir);
    assert_eq!(status, 0, "{text}");
    assert!(text.contains("ok: ") && text.contains("2 lessons, 6 examples"), "{text}");
}

/// A copy of the test course with one change, checked.
fn broken(test: &str, change: impl FnOnce(&Path)) -> (i32, String) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/learn/pack");
    let dir = std::env::temp_dir().join(format!("watlab-lessons-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for entry in walk(&src) {
        let rel = entry.strip_prefix(&src).unwrap();
        std::fs::create_dir_all(dir.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(&entry, dir.join(rel)).unwrap();
    }
    change(&dir);
    let result = check_pack(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

/// A case: its name, the change to the test course, and the problem check-pack must report.
type Case = (&'static str, fn(&Path), &'static str);

#[test]
fn check_pack_finds_what_an_author_gets_wrong() {
    let cases: [Case; 6] = [
        (
            "starter",
            |d| std::fs::copy(d.join("01-answer/solution.wat"), d.join("01-answer/exercise.wat")).map(drop).unwrap(),
            "01-answer/exercise.wat: the starter already passes its checks",
        ),
        (
            "solution",
            |d| {
                std::fs::write(
                    d.join("02-sum/solution.wat"),
                    "(module (func (export \"sum\") (param i32) (result i32) (call 0 (local.get 0))))",
                )
                .unwrap()
            },
            "02-sum/solution.wat: the solution fails its checks",
        ),
        (
            "hint",
            |d| std::fs::write(d.join("01-answer/lesson.toml"), "hints = [\"one\", \" \"]\n").unwrap(),
            "01-answer/lesson.toml: hint 2 is empty",
        ),
        (
            "example",
            |d| {
                let md = std::fs::read_to_string(d.join("01-answer/lesson.md")).unwrap();
                std::fs::write(d.join("01-answer/lesson.md"), md.replace("i32.const 42))", "i32.const 42)")).unwrap()
            },
            "01-answer/lesson.md:21: the example the module does not load",
        ),
        ("folder", |d| std::fs::create_dir_all(d.join("03-extra")).unwrap(), "03-extra: this folder is not listed"),
        (
            "transcript",
            |d| {
                let md = std::fs::read_to_string(d.join("01-answer/lesson.md")).unwrap();
                std::fs::write(d.join("01-answer/lesson.md"), md.replace("42 : i32\n", "41 : i32\n")).unwrap()
            },
            "01-answer/lesson.md:28: `watlab run answer.wat --invoke answer` prints:\n    42 : i32\nbut the text shows:\n    41 : i32",
        ),
    ];
    for (name, change, want) in cases {
        let (status, text) = broken(name, change);
        assert_eq!(status, 1, "{name}: {text}");
        assert!(text.contains(want), "{name}: wanted {want:?} in:\n{text}");
    }
}
