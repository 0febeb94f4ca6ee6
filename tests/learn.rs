//! `watlab learn` as a learner uses it (issue 14), through the real binary in a fresh
//! directory: `init`, `check` failing, `hint`, the solution written, `check` passing, `next`,
//! `report`, and a corrupt progress file; also `list --json`, `reset`'s backup, `solution`,
//! a rule on how, and the exit statuses. The course is the small one in `tests/learn/pack`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct Course {
    dir: PathBuf,
}

impl Drop for Course {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.dir.parent().expect("has a parent"));
    }
}

fn pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/learn/pack")
}

/// `watlab learn ARGS` in `dir`: status, stdout, stderr.
fn learn(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_watlab"))
        .arg("learn")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("watlab runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// A course directory made by `learn init` under a fresh temporary folder.
fn init(test: &str) -> Course {
    let root = std::env::temp_dir().join(format!("watlab-learn-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let pack = pack();
    let (status, out, err) = learn(&root, &["init", "--pack", pack.to_str().unwrap()]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(out.contains("Started \"A small test course\" in watlab-course: 2 lessons."), "{out}");
    assert!(out.contains("Lesson 1: The answer (answer)"), "{out}");
    Course { dir: root.join("watlab-course") }
}

fn solve(c: &Course, lesson: &str) {
    let solution = std::fs::read_to_string(pack().join(lesson).join("solution.wat")).unwrap();
    std::fs::write(c.dir.join(lesson).join("exercise.wat"), solution).unwrap();
}

fn progress(c: &Course) -> String {
    std::fs::read_to_string(c.dir.join(".watlab-progress.toml")).unwrap()
}

#[test]
fn a_learner_walks_through_the_first_lesson() {
    let c = init("walk");
    assert!(c.dir.join("01-answer/exercise.wat").is_file() && c.dir.join("02-sum/lesson.md").is_file());

    let (status, out, _) = learn(&c.dir, &["check"]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("NOT YET answer: 0 of 1 checks passed"), "{out}");
    assert!(out.contains("`answer` returned 0 : i32, but the script expects 42 : i32"), "{out}");
    assert!(out.contains("01-answer/checks.wast:1:34"), "{out}");
    assert!(out.contains("Stuck? `watlab learn hint` gives a hint (0 of 2 seen)."), "{out}");

    let (status, out, _) = learn(&c.dir, &["hint"]);
    assert_eq!(status, 0);
    assert_eq!(out, "Hint 1 of 2 for answer:\n  The function's result is the value left on the stack.\n");

    // Not passed yet: `next` refuses, and says why.
    let (status, out, _) = learn(&c.dir, &["next"]);
    assert_eq!(status, 1);
    assert!(out.contains("answer does not pass yet"), "{out}");

    solve(&c, "01-answer");
    let (status, out, _) = learn(&c.dir, &["check"]);
    assert_eq!(status, 0, "{out}");
    assert_eq!(
        out,
        "PASSED answer: 1 check passed\nWell done! `watlab learn next` moves on to Sum with a loop (sum).\n"
    );

    let (status, out, _) = learn(&c.dir, &["next"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("[###############...............] 1 of 2 lessons passed"), "{out}");
    assert!(out.contains("Lesson 2: Sum with a loop (sum)"), "{out}");
    assert!(out.contains("your exercise: 02-sum/exercise.wat"), "{out}");

    let (status, out, _) = learn(&c.dir, &["report"]);
    assert_eq!(status, 0);
    assert!(
        out.starts_with("# A small test course: course report\n\n1 of 2 lessons passed; current lesson: sum."),
        "{out}"
    );
    // The check of the untouched starter was no attempt.
    assert!(out.contains("| 1 | answer | passed | 1 | 1 of 2 | no | "), "{out}");
    assert!(out.contains("| 2 | sum | started | 0 | 0 of 3 | no |  |"), "{out}");

    let (_, out, _) = learn(&c.dir, &["report", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["lessons_passed"], 1);
    assert_eq!(doc["lessons"][0]["attempts"], 1);
    assert_eq!(doc["lessons"][0]["hints_seen"], 1);
    assert!(doc["lessons"][0]["seconds_to_pass"].as_u64().is_some(), "{out}");
    assert!(doc["lessons"][1]["seconds_to_pass"].is_null(), "{out}");

    let (_, out, _) = learn(&c.dir, &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let statuses: Vec<&str> = list.as_array().unwrap().iter().map(|l| l["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["done", "current"]);
    let exercise = PathBuf::from(list[1]["exercise"].as_str().unwrap());
    assert!(exercise.is_absolute() && exercise.ends_with("02-sum/exercise.wat"), "{out}");
    assert_eq!(list[1]["title"], "Sum with a loop");

    // From a folder inside the course, the course directory is found above.
    let (status, out, _) = learn(&c.dir.join("02-sum"), &["list"]);
    assert_eq!(status, 0);
    assert!(out.contains("2. current  sum     Sum with a loop  (../02-sum/exercise.wat)"), "{out}");
}

#[test]
fn a_corrupt_progress_file_is_kept_aside_and_rebuilt() {
    let c = init("corrupt");
    solve(&c, "01-answer");
    assert_eq!(learn(&c.dir, &["check"]).0, 0);
    // Cut off in the middle of a write by something other than watlab: the pack line survives.
    let text = progress(&c);
    let cut = &text[..text.find("[lessons.answer]").unwrap() + 10];
    std::fs::write(c.dir.join(".watlab-progress.toml"), cut).unwrap();

    let (status, out, err) = learn(&c.dir, &["list"]);
    assert_eq!(status, 0, "{out}{err}");
    assert!(err.starts_with("warning: the progress file .watlab-progress.toml did not read ("), "{err}");
    assert!(err.contains("it is kept as .watlab-progress.toml.corrupt, and progress is rebuilt"), "{err}");
    assert!(err.contains("rebuilt: 1 of 2 lessons pass"), "{err}");
    assert_eq!(std::fs::read_to_string(c.dir.join(".watlab-progress.toml.corrupt")).unwrap(), cut);
    assert!(out.contains("1. done     answer") && out.contains("2. current  sum"), "{out}");
    assert!(progress(&c).contains("current = \"sum\""));

    // Nothing readable at all: the course folder must be named again, and nothing is lost.
    std::fs::write(c.dir.join(".watlab-progress.toml"), [0xff, 0xfe, b'[']).unwrap();
    let (status, _, err) = learn(&c.dir, &["list"]);
    assert_eq!(status, 2, "{err}");
    assert!(
        err.contains(
            "holds none of the folders of the built-in course: if it follows a course folder, give it with --pack DIR"
        ),
        "{err}"
    );
    assert!(c.dir.join(".watlab-progress.toml").exists() && !c.dir.join(".watlab-progress.toml.corrupt2").exists());
    let pack = pack();
    let (status, _, err) = learn(&c.dir, &["list", "--pack", pack.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("(it is not UTF-8 text); it is kept as .watlab-progress.toml.corrupt2"), "{err}");
    assert!(progress(&c).contains("pack = "), "{}", progress(&c));
}

#[test]
fn a_corrupt_progress_file_of_the_built_in_course_is_rebuilt() {
    let root = std::env::temp_dir().join(format!("watlab-learn-{}-builtin", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let c = Course { dir: root.join("watlab-course") };
    assert_eq!(learn(&root, &["init"]).0, 0);
    std::fs::write(c.dir.join(".watlab-progress.toml"), "format = 1\ncurrent = ").unwrap();
    let (status, out, err) = learn(&c.dir, &["list", "--json"]);
    assert_eq!(status, 0, "{err}");
    assert!(err.contains("it is kept as .watlab-progress.toml.corrupt") && err.contains("rebuilt: 0 of "), "{err}");
    let list: serde_json::Value = serde_json::from_str(&out).expect("still JSON on stdout");
    assert!(list.as_array().unwrap().len() >= 30, "{out}");
    assert_eq!(list[0]["status"], "current");
}

#[test]
fn reset_keeps_a_backup_and_solution_asks_first() {
    let c = init("reset");
    let file = c.dir.join("01-answer/exercise.wat");
    std::fs::write(&file, "(module) ;; my work\n").unwrap();
    let (status, out, _) = learn(&c.dir, &["reset", "answer"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("Your version is kept as 01-answer/exercise.wat.bak1."), "{out}");
    assert_eq!(std::fs::read_to_string(c.dir.join("01-answer/exercise.wat.bak1")).unwrap(), "(module) ;; my work\n");
    assert!(std::fs::read_to_string(&file).unwrap().contains(";; TODO"));
    learn(&c.dir, &["reset", "answer"]);
    assert!(c.dir.join("01-answer/exercise.wat.bak2").exists());

    // Without a terminal to ask on, the solution of a lesson not passed needs --yes.
    let (status, _, err) = learn(&c.dir, &["solution", "answer"]);
    assert_eq!(status, 2);
    assert!(err.contains("answer does not pass yet: add --yes"), "{err}");
    let (status, out, _) = learn(&c.dir, &["solution", "answer", "--yes"]);
    assert_eq!(status, 0);
    assert!(out.contains("i32.const 42"), "{out}");
    assert!(progress(&c).contains("solution_seen = true"));

    // A second init does not overwrite anything.
    let (status, _, err) = learn(c.dir.parent().unwrap(), &["init"]);
    assert_eq!(status, 2);
    assert!(err.contains("is already a course directory"), "{err}");
}

#[test]
fn a_rule_on_how_fails_in_the_learners_file() {
    let c = init("rules");
    solve(&c, "01-answer");
    learn(&c.dir, &["check"]);
    learn(&c.dir, &["next"]);
    let recursive = "(module\n  (func $sum (export \"sum\") (param $n i32) (result i32)\n    (if (result i32) (i32.eqz (local.get $n))\n      (then (i32.const 0))\n      (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1))))))))\n";
    std::fs::write(c.dir.join("02-sum/exercise.wat"), recursive).unwrap();
    let (status, out, _) = learn(&c.dir, &["check", "sum"]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("NOT YET sum: every check passes, but not the way this lesson asks"), "{out}");
    assert!(out.contains("this lesson asks for `loop`, and the module has none"), "{out}");
    assert!(
        out.contains("02-sum/exercise.wat:5:38: error[E0700]: this lesson asks you to solve it without `call`"),
        "{out}"
    );

    // A trap is located in the learner's file, with the check that made the call.
    std::fs::write(
        c.dir.join("02-sum/exercise.wat"),
        "(module\n  (func (export \"sum\") (param i32) (result i32)\n    unreachable))\n",
    )
    .unwrap();
    let (status, out, _) = learn(&c.dir, &["check"]);
    assert_eq!(status, 1);
    assert!(out.contains("╭─[ 02-sum/exercise.wat:3:5 ]"), "{out}");
    assert!(out.contains("trapped here, in `func 0 (export \"sum\")`"), "{out}");
    assert!(out.contains("02-sum/checks.wast:1:24"), "{out}");

    solve(&c, "02-sum");
    let (status, out, _) = learn(&c.dir, &["check"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("That was the last lesson: the course is complete."), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let c = init("usage");
    let (status, _, err) = learn(&c.dir, &["show", "anser"]);
    assert_eq!(status, 2);
    assert!(err.contains("there is no lesson named `anser`: did you mean `answer`?"), "{err}");
    let (status, _, err) = learn(c.dir.parent().unwrap(), &["check"]);
    assert_eq!(status, 2);
    assert!(err.contains("is not a course directory") && err.contains("watlab learn init"), "{err}");
    std::fs::remove_file(c.dir.join("01-answer/exercise.wat")).unwrap();
    let (status, _, err) = learn(&c.dir, &["check"]);
    assert_eq!(status, 2);
    assert!(err.contains("`watlab learn reset answer` restores the starter"), "{err}");
    // Without a terminal, `watlab learn` says where the learner is and exits.
    let (status, out, _) = learn(&c.dir, &[]);
    assert_eq!(status, 0);
    assert!(out.contains("Lesson 1: The answer (answer)\n  your exercise: 01-answer/exercise.wat"), "{out}");
}

#[test]
fn after_the_last_hint_the_learners_run_is_compared_with_the_solution() {
    let c = init("compare");
    // An off-by-one the learner might write: the loop stops before adding 1.
    let wrong = "(module\n  (func (export \"sum\") (param $n i32) (result i32) (local $acc i32)\n    (block $done\n      (loop $next\n        (br_if $done (i32.le_s (local.get $n) (i32.const 1)))\n        (local.set $acc (i32.add (local.get $acc) (local.get $n)))\n        (local.set $n (i32.sub (local.get $n) (i32.const 1)))\n        (br $next)))\n    (local.get $acc)))\n";
    std::fs::write(c.dir.join("02-sum/exercise.wat"), wrong).unwrap();
    for n in 1..=3 {
        let (status, out, _) = learn(&c.dir, &["hint", "sum"]);
        assert_eq!(status, 0);
        assert!(out.starts_with(&format!("Hint {n} of 3 for sum:")), "{out}");
        assert!(!out.contains("reference solution"), "no comparison before the hints run out: {out}");
    }
    let (status, out, _) = learn(&c.dir, &["hint", "sum"]);
    assert_eq!(status, 0, "{out}");
    // sum(0) agrees (both return 0); sum(4) is the first call that differs. Both push
    // $n (4), then the learner's 1 for `i32.le_s` where the solution's `i32.eqz` pushes 0.
    assert!(out.contains("All 3 hints for sum:"), "{out}");
    assert!(out.contains("both run on (invoke \"sum\" (i32.const 4)):"), "{out}");
    assert!(out.contains("1 instruction pushed the same values in both runs; then they differ:"), "{out}");
    assert!(out.contains("yours:     `i32.const 1` at 02-sum/exercise.wat:5:"), "{out}");
    assert!(out.contains("solution:  `i32.eqz` pushed 0 : i32"), "{out}");
    assert!(out.contains("yours returned 9 : i32; the solution returned 10 : i32"), "{out}");
    assert!(out.contains("`watlab learn solution sum` shows the reference solution"), "{out}");
}
