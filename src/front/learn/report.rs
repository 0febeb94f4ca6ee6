//! `watlab learn report`: a teacher's offline summary of one learner's course directory, as
//! Markdown (to paste or print) or JSON (to collect from many): lessons passed, attempts until
//! the pass, hints revealed, whether the solution was shown, and the time from first opening a
//! lesson to passing it. It reads only the progress file and the course.

use std::io::Write;

use anyhow::Context;

use super::Workdir;
use crate::front::Status;

/// `12 s`, `4 min 10 s`, `2 h 5 min`.
fn duration_words(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {} s", secs / 60, secs % 60),
        _ => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
    }
}

/// Runs the report.
pub fn run(out: &mut dyn Write, wd: &Workdir, json: bool) -> anyhow::Result<Status> {
    let lessons = &wd.course.lessons;
    let n_passed = lessons.iter().filter(|l| wd.progress.passed(&l.name)).count();
    if json {
        let items: Vec<serde_json::Value> = lessons
            .iter()
            .map(|l| {
                let p = wd.progress.lessons.get(&l.name).cloned().unwrap_or_default();
                let status = if p.passed.is_some() {
                    "passed"
                } else if p.opened.is_some() {
                    "started"
                } else {
                    "not started"
                };
                serde_json::json!({
                    "name": l.name,
                    "title": l.title,
                    "status": status,
                    "attempts": p.attempts,
                    "hints_seen": p.hints,
                    "hints": l.hints.len(),
                    "solution_seen": p.solution_seen,
                    "opened": p.opened,
                    "passed": p.passed,
                    "seconds_to_pass": p.opened.zip(p.passed).map(|(o, d)| d.saturating_sub(o)),
                })
            })
            .collect();
        let doc = serde_json::json!({
            "course": wd.course.title,
            "directory": super::commands::absolute(&wd.dir).display().to_string(),
            "current": wd.progress.current,
            "lessons_total": lessons.len(),
            "lessons_passed": n_passed,
            "lessons": items,
        });
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&doc).context("cannot write JSON")?);
        return Ok(Status::Success);
    }
    let _ = writeln!(out, "# {}: course report", wd.course.title);
    let _ = writeln!(out);
    let _ = writeln!(out, "{n_passed} of {} lessons passed; current lesson: {}.", lessons.len(), wd.progress.current);
    let _ = writeln!(out);
    let _ = writeln!(out, "| # | lesson | status | attempts | hints | solution seen | time to pass |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for (i, l) in lessons.iter().enumerate() {
        let Some(p) = wd.progress.lessons.get(&l.name) else {
            let _ = writeln!(out, "| {} | {} | not started | | | | |", i + 1, l.name);
            continue;
        };
        let status = if p.passed.is_some() { "passed" } else { "started" };
        let time = p.opened.zip(p.passed).map_or(String::new(), |(o, d)| duration_words(d.saturating_sub(o)));
        let seen = if p.solution_seen { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "| {} | {} | {status} | {} | {} of {} | {seen} | {time} |",
            i + 1,
            l.name,
            p.attempts,
            p.hints,
            l.hints.len()
        );
    }
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations() {
        assert_eq!(super::duration_words(42), "42 s");
        assert_eq!(super::duration_words(250), "4 min 10 s");
        assert_eq!(super::duration_words(7500), "2 h 5 min");
    }
}
