//! A course of lessons, as data: `course.toml`, each lesson's `lesson.toml`, its text, starter,
//! solution and checks (the format is `lessons/README.md`).
//!
//! The core reads no files: the front end hands over a [`Pack`], the course folder's text files
//! by relative path (from the binary's embedded copy or from a teacher's folder on disk), and
//! [`Course::parse`] turns it into [`Lesson`]s, listing every problem it finds rather than
//! stopping at the first. Checking a learner's module against a lesson is `check`'s job, the
//! rules on how it is solved `rules`', the runnable examples in a lesson's text `examples`',
//! and the author's whole-pack check `pack_check`'s. Progress, files and terminals belong to
//! the front end.

mod check;
mod compare;
mod examples;
mod pack_check;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub use check::{check_text, CheckOutcome, Stage};
pub use compare::{compare, Comparison, Step};
pub use examples::{examples, Example, ExampleKind, ShellCommand};
pub use pack_check::{check_pack, PackReport, Transcript};
pub use rules::{FuelRule, MemoryRule, Rules};

/// The files of a course folder: text by path relative to the folder (`/`-separated), and the
/// folder's immediate subfolders.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    /// `course.toml`, `01-stack-machine/lesson.md`, ...
    pub files: BTreeMap<String, String>,
    /// The top-level folders (`01-stack-machine`), listed or not.
    pub dirs: BTreeSet<String>,
}

impl Pack {
    fn file(&self, path: &str) -> Result<&str, Problem> {
        self.files.get(path).map(String::as_str).ok_or_else(|| Problem::new(path, "the file is missing"))
    }
}

/// Something wrong with a course folder, for its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or folder) it is about, relative to the course folder.
    pub path: String,
    /// What is wrong, lowercase, no final period.
    pub message: String,
}

impl Problem {
    fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A course: its title and its lessons in order.
#[derive(Debug, Clone)]
pub struct Course {
    /// `title` in `course.toml`.
    pub title: String,
    /// The lessons that loaded, in the listed order.
    pub lessons: Vec<Lesson>,
}

/// One lesson, every file of it read.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// The unique slug (`stack-machine`).
    pub name: String,
    /// Its folder under the course (`01-stack-machine`).
    pub dir: String,
    /// The `# Title` line of `lesson.md`.
    pub title: String,
    /// `lesson.md`.
    pub text: String,
    /// `exercise.wat`, the starter.
    pub exercise: String,
    /// `solution.wat`.
    pub solution: String,
    /// `checks.wast`.
    pub checks: String,
    /// The hints, gentle to explicit.
    pub hints: Vec<String>,
    /// The rules on how, checked after the checks pass.
    pub rules: Rules,
}

impl Lesson {
    /// `DIR/exercise.wat`: where the learner's file lives under the working directory.
    pub fn exercise_path(&self) -> String {
        format!("{}/exercise.wat", self.dir)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseToml {
    title: String,
    #[serde(default)]
    lesson: Vec<LessonEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonEntry {
    name: String,
    dir: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonToml {
    #[serde(default)]
    hints: Vec<String>,
    #[serde(default)]
    rules: Rules,
}

/// The first `# Title` line of a lesson's text.
pub fn title_of(text: &str) -> Option<&str> {
    text.lines().find_map(|l| l.strip_prefix("# ")).map(str::trim).filter(|t| !t.is_empty())
}

impl Course {
    /// Reads `course.toml` and every listed lesson. Lessons with a problem are left out and
    /// the problem listed; `None` when `course.toml` itself is missing or unreadable.
    pub fn parse(pack: &Pack) -> (Option<Course>, Vec<Problem>) {
        let mut problems = Vec::new();
        let toml: CourseToml = match pack
            .file("course.toml")
            .and_then(|t| toml::from_str(t).map_err(|e| Problem::new("course.toml", toml_words(&e, t))))
        {
            Ok(c) => c,
            Err(p) => return (None, vec![p]),
        };
        let mut lessons = Vec::new();
        let (mut names, mut dirs) = (BTreeSet::new(), BTreeSet::new());
        for entry in toml.lesson {
            if !is_slug(&entry.name) {
                problems.push(Problem::new(
                    "course.toml",
                    format!("the lesson name `{}` should be lowercase letters, digits and `-`", entry.name),
                ));
                continue;
            }
            if !names.insert(entry.name.clone()) {
                problems.push(Problem::new("course.toml", format!("the lesson `{}` is listed twice", entry.name)));
                continue;
            }
            if !dirs.insert(entry.dir.clone()) {
                problems.push(Problem::new("course.toml", format!("the folder `{}` is listed twice", entry.dir)));
                continue;
            }
            if entry.dir.contains(['/', '\\']) || entry.dir.starts_with('.') || !pack.dirs.contains(&entry.dir) {
                problems.push(Problem::new(
                    "course.toml",
                    format!(
                        "the lesson `{}` names the folder `{}`, which the course does not have",
                        entry.name, entry.dir
                    ),
                ));
                continue;
            }
            match Lesson::parse(pack, entry) {
                Ok(lesson) => lessons.push(lesson),
                Err(mut p) => problems.append(&mut p),
            }
        }
        for dir in pack.dirs.difference(&dirs) {
            problems.push(Problem::new(dir.clone(), "this folder is not listed in course.toml"));
        }
        (Some(Course { title: toml.title, lessons }), problems)
    }

    /// The lesson named `name`.
    pub fn lesson(&self, name: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.name == name)
    }

    /// The lesson's position in the course.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.lessons.iter().position(|l| l.name == name)
    }
}

impl Lesson {
    fn parse(pack: &Pack, entry: LessonEntry) -> Result<Lesson, Vec<Problem>> {
        let dir = entry.dir;
        let mut problems = Vec::new();
        let mut read = |file: &str| match pack.file(&format!("{dir}/{file}")) {
            Ok(t) => t.to_string(),
            Err(p) => {
                problems.push(p);
                String::new()
            }
        };
        let (text, exercise, solution, checks) =
            (read("lesson.md"), read("exercise.wat"), read("solution.wat"), read("checks.wast"));
        let toml_path = format!("{dir}/lesson.toml");
        let meta = read("lesson.toml");
        let parsed: Result<LessonToml, _> = toml::from_str(&meta);
        let meta: Option<LessonToml> = match parsed {
            Ok(m) => Some(m),
            Err(e) => {
                if pack.files.contains_key(&toml_path) {
                    problems.push(Problem::new(&toml_path, toml_words(&e, &meta)));
                }
                None
            }
        };
        let title = title_of(&text).map(str::to_string);
        if title.is_none() && pack.files.contains_key(&format!("{dir}/lesson.md")) {
            problems.push(Problem::new(format!("{dir}/lesson.md"), "the text does not start with a `# Title` line"));
        }
        match (meta, title, problems.is_empty()) {
            (Some(meta), Some(title), true) => Ok(Lesson {
                name: entry.name,
                dir,
                title,
                text,
                exercise,
                solution,
                checks,
                hints: meta.hints,
                rules: meta.rules,
            }),
            _ => Err(problems),
        }
    }
}

fn is_slug(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A TOML error in one line: where, then its message.
fn toml_words(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let (line, col) = crate::source::line_col(text, span.start);
            format!("line {line}, column {col}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests;
