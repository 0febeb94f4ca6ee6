//! Small helpers for the words of messages: plurals, did-you-mean, grouped numbers, and names
//! from modules made safe to show.
//!
//! One copy of each, so every message counts, suggests and groups digits the same way.

/// A name a module chose (export, import, custom name), shown safely: control characters
/// (ESC, CR, LF, ...), invisible format characters (bidi overrides, zero-width) and `\` and `"`
/// are written as escapes, so a name can neither drive the terminal nor break a one-line format.
/// Every place that shows such a name goes through this (issue 9).
#[derive(Debug, Clone, Copy)]
pub struct DisplayName<'a>(pub &'a str);

impl std::fmt::Display for DisplayName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        for c in self.0.chars() {
            match c {
                '\\' => f.write_str("\\\\")?,
                '"' => f.write_str("\\\"")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() || is_invisible(c) => write!(f, "\\u{{{:x}}}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// Format characters that change how text around them looks without showing themselves.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// [`DisplayName`] as a `String`.
pub fn shown_name(name: &str) -> String {
    DisplayName(name).to_string()
}

/// `a`, `a or b`, `a, b or c`.
pub fn list_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// `1 function`, `3 functions`, `2 indices`, `2 bodies`.
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural_noun(noun))
    }
}

/// The plural of `noun` alone: `functions`, `indices`, `bodies`.
pub fn plural_noun(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("index") {
        format!("{stem}indices")
    } else if let Some(stem) = noun.strip_suffix("body") {
        format!("{stem}bodies")
    } else {
        format!("{noun}s")
    }
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a
/// plausible typo (a third of the word's length, at least one edit, at most three).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_to_any(&[word], candidates)
}

/// [`closest`] for a word that may have been meant as any of `forms` (a legacy spelling and
/// its modern reading, say): the best match of any form wins.
pub fn closest_to_any<'a>(forms: &[&str], candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    forms
        .iter()
        .flat_map(|word| {
            let limit = (word.chars().count() / 3).clamp(1, 3);
            candidates
                .iter()
                .enumerate()
                .filter(move |(_, c)| **c != *word)
                .map(move |(idx, c)| {
                    (strsim::damerau_levenshtein(word, c), std::cmp::Reverse(common_prefix(word, c)), idx)
                })
                .filter(move |(d, _, _)| *d <= limit)
        })
        // Among equally close names, the one sharing the longest start with the word wins
        // (`ad` means `add` rather than `d`); then the earlier candidate.
        .min()
        .map(|(_, _, idx)| candidates[idx])
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "export"), "1 export");
        assert_eq!(plural(0, "function"), "0 functions");
        assert_eq!(plural(2, "type index"), "2 type indices");
        assert_eq!(plural(3, "function body"), "3 function bodies");
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("$fac", ["$fact", "$main"]), Some("$fact"));
        assert_eq!(closest("add", ["sub", "mul"]), None);
        assert_eq!(closest("main", ["main"]), None);
        assert_eq!(closest("ad", ["d", "add"]), Some("add"));
    }

    /// Issue 9: export names with ESC, CR or LF were printed raw.
    #[test]
    fn names_are_shown_without_control_characters() {
        assert_eq!(shown_name("plain_name.1"), "plain_name.1");
        assert_eq!(shown_name("é☃"), "é☃");
        assert_eq!(shown_name("a\x1b[31mb\r\nc\t\\\"\u{202e}\0"), "a\\u{1b}[31mb\\r\\nc\\t\\\\\\\"\\u{202e}\\u{0}");
    }
}
