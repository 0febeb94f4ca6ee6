//! A small bracket scanner over script text, for finding what to underline.
//!
//! wast keeps no spans for an assertion's result patterns or an `invoke`'s arguments, and the
//! spans it does keep mark one keyword. This scanner finds the items of a parenthesized group
//! (atoms and balanced sub-groups) by skipping strings and comments, reading only the group
//! itself, so it stays cheap inside a 12 MB spec script. It also splits a script into its
//! top-level items, which lets a script with a syntax error run its other directives.
//! Tokenizing for real is `lex`'s job; this only needs to know where items begin and end.

use std::ops::Range;

enum Item {
    /// An atom or a balanced group.
    Found(Range<usize>),
    /// A `)` that closes the enclosing group.
    Close,
    /// The end of the text.
    End,
}

fn skip_space_and_comments(b: &[u8], mut i: usize) -> usize {
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i..].starts_with(b";;") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"(;") {
            i = skip_block_comment(b, i);
        } else {
            return i;
        }
    }
}

fn skip_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < b.len() {
        if b[i..].starts_with(b"(;") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b";)") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn next_item(b: &[u8], i: usize) -> (Item, usize) {
    let start = skip_space_and_comments(b, i);
    if start >= b.len() {
        return (Item::End, b.len());
    }
    match b[start] {
        b')' => (Item::Close, start + 1),
        b'(' => {
            let mut depth = 0usize;
            let mut j = start;
            while j < b.len() {
                j = skip_space_and_comments(b, j);
                match b.get(j) {
                    Some(b'(') => {
                        depth += 1;
                        j += 1;
                    }
                    Some(b')') => {
                        depth -= 1;
                        j += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Some(b'"') => j = skip_string(b, j),
                    Some(_) => j += 1,
                    None => break,
                }
            }
            let end = j.min(b.len());
            (Item::Found(start..end), end)
        }
        b'"' => {
            let end = skip_string(b, start).min(b.len());
            (Item::Found(start..end), end)
        }
        _ => {
            let mut j = start;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'(' | b')' | b'"' | b';') {
                j += 1;
            }
            let end = j.max(start + 1).min(b.len());
            (Item::Found(start..end), end)
        }
    }
}

/// The items after the keyword at `keyword` in the group it opens, up to the group's `)`.
pub fn children(text: &str, keyword: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let (Item::Found(_), mut at) = next_item(b, keyword.min(b.len())) else { return items };
    loop {
        match next_item(b, at) {
            (Item::Found(r), next) => {
                items.push(r);
                at = next;
            }
            _ => return items,
        }
    }
}

/// The top-level items of `text`: balanced groups and stray atoms or `)`, comments skipped.
pub fn top_level(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut at = 0;
    loop {
        match next_item(b, at) {
            (Item::Found(r), next) => {
                items.push(r);
                at = next;
            }
            (Item::Close, next) => {
                items.push(next - 1..next);
                at = next;
            }
            (Item::End, _) => return items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, ranges: Vec<Range<usize>>) -> Vec<&str> {
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn children_skip_strings_and_comments() {
        let text = r#"(assert_return (invoke "f)" (i32.const 1)) ;; x )
            (; ( ;) (i32.const 2)) (module)"#;
        assert_eq!(shown(text, children(text, 1)), [r#"(invoke "f)" (i32.const 1))"#, "(i32.const 2)"]);
        assert_eq!(shown(text, children(text, 16)), [r#""f)""#, "(i32.const 1)"]);
    }

    #[test]
    fn top_level_items_survive_garbage() {
        let text = "(module) oops ) (invoke \"x\"\n(assert_return";
        assert_eq!(shown(text, top_level(text)), ["(module)", "oops", ")", "(invoke \"x\"\n(assert_return"]);
    }
}
