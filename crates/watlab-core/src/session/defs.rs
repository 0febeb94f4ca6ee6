//! What a REPL input is, read from its tokens: definitions (module fields), WAST commands,
//! meta commands or bare instructions; and, for each definition, what it adds to the module.
//!
//! Only the lexer is used here: wast parses the fields later, when the whole session module is
//! assembled, so syntax errors are still reported by `assemble`. This file decides shape, not
//! validity.

use std::ops::Range;

use crate::lex::{self, Token, TokenKind};
use crate::source::SourceId;

pub use crate::keywords::{FIELDS as FIELD_KEYWORDS, WAST_COMMANDS as WAST_KEYWORDS};

/// The index space a definition adds one entry to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    /// Functions.
    Func,
    /// Tables.
    Table,
    /// Memories.
    Memory,
    /// Globals.
    Global,
    /// Tags (exceptions; the engine refuses them, but they parse).
    Tag,
}

impl Space {
    /// The WAT keyword.
    pub fn word(self) -> &'static str {
        match self {
            Space::Func => "func",
            Space::Table => "table",
            Space::Memory => "memory",
            Space::Global => "global",
            Space::Tag => "tag",
        }
    }

    fn from_word(word: &str) -> Option<Space> {
        Some(match word {
            "func" => Space::Func,
            "table" => Space::Table,
            "memory" => Space::Memory,
            "global" => Space::Global,
            "tag" => Space::Tag,
            _ => return None,
        })
    }
}

/// One module field the learner typed.
#[derive(Debug, Clone)]
pub struct Def {
    /// Unique per definition; a redefinition gets a new id, so state keyed by id is reset.
    pub id: u64,
    /// The input it came from.
    pub source: SourceId,
    /// Where the field is in that input.
    pub start: usize,
    /// The field's text, `(` to `)`.
    pub text: String,
    /// The field keyword: `func`, `memory`, `import`, ...
    pub kind: String,
    /// The index space it adds to, if any.
    pub space: Option<Space>,
    /// An import (an `(import ...)` field or an inline `(import ...)`).
    pub is_import: bool,
    /// Its `$name`, if it has one.
    pub name: Option<String>,
    /// What a later definition must match to replace this one.
    pub key: Option<String>,
    /// Data segments it creates (a `data` field, or a memory with inline data).
    pub n_data: usize,
    /// The first export name it gives (inline, or of an `(export ...)` field), quoted.
    pub export: Option<String>,
}

impl Def {
    /// The module name an import definition imports from (`"lib"` in
    /// `(import "lib" "double" ...)` or `(func $d (import "lib" "double") ...)`), when it is
    /// written without escapes.
    pub fn import_module(&self) -> Option<String> {
        if !self.is_import {
            return None;
        }
        let at = self.text.find("(import")? + "(import".len();
        let rest = self.text[at..].trim_start().strip_prefix('"')?;
        let name = &rest[..rest.find('"')?];
        (!name.contains('\\')).then(|| name.to_string())
    }

    /// How the learner would name it: `func $fac`, `memory`, `data segment`.
    pub fn describe(&self) -> String {
        let what = match (self.kind.as_str(), self.space) {
            ("import", Some(space)) => space.word().to_string(),
            ("data", _) => "data segment".to_string(),
            ("elem", _) => "element segment".to_string(),
            ("start", _) => "start function".to_string(),
            ("rec", _) => "type group".to_string(),
            (kind, _) => kind.to_string(),
        };
        match (&self.name, &self.export) {
            (Some(name), _) => format!("{what} {name}"),
            (None, Some(export)) if self.kind == "export" => format!("{what} {export}"),
            (None, Some(export)) => format!("{what} (export {export})"),
            (None, None) => what,
        }
    }
}

/// What an input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Nothing but whitespace and comments.
    Empty,
    /// `:name args`.
    Command,
    /// One or more module fields, with their ranges.
    Fields(Vec<Range<usize>>),
    /// One or more WAST commands, with their ranges.
    Wast(Vec<Range<usize>>),
    /// Bare instructions (flat or folded).
    Instructions,
    /// Fields mixed with something else; the range of the first thing that is not a field.
    Mixed(Range<usize>),
}

fn significant(text: &str) -> Vec<Token> {
    lex::tokens(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect()
}

/// Top-level groups: each `( ... )` at depth 0 with its keyword, and lone tokens as `None`.
fn top_level(text: &str, toks: &[Token]) -> Vec<(Range<usize>, Option<String>)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut head = None;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::LParen | TokenKind::Annotation => {
                if depth == 0 {
                    start = t.range.start;
                    head = toks
                        .get(i + 1)
                        .filter(|n| n.kind == TokenKind::Keyword && t.kind == TokenKind::LParen)
                        .map(|n| text[n.range.clone()].to_string());
                }
                depth += 1;
            }
            TokenKind::RParen => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push((start..t.range.end, head.take()));
                }
            }
            _ if depth == 0 => out.push((t.range.clone(), None)),
            _ => {}
        }
    }
    if depth > 0 {
        out.push((start..text.len(), head));
    }
    out
}

/// Decides what `text` is.
pub fn shape(text: &str) -> Shape {
    let toks = significant(text);
    let Some(first) = toks.first() else { return Shape::Empty };
    if text[first.range.clone()].starts_with(':') {
        return Shape::Command;
    }
    let groups = top_level(text, &toks);
    let is_field = |h: &Option<String>| h.as_deref().is_some_and(|h| FIELD_KEYWORDS.contains(&h));
    let is_wast = |h: &Option<String>| h.as_deref().is_some_and(|h| WAST_KEYWORDS.contains(&h));
    match groups.first() {
        Some((_, h)) if is_field(h) => match groups.iter().find(|(_, h)| !is_field(h)) {
            Some((r, _)) => Shape::Mixed(r.clone()),
            None => Shape::Fields(groups.into_iter().map(|(r, _)| r).collect()),
        },
        Some((_, h)) if is_wast(h) => match groups.iter().find(|(_, h)| !is_wast(h)) {
            Some((r, _)) => Shape::Mixed(r.clone()),
            None => Shape::Wast(groups.into_iter().map(|(r, _)| r).collect()),
        },
        _ => Shape::Instructions,
    }
}

/// The keyword after the first `(` of `text`, if any.
pub fn head(text: &str) -> Option<String> {
    let toks = significant(text);
    match (toks.first(), toks.get(1)) {
        (Some(p), Some(k)) if p.kind == TokenKind::LParen && k.kind == TokenKind::Keyword => {
            Some(text[k.range.clone()].to_string())
        }
        _ => None,
    }
}

/// Whether an unindented line begins something new after the unfinished `pending`: a
/// `:command`, or a definition or WAST command (`(func`, `(module`, ...). Inside a definition
/// such lines are indented or nested; inside a `(module` or an `(assert_...` they may not be,
/// so there only a command counts.
pub fn starts_afresh(pending: &str, line: &str) -> bool {
    if line.starts_with(':') {
        return true;
    }
    if head(pending).is_some_and(|h| WAST_KEYWORDS.contains(&h.as_str())) {
        return false;
    }
    let Some(rest) = line.strip_prefix('(') else { return false };
    let word: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    FIELD_KEYWORDS.contains(&word.as_str()) || WAST_KEYWORDS.contains(&word.as_str())
}

/// Reads what a field defines. `text` is the field alone, `(` to `)`.
pub fn describe_field(id: u64, source: SourceId, start: usize, text: &str) -> Def {
    let toks = significant(text);
    let word = |i: usize| toks.get(i).map(|t| &text[t.range.clone()]);
    let kind_at = |i: usize| toks.get(i).map(|t| t.kind);
    let kind = word(1).unwrap_or("").to_string();
    let mut def = Def {
        id,
        source,
        start,
        text: text.to_string(),
        kind: kind.clone(),
        space: Space::from_word(&kind),
        is_import: false,
        name: None,
        key: None,
        n_data: usize::from(kind == "data"),
        export: None,
    };
    if kind == "import" {
        // (import "m" "n" (func $f ...))
        def.space = word(5).and_then(Space::from_word);
        if kind_at(6) == Some(TokenKind::Id) {
            def.name = word(6).map(str::to_string);
        }
        def.is_import = true;
    } else if kind_at(2) == Some(TokenKind::Id) {
        def.name = word(2).map(str::to_string);
    }
    // Inline exports and imports sit in parens directly inside the field, before anything else.
    let mut export_name = None;
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::LParen | TokenKind::Annotation => {
                depth += 1;
                if depth == 2 {
                    match word(i + 1) {
                        Some("export") if export_name.is_none() => export_name = word(i + 2).map(str::to_string),
                        Some("import") if kind != "import" => def.is_import = true,
                        Some("data") if kind == "memory" => def.n_data = 1,
                        _ => {}
                    }
                }
            }
            TokenKind::RParen => depth -= 1,
            _ => {}
        }
    }
    def.export = if kind == "export" { word(2).map(str::to_string) } else { export_name.clone() };
    def.key = match (&def.name, def.kind.as_str()) {
        (_, "start") => Some("start".into()),
        (_, "export") => word(2).map(|n| format!("export {n}")),
        (Some(name), "import") => def.space.map(|s| format!("{} {name}", s.word())),
        (Some(name), "rec") => Some(format!("rec {name}")),
        (Some(name), k) => Some(format!("{k} {name}")),
        (None, k) => match export_name {
            Some(e) => Some(format!("{k} export {e}")),
            // Nearly every learner module has one unnamed memory (or table): typing or pasting
            // another replaces it rather than adding a second, which would need multi-memory.
            None if matches!(k, "memory" | "table") && !def.is_import => Some(format!("{k} (unnamed)")),
            None => None,
        },
    };
    def
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(text: &str) -> Def {
        describe_field(0, SourceId(0), 0, text)
    }

    #[test]
    fn a_command_or_definition_ends_an_unfinished_input() {
        assert!(starts_afresh("(func $f", ":stack"));
        assert!(starts_afresh("(func $f", "(func $g)"));
        assert!(!starts_afresh("(func $f", "  (i32.const 1)"));
        assert!(!starts_afresh("(func $f", "(i32.const 1)"));
        assert!(!starts_afresh("(module", "(func $g)"));
        assert!(starts_afresh("(module", ":quit"));
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("  ;; nothing"), Shape::Empty);
        assert_eq!(shape(":help"), Shape::Command);
        assert_eq!(shape("i32.const 1"), Shape::Instructions);
        assert_eq!(shape("(i32.add (i32.const 1) (i32.const 2))"), Shape::Instructions);
        assert_eq!(shape("(memory 1) (global i32 (i32.const 0))"), Shape::Fields(vec![0..10, 11..37]));
        assert_eq!(shape("(invoke \"f\")"), Shape::Wast(std::iter::once(0..12).collect()));
        assert_eq!(shape("(func) i32.const 1"), Shape::Mixed(7..16));
    }

    #[test]
    fn fields_say_what_they_define() {
        let f = def("(func $fac (export \"fac\") (param i32) (result i32) local.get 0)");
        assert_eq!(
            (f.space, f.name.as_deref(), f.key.as_deref()),
            (Some(Space::Func), Some("$fac"), Some("func $fac"))
        );
        let i = def("(import \"env\" \"print_i32\" (func $p (param i32)))");
        assert!(i.is_import);
        assert_eq!((i.space, i.key.as_deref()), (Some(Space::Func), Some("func $p")));
        let m = def("(memory (export \"memory\") 1 (data \"hi\"))");
        assert_eq!((m.n_data, m.key.as_deref()), (1, Some("memory export \"memory\"")));
        assert!(def("(func $p (import \"env\" \"print_i32\") (param i32))").is_import);
        assert_eq!(def("(start $main)").key.as_deref(), Some("start"));
        assert_eq!(def("(data (i32.const 0) \"x\")").key, None);
        assert_eq!(def("(memory 1)").key.as_deref(), Some("memory (unnamed)"));
    }
}
