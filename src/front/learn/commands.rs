//! The scriptable subcommands of `watlab learn`: each prints, updates the progress file, and
//! returns 0, or 1 when the learner's exercise does not pass (or the lesson cannot be left
//! yet). Tool problems are errors, which `learn::run` prints and turns into status 2.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use watlab_core::course::{check_pack as check_course_pack, compare, Lesson, Problem, Transcript};
use watlab_core::render::Style;
use watlab_core::source::SourceMap;
use watlab_core::wast_runner::default_limits;

use super::progress::{Progress, FILE_NAME};
use super::{load_course, pack, progress_bar, Workdir};
use crate::front::{write_atomically, Status, Ui};

/// The default course directory of `learn init`.
const DEFAULT_DIR: &str = "watlab-course";

/// Writes a line; a closed stdout (`| head`) is not an error worth reporting.
macro_rules! say {
    ($out:expr) => {{
        let _ = writeln!($out);
    }};
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// `learn init [DIR]`.
pub fn init(out: &mut dyn Write, dir: Option<PathBuf>, pack_dir: Option<&Path>) -> anyhow::Result<Status> {
    let dir = dir.unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    if dir.join(FILE_NAME).exists() {
        bail!("`{}` is already a course directory: `watlab learn` there goes on where you were", dir.display());
    }
    let pack_dir = match pack_dir {
        Some(p) => Some(p.canonicalize().with_context(|| format!("cannot find the course folder `{}`", p.display()))?),
        None => None,
    };
    let course = load_course(pack_dir.as_deref())?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut kept = Vec::new();
    for lesson in &course.lessons {
        let sub = dir.join(&lesson.dir);
        std::fs::create_dir_all(&sub).with_context(|| format!("cannot create `{}`", sub.display()))?;
        for (name, text) in [("exercise.wat", &lesson.exercise), ("lesson.md", &lesson.text)] {
            let path = sub.join(name);
            if path.exists() {
                // Never overwrite what is there: it may be the learner's work.
                kept.push(format!("{}/{name}", lesson.dir));
            } else {
                write_atomically(&path, text.as_bytes())?;
            }
        }
    }
    let first = &course.lessons[0];
    Progress::new(&course.title, pack_dir, &first.name).save(&dir)?;
    say!(out, "Started \"{}\" in {}: {} lessons.", course.title, dir.display(), course.lessons.len());
    for k in &kept {
        say!(out, "  kept the existing {k}");
    }
    say!(out);
    say!(out, "Lesson 1: {} ({})", first.title, first.name);
    say!(out, "  read it:       {}/{}/lesson.md, or `watlab learn show`", dir.display(), first.dir);
    say!(out, "  your exercise: {}/{}/exercise.wat", dir.display(), first.dir);
    say!(out);
    say!(out, "Next: `cd {}` and run `watlab learn`: it checks your exercise each time you save it.", dir.display());
    Ok(Status::Success)
}

fn status_word(wd: &Workdir, lesson: &Lesson) -> &'static str {
    if wd.progress.passed(&lesson.name) {
        "done"
    } else if lesson.name == wd.progress.current {
        "current"
    } else {
        "todo"
    }
}

/// `learn list [--json]`.
pub fn list(out: &mut dyn Write, wd: &Workdir, json: bool) -> anyhow::Result<Status> {
    if json {
        let items: Vec<serde_json::Value> = wd
            .course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let p = wd.progress.lessons.get(&l.name).cloned().unwrap_or_default();
                serde_json::json!({
                    "number": i + 1,
                    "name": l.name,
                    "title": l.title,
                    "status": status_word(wd, l),
                    "exercise": absolute(&wd.exercise_path(l)).display().to_string(),
                    "attempts": p.attempts,
                    "hints_seen": p.hints,
                    "hints": l.hints.len(),
                })
            })
            .collect();
        say!(out, "{}", serde_json::to_string_pretty(&items).context("cannot write JSON")?);
        return Ok(Status::Success);
    }
    say!(out, "{}", wd.course.title);
    say!(out, "{}", progress_bar(wd));
    let width = wd.course.lessons.iter().map(|l| l.name.len()).max().unwrap_or(0);
    for (i, l) in wd.course.lessons.iter().enumerate() {
        let mark = match status_word(wd, l) {
            "done" => "done   ",
            "current" => "current",
            _ => "todo   ",
        };
        say!(out, "{:>3}. {mark}  {:<width$}  {}  ({})", i + 1, l.name, l.title, wd.exercise_path(l).display());
    }
    Ok(Status::Success)
}

/// `path` from the root, for JSON read by other programs run elsewhere.
pub(super) fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::env::current_dir().map(|here| here.join(path)))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// `learn show [NAME]`.
pub fn show(out: &mut dyn Write, wd: &mut Workdir, name: Option<&str>) -> anyhow::Result<Status> {
    let lesson = wd.lesson(name)?;
    wd.progress.open(&lesson.name);
    wd.save()?;
    say!(out, "{}", lesson.text.trim_end());
    say!(out);
    say!(out, "Your exercise: {}", wd.exercise_path(&lesson).display());
    say!(out, "Check it with `watlab learn check {}`, or run `watlab learn` to check it on every save.", lesson.name);
    Ok(Status::Success)
}

/// `learn check [NAME]`.
pub fn check(out: &mut dyn Write, ui: &Ui, wd: &mut Workdir, name: Option<&str>) -> anyhow::Result<Status> {
    let lesson = wd.lesson(name)?;
    let checked = wd.check(&lesson)?;
    let style = Style { color: ui.out_color, ..ui.err_style };
    let _ = checked.write(out, &lesson, style);
    if checked.outcome.passed() {
        if lesson.name == wd.progress.current {
            match next_lesson(wd, &lesson) {
                Some(next) => say!(out, "Well done! `watlab learn next` moves on to {} ({}).", next.title, next.name),
                None => say!(out, "Well done! That was the last lesson: the course is complete."),
            }
        }
        Ok(Status::Success)
    } else {
        let seen = wd.progress.lessons.get(&lesson.name).map_or(0, |p| p.hints) as usize;
        if seen < lesson.hints.len() {
            say!(out, "Stuck? `watlab learn hint` gives a hint ({seen} of {} seen).", lesson.hints.len());
        }
        Ok(Status::Failed)
    }
}

fn next_lesson(wd: &Workdir, lesson: &Lesson) -> Option<Lesson> {
    let i = wd.course.index_of(&lesson.name)?;
    wd.course.lessons.get(i + 1).cloned()
}

/// `learn hint [NAME]`.
pub fn hint(out: &mut dyn Write, wd: &mut Workdir, name: Option<&str>) -> anyhow::Result<Status> {
    let lesson = wd.lesson(name)?;
    let n = lesson.hints.len();
    let record = wd.progress.lesson(&lesson.name);
    record.opened.get_or_insert_with(super::progress::now);
    let seen = record.hints as usize;
    if seen < n {
        record.hints += 1;
        wd.save()?;
        say!(out, "Hint {} of {n} for {}:", seen + 1, lesson.name);
        say!(out, "  {}", lesson.hints[seen].trim().replace('\n', "\n  "));
        if seen + 1 == n {
            say!(out, "That was the last hint.");
        }
        return Ok(Status::Success);
    }
    say!(out, "All {n} hints for {}:", lesson.name);
    for (i, h) in lesson.hints.iter().enumerate() {
        say!(out, "  {}. {}", i + 1, h.trim().replace('\n', "\n     "));
    }
    match compare_with_solution(wd, &lesson) {
        Some(comparison) => say!(out, "{comparison}"),
        None => say!(
            out,
            "No more hints. `watlab learn solution {}` shows the reference solution (it asks first).",
            lesson.name
        ),
    }
    Ok(Status::Success)
}

/// After the last hint: the learner's code and the reference solution traced on the first
/// check where they end differently, and the first instruction whose values differ.
fn compare_with_solution(wd: &Workdir, lesson: &Lesson) -> Option<String> {
    let text = super::read_exercise(&wd.exercise_path(lesson), lesson).ok()?;
    let mut sources = SourceMap::new();
    let compared = compare(&mut sources, lesson, &lesson.exercise_path(), &text, default_limits())?;
    Some(format!(
        "{compared}\nIf that is not enough, `watlab learn solution {}` shows the reference solution (it asks first).",
        lesson.name
    ))
}

/// `learn next`.
pub fn next(out: &mut dyn Write, wd: &mut Workdir) -> anyhow::Result<Status> {
    let current = wd.current().clone();
    if !wd.progress.passed(&current.name) {
        say!(
            out,
            "{} does not pass yet: finish it first (`watlab learn check` says what is left, `watlab learn hint` helps).",
            current.name
        );
        return Ok(Status::Failed);
    }
    let Some(next) = next_lesson(wd, &current) else {
        say!(out, "That was the last lesson: the course is complete. `watlab learn report` sums it up.");
        return Ok(Status::Success);
    };
    wd.progress.current = next.name.clone();
    wd.progress.open(&next.name);
    wd.save()?;
    let number = wd.course.index_of(&next.name).map_or(0, |i| i + 1);
    say!(out, "{}", progress_bar(wd));
    say!(out, "Lesson {number}: {} ({})", next.title, next.name);
    say!(out, "  read it:       {}, or `watlab learn show`", wd.dir.join(&next.dir).join("lesson.md").display());
    say!(out, "  your exercise: {}", wd.exercise_path(&next).display());
    Ok(Status::Success)
}

/// The first free `exercise.wat.bakN` beside `path`.
fn backup_path(path: &Path) -> PathBuf {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    (1..).map(|n| path.with_file_name(format!("{name}.bak{n}"))).find(|p| !p.exists()).expect("some name is free")
}

/// `learn reset NAME`.
pub fn reset(out: &mut dyn Write, wd: &mut Workdir, name: &str) -> anyhow::Result<Status> {
    let lesson = wd.lesson(Some(name))?;
    let path = wd.exercise_path(&lesson);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    if path.exists() {
        let backup = backup_path(&path);
        std::fs::copy(&path, &backup)
            .with_context(|| format!("cannot back up `{}` as `{}`", path.display(), backup.display()))?;
        say!(out, "Your version is kept as {}.", backup.display());
    }
    write_atomically(&path, lesson.exercise.as_bytes())?;
    say!(out, "Restored the starter of {} in {}.", lesson.name, path.display());
    Ok(Status::Success)
}

/// `learn solution NAME [--yes]`.
pub fn solution(out: &mut dyn Write, wd: &mut Workdir, name: &str, yes: bool) -> anyhow::Result<Status> {
    let lesson = wd.lesson(Some(name))?;
    if !yes && !wd.progress.passed(&lesson.name) {
        if !std::io::stdin().is_terminal() {
            bail!("{} does not pass yet: add --yes to see its solution anyway", lesson.name);
        }
        let _ = write!(out, "{} does not pass yet. Show its solution anyway? [y/N] ", lesson.name);
        let _ = out.flush();
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer).context("cannot read the answer")?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            say!(out, "Not shown.");
            return Ok(Status::Success);
        }
    }
    wd.progress.lesson(&lesson.name).solution_seen = true;
    wd.save()?;
    say!(out, ";; the reference solution of {} ({})", lesson.name, lesson.title);
    say!(out, "{}", lesson.solution.trim_end());
    Ok(Status::Success)
}

/// `learn check-pack [DIR]`.
pub fn check_pack(out: &mut dyn Write, dir: Option<&Path>) -> anyhow::Result<Status> {
    let (pack, origin) = match dir {
        Some(d) => (pack::from_dir(d)?, d.display().to_string()),
        None => (pack::embedded(), "the built-in course".to_string()),
    };
    let mut report = check_course_pack(&pack, default_limits());
    let mut n_commands = 0;
    for t in &report.transcripts {
        n_commands += run_transcript(t, &mut report.problems)?;
    }
    for p in &report.problems {
        say!(out, "problem: {p}");
    }
    let examples = watlab_core::words::plural((report.n_examples + n_commands) as u64, "example");
    let lessons = watlab_core::words::plural(report.n_lessons as u64, "lesson");
    if report.ok() {
        say!(
            out,
            "ok: {origin}: {lessons}, {examples}: every starter fails, every solution passes, every example runs"
        );
        Ok(Status::Success)
    } else {
        let problems = watlab_core::words::plural(report.problems.len() as u64, "problem");
        say!(out, "FAIL {origin}: {problems} ({lessons} loaded, {examples} run)");
        Ok(Status::Failed)
    }
}

/// How long one `$ watlab ...` example of a lesson may take.
const COMMAND_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// Runs a lesson's shell session with this very binary, in a fresh folder holding the
/// lesson's named files, and adds a problem for each command whose output is not the one the
/// text shows. Returns how many commands ran.
fn run_transcript(t: &Transcript, problems: &mut Vec<Problem>) -> anyhow::Result<usize> {
    let exe = std::env::current_exe().context("cannot find the watlab program to run the examples with")?;
    let dir = tempfile_dir()?;
    for (name, text) in &t.files {
        // Names come from the author's text: keep them inside the folder.
        if Path::new(name).components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            std::fs::write(dir.join(name), text)
                .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
        }
    }
    let mut n = 0;
    for c in &t.commands {
        if !c.text.starts_with("watlab ") {
            continue;
        }
        n += 1;
        let at = format!("{}:{}", t.origin, c.line);
        match run_with_limit(&exe, &c.args, &dir) {
            Ok(printed) if same_output(&printed, &c.expected) => {}
            Ok(printed) => problems.push(Problem {
                path: at,
                message: format!(
                    "`{}` prints:\n{}\nbut the text shows:\n{}",
                    c.text,
                    indent(&printed),
                    indent(&c.expected)
                ),
            }),
            Err(why) => problems.push(Problem { path: at, message: format!("`{}` {why}", c.text) }),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(n)
}

fn tempfile_dir() -> anyhow::Result<PathBuf> {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("watlab-check-pack-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// Standard output, then standard error, of `exe ARGS` run in `dir`, within [`COMMAND_TIME`].
fn run_with_limit(exe: &Path, args: &[String], dir: &Path) -> Result<String, String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(exe)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start: {e}"))?;
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > COMMAND_TIME => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("was still running after {} s", COMMAND_TIME.as_secs()));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
            Err(e) => return Err(format!("could not be waited for: {e}")),
        }
    }
    let out = child.wait_with_output().map_err(|e| format!("could not be read: {e}"))?;
    Ok(format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The same text, trailing spaces and blank lines aside. Lesson texts cut long output short:
/// a shown line `...` stands for any number of printed lines, and a line ending in `...` for
/// any line that starts with what comes before it.
fn same_output(printed: &str, shown: &str) -> bool {
    let lines = |t: &str| -> Vec<String> {
        let mut v: Vec<String> = t.lines().map(|l| l.trim_end().to_string()).collect();
        while v.last().is_some_and(String::is_empty) {
            v.pop();
        }
        v
    };
    fn matches(printed: &[String], shown: &[String]) -> bool {
        match shown.split_first() {
            None => printed.is_empty(),
            Some((first, rest)) if first.trim() == "..." => (0..=printed.len()).any(|k| matches(&printed[k..], rest)),
            Some((first, rest)) => {
                let fits = |line: &String| match first.strip_suffix("...") {
                    Some(start) => line.starts_with(start),
                    None => line == first,
                };
                printed.first().is_some_and(fits) && matches(&printed[1..], rest)
            }
        }
    }
    matches(&lines(printed), &lines(shown))
}

fn indent(text: &str) -> String {
    text.trim_end().lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}
