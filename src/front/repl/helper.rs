//! The rustyline helper: Tab completion (instructions from the instruction table, the
//! session's `$names`, `:` commands from the command table) and syntax highlighting from the
//! lexer.
//!
//! Multi-line input is not left to rustyline's `Validator`: rustyline 19 cannot show a prompt on
//! continuation lines, so the loop in `repl.rs` reads one line at a time and asks
//! `lex::completeness` whether to read another under the `...> ` prompt. The validator here
//! therefore accepts every line.

use std::borrow::Cow;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

/// Words of the text format that are not instructions but are worth completing.
const KEYWORDS: &[&str] = &[
    "module",
    "func",
    "param",
    "result",
    "local",
    "memory",
    "global",
    "table",
    "type",
    "import",
    "export",
    "data",
    "elem",
    "start",
    "mut",
    "then",
    "else",
    "end",
    "offset",
    "item",
    "declare",
    "funcref",
    "externref",
    "i32",
    "i64",
    "f32",
    "f64",
    "v128",
    "invoke",
    "assert_return",
    "assert_trap",
    "get",
];

/// What the line editor knows about the session.
#[derive(Debug, Default)]
pub struct ReplHelper {
    /// The session's `$names`, refreshed after every input.
    pub names: Vec<String>,
    /// Highlight the input.
    pub color: bool,
}

impl ReplHelper {
    /// Completion candidates for the word ending at `pos`: (start of the word, candidates).
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos.min(line.len())];
        let start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == ')').map_or(0, |i| i + 1);
        let word = &before[start..];
        let mut out: Vec<String> = if word.starts_with(':') && before[..start].trim().is_empty() {
            watlab_core::commands::complete(word).map(|c| c.name.to_string()).collect()
        } else if word.starts_with('$') {
            self.names.iter().filter(|n| n.starts_with(word)).cloned().collect()
        } else if word.is_empty() {
            Vec::new()
        } else {
            watlab_core::instr::complete(word)
                .map(|i| i.name.to_string())
                .chain(KEYWORDS.iter().filter(|k| k.starts_with(word)).map(|k| k.to_string()))
                .collect()
        };
        out.sort();
        out.dedup();
        (start, out)
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, words) = self.candidates(line, pos);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: &[&str]) {
        let helper = ReplHelper { names: vec!["$fac".into(), "$fib".into(), "$g".into()], color: false };
        let (_, got) = helper.candidates(line, line.len());
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn completes_instructions_names_and_commands() {
        check("i32.con", &["i32.const"]);
        check("(call $f", &["$fac", "$fib"]);
        check(":me", &[":memory"]);
        check("", &[]);
        check("local.te", &["local.tee"]);
    }
}
