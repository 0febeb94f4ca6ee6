//! `watlab learn` with no subcommand: where the learner is, and on a terminal the watch mode.
//!
//! Watch mode re-checks the current exercise whenever it changes and redraws the screen: the
//! course's progress bar, the lesson, the check's result, and the keys (`n` next, `h` hint,
//! `l` list, `r` re-check, `x` reset, `q` quit). Changes are noticed two ways at once, because
//! file events are missed on some systems (network and container mounts, editors that replace
//! the file): the `notify` crate's events, and a poll of the file's size and time every
//! second. Both only say "look again": the file's text is compared with the text last checked,
//! so a save is checked once however many events it makes, and `r` checks at any time.
//!
//! Keys are read one at a time with the terminal's line mode and echo off (restored on the
//! way out, whatever happens); without a terminal, `watlab learn` prints where the learner is
//! and exits, as the scriptable commands are there for scripts.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, SystemTime};

use notify::Watcher;
use watlab_core::render::Style;

use super::{commands, progress_bar, Workdir};
use crate::front::{Status, Ui};

/// Something for the loop to react to.
enum Msg {
    /// The exercise may have changed.
    Changed,
    /// A key.
    Key(u8),
    /// Standard input ended.
    Eof,
}

/// Runs `watlab learn`.
pub fn run(ui: &Ui, wd: &mut Workdir) -> anyhow::Result<Status> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        print_status(wd);
        return Ok(Status::Success);
    }
    let (tx, rx) = mpsc::channel();
    let watched = Arc::new(Mutex::new(wd.exercise_path(wd.current())));
    // Keep the watcher alive for the whole loop; without one, polling alone still works.
    // `WATLAB_WATCH=poll` asks for polling alone, where file events misbehave.
    let root = if wd.dir.as_os_str().is_empty() { PathBuf::from(".") } else { wd.dir.clone() };
    let poll_only = std::env::var_os("WATLAB_WATCH").is_some_and(|v| v == "poll");
    let _watcher = if poll_only { None } else { watch_dir(&root, tx.clone()) };
    spawn_poller(watched.clone(), tx.clone());
    let raw = RawMode::enter();
    spawn_keys(tx);
    let mut screen = Screen { last_text: None, message: String::new(), body: String::new(), raw: raw.is_some() };
    screen.recheck(ui, wd)?;
    let mut pending = std::collections::VecDeque::new();
    loop {
        screen.draw(wd);
        let Some(msg) = pending.pop_front().or_else(|| rx.recv().ok()) else { break };
        match msg {
            Msg::Changed => {
                // One save is often several events (truncate, write, rename): let them settle
                // and check once, on the file as it ends up. Keys typed meanwhile still count.
                std::thread::sleep(SETTLE);
                while let Ok(m) = rx.try_recv() {
                    if !matches!(m, Msg::Changed) {
                        pending.push_back(m);
                    }
                }
                let text = std::fs::read(wd.exercise_path(wd.current())).ok();
                if text.is_none() || text == screen.last_text {
                    continue;
                }
                screen.message.clear();
                screen.recheck(ui, wd)?;
            }
            Msg::Eof | Msg::Key(b'q' | b'Q' | 3 | 4) => break,
            Msg::Key(b'r' | b'R') => {
                screen.message.clear();
                screen.recheck(ui, wd)?;
            }
            Msg::Key(b'n' | b'N') => {
                let before = wd.progress.current.clone();
                let mut out = Vec::new();
                commands::next(&mut out, wd)?;
                screen.message = String::from_utf8_lossy(&out).into_owned();
                if wd.progress.current != before {
                    // The header names the new lesson; the message would only repeat it.
                    screen.message.clear();
                    if let Ok(mut w) = watched.lock() {
                        *w = wd.exercise_path(wd.current());
                    }
                    screen.recheck(ui, wd)?;
                }
            }
            Msg::Key(b'h' | b'H') => {
                let mut out = Vec::new();
                commands::hint(&mut out, wd, None)?;
                screen.message = String::from_utf8_lossy(&out).into_owned();
            }
            Msg::Key(b'l' | b'L') => {
                let mut out = Vec::new();
                commands::list(&mut out, wd, false)?;
                screen.message = String::from_utf8_lossy(&out).into_owned();
            }
            Msg::Key(b'x' | b'X') => {
                let mut out = Vec::new();
                let name = wd.current().name.clone();
                commands::reset(&mut out, wd, &name)?;
                screen.message = String::from_utf8_lossy(&out).into_owned();
                screen.recheck(ui, wd)?;
            }
            Msg::Key(_) => continue,
        }
    }
    drop(raw);
    let _ = writeln!(std::io::stdout().lock(), "\nBye: `watlab learn` goes on where you left off.");
    Ok(Status::Success)
}

/// Without a terminal: where the learner is, and what to run.
fn print_status(wd: &Workdir) {
    let lesson = wd.current();
    let number = wd.course.index_of(&lesson.name).map_or(0, |i| i + 1);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", wd.course.title);
    let _ = writeln!(out, "{}", progress_bar(wd));
    let _ = writeln!(out, "Lesson {number}: {} ({})", lesson.title, lesson.name);
    let _ = writeln!(out, "  your exercise: {}", wd.exercise_path(lesson).display());
    let _ =
        writeln!(out, "On a terminal, `watlab learn` checks it on every save; `watlab learn check` checks it once.");
}

/// What watch mode shows.
struct Screen {
    /// The text of the exercise when last checked.
    last_text: Option<Vec<u8>>,
    /// The answer to the last key (a hint, the list).
    message: String,
    /// The last check's result, rendered.
    body: String,
    /// Keys arrive one by one (else after Enter).
    raw: bool,
}

impl Screen {
    fn recheck(&mut self, ui: &Ui, wd: &mut Workdir) -> anyhow::Result<()> {
        let lesson = wd.current().clone();
        let path = wd.exercise_path(&lesson);
        self.last_text = std::fs::read(&path).ok();
        let mut out = Vec::new();
        match wd.check(&lesson) {
            Ok(checked) => {
                let style = Style { color: ui.out_color, ..ui.err_style };
                let _ = checked.write(&mut out, &lesson, style);
                if checked.outcome.passed() {
                    let _ = writeln!(out, "\nWell done! Press n for the next lesson.");
                }
            }
            // A missing file is the learner's to fix (or `x`); watching goes on.
            Err(e) => {
                let _ = writeln!(out, "{e:#}");
            }
        }
        self.body = String::from_utf8_lossy(&out).into_owned();
        Ok(())
    }

    fn draw(&self, wd: &Workdir) {
        let lesson = wd.current();
        let number = wd.course.index_of(&lesson.name).map_or(0, |i| i + 1);
        let mut out = std::io::stdout().lock();
        // Clear the screen and go home; what scrolled away stays in the terminal's history.
        let _ = write!(out, "\x1b[2J\x1b[H");
        let _ = writeln!(out, "{}", wd.course.title);
        let _ = writeln!(out, "{}", progress_bar(wd));
        let _ = writeln!(out, "Lesson {number} of {}: {} ({})", wd.course.lessons.len(), lesson.title, lesson.name);
        let _ = writeln!(out, "Watching {} (checked on every save)", wd.exercise_path(lesson).display());
        let _ = writeln!(out);
        let _ = write!(out, "{}", self.body);
        if !self.message.is_empty() {
            let _ = writeln!(out);
            let _ = write!(out, "{}", self.message);
        }
        let _ = writeln!(out);
        let enter = if self.raw { "" } else { " (then Enter)" };
        let _ = writeln!(out, "keys{enter}: n next  h hint  l list  r re-check  x reset  q quit");
        let _ = out.flush();
    }
}

/// File events from `notify` under the course directory, as "look again". `None` when the
/// system offers no watcher (the poller covers that).
fn watch_dir(dir: &std::path::Path, tx: mpsc::Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(Msg::Changed);
        }
    })
    .ok()?;
    watcher.watch(dir, notify::RecursiveMode::Recursive).ok()?;
    Some(watcher)
}

/// Every second, the watched file's size and time; a change says "look again".
fn spawn_poller(watched: Arc<Mutex<PathBuf>>, tx: mpsc::Sender<Msg>) {
    let stamp = |path: &PathBuf| std::fs::metadata(path).ok().map(|m| (path.clone(), m.len(), m.modified().ok()));
    // The state the first check saw, so a save before the first poll still counts.
    let mut last: Option<(PathBuf, u64, Option<SystemTime>)> = watched.lock().ok().and_then(|p| stamp(&p));
    std::thread::spawn(move || loop {
        std::thread::sleep(POLL);
        let Ok(path) = watched.lock().map(|p| p.clone()) else { return };
        let now = stamp(&path);
        if now.is_some() && now != last {
            last = now;
            if tx.send(Msg::Changed).is_err() {
                return;
            }
        }
    });
}

const POLL: Duration = Duration::from_secs(1);

/// How long the events of one save take to arrive.
const SETTLE: Duration = Duration::from_millis(80);

/// Reads keys from standard input until it ends.
fn spawn_keys(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        use std::io::Read;
        let mut stdin = std::io::stdin();
        let mut byte = [0u8];
        loop {
            match stdin.read(&mut byte) {
                Ok(1) => {
                    if tx.send(Msg::Key(byte[0])).is_err() {
                        return;
                    }
                }
                Ok(_) | Err(_) => {
                    let _ = tx.send(Msg::Eof);
                    return;
                }
            }
        }
    });
}

/// The terminal with line mode, echo and signals off while watch mode runs (Ctrl-C arrives as
/// a key and quits); restored when dropped.
struct RawMode {
    #[cfg(unix)]
    saved: nix::sys::termios::Termios,
}

impl RawMode {
    #[cfg(unix)]
    fn enter() -> Option<RawMode> {
        use nix::sys::termios::{tcgetattr, tcsetattr, LocalFlags, SetArg};
        let stdin = std::io::stdin();
        let saved = tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        raw.local_flags.remove(LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::ISIG);
        tcsetattr(&stdin, SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }

    #[cfg(not(unix))]
    fn enter() -> Option<RawMode> {
        None
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use nix::sys::termios::{tcsetattr, SetArg};
            let _ = tcsetattr(std::io::stdin(), SetArg::TCSANOW, &self.saved);
        }
    }
}
