//! `watlab learn check-pack`: everything an author must get right in a course folder. Every
//! listed folder exists and every folder is listed, once; every lesson has its files, a title,
//! at least two non-empty hints and a `;; TODO` in its starter; the starter fails its checks
//! and the solution passes them (rules included); the rules name real instructions; and every
//! runnable example in the text behaves as its info string says.

use super::{check_text, examples, Course, Lesson, Pack, Problem};
use crate::render::{render_to_string, ErrorFormat, Style};
use crate::runtime::Limits;
use crate::source::SourceMap;

/// Fuel per call when checking a starter: enough for any honest exercise, and a runaway
/// loop stops in a fraction of the full budget's time.
pub const STARTER_FUEL: u64 = 10_000_000;

/// What `check_pack` found.
#[derive(Debug, Clone, Default)]
pub struct PackReport {
    /// The course's title, when `course.toml` reads.
    pub title: Option<String>,
    /// Lessons listed and loaded.
    pub n_lessons: usize,
    /// Runnable examples run.
    pub n_examples: usize,
    /// Everything wrong, in course order.
    pub problems: Vec<Problem>,
    /// The shell sessions in the lessons' texts, for the front end to run (the core runs
    /// no programs).
    pub transcripts: Vec<Transcript>,
}

/// A lesson's `$ watlab ...` block, with the files it needs.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    /// `DIR/lesson.md`, for problems.
    pub origin: String,
    /// The lesson's `wat file=NAME` examples: (NAME, text), to be saved beside each other.
    pub files: Vec<(String, String)>,
    /// The commands and what the text shows each printing.
    pub commands: Vec<super::examples::ShellCommand>,
}

impl PackReport {
    /// Nothing is wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.title.is_some()
    }
}

/// Checks a whole course folder under `limits` (the `watlab test` defaults suit).
pub fn check_pack(pack: &Pack, limits: Limits) -> PackReport {
    let (course, mut problems) = Course::parse(pack);
    let mut report = PackReport { title: course.as_ref().map(|c| c.title.clone()), ..PackReport::default() };
    if let Some(course) = &course {
        if course.lessons.is_empty() && problems.is_empty() {
            problems.push(Problem::new("course.toml", "the course lists no lessons (`[[lesson]]` tables)"));
        }
        for lesson in &course.lessons {
            report.n_examples += check_lesson(lesson, limits, &mut problems);
            report.transcripts.extend(transcripts(lesson));
        }
        report.n_lessons = course.lessons.len();
    }
    report.problems = problems;
    report
}

/// The shell sessions of a lesson's text, each with the lesson's named files.
fn transcripts(lesson: &Lesson) -> Vec<Transcript> {
    let all = examples(&lesson.text);
    let files: Vec<(String, String)> = (all.iter())
        .filter_map(|ex| match &ex.kind {
            super::ExampleKind::Wat { file: Some(name), .. } => Some((name.clone(), ex.text.clone())),
            _ => None,
        })
        .collect();
    (all.iter().filter(|ex| ex.kind == super::ExampleKind::Transcript))
        .map(|ex| Transcript {
            origin: format!("{}/lesson.md", lesson.dir),
            files: files.clone(),
            commands: ex.commands(),
        })
        .collect()
}

fn plain(sources: &SourceMap, d: &crate::diag::Diagnostic) -> String {
    render_to_string(sources, "", d, Style { format: ErrorFormat::Rich, color: false, explain: None })
}

/// Checks one lesson; returns how many examples ran.
fn check_lesson(lesson: &Lesson, limits: Limits, problems: &mut Vec<Problem>) -> usize {
    let dir = &lesson.dir;
    let toml = format!("{dir}/lesson.toml");
    if lesson.hints.len() < 2 {
        problems.push(Problem::new(&toml, format!("{} hint(s): a lesson has two or three", lesson.hints.len())));
    }
    for (i, hint) in lesson.hints.iter().enumerate() {
        if hint.trim().is_empty() {
            problems.push(Problem::new(&toml, format!("hint {} is empty", i + 1)));
        }
    }
    for p in lesson.rules.problems() {
        problems.push(Problem::new(&toml, p));
    }
    let exercise = format!("{dir}/exercise.wat");
    if !lesson.exercise.contains(";; TODO") {
        problems.push(Problem::new(&exercise, "the starter has no `;; TODO` line marking what to do"));
    }
    let mut sources = SourceMap::new();
    // A starter only has to fail, and starters often fail by looping until the fuel runs out
    // (then the trap is located by a re-run): a smaller budget says the same sooner.
    let starter_limits = Limits { fuel: limits.fuel.map(|f| f.min(STARTER_FUEL)), ..limits };
    let starter = check_text(&mut sources, lesson, &exercise, &lesson.exercise, starter_limits);
    if starter.passed() {
        problems.push(Problem::new(&exercise, "the starter already passes its checks"));
    }
    let mut sources = SourceMap::new();
    let solution_name = format!("{dir}/solution.wat");
    let solution = check_text(&mut sources, lesson, &solution_name, &lesson.solution, limits);
    if !solution.passed() {
        let why: Vec<String> = solution.failures.iter().map(|d| plain(&sources, d)).collect();
        problems.push(Problem::new(&solution_name, format!("the solution fails its checks:\n{}", why.join(""))));
    } else if solution.n_passed == 0 {
        problems.push(Problem::new(format!("{dir}/checks.wast"), "the checks hold no assertion"));
    }
    let md = format!("{dir}/lesson.md");
    let mut n = 0;
    for ex in examples(&lesson.text) {
        if matches!(ex.kind, super::ExampleKind::Shown | super::ExampleKind::Transcript) {
            continue;
        }
        n += 1;
        let name = format!("{md}:{}", ex.line);
        if let Err(why) = ex.run(&name, limits) {
            problems.push(Problem::new(format!("{md}:{}", ex.line), format!("the example {why}")));
        }
    }
    n
}
