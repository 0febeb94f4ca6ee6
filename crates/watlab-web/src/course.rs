//! The course pane's side of the protocol: the course built into this wasm (`lessons/`,
//! embedded by `build.rs` with the binary's own embedding code), its lessons as data for the
//! page, and a learner's text checked against a lesson as `watlab learn check` checks it.
//!
//! Progress lives in the page (its storage); nothing here remembers a learner.

use std::cell::OnceCell;

use serde_json::{json, Value};
use watlab_core::course::{check_text, compare, Course, Lesson, Pack, Stage};
use watlab_core::render::{render_to_string, ErrorFormat, Style};
use watlab_core::source::SourceMap;
use watlab_core::words::plural;

use crate::api::{diagnostic_json, editor_range, web_limits};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

thread_local! {
    /// The course, parsed on first use.
    static COURSE: OnceCell<(Option<Course>, Vec<String>)> = const { OnceCell::new() };
}

fn with_course<T>(f: impl FnOnce(Option<&Course>, &[String]) -> T) -> T {
    COURSE.with(|c| {
        let (course, problems) = c.get_or_init(|| {
            let mut pack = Pack::default();
            for (path, text) in embedded::FILES {
                pack.files.insert((*path).to_string(), (*text).to_string());
            }
            pack.dirs.extend(embedded::DIRS.iter().map(|d| d.to_string()));
            let (course, problems) = Course::parse(&pack);
            (course, problems.iter().map(ToString::to_string).collect())
        });
        f(course.as_ref(), problems)
    })
}

/// `course {}`: the title and the lessons in order (`name`, `title`), and any problem the
/// embedded course has (none in a released build: `tests/lessons.rs` checks it).
pub fn outline() -> Value {
    with_course(|course, problems| match course {
        Some(c) => json!({
            "ok": true,
            "title": c.title,
            "lessons": c.lessons.iter().map(|l| json!({ "name": l.name, "title": l.title })).collect::<Vec<_>>(),
            "problems": problems,
        }),
        None => json!({ "ok": true, "title": null, "lessons": [], "problems": problems }),
    })
}

fn missing(name: &str) -> Value {
    json!({ "ok": true, "missing": format!("the course has no lesson named `{name}`") })
}

/// `lesson {name}`: everything the pane shows of one lesson, the hints included (the page
/// reveals them one at a time and remembers how many were seen).
pub fn lesson(name: &str) -> Value {
    with_course(|course, _| {
        let Some(course) = course else { return missing(name) };
        let Some(i) = course.index_of(name) else { return missing(name) };
        let l = &course.lessons[i];
        json!({
            "ok": true,
            "name": l.name,
            "title": l.title,
            "file": l.exercise_path(),
            "text": l.text,
            "exercise": l.exercise,
            "hints": l.hints.iter().map(|h| h.trim()).collect::<Vec<_>>(),
            "index": i,
            "count": course.lessons.len(),
            "next": course.lessons.get(i + 1).map(|n| n.name.as_str()),
        })
    })
}

/// `lesson_solution {name}`: the reference solution (the page asks the learner first, as
/// `watlab learn solution` does).
pub fn solution(name: &str) -> Value {
    with_course(|course, _| match course.and_then(|c| c.lesson(name)) {
        Some(l) => json!({ "ok": true, "text": l.solution }),
        None => missing(name),
    })
}

/// `lesson_check {name, text}`: the learner's text checked against the lesson.
///
/// Answers `passed`, `stage` (`module`, `checks`, `rules`, `passed`), `headline` (the
/// terminal's first line), `diagnostics` (the first rendered in full as the terminal does, the
/// others in the short form, each with its labels in the learner's text) and `output` (what the
/// module printed while the checks ran).
pub fn check(name: &str, text: &str) -> Value {
    with_course(|course, _| match course.and_then(|c| c.lesson(name)) {
        Some(l) => check_lesson(l, text),
        None => missing(name),
    })
}

fn check_lesson(lesson: &Lesson, text: &str) -> Value {
    let mut sources = SourceMap::new();
    let file = lesson.exercise_path();
    let o = check_text(&mut sources, lesson, &file, text, web_limits());
    let headline = match o.stage {
        Stage::Passed => format!("PASSED {}: {} passed", lesson.name, plural(o.n_passed as u64, "check")),
        Stage::Module => format!("NOT YET {}: {file} does not load yet", lesson.name),
        Stage::Checks => {
            format!("NOT YET {}: {} of {} checks passed", lesson.name, o.n_passed, o.n_passed + o.n_failed)
        }
        Stage::Rules => format!("NOT YET {}: every check passes, but not the way this lesson asks", lesson.name),
    };
    let diagnostics: Vec<Value> = o
        .failures
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut v = diagnostic_json(&sources, d, None);
            if i > 0 {
                let short = Style { format: ErrorFormat::Short, color: false, explain: None };
                v["rendered"] = json!(render_to_string(&sources, &file, d, short));
            }
            v
        })
        .collect();
    json!({
        "ok": true,
        "passed": o.passed(),
        "stage": match o.stage {
            Stage::Module => "module",
            Stage::Checks => "checks",
            Stage::Rules => "rules",
            Stage::Passed => "passed",
        },
        "headline": headline,
        "diagnostics": diagnostics,
        "output": o.output,
    })
}

/// `lesson_compare {name, text}`: after the last hint, as `watlab learn hint` does then, the
/// learner's module and the solution run on the lesson's checks, and where their values first
/// part. Answers `text` (the terminal's words; `null` when there is nothing to compare: the
/// module does not load, or no check ends differently) and `from`, `to`, `line` of the
/// learner's first differing instruction in the text.
pub fn compare_with_solution(name: &str, text: &str) -> Value {
    with_course(|course, _| {
        let Some(lesson) = course.and_then(|c| c.lesson(name)) else { return missing(name) };
        let mut sources = SourceMap::new();
        let Some(compared) = compare(&mut sources, lesson, &lesson.exercise_path(), text, web_limits()) else {
            return json!({ "ok": true, "text": null });
        };
        let span = compared.learner.as_ref().and_then(|s| s.span);
        let range = span.and_then(|s| {
            let text = &sources.get(s.source)?.text;
            editor_range(&sources, watlab_core::assemble::widen(text, s))
        });
        json!({
            "ok": true,
            "text": compared.to_string(),
            "from": range.map(|r| r.0),
            "to": range.map(|r| r.1),
            "line": range.map(|r| r.2),
        })
    })
}
