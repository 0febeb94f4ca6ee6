//! The REPL's terminal side: read an input, hand it to `Session::eval`, print the events.
//!
//! On a terminal, rustyline edits lines (history, Tab completion, highlighting); an input
//! continues under a `...> ` prompt while `lex::pending` says a paren, string or comment is
//! open, or a flat `block`, `loop` or `if` still waits for its `end`. Without a terminal (`watlab < session.txt`) or with `--plain`, the same loop reads
//! plain lines and prints no prompts, so sessions can be scripted; an error never swallows later
//! inputs. This file owns the history file, `:save`/`:load` file access and Ctrl-C; it knows
//! nothing about WebAssembly beyond the events `Session` returns.

pub mod helper;
mod recall;

use std::cell::{Cell, RefCell};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::Ordering;

use rustyline::error::ReadlineError;
use rustyline::history::History;
use rustyline::{Config, Editor};

use super::debug::{self, Lines};
use super::{read_input, write_atomically, Status, Ui};
use watlab_core::diag::Cause;
use watlab_core::host::Output;
use watlab_core::lex::pending;
use watlab_core::program::WASM_MAGIC;
use watlab_core::render::{render, Style};
use watlab_core::runtime::Trap;
use watlab_core::runtime::{Limits, TrapKind};
use watlab_core::session::{DebugTarget, DisplayStack, Event, Session};
use watlab_core::source::SourceId;
use watlab_core::trace::record::Recorder;
use watlab_core::trace::values::recorded_diagnostic;

/// `watlab repl`'s command line (the help text is on `cli::Command::Repl`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read plain lines without line editing (for scripts and pipes).
    #[arg(long)]
    pub plain: bool,
    /// Limits.
    #[command(flatten)]
    pub limits: crate::cli::LimitArgs,
}

/// How the REPL runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Read plain lines even on a terminal.
    pub plain: bool,
    /// Colour for the prompt and the input.
    pub color: bool,
    /// How diagnostics look.
    pub err_style: Style,
    /// Limits for running code.
    pub limits: Limits,
}

/// The prompt, and the prompt while an input continues.
pub const PROMPT: &str = "wat> ";
/// Shown while a paren, string or comment is still open.
pub const CONTINUE: &str = "...> ";

/// Program output straight to stdout, remembering whether the last line was finished.
struct Stdout(Rc<Cell<bool>>);

impl Output for Stdout {
    fn write_str(&mut self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        if let Some(last) = text.chars().last() {
            self.0.set(last != '\n');
        }
        Ok(())
    }
}

struct Repl {
    /// Shared with the line editor's helper, which completes from it between inputs.
    session: Rc<RefCell<Session>>,
    options: Options,
    /// The program printed a partial line that the next message must not continue.
    open_line: Rc<Cell<bool>>,
    n_errors: usize,
}

/// `watlab repl` (and `watlab` with no command): runs the REPL until `:quit`, Ctrl-D or the
/// end of input; `plain` reads lines without line editing.
pub fn run(ui: &Ui, plain: bool, limits: Limits) -> Status {
    let err_style = Style { explain: Some(":explain"), ..ui.err_style };
    let options = Options { plain, color: ui.out_color, err_style, limits };
    let open_line = Rc::new(Cell::new(false));
    let session = Session::with_output(options.limits, Box::new(Stdout(open_line.clone())));
    let mut repl = Repl { session: Rc::new(RefCell::new(session)), options, open_line, n_errors: 0 };
    if options.plain || !io::stdin().is_terminal() {
        repl.plain();
        return if repl.n_errors > 0 { Status::Failed } else { Status::Success };
    }
    repl.interactive()
}

impl Repl {
    /// Evaluates one input and prints what happened; a `:debug` reads its commands from
    /// `lines`. Returns false on `:quit`.
    fn eval(&mut self, input: &str, lines: &mut dyn Lines) -> bool {
        let events = self.session.borrow_mut().eval(input);
        self.show(events, lines)
    }

    fn show(&mut self, events: Vec<Event>, lines: &mut dyn Lines) -> bool {
        for event in events {
            if self.open_line.replace(false) {
                println!();
            }
            match event {
                Event::Defined(def) => println!("{def}"),
                Event::Memory(view) => println!("{}", view.to_text(self.options.color)),
                Event::Info(text) => println!("{text}"),
                Event::Stack(values) => println!("{}", DisplayStack(&values)),
                Event::Results(values) => {
                    for v in &values {
                        println!("{}", watlab_core::value::DisplayTyped(v));
                    }
                }
                Event::Output(text) => print!("{text}"),
                Event::Trace(view) => println!("{view}"),
                Event::Debug(target) => self.debug(*target, lines),
                Event::Error(d) => {
                    self.n_errors += 1;
                    // The terminal echoed `^C` without a newline.
                    if matches!(d.cause, Cause::Trap { kind: TrapKind::Interrupted }) && !self.options.plain {
                        println!();
                    }
                    let _ = io::stdout().flush();
                    let mut err = io::stderr().lock();
                    // Unlocated errors (from commands) name the input they answer, as located ones do.
                    let session = self.session.borrow();
                    let sources = session.sources();
                    let origin = sources
                        .len()
                        .checked_sub(1)
                        .and_then(|i| sources.get(SourceId(i as u32)))
                        .map_or("repl", |f| f.name.as_str());
                    let _ = render(&mut err, sources, origin, &d, self.options.err_style);
                }
                Event::Save { path, text } => self.save(&path, &text),
                Event::Load { path } => self.load(&path),
                Event::Quit => return false,
            }
        }
        let _ = io::stdout().flush();
        true
    }

    /// `:debug`: the debugger of `watlab debug` over the session's call, until `quit`.
    fn debug(&mut self, t: DebugTarget, lines: &mut dyn Lines) {
        let _ = io::stdout().flush();
        let session = self.session.borrow();
        let sources = session.sources();
        let interrupt = session.interrupt_flag();
        interrupt.store(false, Ordering::SeqCst);
        let style = self.options.err_style;
        let origin = sources
            .len()
            .checked_sub(1)
            .and_then(|i| sources.get(SourceId(i as u32)))
            .map_or("repl", |f| f.name.as_str());
        let report = |trap: &Trap, recorder: &Recorder| {
            let d = recorded_diagnostic(&t.rec, recorder, trap, t.limits, &t.shown, t.input, sources);
            let _ = render(&mut io::stderr().lock(), sources, origin, &d, style);
        };
        let target = debug::Target {
            rec: t.rec.clone(),
            entry: t.entry.clone(),
            shown: t.shown.clone(),
            args: t.args.clone(),
            args_are_stack: t.input.is_some(),
            limits: t.limits,
            state: Some(t.state.clone()),
            sources,
            report: &report,
        };
        let started = debug::debug(target, lines, interrupt).is_some();
        drop(session);
        if started {
            println!("(back at the prompt: the session is as it was before `:debug`)");
        } else {
            self.tool_error("the session's recording copy could not start (an import it needs is missing)");
        }
    }

    fn tool_error(&mut self, message: &str) {
        self.n_errors += 1;
        super::print_error(self.options.err_style.color, message);
    }

    fn save(&mut self, path: &str, text: &str) {
        let folder = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(folder) = folder.filter(|f| !f.is_dir()) {
            return self
                .tool_error(&format!("cannot write `{path}`: the folder `{}` does not exist", folder.display()));
        }
        if Path::new(path).is_dir() {
            let example = Path::new(path).join("session.wat");
            return self
                .tool_error(&format!("`{path}` is a folder: give a file name, such as `{}`", example.display()));
        }
        let n_defs = self.session.borrow().n_defs();
        match write_atomically(Path::new(path), text.as_bytes()) {
            Ok(()) => println!("saved {} definition{} to {path}", n_defs, if n_defs == 1 { "" } else { "s" }),
            Err(e) => self.tool_error(&format!("{e:#}")),
        }
    }

    fn load(&mut self, path: &str) {
        if Path::new(path).is_dir() {
            return self.tool_error(&format!("`{path}` is a folder: `:load` reads one .wat file"));
        }
        let (name, bytes) = match read_input(Path::new(path)) {
            Ok(x) => x,
            Err(e) => return self.tool_error(&format!("{e:#}")),
        };
        if bytes.starts_with(WASM_MAGIC) {
            return self.tool_error(&format!(
                "`{name}` is a binary module: `:load` reads .wat text (`watlab print {name}` turns it into text)"
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                let events = self.session.borrow_mut().load_text(&name, &text);
                self.show(events, &mut NoLines);
            }
            Err(_) => self.tool_error(&format!("`{name}` is not text: `:load` reads .wat files")),
        }
    }

    /// Plain lines from stdin, joined while an input is incomplete; no prompts.
    fn plain(&mut self) {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let mut input = String::new();
        let mut line = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    self.tool_error(&format!("reading standard input: {e}"));
                    break;
                }
            }
            let text = String::from_utf8_lossy(&line);
            // A missing `)` would otherwise swallow the rest of the script into one input: a
            // command or a new definition at the start of a line ends the unfinished input.
            if !input.is_empty() && watlab_core::session::starts_afresh(&input, &text) {
                self.eval(&input, &mut debug::Stdin(&mut reader, true));
                input.clear();
            }
            if !input.is_empty() {
                input.push('\n');
            }
            input.push_str(text.trim_end_matches(['\n', '\r']));
            if pending(&input).is_some() {
                continue;
            }
            let done = !self.eval(&input, &mut debug::Stdin(&mut reader, true));
            input.clear();
            if done {
                return;
            }
        }
        // Input that ends inside a paren is still evaluated, so its error is reported.
        if !input.trim().is_empty() {
            self.eval(&input, &mut debug::Stdin(&mut reader, true));
        }
    }

    fn interactive(&mut self) -> Status {
        let flag = self.session.borrow().interrupt_flag();
        // Only reached while code runs: rustyline reads Ctrl-C itself while editing.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
        // Tab completes what all matches share; a second Tab lists them (rather than cycling
        // through them one by one, which hides the choices).
        let config = Config::builder()
            .completion_type(rustyline::CompletionType::List)
            .history_ignore_dups(true)
            .and_then(|b| b.max_history_size(1000))
            .map(|b| b.auto_add_history(false).build())
            .unwrap_or_default();
        let recalled = recall::Recalled::new(&config);
        let mut rl: Editor<helper::ReplHelper, recall::Recalled> = match Editor::with_history(config, recalled) {
            Ok(rl) => rl,
            Err(e) => {
                self.tool_error(&format!("cannot start line editing ({e}); try `watlab repl --plain`"));
                return Status::ToolError;
            }
        };
        rl.set_helper(Some(helper::ReplHelper { session: self.session.clone(), color: self.options.color }));
        let history = history_path();
        if let Some(path) = &history {
            self.load_history(&mut rl, path);
        }
        recall::Recalled::bind(&mut rl);
        println!("watlab: type WebAssembly text, `:help` for commands, Ctrl-D to leave.");
        let mut input = String::new();
        let mut hinted = false;
        loop {
            let prompt = if input.is_empty() { PROMPT } else { CONTINUE };
            let styled = if self.options.color { format!("\x1b[1;36m{prompt}\x1b[0m") } else { prompt.to_string() };
            rl.history().start();
            match rl.readline(styled.as_str()) {
                Ok(line) => {
                    if !input.is_empty() && watlab_core::session::starts_afresh(&input, &line) {
                        self.eval(&input, &mut Edited(&mut rl));
                        input.clear();
                    }
                    if !input.is_empty() && line.trim().is_empty() && !hinted {
                        // A learner stuck under `...>` may not know why.
                        hinted = true;
                        if let Some(p) = pending(&input) {
                            let line_no = input[..p.at.min(input.len())].matches('\n').count() + 1;
                            println!(
                                "(still reading: {} opened on line {line_no} of this input waits for its {}; Ctrl-C drops the input)",
                                p.what, p.closer
                            );
                        }
                    }
                    if !input.is_empty() {
                        input.push('\n');
                    }
                    input.push_str(&line);
                    if pending(&input).is_some() {
                        continue;
                    }
                    hinted = false;
                    if !input.trim().is_empty() {
                        let _ = rl.add_history_entry(input.as_str());
                        if let Some(path) = &history {
                            save_history(&mut rl, path);
                        }
                    }
                    let go_on = {
                        // A long run (the default fuel lasts about ten seconds of a runaway
                        // loop) says once that it is still going and how to stop it.
                        let (done, wait) = std::sync::mpsc::channel::<()>();
                        let color = self.options.color;
                        let watcher = std::thread::spawn(move || {
                            if wait.recv_timeout(std::time::Duration::from_secs(2))
                                == Err(std::sync::mpsc::RecvTimeoutError::Timeout)
                            {
                                let (dim, reset) = if color { ("\x1b[2m", "\x1b[0m") } else { ("", "") };
                                eprintln!("{dim}(still running: Ctrl-C stops it){reset}");
                            }
                        });
                        let go_on = self.eval(&input, &mut Edited(&mut rl));
                        let _ = done.send(());
                        let _ = watcher.join();
                        go_on
                    };
                    input.clear();
                    if !go_on {
                        break;
                    }
                }
                // Ctrl-C while editing drops the input typed so far.
                Err(ReadlineError::Interrupted) => {
                    input.clear();
                    hinted = false;
                }
                // Ctrl-D under `...>` ends the unfinished input (its error says what is open)
                // rather than the whole session; at an empty prompt it leaves.
                Err(ReadlineError::Eof) if !input.trim().is_empty() => {
                    println!();
                    self.eval(&input, &mut Edited(&mut rl));
                    input.clear();
                    hinted = false;
                }
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    self.tool_error(&format!("reading input: {e}"));
                    return Status::ToolError;
                }
            }
        }
        Status::Success
    }

    fn load_history(&mut self, rl: &mut Editor<helper::ReplHelper, recall::Recalled>, path: &Path) {
        match rl.load_history(path) {
            Ok(()) => {}
            Err(ReadlineError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                let aside = path.with_extension("txt.corrupt");
                let moved = std::fs::rename(path, &aside).is_ok();
                let _ = rl.history_mut().clear();
                let what =
                    if moved { format!("it was kept as {}", aside.display()) } else { "it was left alone".into() };
                eprintln!(
                    "note: the history file {} could not be read ({e}); {what} and a new history was started",
                    path.display()
                );
            }
        }
    }
}

/// No lines to read (a `:load`ed file's events hold no `:debug`).
struct NoLines;

impl Lines for NoLines {
    fn read(&mut self, _prompt: &str) -> Option<String> {
        None
    }
}

/// The debugger's commands through the REPL's line editor (Ctrl-C at its prompt drops the line).
struct Edited<'a>(&'a mut Editor<helper::ReplHelper, recall::Recalled>);

impl Lines for Edited<'_> {
    fn read(&mut self, prompt: &str) -> Option<String> {
        loop {
            match self.0.readline(prompt) {
                Ok(line) => return Some(line),
                Err(ReadlineError::Interrupted) => continue,
                Err(_) => return None,
            }
        }
    }
}

/// Writes the history beside its file and renames it into place, so a crash never leaves
/// half a file behind. Failures are ignored: history is a convenience.
fn save_history(rl: &mut Editor<helper::ReplHelper, recall::Recalled>, path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if rl.save_history(&tmp).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    } else {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `$WATLAB_DATA_DIR/history.txt`, else the platform's data directory: `$XDG_DATA_HOME/watlab`
/// or `~/.local/share/watlab` on Linux, `~/Library/Application Support/watlab` on macOS,
/// `%APPDATA%\watlab` on Windows.
pub fn history_path() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    let dir = if let Some(d) = var("WATLAB_DATA_DIR") {
        d
    } else if cfg!(windows) {
        var("APPDATA")?.join("watlab")
    } else if cfg!(target_os = "macos") {
        var("HOME")?.join("Library/Application Support/watlab")
    } else if let Some(d) = var("XDG_DATA_HOME") {
        d.join("watlab")
    } else {
        var("HOME")?.join(".local/share/watlab")
    };
    Some(dir.join("history.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_lives_in_the_data_dir_from_the_environment() {
        // The only test that touches this variable.
        std::env::set_var("WATLAB_DATA_DIR", "/tmp/watlab-data");
        assert_eq!(history_path(), Some(PathBuf::from("/tmp/watlab-data/history.txt")));
        std::env::remove_var("WATLAB_DATA_DIR");
        if std::env::var_os("HOME").is_some() {
            assert!(history_path().is_some_and(|p| p.ends_with("watlab/history.txt")));
        }
    }
}
