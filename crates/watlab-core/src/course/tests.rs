//! The course model on a small pack built in memory.

use super::*;
use crate::wast_runner::default_limits;

const CHECKS: &str = r#"(assert_return (invoke "sum" (i32.const 4)) (i32.const 10))
(assert_return (invoke "sum" (i32.const 0)) (i32.const 0))
"#;

const SOLUTION: &str = r#"(module
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
"#;

const RECURSIVE: &str = r#"(module
  (func $sum (export "sum") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1))))))))
"#;

fn pack(rules: &str, md: &str) -> Pack {
    let mut p = Pack::default();
    p.files.insert("course.toml".into(), "title = \"T\"\n[[lesson]]\nname = \"sum\"\ndir = \"01-sum\"\n".into());
    p.files.insert("01-sum/lesson.md".into(), md.into());
    p.files.insert(
        "01-sum/exercise.wat".into(),
        "(module\n  (func (export \"sum\") (param $n i32) (result i32)\n    ;; TODO: add 1..n\n    (i32.const 0)))\n"
            .into(),
    );
    p.files.insert("01-sum/solution.wat".into(), SOLUTION.into());
    p.files.insert("01-sum/checks.wast".into(), CHECKS.into());
    p.files.insert("01-sum/lesson.toml".into(), format!("hints = [\"one\", \"two\"]\n{rules}"));
    p.dirs.insert("01-sum".into());
    p
}

fn lesson(rules: &str) -> Lesson {
    let (course, problems) = Course::parse(&pack(rules, "# Sum\n"));
    assert!(problems.is_empty(), "{problems:?}");
    course.expect("parses").lessons.remove(0)
}

#[test]
fn a_good_pack_checks_clean() {
    let md = "# Sum\n\n```repl\ni32.const 2\ni32.const 3\ni32.add\n```\n\n```repl fails\ni32.const 1\ni64.add\n```\n\n```wat file=a.wat\n(module)\n```\n\n```text\nnot run\n```\n";
    let report = check_pack(&pack("[rules]\nrequire = [\"loop\"]\n", md), default_limits());
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!((report.n_lessons, report.n_examples), (1, 3));
}

#[test]
fn starter_fails_and_solution_passes() {
    let l = lesson("");
    let mut sources = crate::source::SourceMap::new();
    let starter = check_text(&mut sources, &l, "exercise.wat", &l.exercise, default_limits());
    assert_eq!(starter.stage, Stage::Checks);
    assert_eq!((starter.n_passed, starter.n_failed), (1, 1));
    let solved = check_text(&mut sources, &l, "exercise.wat", SOLUTION, default_limits());
    assert!(solved.passed(), "{:?}", solved.failures);
}

#[test]
fn a_syntax_error_is_in_the_learners_file() {
    let l = lesson("");
    let mut sources = crate::source::SourceMap::new();
    let out = check_text(&mut sources, &l, "exercise.wat", "(module (func (export \"sum\") i32.ad))", default_limits());
    assert_eq!(out.stage, Stage::Module);
    let span = out.failures[0].primary_span().expect("located");
    assert_eq!(sources.get(span.source).map(|f| f.name.as_str()), Some("exercise.wat"));
}

#[test]
fn a_trap_is_located_in_the_learners_file() {
    let l = lesson("");
    let mut sources = crate::source::SourceMap::new();
    let text = "(module\n  (func (export \"sum\") (param i32) (result i32)\n    unreachable))\n";
    let out = check_text(&mut sources, &l, "exercise.wat", text, default_limits());
    let span = out.failures[0].primary_span().expect("located");
    assert_eq!(sources.get(span.source).map(|f| f.name.as_str()), Some("exercise.wat"));
    assert_eq!(&text[span.range()], "unreachable");
}

#[test]
fn rules_on_how() {
    let l = lesson("[rules]\nrequire = [\"loop\"]\nforbid = [\"call\"]\n");
    let mut sources = crate::source::SourceMap::new();
    let out = check_text(&mut sources, &l, "exercise.wat", RECURSIVE, default_limits());
    assert_eq!(out.stage, Stage::Rules);
    assert_eq!(out.failures.len(), 2, "{:?}", out.failures);
    let forbid = out.failures[1].primary_span().expect("located");
    assert_eq!(&RECURSIVE[forbid.range()], "call");

    let l = lesson("[[rules.fuel]]\ninvoke = \"sum\"\nargs = [\"i32:100\"]\nmax = 50\n");
    let out = check_text(&mut sources, &l, "exercise.wat", SOLUTION, default_limits());
    assert_eq!(out.stage, Stage::Rules);
    assert!(out.failures[0].message.contains("more than the 50"), "{}", out.failures[0].message);
    let l = lesson("[[rules.fuel]]\ninvoke = \"sum\"\nargs = [\"i32:100\"]\nmax = 5000\n");
    assert!(check_text(&mut sources, &l, "exercise.wat", SOLUTION, default_limits()).passed());

    let l = lesson("max_code_bytes = 10\n".replace("max", "[rules]\nmax").as_str());
    let out = check_text(&mut sources, &l, "exercise.wat", SOLUTION, default_limits());
    assert_eq!(out.stage, Stage::Rules);
}

#[test]
fn memory_rules() {
    let text = r#"(module (memory (export "memory") 1)
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $next)))
    (local.get $acc))
  (func (export "hello") (i32.store8 (i32.const 64) (i32.const 72)) (i32.store8 (i32.const 65) (i32.const 105))))"#;
    let l = lesson("[[rules.memory]]\ninvoke = \"hello\"\noffset = 64\ntext = \"Hi\"\n");
    let mut sources = crate::source::SourceMap::new();
    assert!(check_text(&mut sources, &l, "exercise.wat", text, default_limits()).passed());
    let l = lesson("[[rules.memory]]\ninvoke = \"hello\"\noffset = 64\nbytes = \"48 6f\"\n");
    let out = check_text(&mut sources, &l, "exercise.wat", text, default_limits());
    assert!(out.failures[0].message.contains("64..66"), "{:?}", out.failures);
    let l = lesson("[[rules.memory]]\noffset = 64\ntext = \"Hi\"\n");
    assert_eq!(check_text(&mut sources, &l, "exercise.wat", text, default_limits()).stage, Stage::Rules);
    // Past the end of memory: nothing there, and no overflow.
    let l = lesson("[[rules.memory]]\noffset = 9223372036854775807\ntext = \"Hi\"\n");
    let out = check_text(&mut sources, &l, "exercise.wat", text, default_limits());
    assert!(out.failures[0].notes[1].text.starts_with("found:    \"\" ()"), "{:?}", out.failures);
}

#[test]
fn pack_problems_are_listed() {
    let mut p = pack("[rules]\nforbid = [\"i32.nope\"]\n", "no title\n\n```repl\ni32.add\n```\n");
    p.dirs.insert("02-orphan".into());
    p.files.insert("01-sum/exercise.wat".into(), SOLUTION.into());
    let report = check_pack(&p, default_limits());
    let words: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let all = words.join("\n");
    assert!(all.contains("02-orphan: this folder is not listed"), "{all}");
    assert!(all.contains("`# Title`"), "{all}");

    let mut p = pack("[rules]\nforbid = [\"i32.nope\"]\n", "# T\n\n```repl\ni32.add\n```\n");
    p.files.insert("01-sum/exercise.wat".into(), SOLUTION.into());
    p.files.insert("01-sum/lesson.toml".into(), "hints = [\"\"]\n[rules]\nforbid = [\"i32.nope\"]\n".into());
    let report = check_pack(&p, default_limits());
    let all: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let all = all.join("\n");
    for want in
        ["hint 1 is empty", "1 hint(s)", "`i32.nope`", "no `;; TODO`", "already passes", "lesson.md:3: the example"]
    {
        assert!(all.contains(want), "{want}: {all}");
    }
}

#[test]
fn course_toml_problems() {
    let mut p = pack("", "# T\n");
    p.files.insert(
        "course.toml".into(),
        "title = \"T\"\n[[lesson]]\nname = \"sum\"\ndir = \"01-sum\"\n[[lesson]]\nname = \"sum\"\ndir = \"01-sum\"\n[[lesson]]\nname = \"x\"\ndir = \"nope\"\n".into(),
    );
    let (course, problems) = Course::parse(&p);
    assert_eq!(course.expect("parses").lessons.len(), 1);
    assert_eq!(problems.len(), 2, "{problems:?}");
    p.files.insert("course.toml".into(), "title = 3".into());
    let (course, problems) = Course::parse(&p);
    assert!(course.is_none() && problems[0].message.starts_with("line 1, column 9"), "{problems:?}");
}

#[test]
fn fenced_blocks() {
    let ex =
        examples("# T\n````wat file=x.wat\n(module)\n````\n```repl fails\n(func\n)\ni32.add\n```\n```\nplain\n```\n");
    assert_eq!(ex.len(), 3);
    assert_eq!(ex[0].kind, ExampleKind::Wat { file: Some("x.wat".into()), fails: false });
    assert_eq!((ex[0].line, ex[1].line), (2, 5));
    assert_eq!(ex[1].repl_inputs(), ["(func\n)", "i32.add"]);
    assert_eq!(ex[2].kind, ExampleKind::Shown);
}

#[test]
fn comparison_finds_the_first_value_that_differs() {
    let l = lesson("");
    let mut sources = crate::source::SourceMap::new();
    // Subtracts 2 instead of 1: sum(4) adds 4 and 2 (6), where the solution adds 4, 3, 2, 1.
    let text = SOLUTION.replace("(i32.const 1)", "(i32.const 2)");
    let c = compare(&mut sources, &l, "exercise.wat", &text, default_limits()).expect("they differ");
    assert_eq!(c.call, "(invoke \"sum\" (i32.const 4))");
    let (mine, theirs) = (c.learner.expect("a step of mine"), c.solution.expect("a step of theirs"));
    assert_eq!((mine.text.as_str(), mine.pushed.as_str()), ("i32.const 2", "2 : i32"));
    assert_eq!((theirs.text.as_str(), theirs.pushed.as_str()), ("i32.const 1", "1 : i32"));
    assert!(mine.place.starts_with("exercise.wat:7:"), "{}", mine.place);
    assert!(theirs.place.is_empty() && theirs.span.is_none(), "the solution's place stays hidden");
    // Before it: local.get $n, i32.eqz, local.get $acc, local.get $n, i32.add, local.get $n.
    assert_eq!(c.agreed, 6);
    assert_eq!((c.learner_end.as_str(), c.solution_end.as_str()), ("returned 6 : i32", "returned 10 : i32"));
}

#[test]
fn comparison_only_for_a_failing_call_and_bounded_for_a_runaway() {
    let l = lesson("");
    let mut sources = crate::source::SourceMap::new();
    // Every call ends as the solution's does (the same way, or another way): nothing to show.
    assert_eq!(compare(&mut sources, &l, "exercise.wat", SOLUTION, default_limits()), None);
    assert_eq!(compare(&mut sources, &l, "exercise.wat", RECURSIVE, default_limits()), None);
    let endless = SOLUTION.replace("(i32.const 1)", "(i32.const 0)");
    let c = compare(&mut sources, &l, "exercise.wat", &endless, default_limits()).expect("they differ");
    assert!(c.learner_end.contains("still running"), "{}", c.learner_end);
}

#[test]
fn shell_sessions_in_the_text() {
    let md = "# T\n\n```text\n$ watlab run 'my file.wat' --invoke f 1\n3 : i32\n\n$ ls\nx\n$ watlab check a.wat\n```\n\n```text\nnot a session\n```\n";
    let ex = examples(md);
    assert_eq!(ex[0].kind, ExampleKind::Transcript);
    assert_eq!(ex[1].kind, ExampleKind::Shown);
    let commands = ex[0].commands();
    assert_eq!(commands.len(), 3);
    assert_eq!(commands[0].args, ["run", "my file.wat", "--invoke", "f", "1"]);
    assert_eq!((commands[0].expected.as_str(), commands[0].line), ("3 : i32\n\n", 4));
    assert_eq!((commands[1].text.as_str(), commands[2].line), ("ls", 9));
    assert!(ex[1].commands().is_empty());
}
