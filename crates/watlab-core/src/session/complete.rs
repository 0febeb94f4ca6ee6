//! Tab completion for any front end: instructions from the instruction table, the session's
//! `$names`, `:` commands from the command table, and the text format's other keywords.

use super::Session;

impl Session {
    /// Completions for the word ending at byte `cursor` of `line`: where that word starts, and
    /// the candidates that could replace it, sorted, without repeats.
    pub fn complete(&self, line: &str, cursor: usize) -> (usize, Vec<String>) {
        let mut cursor = cursor.min(line.len());
        while !line.is_char_boundary(cursor) {
            cursor -= 1;
        }
        let before = &line[..cursor];
        let start = before.rfind(|c: char| c.is_whitespace() || c == '(' || c == ')').map_or(0, |i| i + 1);
        let word = &before[start..];
        let mut out: Vec<String> = if word.starts_with(':') && before[..start].trim().is_empty() {
            crate::commands::complete(word).map(|c| c.name.to_string()).collect()
        } else if word.starts_with('$') {
            self.names().into_iter().filter(|n| n.starts_with(word)).collect()
        } else if word.is_empty() {
            Vec::new()
        } else {
            crate::instr::complete(word)
                .map(|i| i.name.to_string())
                .chain(crate::keywords::COMPLETED.iter().filter(|k| k.starts_with(word)).map(|k| k.to_string()))
                .collect()
        };
        out.sort();
        out.dedup();
        (start, out)
    }
}

#[cfg(test)]
mod tests {
    use crate::runtime::Limits;
    use crate::session::Session;

    fn check(line: &str, expected: &[&str]) {
        let mut s = Session::new(Limits::default());
        s.eval("(func $fac) (func $fib) (global $g i32 (i32.const 0))");
        let (_, got) = s.complete(line, line.len());
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn completes_instructions_names_and_commands() {
        check("i32.con", &["i32.const"]);
        check("(call $f", &["$fac", "$fib"]);
        check(":me", &[":memory"]);
        check("", &[]);
        check("local.te", &["local.tee"]);
        check("(mod", &["module"]);
    }

    #[test]
    fn a_cursor_inside_a_character_is_moved_back() {
        let s = Session::new(Limits::default());
        let (start, got) = s.complete("é", 1);
        assert_eq!((start, got), (0, Vec::<String>::new()));
    }
}
