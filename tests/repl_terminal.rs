//! The REPL in a real terminal, driven through tmux: multi-line input with the continuation
//! prompt, Tab completion, Ctrl-C stopping a loop with the session intact, and history kept
//! across a restart. They need `tmux` and fail, saying so, where it is missing (`cargo xtask test`
//! installs it).
//!
//! Each test runs its own tmux server (`-L`), so tests can run in parallel, and points the
//! REPL's data directory at a fresh temporary folder through `WATLAB_DATA_DIR`. The waits poll
//! the screen until the expected text appears; they are timeouts, not timing assertions.

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "support/tmux.rs"]
mod tmux;

struct Tmux {
    /// How many windows were started: each start opens a new one, because killing the last
    /// session ends the tmux server, and a session created while it shuts down shows nothing.
    n_started: std::cell::Cell<u32>,
    server: tmux::Server,
    data_dir: PathBuf,
}

impl Tmux {
    /// A tmux server for one test.
    ///
    /// # Panics
    /// When tmux is missing: a terminal test that cannot run must not pass.
    fn new(test: &str) -> Tmux {
        let server = tmux::Server::new("test", test);
        let data_dir = std::env::temp_dir().join(&server.socket);
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir).unwrap();
        Tmux { n_started: std::cell::Cell::new(0), server, data_dir }
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.server.run(args)
    }

    /// Starts `watlab ARGS` in a fresh window and waits for the REPL's prompt.
    fn start(&self, args: &str) {
        self.launch(args);
        self.wait_for("wat>");
        // The line editor switches the terminal to raw mode around the prompt, and that switch
        // discards keys typed ahead of it: give it a moment on a loaded machine.
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Starts `watlab ARGS` in a fresh window (the previous one, if any, is closed).
    fn launch(&self, args: &str) {
        self.n_started.set(self.n_started.get() + 1);
        let cmd = format!(
            "WATLAB_DATA_DIR='{}' NO_COLOR=1 '{}' {args}; sleep 30",
            self.data_dir.display(),
            env!("CARGO_BIN_EXE_watlab")
        );
        self.tmux(&["new-session", "-d", "-s", &self.window(), "-x", "120", "-y", "50", &cmd]);
    }

    fn send(&self, keys: &[&str]) {
        let window = self.window();
        let mut args = vec!["send-keys", "-t", window.as_str()];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types a line and waits until the screen shows `expect`.
    fn line(&self, text: &str, expect: &str) -> String {
        self.send(&["-l", text]);
        self.send(&["Enter"]);
        self.wait_for(expect)
    }

    fn screen(&self) -> String {
        self.server.screen(&self.window())
    }

    fn wait_for(&self, text: &str) -> String {
        self.server.wait_for(&self.window(), text)
    }

    /// The window the latest `start` opened.
    fn window(&self) -> String {
        format!("repl{}", self.n_started.get())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

#[test]
fn multi_line_input_shows_a_continuation_prompt() {
    let t = Tmux::new("multiline");
    t.start("repl");
    t.line("(func $sq (param i32) (result i32)", "...>");
    let screen = t.line("  (i32.mul (local.get 0) (local.get 0)))", "defined func $sq");
    assert!(screen.contains("wat> (func $sq (param i32) (result i32)\n...>   (i32.mul"), "{screen}");
    t.line("(call $sq (i32.const 7))", "[49 : i32]");
}

#[test]
fn tab_completes_instructions_names_and_commands() {
    let t = Tmux::new("tab");
    t.start("repl");
    t.line("(func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))", "defined func $square");
    t.send(&["-l", "i32.co"]);
    t.send(&["Tab"]);
    t.send(&["-l", " 6"]);
    t.send(&["Enter"]);
    t.wait_for("[6 : i32]");
    t.send(&["-l", "call $sq"]);
    t.send(&["Tab"]);
    t.send(&["Enter"]);
    t.wait_for("[36 : i32]");
    t.send(&["-l", ":sta"]);
    t.send(&["Tab"]);
    t.send(&["Enter"]);
    let screen = t.wait_for("wat> :stack\n[36 : i32]");
    assert!(screen.contains("wat> i32.const 6"), "{screen}");
    assert!(screen.contains("wat> call $square"), "{screen}");
}

#[test]
fn ctrl_c_stops_a_loop_and_keeps_the_session() {
    let t = Tmux::new("ctrlc");
    t.start("repl --fuel unlimited");
    t.line("(global $g (mut i32) (i32.const 5))", "defined global $g");
    t.line("i32.const 1", "[1 : i32]");
    t.send(&["-l", "(loop br 0)"]);
    t.send(&["Enter"]);
    // Give the loop time to start before interrupting it.
    std::thread::sleep(Duration::from_millis(500));
    t.send(&["C-c"]);
    t.wait_for("interrupted (Ctrl-C)");
    t.line("global.get $g", "[1 : i32, 5 : i32]");
    // Ctrl-C while typing clears the line instead.
    t.send(&["-l", "this is not wat"]);
    t.send(&["C-c"]);
    // Keys typed before the fresh prompt is up would be discarded with the cleared line.
    t.wait_for("this is not wat\nwat>");
    std::thread::sleep(Duration::from_millis(200));
    t.line(":stack", "wat> :stack\n[1 : i32, 5 : i32]");
}

/// Issue 13: `watlab run` is unmetered, so Ctrl-C ends the process, with a one-line note
/// that names where the loop was; what it printed before stays.
#[test]
fn ctrl_c_ends_a_run_with_a_note() {
    let t = Tmux::new("runctrlc");
    let file = t.data_dir.join("spin.wat");
    std::fs::write(
        &file,
        "(module (import \"env\" \"print_i32\" (func $p (param i32)))\n  (func $spin (export \"main\") (call $p (i32.const 42))\n    (loop $l (br $l))))\n",
    )
    .unwrap();
    t.launch(&format!("run '{}' --timeout none; echo \"exit=$?\"", file.display()));
    t.wait_for("42");
    std::thread::sleep(Duration::from_millis(300));
    t.send(&["C-c"]);
    let screen = t.wait_for("exit=1");
    assert!(screen.contains("error: `main` stopped by Ctrl-C after"), "{screen}");
    assert!(screen.contains(", in `$spin` at "), "{screen}");
    assert!(screen.contains("spin.wat:3:15"), "{screen}");
}

#[test]
fn history_survives_a_restart() {
    let t = Tmux::new("history");
    t.start("repl");
    t.line("(i32.add (i32.const 40) (i32.const 2))", "[42 : i32]");
    t.send(&["C-d"]);
    // Restarting kills the old window: wait until the first REPL has saved its history on exit.
    let file = t.data_dir.join("history.txt");
    let start = Instant::now();
    while !std::fs::read_to_string(&file).is_ok_and(|h| h.contains("(i32.const 40)")) {
        assert!(start.elapsed() < Duration::from_secs(15), "the history was never saved");
        std::thread::sleep(Duration::from_millis(50));
    }
    t.start("repl");
    t.send(&["Up"]);
    t.wait_for("wat> (i32.add (i32.const 40) (i32.const 2))");
    t.send(&["Enter"]);
    t.wait_for("[42 : i32]");
    let saved = std::fs::read_to_string(t.data_dir.join("history.txt")).unwrap();
    assert!(saved.contains("(i32.add (i32.const 40) (i32.const 2))"), "{saved}");
}

#[test]
fn edits_to_a_recalled_entry_survive_walking_the_history() {
    let t = Tmux::new("recall");
    t.start("repl");
    t.line("i32.const 1", "[1 : i32]");
    t.line("i32.const 2", "[1 : i32, 2 : i32]");
    // Type a new line, recall the last entry and change it, walk past it and back.
    t.send(&["-l", "i32.const 9"]);
    t.send(&["Up"]);
    t.wait_for("wat> i32.const 2");
    t.send(&["BSpace"]);
    t.send(&["-l", "7"]);
    t.wait_for("wat> i32.const 7");
    t.send(&["Up"]);
    t.wait_for("wat> i32.const 1");
    t.send(&["Down"]);
    t.wait_for("wat> i32.const 7");
    // The new line typed before the walk is still there too.
    t.send(&["Down"]);
    t.wait_for("wat> i32.const 9");
    t.send(&["Up", "Enter"]);
    t.wait_for("[1 : i32, 2 : i32, 7 : i32]");
    // The history keeps the entry as it was, and the accepted edit as a new one.
    t.send(&["Up", "Up"]);
    let screen = t.wait_for("wat> i32.const 2");
    assert!(!screen.contains("wat> i32.const 9"), "{screen}");
}

#[test]
fn a_corrupt_history_file_is_kept_aside() {
    let t = Tmux::new("corrupt");
    std::fs::write(t.data_dir.join("history.txt"), b"#V2\n\xff\xfe not text\n").unwrap();
    t.start("repl");
    let screen = t.wait_for("a new history was started");
    assert!(screen.contains("history.txt.corrupt"), "{screen}");
    t.line("i32.const 3", "[3 : i32]");
    assert!(t.data_dir.join("history.txt.corrupt").exists());
    let saved = std::fs::read_to_string(t.data_dir.join("history.txt")).unwrap();
    assert!(saved.contains("i32.const 3"), "{saved}");
}

#[test]
fn ctrl_d_under_the_continuation_prompt_ends_the_input_not_the_session() {
    let t = Tmux::new("ctrld");
    // `watlab` alone takes the REPL's limits.
    t.start("--fuel 1000");
    t.line("i32.const 1", "[1 : i32]");
    t.line("(func $h (result i32)", "...>");
    // An empty line under `...>` says what the REPL is waiting for, once.
    t.line("", "(still reading: `(func` opened on line 1 of this input waits for its `)`");
    t.send(&["C-d"]);
    t.wait_for("the input ends before every `(` is closed");
    t.line(":stack", "wat> :stack\n[1 : i32]");
    // A flat `block` waits for its `end`.
    t.line("block (result i32)", "wat> block (result i32)\n...>");
    t.line("i32.const 2", "...> i32.const 2\n...>");
    t.line("end", "...> end\n[1 : i32, 2 : i32]");
    // A command typed under `...>` ends the unfinished input and still runs.
    t.line("(func $g", "...>");
    t.line(":fuel", "fuel: 1,000 units per input");
    // Ctrl-D at an empty prompt leaves.
    t.send(&["C-d"]);
    let start = Instant::now();
    while t.tmux(&["display-message", "-p", "-t", "repl", "#{pane_current_command}"]).trim() != "sleep" {
        assert!(start.elapsed() < Duration::from_secs(15), "watlab did not leave on Ctrl-D:\n{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!t.screen().contains("panicked"), "{}", t.screen());
}

/// Issue 11: Ctrl-C during `continue` stops the debugged call and returns to the debugger's
/// prompt, in `watlab debug` and in the REPL's `:debug`; `quit` then leaves the REPL's
/// session as it was.
#[test]
fn ctrl_c_during_continue_returns_to_the_debugger_prompt() {
    let t = Tmux::new("debugctrlc");
    let file = t.data_dir.join("spin.wat");
    std::fs::write(&file, "(module\n  (func $spin (export \"main\") (local $i i32)\n    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))))\n").unwrap();
    t.launch(&format!("debug '{}'; echo \"exit=$?\"", file.display()));
    t.wait_for("(debug)");
    std::thread::sleep(Duration::from_millis(200));
    t.line("continue", "continue");
    std::thread::sleep(Duration::from_millis(500));
    t.send(&["C-c"]);
    let screen = t.wait_for("stopped by Ctrl-C");
    assert!(screen.contains("in $spin, at 3:"), "{screen}");
    t.wait_for("stopped by Ctrl-C\nstep");
    std::thread::sleep(Duration::from_millis(200));
    t.line("quit", "exit=0");

    t.start("repl --fuel unlimited");
    t.line(
        "(func $spin (local $i i32) (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l)))",
        "defined func $spin",
    );
    t.line("i32.const 7", "[7 : i32]");
    t.line(":debug (call $spin)", "(debug)");
    std::thread::sleep(Duration::from_millis(200));
    t.line("continue", "continue");
    std::thread::sleep(Duration::from_millis(500));
    t.send(&["C-c"]);
    t.wait_for("stopped by Ctrl-C");
    std::thread::sleep(Duration::from_millis(200));
    let screen = t.line("locals", "$i = ");
    assert!(screen.contains("in $spin, at repl[1]:1:"), "{screen}");
    t.line("quit", "(back at the prompt");
    std::thread::sleep(Duration::from_millis(200));
    t.line(":stack", "wat> :stack\n[7 : i32]");
}
