//! One tmux server per terminal test, shared by the REPL and `learn` terminal tests: start it,
//! send it commands, read a window's screen and wait for text on it. Dropping it ends the server.

use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server (`tmux -L SOCKET`).
pub struct Server {
    /// The server's socket name, unique to the test process and the test.
    pub socket: String,
}

impl Server {
    /// A server for test `test`, its socket named `watlab-KIND-PID-TEST`.
    ///
    /// # Panics
    /// When tmux is missing: a terminal test that cannot run must not pass.
    pub fn new(kind: &str, test: &str) -> Server {
        if Command::new("tmux").arg("-V").output().map(|o| !o.status.success()).unwrap_or(true) {
            panic!("the terminal test `{test}` needs tmux, which is not installed (`cargo xtask test` installs it, or `apt-get install tmux`)");
        }
        Server { socket: format!("watlab-{kind}-{}-{test}", std::process::id()) }
    }

    /// Runs `tmux ARGS` against this server and returns what it printed.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// What `window` shows now.
    pub fn screen(&self, window: &str) -> String {
        self.run(&["capture-pane", "-p", "-t", window])
    }

    /// Polls `window` until it shows `text` (a timeout, not a timing assertion).
    pub fn wait_for(&self, window: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(window);
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("the screen never showed {text:?}; it shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
