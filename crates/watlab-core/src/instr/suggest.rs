//! "Did you mean": the closest mnemonic to a misspelt, legacy or C-flavoured instruction name.

use std::sync::OnceLock;

use super::{lookup, table, unsupported};

/// The closest known mnemonic to a misspelling, for "help: did you mean `i32.add`?".
///
/// Tries, in order, on the lowercased input (so `I32.add` works):
///
/// 1. the name itself: a correct mnemonic is returned unchanged;
/// 2. spelling repairs: `_`, `-`, `:` or nothing in place of the dot (`i32_add`, `i32add`,
///    `local_get`), C-style type names (`int32.add`, `float64.mul`), swapped halves
///    (`add.i32`), and a bare operator taken as i32 (`add` -> `i32.add`);
/// 3. pre-2019 names from old tutorials: `get_local`/`set_local`/`tee_local` ->
///    `local.get`/..., `get_global`/`set_global`, `current_memory`/`grow_memory`, and the
///    slash forms `i32.trunc_s/f32` -> `i32.trunc_f32_s`, `i64.extend_u/i32`, ...;
/// 4. a missing or extra sign suffix: `i32.div` -> `i32.div_s` (see below), `f32.div_s` ->
///    `f32.div`;
/// 5. the nearest mnemonic by edit distance (with transpositions), if it is within about a
///    third of the input's length: `i32.ad` -> `i32.add`, `i32.addd` -> `i32.add`,
///    `blok` -> `block`. Ties go to the longer common prefix, then to table order.
///
/// When only the signedness is missing, as in `i32.div`, both `i32.div_s` and `i32.div_u`
/// fit equally well; this returns the signed one and [`suggest_all`] returns both, so a
/// message can say "did you mean `i32.div_s` or `i32.div_u`?".
///
/// `None` when nothing is close, and for mnemonics listed in [`UNSUPPORTED`]: those are spelt
/// right, and "did you mean" a different instruction would mislead (use [`unsupported`]).
pub fn suggest(name: &str) -> Option<&'static str> {
    suggest_all(name).into_iter().next()
}

/// Every equally good suggestion for a misspelling, best first; empty when nothing is close.
///
/// Usually one name. Several only when the input is missing its signedness suffix
/// (`i32.div` -> `i32.div_s`, `i32.div_u`). See [`suggest`] for the rules.
pub fn suggest_all(name: &str) -> Vec<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    if lower.is_empty() || unsupported(&lower).is_some() {
        return Vec::new();
    }
    let repaired = respellings(&lower);
    for form in repaired.iter().chain(bare_operator(&lower).iter()) {
        if let Some(found) = known_as(form) {
            return found;
        }
    }
    closest(&repaired).into_iter().collect()
}

/// The input and its repaired spellings, deduplicated, most literal first.
fn respellings(lower: &str) -> Vec<String> {
    let typed = c_type_to_wasm(lower);
    let candidates = [Some(lower.to_string()), Some(fix_separator(&typed)), Some(typed), swap_halves(lower)];
    let mut forms: Vec<String> = Vec::new();
    for form in candidates.into_iter().flatten() {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// A name that is known under this exact spelling, an old spelling, or a sign-suffix fix.
fn known_as(form: &str) -> Option<Vec<&'static str>> {
    if let Some(instr) = lookup(form) {
        return Some(vec![instr.name]);
    }
    if let Some(new) = renamed(form) {
        return Some(vec![new]);
    }
    let with_sign: Vec<&'static str> =
        ["_s", "_u"].iter().filter_map(|suffix| lookup(&format!("{form}{suffix}"))).map(|instr| instr.name).collect();
    if !with_sign.is_empty() {
        return Some(with_sign);
    }
    // Floats have no signedness, so `f32.div_s` most likely means `f32.div`.
    if let Some(found) = form.strip_suffix("_s").or_else(|| form.strip_suffix("_u")).and_then(lookup) {
        return Some(vec![found.name]);
    }
    // A name cut short before its last part: `i32.wrap` -> `i32.wrap_i64`.
    let prefix = format!("{form}_");
    let longer: Vec<&'static str> =
        table::TABLE.iter().map(|i| i.name).filter(|n| n.starts_with(&prefix) && form.contains('.')).collect();
    (1..=2).contains(&longer.len()).then_some(longer)
}

/// C and Java type names learners reach for, longest first so `int32` wins over `int`.
const C_TYPES: &[(&str, &str)] = &[
    ("uint32", "i32"),
    ("uint64", "i64"),
    ("int32", "i32"),
    ("int64", "i64"),
    ("float32", "f32"),
    ("float64", "f64"),
    ("double", "f64"),
    ("float", "f32"),
    ("long", "i64"),
    ("int", "i32"),
];

fn c_type_to_wasm(lower: &str) -> String {
    for (c_name, wasm_name) in C_TYPES {
        if let Some(rest) = lower.strip_prefix(c_name) {
            return format!("{wasm_name}{rest}");
        }
    }
    lower.to_string()
}

/// The parts before the dot (`i32`, `i8x16`, `local`, `memory`, ...), longest first so that
/// `i32x4add` is read as `i32x4` + `add`, not `i32` + `x4add`.
fn namespaces() -> &'static [&'static str] {
    static NAMESPACES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMESPACES.get_or_init(|| {
        let mut found: Vec<&'static str> =
            table::TABLE.iter().filter_map(|instr| Some(instr.name.split_once('.')?.0)).collect();
        found.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        found.dedup();
        found
    })
}

/// `i32_add`, `i32-add`, `i32:add`, `i32 add` and `i32add` -> `i32.add`.
fn fix_separator(form: &str) -> String {
    for ns in namespaces() {
        let Some(rest) = form.strip_prefix(ns) else {
            continue;
        };
        let mut chars = rest.chars();
        match chars.next() {
            Some('_' | '-' | ':' | ' ') => return format!("{ns}.{}", chars.as_str()),
            Some(c) if c.is_ascii_alphabetic() => return format!("{ns}.{rest}"),
            _ => return form.to_string(),
        }
    }
    form.to_string()
}

/// `add.i32` -> `i32.add`, when the second half is a namespace.
fn swap_halves(form: &str) -> Option<String> {
    let (op, ns) = form.split_once('.')?;
    namespaces().contains(&ns).then(|| format!("{ns}.{op}"))
}

/// A bare operator such as `add` or `div` read as its i32 form, the type learners meet first.
/// Only ever matched exactly: fuzzy-matching `i32.` + anything would turn `xyz` into `i32.xor`.
fn bare_operator(lower: &str) -> Option<String> {
    (!lower.contains('.')).then(|| format!("i32.{lower}"))
}

/// Names from before the 2019 renaming, which old tutorials and blog posts still use.
/// Compared with separators removed, so `get_local`, `get.local` and `getlocal` all match.
const RENAMED: &[(&str, &str)] = &[
    ("getlocal", "local.get"),
    ("setlocal", "local.set"),
    ("teelocal", "local.tee"),
    ("getglobal", "global.get"),
    ("setglobal", "global.set"),
    ("currentmemory", "memory.size"),
    ("growmemory", "memory.grow"),
];

/// Today's name for an instruction spelt as before the 2019 renaming (`get_local`,
/// `i32.wrap/i64`), for "the current name is ...".
pub fn current_name(old: &str) -> Option<&'static str> {
    let lower = old.trim().to_ascii_lowercase();
    if lookup(&lower).is_some() {
        return None;
    }
    renamed(&lower)
}

fn renamed(form: &str) -> Option<&'static str> {
    let squashed: String = form.chars().filter(|c| !matches!(c, '_' | '.' | '-' | ' ')).collect();
    RENAMED
        .iter()
        .find(|(old, _)| *old == squashed)
        .map(|&(_, new)| new)
        .or_else(|| lookup(&slash_conversion(form)?).map(|instr| instr.name))
}

/// The old conversion spelling `type.op[_s|_u][:sat]/source` in today's order
/// `type.op[_sat]_source[_s|_u]`: `i64.extend_s/i32` -> `i64.extend_i32_s`,
/// `i32.trunc_u:sat/f64` -> `i32.trunc_sat_f64_u`, `f32.demote/f64` -> `f32.demote_f64`.
fn slash_conversion(form: &str) -> Option<String> {
    let (head, source) = form.split_once('/')?;
    let (ty, op) = head.split_once('.')?;
    let (op, saturating) = match op.strip_suffix(":sat") {
        Some(op) => (op, "_sat"),
        None => (op, ""),
    };
    let (op, sign) = match (op.strip_suffix("_s"), op.strip_suffix("_u")) {
        (Some(op), _) => (op, "_s"),
        (_, Some(op)) => (op, "_u"),
        _ => (op, ""),
    };
    Some(format!("{ty}.{op}{saturating}_{source}{sign}"))
}

/// The nearest mnemonic to any of `forms` (see [`crate::words::closest_to_any`]).
fn closest(forms: &[String]) -> Option<&'static str> {
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    crate::words::closest_to_any(&forms, table::TABLE.iter().map(|i| i.name))
}
