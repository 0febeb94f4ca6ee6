//! The views behind `:memory`, `:globals`, `:funcs`, `:exports`, `:wat` and `:bytes`, and the
//! one-line summaries of new definitions. Read-only: nothing here changes the session.

use std::ops::Range;

use wasmi::Extern;

use super::build::{Built, Entry, INTERNAL};
use super::defs::{Def, Space};
use super::events::{Change, Definition, Detail, MemoryRow, MemoryView};
use super::Event;
use crate::diag::{code, Diagnostic};
use crate::lex::{self, TokenKind};
use crate::source::{line_col, line_text, SourceMap};
use crate::value::{type_name, DisplayFuncType};

/// The session module as text: every definition inside one `(module ...)`.
pub fn wat(defs: &[Def]) -> String {
    let mut out = String::from("(module");
    for d in defs.iter().filter(|d| d.is_import).chain(defs.iter().filter(|d| !d.is_import)) {
        out.push('\n');
        let lines: Vec<&str> = d.text.lines().collect();
        // Continuation lines keep their indentation relative to the first line.
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(line.trim_end());
        }
    }
    out.push_str(")\n");
    out
}

/// The range of `text` inside `(module $id? ...)`, or all of it when it is bare fields.
pub fn module_body(text: &str) -> Range<usize> {
    let toks: Vec<_> = lex::tokens(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::LineComment | TokenKind::BlockComment))
        .collect();
    let is_module = toks.first().is_some_and(|t| t.kind == TokenKind::LParen)
        && toks.get(1).is_some_and(|t| &text[t.range.clone()] == "module");
    if !is_module {
        return 0..text.len();
    }
    let mut start = toks[1].range.end;
    if let Some(id) = toks.get(2).filter(|t| t.kind == TokenKind::Id) {
        start = id.range.end;
    }
    let end = toks.last().filter(|t| t.kind == TokenKind::RParen).map_or(text.len(), |t| t.range.start);
    start..end.max(start)
}

fn entry_of<'a>(built: &'a Built, def: &Def) -> Option<(usize, &'a Entry)> {
    let space = match def.space? {
        Space::Func => &built.funcs,
        Space::Table => &built.tables,
        Space::Memory => &built.memories,
        Space::Global => &built.globals,
        Space::Tag => return None,
    };
    space.iter().enumerate().find(|(_, e)| e.def == def.id)
}

use crate::words::plural;

fn describe_extern(built: &Built, ext: &Extern) -> String {
    let store = built.runtime.store();
    match ext {
        Extern::Func(f) => DisplayFuncType(&f.ty(store)).to_string(),
        Extern::Memory(m) => {
            let ty = m.ty(store);
            let max = ty.maximum().map(|m| format!(", at most {m}")).unwrap_or_default();
            format!("{}{max}", plural(m.size(store), "page"))
        }
        Extern::Global(g) => {
            let ty = g.ty(store);
            let mutable = if ty.mutability() == wasmi::Mutability::Var { "mut " } else { "" };
            format!("{mutable}{} = {}", type_name(ty.content()), crate::value::DisplayVal(&g.get(store)))
        }
        Extern::Table(t) => {
            let elem = if t.ty(store).element() == wasmi::RefType::Func { "funcref" } else { "externref" };
            format!("{} {elem}", plural(t.size(store), "element").replace(" elements", "").replace(" element", ""))
        }
    }
}

/// `func $fac : [i32] -> [i32]`, `memory $m : 1 page`, `data segment : 5 bytes at 16`, as data.
pub fn summary(built: &Built, defs: &[Def], def: &Def, change: Change) -> Definition {
    let detail = if let Some((_, entry)) = entry_of(built, def) {
        Some(Detail::Type(describe_extern(built, &entry.ext)))
    } else if def.kind == "data" {
        let idx = defs.iter().filter(|d| !d.is_import).take_while(|d| d.id != def.id).map(|d| d.n_data).sum::<usize>();
        let seg = built.data.iter().find(|s| s.def == def.id).or_else(|| built.data.get(idx));
        seg.map(|seg| Detail::Segment { len: seg.bytes.len(), offset: seg.offset })
    } else if def.kind == "start" {
        Some(Detail::Ran)
    } else {
        None
    };
    Definition { change, kind: def.kind.clone(), what: def.describe(), name: def.name.clone(), detail }
}

fn parse_number(text: &str) -> Option<u64> {
    let t = text.replace('_', "");
    match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => t.parse().ok(),
    }
}

/// Digits (or `0x` and hex digits) that [`parse_number`] refused only for their size.
fn is_numeral(w: &str) -> bool {
    match w.strip_prefix("0x").or_else(|| w.strip_prefix("0X")) {
        Some(hex) => hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_'),
        None => w.chars().all(|c| c.is_ascii_digit() || c == '_'),
    }
}

/// `:memory [ADDR [LEN]]`, with the bytes that differ from `before` (memory 0 as it was before
/// the last input that ran code) marked as changed.
pub fn memory(built: &Built, args: &str, before: Option<&[u8]>) -> Event {
    let Some(Extern::Memory(mem)) = built.memories.first().map(|e| e.ext) else {
        return Event::Info("the session has no memory yet: define one with `(memory 1)`".into());
    };
    let words: Vec<&str> = args.split_whitespace().collect();
    let usage = "for example `:memory`, `:memory 0x100` or `:memory 16 64` (an address, then how many bytes)";
    if words.len() > 2 {
        return Event::Error(
            Diagnostic::error(
                code::BAD_ARGUMENT,
                format!("`:memory` takes at most two numbers, an address and a length, not {}", words.len()),
            )
            .with_help(usage),
        );
    }
    let mut nums = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let what = if i == 0 { "an address" } else { "a length" };
        match parse_number(w) {
            Some(n) => nums.push(n),
            None => {
                let why = if w.starts_with('-') {
                    format!("{what} cannot be negative")
                } else if is_numeral(w) {
                    format!("{what} must fit in 64 bits")
                } else {
                    format!("{what} is a whole number, in decimal or `0x` hex")
                };
                return Event::Error(
                    Diagnostic::error(code::BAD_ARGUMENT, format!("`{w}` is not {what}: {why}")).with_help(usage),
                );
            }
        }
    }
    let data = mem.data(built.runtime.store());
    let addr = nums.first().copied().unwrap_or(0);
    if data.is_empty() {
        return Event::Info("memory 0 has 0 pages, so no bytes to show: `memory.grow` adds pages".into());
    }
    if addr >= data.len() as u64 {
        return Event::Error(
            Diagnostic::error(code::BAD_ARGUMENT, format!("address {addr} ({addr:#x}) is past the end of memory"))
                .with_note(format!(
                    "memory 0 holds {} bytes, so the last address is {:#x}",
                    data.len(),
                    data.len() - 1
                )),
        );
    }
    let addr = addr as usize;
    let asked = nums.get(1).copied();
    if asked == Some(0) {
        return Event::Info(format!("memory 0: {} bytes; a length of 0 shows nothing", data.len()));
    }
    // A screenful at most: a learner who asks for a megabyte wants the start of it, not a flood.
    const MAX_SHOWN: usize = 256;
    let mut cut = None;
    let len = match asked {
        Some(n) => {
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            if n > MAX_SHOWN {
                cut = Some(format!(
                    "(showing the first {MAX_SHOWN} of the {n} bytes asked for: ask for a later address to see more)"
                ));
                MAX_SHOWN
            } else {
                n
            }
        }
        None => {
            // Up to the last byte in use, rounded to a row; at least a row, at most 256 bytes.
            let used = data[addr..].iter().take(256).rposition(|&b| b != 0).map_or(0, |p| p + 1);
            used.div_ceil(16).max(1) * 16
        }
    };
    if cut.is_none() && asked.is_some() && addr.saturating_add(len) > data.len() {
        cut = Some(format!(
            "(memory ends at {:#x}: showing {} of the {len} bytes asked for)",
            data.len(),
            data.len() - addr
        ));
    }
    let end = addr.saturating_add(len).min(data.len());
    let segs: Vec<(usize, &[u8], String)> = built
        .data
        .iter()
        .enumerate()
        .filter(|(_, s)| s.memory == 0)
        .map(|(i, s)| (s.offset as usize, s.bytes.as_slice(), format!("data {i}")))
        .collect();
    // A mark stays on a byte only while it still holds what its segment wrote.
    let from_segment = |i: usize| {
        segs.iter().any(|(start, bytes, _)| i.checked_sub(*start).and_then(|k| bytes.get(k)) == Some(&data[i]))
    };
    let changed = |i: usize| before.is_some_and(|b| b.get(i).copied().unwrap_or(0) != data[i]);
    let mut rows = Vec::new();
    let mut row = addr - addr % 16;
    while row < end {
        let shown = |i: usize| (addr..end).contains(&i);
        rows.push(MemoryRow {
            addr: row,
            bytes: (row..row + 16).map(|i| shown(i).then(|| data[i])).collect(),
            marked: (row..row + 16).map(|i| shown(i) && from_segment(i)).collect(),
            changed: (row..row + 16).map(|i| shown(i) && changed(i)).collect(),
            segments: segs
                .iter()
                .filter(|(s, b, _)| *s < row + 16 && s + b.len() > row)
                .map(|(_, _, n)| n.clone())
                .collect(),
        });
        row += 16;
    }
    Event::Memory(MemoryView {
        memory: 0,
        size: data.len(),
        start: addr,
        end,
        rows,
        has_segments: !segs.is_empty(),
        cut,
    })
}

fn name_or_index(e: &Entry, idx: usize) -> String {
    e.name.clone().unwrap_or_else(|| idx.to_string())
}

/// `:globals`.
pub fn globals(built: &Built) -> Event {
    if built.globals.is_empty() {
        return Event::Info("no globals yet: define one with `(global $g (mut i32) (i32.const 0))`".into());
    }
    let lines: Vec<String> = built
        .globals
        .iter()
        .enumerate()
        .map(|(i, e)| format!("  {:<12} : {}", name_or_index(e, i), describe_extern(built, &e.ext)))
        .collect();
    Event::Info(lines.join("\n"))
}

/// `:funcs`.
pub fn funcs(built: &Built) -> Event {
    if built.funcs.is_empty() {
        return Event::Info("no functions yet: define one with `(func $f (result i32) i32.const 42)`".into());
    }
    let lines: Vec<String> = built
        .funcs
        .iter()
        .enumerate()
        .map(|(i, e)| format!("  {i:>3} {:<12} : {}", e.name.as_deref().unwrap_or(""), describe_extern(built, &e.ext)))
        .collect();
    Event::Info(lines.join("\n"))
}

/// `:exports`.
pub fn exports(built: &Built) -> Event {
    let store = built.runtime.store();
    let lines: Vec<String> = built
        .instance
        .exports(store)
        .filter(|e| !e.name().starts_with(INTERNAL))
        .map(|e| {
            let name = crate::words::DisplayName(e.name());
            format!("  \"{name}\" : {}", crate::runtime::extern_type_words(&e.ty(store)))
        })
        .collect();
    if lines.is_empty() {
        return Event::Info("nothing is exported yet: add `(export \"name\")` to a definition".into());
    }
    Event::Info(lines.join("\n"))
}

/// `:bytes [NAME]`: the annotated binary of the session module, or of one definition
/// assembled on its own, with each function's instructions tied to the input they came from.
pub fn bytes(defs: &[Def], sources: &SourceMap, args: &str) -> Event {
    use crate::annotate::{annotate, AnnotateOptions, SourceLine};
    if defs.is_empty() && args.is_empty() {
        return Event::Info(
            "the session module is empty: 8 bytes, the magic `00 61 73 6d` and version `01 00 00 00`".into(),
        );
    }
    let chosen: &[Def] = if args.is_empty() {
        defs
    } else {
        match defs.iter().find(|d| d.name.as_deref() == Some(args)) {
            Some(def) => std::slice::from_ref(def),
            None => {
                let names: Vec<&str> = defs.iter().filter_map(|d| d.name.as_deref()).collect();
                let mut d = Diagnostic::error(code::UNKNOWN_NAME, format!("no definition named `{args}`"));
                let dollar = format!("${args}");
                if !args.starts_with('$') && names.contains(&dollar.as_str()) {
                    d = d.with_help(format!("names start with `$`: `:bytes {dollar}`"));
                } else if let Some(best) = crate::words::closest(args, names.iter().copied()) {
                    d = d.with_help(format!("did you mean `{best}`?"));
                } else if names.is_empty() {
                    d = d.with_note("no definition has a `$name` yet; `:bytes` alone shows the whole module");
                } else {
                    d = d.with_note(format!("the session's names: {}", names.join(", ")));
                }
                return Event::Error(d);
            }
        }
    };
    let Ok((bytes, spans, layout, text)) = super::build::check(chosen) else {
        return Event::Info(format!(
            "{} uses other definitions, so it cannot be assembled alone; `:bytes` shows the whole module",
            chosen[0].describe()
        ));
    };
    let lookup = |offset: u64| -> Option<SourceLine> {
        let span = spans.locate(offset)?.span?;
        if spans.funcs.iter().all(|f| !f.ops.contains(&offset)) {
            return None;
        }
        let d = Diagnostic::error(code::INVALID, "").with_primary(crate::assemble::widen(&text, span), "");
        let placed = layout.relocate(&text, d).primary_span()?;
        let file = sources.get(placed.source)?;
        let (line, _) = line_col(&file.text, placed.start);
        Some(SourceLine { line, text: format!("{}: {}", file.name, line_text(&file.text, line).trim()) })
    };
    match annotate(&bytes, Some(&lookup), &AnnotateOptions::default()) {
        Ok(view) => Event::Info(view.trim_end().to_string()),
        Err(e) => Event::Error(Diagnostic::error(code::INVALID, format!("cannot annotate the module: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_body_strips_the_wrapper() {
        let text = "(module $m (func))";
        assert_eq!(&text[module_body(text)], " (func)");
        assert_eq!(module_body("(func) (memory 1)"), 0..17);
    }

    #[test]
    fn numbers_in_commands() {
        assert_eq!(parse_number("0x10"), Some(16));
        assert_eq!(parse_number("1_000"), Some(1000));
        assert_eq!(parse_number("x"), None);
    }
}
