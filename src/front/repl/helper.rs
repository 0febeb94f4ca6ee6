//! The rustyline helper: Tab completion (from `Session::complete`, refreshed after every input)
//! and syntax highlighting from the lexer.
//!
//! Multi-line input is not left to rustyline's `Validator`: rustyline 19 cannot show a prompt on
//! continuation lines, so the loop in `mod.rs` reads one line at a time and asks
//! `lex::pending` whether to read another under the `...> ` prompt. The validator here
//! therefore accepts every line.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use watlab_core::session::Session;

/// What the line editor knows about the session: the session itself, shared with the loop.
pub struct ReplHelper {
    /// The live session, for completion.
    pub session: Rc<RefCell<Session>>,
    /// Highlight the input.
    pub color: bool,
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        // Completion is asked for only while the loop waits for input, never during `eval`.
        let Ok(session) = self.session.try_borrow() else { return Ok((pos, Vec::new())) };
        let (start, words) = session.complete(line, pos);
        Ok((start, words.into_iter().map(|w| Pair { display: w.clone(), replacement: w }).collect()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.color && !line.starts_with(':') {
            Cow::Owned(watlab_core::lex::highlight_ansi(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
