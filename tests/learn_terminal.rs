//! `watlab learn`'s watch mode in a real terminal, driven through tmux (issue 14): saving a
//! fixed exercise shows it passed without a key pressed, `h` reveals a hint, `n` moves on to
//! the next lesson and watches its file, `r` re-checks, `q` leaves and gives the terminal back.
//! Needs `tmux` and fails, saying so, where it is missing (`cargo xtask test` installs it).
//! Each test runs its own tmux server (`-L`); the waits poll the screen until the expected
//! text appears (timeouts, not timing assertions).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[path = "support/tmux.rs"]
mod tmux;

struct Tmux {
    server: tmux::Server,
    root: PathBuf,
}

impl Tmux {
    /// A tmux server and a fresh course directory made by `learn init` on the test course.
    ///
    /// # Panics
    /// When tmux is missing: a terminal test that cannot run must not pass.
    fn new(test: &str) -> Tmux {
        let server = tmux::Server::new("learn", test);
        let root = std::env::temp_dir().join(&server.socket);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/learn/pack");
        let status = Command::new(env!("CARGO_BIN_EXE_watlab"))
            .args(["learn", "init", "--pack"])
            .arg(&pack)
            .current_dir(&root)
            .stdout(Stdio::null())
            .status()
            .expect("watlab runs");
        assert!(status.success());
        Tmux { server, root }
    }

    fn course(&self) -> PathBuf {
        self.root.join("watlab-course")
    }

    fn tmux(&self, args: &[&str]) -> String {
        self.server.run(args)
    }

    /// `watlab learn` in the course directory, in a terminal of 120 x 50, with `env` set.
    fn start(&self, env: &str) {
        let cmd = format!(
            "cd '{}' && {env} NO_COLOR=1 '{}' learn; echo \"exit=$?\"; sleep 30",
            self.course().display(),
            env!("CARGO_BIN_EXE_watlab")
        );
        self.tmux(&["new-session", "-d", "-s", "learn", "-x", "120", "-y", "50", &cmd]);
    }

    fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "learn", "-l", key]);
    }

    fn wait_for(&self, text: &str) -> String {
        self.server.wait_for("learn", text)
    }

    fn save(&self, lesson: &str, text: &str) {
        // As an editor saves: the whole file replaced.
        let path = self.course().join(lesson).join("exercise.wat");
        let tmp = path.with_extension("wat.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[test]
fn saving_a_fixed_exercise_passes_and_n_moves_on() {
    let t = Tmux::new("watch");
    t.start("");
    let screen = t.wait_for("NOT YET answer: 0 of 1 checks passed");
    assert!(screen.contains("[..............................] 0 of 2 lessons passed"), "{screen}");
    assert!(screen.contains("Lesson 1 of 2: The answer (answer)"), "{screen}");
    assert!(screen.contains("keys: n next  h hint  l list  r re-check  x reset  q quit"), "{screen}");

    // Not passed: `n` says why and stays.
    t.key("n");
    t.wait_for("answer does not pass yet: finish it first");

    t.key("h");
    t.wait_for("Hint 1 of 2 for answer:");

    // A save is enough: no key.
    t.save("01-answer", "(module\n  (func (export \"answer\") (result i32)\n    i32.const 42))\n");
    let screen = t.wait_for("PASSED answer: 1 check passed");
    assert!(screen.contains("Well done! Press n for the next lesson."), "{screen}");
    assert!(screen.contains("1 of 2 lessons passed"), "{screen}");

    t.key("n");
    let screen = t.wait_for("Lesson 2 of 2: Sum with a loop (sum)");
    assert!(screen.contains("Watching 02-sum/exercise.wat"), "{screen}");
    t.wait_for("NOT YET sum: 1 of 3 checks passed");

    // The new lesson's file is the one watched now: a rule on how fails on save.
    let recursive = "(module\n  (func $sum (export \"sum\") (param $n i32) (result i32)\n    (if (result i32) (i32.eqz (local.get $n))\n      (then (i32.const 0))\n      (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1))))))))\n";
    t.save("02-sum", recursive);
    t.wait_for("NOT YET sum: every check passes, but not the way this lesson asks");

    t.key("q");
    t.wait_for("exit=0");
    let progress = std::fs::read_to_string(t.course().join(".watlab-progress.toml")).unwrap();
    assert!(progress.contains("current = \"sum\""), "{progress}");
    // Watch mode's first check of the untouched starter was no attempt; the save was one.
    assert!(progress.contains("[lessons.answer]\nattempts = 1\nhints = 1\n"), "{progress}");
}

#[test]
fn polling_alone_notices_a_save_and_r_rechecks() {
    // Where file events are missed, the one-second poll still sees the save.
    let t = Tmux::new("poll");
    t.start("WATLAB_WATCH=poll");
    t.wait_for("NOT YET answer: 0 of 1 checks passed");
    t.save("01-answer", "(module\n  (func (export \"answer\") (result i32)\n    i32.const 42))\n");
    t.wait_for("PASSED answer: 1 check passed");
    // `r` checks again at once; `x` restores the starter (keeping a backup) and checks it.
    t.key("x");
    let screen = t.wait_for("Restored the starter of answer");
    assert!(screen.contains("NOT YET answer: 0 of 1 checks passed"), "{screen}");
    assert!(t.course().join("01-answer/exercise.wat.bak1").exists());
    t.save("01-answer", "(module\n  (func (export \"answer\") (result i32)\n    i32.const 42))\n");
    t.key("r");
    t.wait_for("PASSED answer: 1 check passed");
    t.key("l");
    t.wait_for("1. done     answer");
    t.key("q");
    t.wait_for("exit=0");
}
