//! Small helpers for the words of messages: plurals, did-you-mean, grouped numbers.
//!
//! One copy of each, so every message counts, suggests and groups digits the same way.

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
}
