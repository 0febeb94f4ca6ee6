//! `watlab learn`: the guided course. `init` copies the starters into a working directory;
//! in it, `watlab learn` shows where the learner is and, on a terminal, watches the current
//! exercise (`watch`); the other subcommands are scriptable, exit 0 or 1 (`commands`);
//! `report` is the teacher's summary (`report`); `check-pack` checks a course folder for its
//! author. The course itself comes from `pack`, the progress file from `progress`; what a
//! lesson is and how a check runs is the core's `course`.

mod commands;
mod pack;
mod progress;
mod report;
mod watch;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Subcommand;
use watlab_core::course::{check_text, CheckOutcome, Course, Lesson};
use watlab_core::render::{render, Style};
use watlab_core::source::SourceMap;
use watlab_core::wast_runner::default_limits;

use super::{report_tool_error, Status, Ui};
use progress::{Loaded, Progress};

/// `watlab learn`'s command line (the help text is on `cli::Command::Learn`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do (default: show where you are, and watch the exercise on a terminal).
    #[command(subcommand)]
    pub command: Option<LearnCommand>,
    /// The course directory (default: the current directory, or the nearest one above it
    /// holding a `.watlab-progress.toml`).
    #[arg(long, value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// A course folder to follow instead of the built-in course (`init` remembers it).
    #[arg(long, value_name = "COURSE", global = true)]
    pub pack: Option<PathBuf>,
}

/// The subcommands of `watlab learn`.
#[derive(Debug, Subcommand)]
pub enum LearnCommand {
    /// Copy the exercises into a new course directory (default `./watlab-course`).
    Init {
        /// Where.
        dir: Option<PathBuf>,
    },
    /// List the lessons: done, current, todo, with each exercise's path.
    List {
        /// An array of objects with `name`, `title`, `status`, `exercise`, ...
        #[arg(long)]
        json: bool,
    },
    /// Print a lesson's text (default: the current lesson).
    Show {
        /// The lesson's name (`watlab learn list` shows them).
        name: Option<String>,
    },
    /// Check an exercise (default: the current one); exit 1 when it does not pass yet.
    Check {
        /// The lesson's name.
        name: Option<String>,
    },
    /// Reveal the next hint of a lesson (default: the current one).
    Hint {
        /// The lesson's name.
        name: Option<String>,
    },
    /// Move on to the next lesson, once the current one passes.
    Next,
    /// Restore a lesson's starter file, keeping your version as a backup.
    Reset {
        /// The lesson's name.
        name: String,
    },
    /// Print a lesson's reference solution (asks first while the lesson is not passed).
    Solution {
        /// The lesson's name.
        name: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
    /// A summary for a teacher: lessons passed, attempts, hints, time to pass.
    Report {
        /// JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
    /// Check a course folder (default: the built-in course): for authors.
    CheckPack {
        /// The course folder, holding course.toml.
        dir: Option<PathBuf>,
    },
}

/// Runs `watlab learn`.
pub fn run(ui: &Ui, args: Args) -> Status {
    let stdout = std::io::stdout();
    let out = &mut stdout.lock();
    let result = match args.command {
        Some(LearnCommand::Init { dir }) => commands::init(out, dir.or(args.dir), args.pack.as_deref()),
        Some(LearnCommand::CheckPack { dir }) => commands::check_pack(out, dir.or(args.pack).as_deref()),
        command => match Workdir::open(args.dir.as_deref(), args.pack.as_deref()) {
            Ok(mut wd) => match command {
                None => watch::run(ui, &mut wd),
                Some(LearnCommand::List { json }) => commands::list(out, &wd, json),
                Some(LearnCommand::Show { name }) => commands::show(out, &mut wd, name.as_deref()),
                Some(LearnCommand::Check { name }) => commands::check(out, ui, &mut wd, name.as_deref()),
                Some(LearnCommand::Hint { name }) => commands::hint(out, &mut wd, name.as_deref()),
                Some(LearnCommand::Next) => commands::next(out, &mut wd),
                Some(LearnCommand::Reset { name }) => commands::reset(out, &mut wd, &name),
                Some(LearnCommand::Solution { name, yes }) => commands::solution(out, &mut wd, &name, yes),
                Some(LearnCommand::Report { json }) => report::run(out, &wd, json),
                Some(LearnCommand::Init { .. } | LearnCommand::CheckPack { .. }) => unreachable!("handled above"),
            },
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            report_tool_error(ui, &e);
            Status::ToolError
        }
    }
}

/// A course directory opened: where it is, its course and its progress.
pub struct Workdir {
    /// The directory.
    pub dir: PathBuf,
    /// The course it follows.
    pub course: Course,
    /// The learner's progress.
    pub progress: Progress,
}

impl Workdir {
    /// Finds and opens the course directory; a corrupt progress file is reported, kept aside
    /// and rebuilt by re-checking every exercise.
    ///
    /// # Errors
    /// No course directory here, a course that does not load, a file that cannot be read.
    pub fn open(dir: Option<&Path>, pack_dir: Option<&Path>) -> anyhow::Result<Workdir> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => find_course_dir()?,
        };
        let loaded = Progress::load(&dir)?;
        if let Loaded::Missing = loaded {
            bail!(
                "`{}` is not a course directory (it has no {}): start one with `watlab learn init`",
                if dir.as_os_str().is_empty() { Path::new(".") } else { &dir }.display(),
                progress::FILE_NAME
            );
        }
        let pack_dir = pack_dir.map(Path::to_path_buf).or(match &loaded {
            Loaded::Ok(p) => p.pack.clone(),
            Loaded::Corrupt { pack, .. } => pack.clone(),
            Loaded::Missing => None,
        });
        let course = match (load_course(pack_dir.as_deref()), &loaded) {
            (Ok(c), _) => c,
            (Err(e), Loaded::Corrupt { why, .. }) => {
                bail!("{e:#}; and the progress file {} does not read ({why}), so it cannot say which course this directory follows: give the course folder with --pack DIR", progress::FILE_NAME)
            }
            (Err(e), _) => return Err(e),
        };
        let progress = match loaded {
            Loaded::Ok(p) => p,
            Loaded::Missing => unreachable!("refused above"),
            Loaded::Corrupt { why, .. } => {
                // A course whose folders are not here is the wrong one (the file named a course
                // folder, and that line is lost too): rebuilding against it would lose the file.
                if !course.lessons.iter().any(|l| dir.join(&l.dir).is_dir()) {
                    bail!(
                        "the progress file {} does not read ({why}), and this directory holds none of the folders of {}: if it follows a course folder, give it with --pack DIR",
                        progress::FILE_NAME,
                        match &pack_dir { Some(d) => format!("the course in `{}`", d.display()), None => "the built-in course".to_string() }
                    );
                }
                // Only now that the course loads: a rebuild without it would lose the file.
                let kept = Progress::keep_aside(&dir)?;
                // On stderr, so that `--json` output stays JSON.
                let mut out = std::io::stderr().lock();
                let _ = writeln!(
                    out,
                    "warning: the progress file {} did not read ({why}); it is kept as {}, and progress is rebuilt by re-checking your exercises",
                    progress::FILE_NAME,
                    kept.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned())
                );
                let p = rebuild(&dir, &course, pack_dir.as_deref());
                p.save(&dir)?;
                let _ = writeln!(
                    out,
                    "rebuilt: {} of {} lessons pass",
                    course.lessons.iter().filter(|l| p.passed(&l.name)).count(),
                    course.lessons.len()
                );
                p
            }
        };
        let mut wd = Workdir { dir, course, progress };
        if wd.course.lesson(&wd.progress.current).is_none() {
            // The course changed under this directory (a newer watlab): go on from the first
            // lesson not passed yet.
            wd.progress.current = wd.first_open_lesson().name.clone();
        }
        Ok(wd)
    }

    /// The current lesson.
    pub fn current(&self) -> &Lesson {
        self.course.lesson(&self.progress.current).unwrap_or(&self.course.lessons[0])
    }

    fn first_open_lesson(&self) -> &Lesson {
        let lessons = &self.course.lessons;
        lessons.iter().find(|l| !self.progress.passed(&l.name)).unwrap_or(&lessons[lessons.len() - 1])
    }

    /// The lesson `name`, or the current one.
    ///
    /// # Errors
    /// No lesson by that name (with the closest one).
    pub fn lesson(&self, name: Option<&str>) -> anyhow::Result<Lesson> {
        let Some(name) = name else { return Ok(self.current().clone()) };
        if let Some(l) = self.course.lesson(name) {
            return Ok(l.clone());
        }
        let names = self.course.lessons.iter().map(|l| l.name.as_str());
        match watlab_core::words::closest(name, names) {
            Some(best) => {
                bail!("there is no lesson named `{name}`: did you mean `{best}`? (`watlab learn list` shows them)")
            }
            None => bail!("there is no lesson named `{name}` (`watlab learn list` shows them)"),
        }
    }

    /// Where the learner's file for `lesson` is.
    pub fn exercise_path(&self, lesson: &Lesson) -> PathBuf {
        self.dir.join(&lesson.dir).join("exercise.wat")
    }

    /// Saves the progress file.
    ///
    /// # Errors
    /// Any I/O failure.
    pub fn save(&self) -> anyhow::Result<()> {
        self.progress.save(&self.dir)
    }

    /// Checks the learner's file for `lesson` and records the attempt.
    ///
    /// # Errors
    /// The file cannot be read.
    pub fn check(&mut self, lesson: &Lesson) -> anyhow::Result<Checked> {
        let path = self.exercise_path(lesson);
        let text = read_exercise(&path, lesson)?;
        let mut sources = SourceMap::new();
        let outcome = check_text(&mut sources, lesson, &lesson.exercise_path(), &text, default_limits());
        self.progress.record_check(&lesson.name, outcome.passed(), text == lesson.exercise);
        self.save()?;
        Ok(Checked { sources, outcome })
    }
}

/// A check's result with the texts its diagnostics point into.
pub struct Checked {
    /// The learner's file and the checks.
    pub sources: SourceMap,
    /// What the check found.
    pub outcome: CheckOutcome,
}

impl Checked {
    /// Writes the result: one line, then each failure as a diagnostic, then what the module
    /// printed.
    pub fn write(&self, out: &mut dyn Write, lesson: &Lesson, style: Style) -> std::io::Result<()> {
        let o = &self.outcome;
        let paint = |code: &str, text: &str| {
            if style.color {
                format!("{code}{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let checks = watlab_core::words::plural(o.n_passed as u64, "check");
        match o.stage {
            watlab_core::course::Stage::Passed => {
                writeln!(out, "{} {}: {checks} passed", paint("\x1b[1;32m", "PASSED"), lesson.name)?
            }
            watlab_core::course::Stage::Module => writeln!(
                out,
                "{} {}: {} does not load yet",
                paint("\x1b[1;31m", "NOT YET"),
                lesson.name,
                lesson.exercise_path()
            )?,
            watlab_core::course::Stage::Checks => writeln!(
                out,
                "{} {}: {} of {} checks passed",
                paint("\x1b[1;31m", "NOT YET"),
                lesson.name,
                o.n_passed,
                o.n_passed + o.n_failed
            )?,
            watlab_core::course::Stage::Rules => writeln!(
                out,
                "{} {}: every check passes, but not the way this lesson asks",
                paint("\x1b[1;33m", "NOT YET"),
                lesson.name
            )?,
        }
        // The first failure in full; the others one line each, so the screen stays readable.
        if let Some((first, rest)) = o.failures.split_first() {
            render(out, &self.sources, &lesson.exercise_path(), first, style)?;
            let short = Style { format: watlab_core::render::ErrorFormat::Short, ..style };
            if !rest.is_empty() {
                writeln!(out, "also failing:")?;
            }
            for d in rest {
                write!(out, "  ")?;
                render(out, &self.sources, &lesson.exercise_path(), d, short)?;
            }
        }
        if !o.output.is_empty() {
            writeln!(out, "your module printed:")?;
            for line in o.output.lines().take(20) {
                writeln!(out, "  {line}")?;
            }
        }
        Ok(())
    }
}

pub(super) fn read_exercise(path: &Path, lesson: &Lesson) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(
            "cannot read `{}` ({}): `watlab learn reset {}` restores the starter",
            path.display(),
            e.kind().to_string().to_lowercase(),
            lesson.name
        )
    })?;
    // Not UTF-8 is the learner's file's problem: the check reports it like `watlab check`.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The course: from `pack_dir`, or the built-in one.
fn load_course(pack_dir: Option<&Path>) -> anyhow::Result<Course> {
    match pack_dir {
        Some(d) => pack::course(&pack::from_dir(d)?, &format!("the course folder `{}`", d.display())),
        None => pack::course(&pack::embedded(), "the course built into this watlab"),
    }
}

/// The current directory, or the nearest one above it with a progress file, as a relative
/// path (empty for the current directory), so the paths shown are short.
fn find_course_dir() -> anyhow::Result<PathBuf> {
    let here = std::env::current_dir().context("cannot read the current directory")?;
    let up = here.ancestors().position(|d| d.join(progress::FILE_NAME).exists()).unwrap_or(0);
    Ok((0..up).map(|_| "..").collect())
}

/// Progress rebuilt from the files: every exercise that passes its checks counts as passed
/// (attempts and hints are lost with the old file); the current lesson is the first that does
/// not pass.
fn rebuild(dir: &Path, course: &Course, pack_dir: Option<&Path>) -> Progress {
    let mut p = Progress::new(&course.title, pack_dir.map(Path::to_path_buf), &course.lessons[0].name);
    for lesson in &course.lessons {
        let Ok(text) = std::fs::read_to_string(dir.join(&lesson.dir).join("exercise.wat")) else { continue };
        // An untouched starter fails its checks (check-pack promises it): no need to run it,
        // which for a starter that loops until the fuel runs out takes a while.
        if text == lesson.exercise {
            continue;
        }
        let mut sources = SourceMap::new();
        if check_text(&mut sources, lesson, &lesson.exercise_path(), &text, default_limits()).passed() {
            p.record_check(&lesson.name, true, false);
        }
    }
    let first = course.lessons.iter().find(|l| !p.passed(&l.name)).unwrap_or(&course.lessons[course.lessons.len() - 1]);
    p.current = first.name.clone();
    p
}

/// `[#####.....] 5 of 30 lessons passed`.
pub fn progress_bar(wd: &Workdir) -> String {
    let n = wd.course.lessons.len();
    let done = wd.course.lessons.iter().filter(|l| wd.progress.passed(&l.name)).count();
    const WIDTH: usize = 30;
    // The first lesson passed shows, even in a long course.
    let filled = (done * WIDTH).checked_div(n).unwrap_or(0).max(usize::from(done > 0));
    format!("[{}{}] {done} of {n} lessons passed", "#".repeat(filled), ".".repeat(WIDTH - filled))
}
