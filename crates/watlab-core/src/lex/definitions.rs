//! The `$name` definitions of a text, behind "did you mean" and Tab completion.

use std::ops::Range;

use super::{tokens, Token, TokenKind};

/// What a `$name` names, by the construct that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefKind {
    /// `(func $f` at module level, or inside an `(import ...)`.
    Func,
    /// `(param $p i32)`.
    Param,
    /// `(local $l i32)`.
    Local,
    /// `(global $g`.
    Global,
    /// `(memory $m`.
    Memory,
    /// `(table $t`.
    Table,
    /// `(type $t` at module level or in a `(rec ...)` group.
    Type,
    /// `(data $d`.
    Data,
    /// `(elem $e`.
    Elem,
    /// `block $l`, `loop $l`, `if $l`, `try_table $l`, flat or folded.
    Label,
    /// `(tag $x`.
    Tag,
    /// `(module $m` (also `(module definition $m`).
    Module,
}

/// A `$name` definition found in the text, for "did you mean" and Tab completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// What kind of thing the name defines.
    pub kind: DefKind,
    /// The id exactly as written, with the leading `$` (and the quotes of a `$"quoted"` id).
    pub name: String,
    /// Byte range of the id in the source.
    pub range: Range<usize>,
}

/// Every `$id` that is *defined* (not merely used) in `src`, in source order.
///
/// Recognises `(func $f`, `(param $p`, `(local $l`, `(global $g`, `(memory $m`, `(table $t`,
/// `(type $t`, `(data $d`, `(elem $e`, `(tag $x`, `(module $m`, the same fields inside
/// `(import "m" "n" (func $f ...))`, and block labels after `block`/`loop`/`if`/`try_table`
/// in flat and folded form. References that look alike are skipped by looking at the
/// enclosing paren: `(export "f" (func $f))`, `(func (type $t))`, `(data (memory $m) ...)`.
/// Works on incomplete or broken input; annotations and comments are ignored.
pub fn definitions(src: &str) -> Vec<Definition> {
    let toks: Vec<Token> = tokens(src)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect();
    let text = |t: &Token| &src[t.range.clone()];
    let id_at = |j: usize| toks.get(j).filter(|t| t.kind == TokenKind::Id);
    let mut defs = Vec::new();
    let mut define = |kind, id: &Token| {
        defs.push(Definition { kind, name: text(id).to_string(), range: id.range.clone() });
    };
    // The keyword right after each open paren ("" if there is none), innermost last. The
    // parent's keyword is what tells a definition `(func $f` from a reference to it.
    let mut heads: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        match tok.kind {
            TokenKind::Annotation => {
                i = skip_annotation(&toks, i);
                continue;
            }
            TokenKind::LParen => {
                let head = toks.get(i + 1).filter(|t| t.kind == TokenKind::Keyword).map_or("", text);
                if let Some(kind) = field_def_kind(head, heads.last().copied()) {
                    let mut j = i + 2;
                    if head == "module" && toks.get(j).map(text) == Some("definition") {
                        j += 1;
                    }
                    if let Some(id) = id_at(j) {
                        define(kind, id);
                    }
                }
                heads.push(head);
            }
            TokenKind::RParen => {
                heads.pop();
            }
            TokenKind::Keyword if crate::keywords::LABELLED.contains(&text(tok)) => {
                if let Some(id) = id_at(i + 1) {
                    define(DefKind::Label, id);
                }
            }
            _ => {}
        }
        i += 1;
    }
    defs
}

/// The kind defined by `(head $id` inside a paren whose keyword is `parent` (`None` at the
/// top level of the input, which the REPL treats as module level).
fn field_def_kind(head: &str, parent: Option<&str>) -> Option<DefKind> {
    let module_level = matches!(parent, None | Some("module"));
    let importable = module_level || parent == Some("import");
    let kind = match head {
        "param" => DefKind::Param,
        "local" => DefKind::Local,
        "module" => DefKind::Module,
        "func" if importable => DefKind::Func,
        "global" if importable => DefKind::Global,
        "memory" if importable => DefKind::Memory,
        "table" if importable => DefKind::Table,
        "tag" if importable => DefKind::Tag,
        "type" if module_level || parent == Some("rec") => DefKind::Type,
        "data" if module_level => DefKind::Data,
        "elem" if module_level => DefKind::Elem,
        _ => return None,
    };
    Some(kind)
}

/// Index just past the `)` that closes the annotation starting at `start` (or the end).
fn skip_annotation(toks: &[Token], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(start) {
        match t.kind {
            TokenKind::LParen | TokenKind::Annotation => depth += 1,
            TokenKind::RParen => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}
