//! The progress file, `.watlab-progress.toml` in the learner's course directory: which lesson
//! is current, and for each lesson opened so far its attempts, hints seen, whether the
//! solution was shown, and when it was first opened and first passed. Written by watlab only,
//! always whole and atomically (a temporary file in the same folder, then a rename), so a
//! crash leaves the old file or the new one, never half of one.
//!
//! The format, for a teacher reading one:
//!
//! ```toml
//! format = 1                      # this layout
//! course = "WebAssembly from the stack up"
//! pack = "/home/t/my-course"      # only for a course from a folder (`learn init --pack DIR`)
//! current = "locals"              # the lesson `watlab learn` works on
//!
//! [lessons.stack-machine]
//! attempts = 3                    # checks run until (and including) the first pass
//! hints = 1                       # hints revealed
//! solution_seen = false
//! opened = 1764590000             # first opened, Unix seconds
//! passed = 1764590420             # first passed, Unix seconds (absent until then)
//! ```
//!
//! A file that does not read is never overwritten: it is renamed aside
//! (`.watlab-progress.toml.corrupt`, then `.corrupt2`, ...), and the caller rebuilds progress
//! by re-checking the learner's files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// The file's name in the course directory.
pub const FILE_NAME: &str = ".watlab-progress.toml";

/// The layout written now.
const FORMAT: u32 = 1;

/// Everything the progress file holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The layout.
    pub format: u32,
    /// The course's title, to say which course this directory follows.
    pub course: String,
    /// The course folder, for a course not built into watlab.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<PathBuf>,
    /// The current lesson's name.
    pub current: String,
    /// Per lesson, by name.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

/// One lesson's record.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonProgress {
    /// Checks run until the first pass.
    #[serde(default)]
    pub attempts: u32,
    /// Hints revealed.
    #[serde(default)]
    pub hints: u32,
    /// The reference solution was shown.
    #[serde(default)]
    pub solution_seen: bool,
    /// First opened (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened: Option<u64>,
    /// First passed (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passed: Option<u64>,
}

/// Now, in Unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// What reading the progress file found.
pub enum Loaded {
    /// It read.
    Ok(Progress),
    /// There is none.
    Missing,
    /// It did not read, and must be kept aside ([`Progress::keep_aside`]) and rebuilt.
    Corrupt {
        /// Why it did not read.
        why: String,
        /// A `pack = "..."` line that still reads, so a course from a folder is found again.
        pack: Option<PathBuf>,
    },
}

impl Progress {
    /// A fresh record for `course`, at its first lesson.
    pub fn new(course: &str, pack: Option<PathBuf>, first: &str) -> Progress {
        let mut p =
            Progress { format: FORMAT, course: course.into(), pack, current: first.into(), lessons: BTreeMap::new() };
        p.open(first);
        p
    }

    /// The record of `name`, created if new.
    pub fn lesson(&mut self, name: &str) -> &mut LessonProgress {
        self.lessons.entry(name.to_string()).or_default()
    }

    /// Notes that `name` was opened, the first time only.
    pub fn open(&mut self, name: &str) {
        let l = self.lesson(name);
        l.opened.get_or_insert_with(now);
    }

    /// Whether `name` has passed.
    pub fn passed(&self, name: &str) -> bool {
        self.lessons.get(name).is_some_and(|l| l.passed.is_some())
    }

    /// Records a check of `name`: an attempt until the first pass (a check of the untouched
    /// starter, such as watch mode's first, is no attempt), and the pass.
    pub fn record_check(&mut self, name: &str, passed: bool, untouched: bool) {
        let l = self.lesson(name);
        l.opened.get_or_insert_with(now);
        if l.passed.is_none() && !untouched {
            l.attempts += 1;
            if passed {
                l.passed = Some(now());
            }
        }
    }

    /// Reads `dir`'s progress file.
    ///
    /// # Errors
    /// The file exists but cannot be read or moved.
    pub fn load(dir: &Path) -> anyhow::Result<Loaded> {
        let path = dir.join(FILE_NAME);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::Missing),
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        };
        let why = match std::str::from_utf8(&bytes) {
            Err(_) => "it is not UTF-8 text".to_string(),
            Ok(text) => match toml::from_str::<Progress>(text) {
                Ok(p) if p.format == FORMAT && !p.current.is_empty() => return Ok(Loaded::Ok(p)),
                Ok(p) if p.format != FORMAT => format!("it has format {}, and this watlab reads {FORMAT}", p.format),
                Ok(_) => "it names no current lesson".to_string(),
                Err(e) => e.message().trim().to_string(),
            },
        };
        let pack = std::str::from_utf8(&bytes).ok().and_then(|text| {
            text.lines().filter(|l| l.trim_start().starts_with("pack")).find_map(|l| {
                let table: toml::Table = toml::from_str(l).ok()?;
                table.get("pack")?.as_str().map(PathBuf::from)
            })
        });
        Ok(Loaded::Corrupt { why, pack })
    }

    /// Renames a corrupt progress file aside (`.corrupt`, `.corrupt2`, ...) and returns where.
    ///
    /// # Errors
    /// The rename fails.
    pub fn keep_aside(dir: &Path) -> anyhow::Result<PathBuf> {
        let path = dir.join(FILE_NAME);
        let kept = (1..)
            .map(|n| dir.join(if n == 1 { format!("{FILE_NAME}.corrupt") } else { format!("{FILE_NAME}.corrupt{n}") }))
            .find(|p| !p.exists())
            .expect("some name is free");
        std::fs::rename(&path, &kept).with_context(|| format!("cannot move `{}` aside", path.display()))?;
        Ok(kept)
    }

    /// Writes the file atomically into `dir`.
    ///
    /// # Errors
    /// Any I/O failure.
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let body = toml::to_string(self).context("cannot write the progress file")?;
        let text = format!(
            "# watlab learn's record of this course directory: the current lesson, attempts, hints and\n# times. watlab writes it; if it is lost or damaged, watlab rebuilds it by re-checking your files.\n{body}"
        );
        crate::front::write_atomically(&dir.join(FILE_NAME), text.as_bytes())
    }
}
