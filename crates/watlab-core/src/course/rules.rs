//! A lesson's rules on how an exercise is solved, checked after its WAST checks pass:
//! instructions required or forbidden, a size for the code section, a fuel budget for a call,
//! memory contents after a call. Each failure is a [`Diagnostic`] pointing into the learner's
//! file where there is something to point at (the forbidden instruction, the export that
//! was called), and says which rule failed.
//!
//! Instructions are found in the text's tokens (a `loop` in a comment or a string does not
//! count), so `forbid = ["call"]` matches `call` and `(call ...)` but not `call_indirect`.

use serde::Deserialize;
use wasmi::Val;

use crate::diag::{code, Diagnostic};
use crate::host::Output;
use crate::lex::{tokens, TokenKind};
use crate::program::Program;
use crate::runtime::{Limits, Progress, Runtime};
use crate::source::{SourceMap, Span};
use crate::trace::Entry;
use crate::words::plural;

/// `[rules]` in `lesson.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Instructions that must appear, by their text name.
    #[serde(default)]
    pub require: Vec<String>,
    /// Instructions that must not appear.
    #[serde(default)]
    pub forbid: Vec<String>,
    /// The most bytes the code section may hold.
    pub max_code_bytes: Option<u64>,
    /// Work budgets.
    #[serde(default)]
    pub fuel: Vec<FuelRule>,
    /// Expected memory contents.
    #[serde(default)]
    pub memory: Vec<MemoryRule>,
}

/// `[[rules.fuel]]`: `invoke` with `args` must finish within `max` fuel units.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FuelRule {
    /// The export to call.
    pub invoke: String,
    /// `TYPE:VALUE` (or a bare value read by the parameter's type).
    #[serde(default)]
    pub args: Vec<String>,
    /// The budget.
    pub max: u64,
}

/// `[[rules.memory]]`: after calling `invoke` (if given), the exported memory holds `text` or
/// `bytes` from `offset`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryRule {
    /// A call to make first.
    pub invoke: Option<String>,
    /// Its arguments, as for [`FuelRule::args`].
    #[serde(default)]
    pub args: Vec<String>,
    /// Where the expected bytes start.
    pub offset: u64,
    /// The expected bytes as UTF-8 text.
    pub text: Option<String>,
    /// The expected bytes in hex, spaces allowed: `48 65 6c`.
    pub bytes: Option<String>,
}

impl MemoryRule {
    /// The expected bytes.
    ///
    /// # Errors
    /// Neither or both of `text` and `bytes`, or hex that does not parse.
    pub fn expected(&self) -> Result<Vec<u8>, String> {
        match (&self.text, &self.bytes) {
            (Some(t), None) => Ok(t.as_bytes().to_vec()),
            (None, Some(hex)) => {
                let digits: String = hex.chars().filter(|c| !c.is_whitespace()).collect();
                if digits.len() % 2 != 0 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(format!("`bytes = \"{hex}\"` should be pairs of hex digits, such as \"48 65 6c\""));
                }
                Ok((0..digits.len())
                    .step_by(2)
                    .filter_map(|i| u8::from_str_radix(&digits[i..i + 2], 16).ok())
                    .collect())
            }
            _ => Err("a memory rule needs exactly one of `text` and `bytes`".into()),
        }
    }
}

impl Rules {
    /// Problems in the rules themselves, for the pack's author: unknown instruction names,
    /// bad memory expectations.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for name in self.require.iter().chain(&self.forbid) {
            if crate::instr::lookup(name).is_none() {
                out.push(format!("`{name}` in the rules is not an instruction"));
            }
        }
        for m in &self.memory {
            if let Err(e) = m.expected() {
                out.push(e);
            }
        }
        out
    }
}

/// Output thrown away: the rules' calls run for their effect, after the checks showed output.
struct Discard;

impl Output for Discard {
    fn write_str(&mut self, _: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// Checks `rules` against the learner's `program` (loaded from text into `sources`); one
/// diagnostic per failed rule.
pub fn check_rules(sources: &SourceMap, program: &Program, rules: &Rules, limits: Limits) -> Vec<Diagnostic> {
    let mut failures = Vec::new();
    let (text, source) = match program.source.and_then(|id| sources.get(id).map(|f| (f.text.as_str(), id))) {
        Some(x) => x,
        None => return failures,
    };
    let words: Vec<(&str, Span)> = tokens(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Keyword)
        .map(|t| (&text[t.range.clone()], Span::new(source, t.range)))
        .collect();
    for name in &rules.require {
        if !words.iter().any(|(w, _)| w == name) {
            failures.push(
                Diagnostic::error(code::ASSERTION, format!("this lesson asks for `{name}`, and the module has none"))
                    .with_primary(module_span(&words, source), "no `".to_string() + name + "` in this module")
                    .with_note(format!("rule: require = [\"{name}\"] (the checks passed; now solve it with `{name}`)")),
            );
        }
    }
    for name in &rules.forbid {
        let uses: Vec<Span> = words.iter().filter(|(w, _)| w == name).map(|(_, s)| *s).collect();
        if let Some((first, rest)) = uses.split_first() {
            let mut d = Diagnostic::error(
                code::ASSERTION,
                format!("this lesson asks you to solve it without `{name}`, and the module uses it"),
            )
            .with_primary(*first, format!("`{name}` is not allowed here"))
            .with_note(format!("rule: forbid = [\"{name}\"] (the checks passed; now find another way)"));
            for s in rest.iter().take(3) {
                d = d.with_secondary(*s, "and here");
            }
            failures.push(d);
        }
    }
    if let Some(max) = rules.max_code_bytes {
        let size = code_section_size(&program.bytes);
        if size > max {
            failures.push(
                Diagnostic::error(
                    code::ASSERTION,
                    format!("the code section is {}, more than the {} this lesson allows", plural(size, "byte"), max),
                )
                .with_primary(module_span(&words, source), "this module's code is too large")
                .with_note(format!("rule: max_code_bytes = {max}; `watlab build --annotate` shows where the bytes go")),
            );
        }
    }
    for rule in &rules.fuel {
        failures.extend(check_fuel(sources, program, text, source, rule, limits));
    }
    for rule in &rules.memory {
        failures.extend(check_memory(sources, program, text, source, rule, limits));
    }
    failures
}

/// The `module` keyword, else the start of the text.
fn module_span(words: &[(&str, Span)], source: crate::source::SourceId) -> Span {
    words.iter().find(|(w, _)| *w == "module").map_or(Span::new(source, 0..0), |(_, s)| *s)
}

/// Where the text exports `name`: its `"name"` string, if written once as such.
fn export_span(text: &str, source: crate::source::SourceId, name: &str) -> Option<Span> {
    let quoted = format!("\"{name}\"");
    tokens(text)
        .into_iter()
        .find(|t| t.kind == TokenKind::String && text[t.range.clone()] == quoted)
        .map(|t| Span::new(source, t.range))
}

fn code_section_size(bytes: &[u8]) -> u64 {
    wasmparser::Parser::new(0)
        .parse_all(bytes)
        .flatten()
        .find_map(|p| match p {
            wasmparser::Payload::CodeSectionStart { size, .. } => Some(u64::from(size)),
            _ => None,
        })
        .unwrap_or(0)
}

/// A fresh instance of the learner's module, the export `name` and the arguments parsed.
fn prepare(
    sources: &SourceMap,
    program: &Program,
    name: &str,
    args: &[String],
    limits: Limits,
) -> Result<(Runtime, wasmi::Instance, wasmi::Func, Vec<Val>), Diagnostic> {
    let mut runtime = Runtime::new(limits, Box::new(Discard));
    let (_, instance) = program.instantiate(sources, &mut runtime)?;
    let func = program.export_func(&runtime, &instance, name)?;
    let ty = func.ty(runtime.store());
    let bare: Vec<String> =
        args.iter().map(|a| a.split_once(':').map_or(a.as_str(), |(_, v)| v).trim().to_string()).collect();
    let values = crate::program::parse_args(name, &ty, &bare)?;
    Ok((runtime, instance, func, values))
}

fn check_fuel(
    sources: &SourceMap,
    program: &Program,
    text: &str,
    source: crate::source::SourceId,
    rule: &FuelRule,
    limits: Limits,
) -> Option<Diagnostic> {
    let call_words = format!("`{}` with {}", rule.invoke, shown_args(&rule.args));
    let (mut runtime, _, func, args) = match prepare(sources, program, &rule.invoke, &rule.args, limits) {
        Ok(x) => x,
        Err(d) => return Some(d),
    };
    let mut call = runtime.begin(func, &args);
    // A budget far past the rule's is enough to know the rule failed; no need to wait for the end.
    let cap = rule.max.saturating_mul(64).max(1_000_000);
    let (used, stopped) = loop {
        match runtime.resume(&mut call) {
            Progress::Finished(_) => break (call.fuel_used(), false),
            Progress::Paused { fuel_used } if fuel_used > cap => break (fuel_used, true),
            Progress::Paused { .. } => {}
            Progress::Trapped(trap) => {
                let entry = Entry::Export { name: &rule.invoke, args: &args };
                return Some(program.trap_diagnostic(sources, &trap, limits, entry, &call_words));
            }
        }
    };
    if used <= rule.max {
        return None;
    }
    let at = export_span(text, source, &rule.invoke).unwrap_or(Span::new(source, 0..0));
    let mut d = Diagnostic::error(
        code::ASSERTION,
        format!(
            "{call_words} used {} units of fuel, more than the {} this lesson allows",
            crate::trap::group(used),
            crate::trap::group(rule.max)
        ),
    )
    .with_primary(at, "this function does too much work")
    .with_note(format!("rule: fuel for `{}` at most {} (about one unit per instruction run)", rule.invoke, rule.max));
    if stopped {
        d = d.with_note("it was stopped there, still running: is there a loop that never exits?");
    }
    Some(d)
}

fn check_memory(
    sources: &SourceMap,
    program: &Program,
    text: &str,
    source: crate::source::SourceId,
    rule: &MemoryRule,
    limits: Limits,
) -> Option<Diagnostic> {
    let expected = rule.expected().ok()?;
    let mut runtime = Runtime::new(limits, Box::new(Discard));
    let instance = match &rule.invoke {
        Some(name) => {
            let (mut rt, instance, func, args) = match prepare(sources, program, name, &rule.args, limits) {
                Ok(x) => x,
                Err(d) => return Some(d),
            };
            if let Err(trap) = rt.call(func, &args, None) {
                let entry = Entry::Export { name, args: &args };
                let what = format!("`{name}` with {}", shown_args(&rule.args));
                return Some(program.trap_diagnostic(sources, &trap, limits, entry, &what));
            }
            runtime = rt;
            instance
        }
        None => match program.instantiate(sources, &mut runtime) {
            Ok((_, instance)) => instance,
            Err(d) => return Some(d),
        },
    };
    let store = runtime.store();
    let memory = instance
        .get_export(store, "memory")
        .and_then(wasmi::Extern::into_memory)
        .or_else(|| instance.exports(store).find_map(|e| e.into_memory()));
    let Some(memory) = memory else {
        return Some(
            Diagnostic::error(code::ASSERTION, "this lesson reads the module's memory, and the module exports none")
                .with_primary(module_span_of(text, source), "no exported memory")
                .with_help("export it: `(memory (export \"memory\") 1)`"),
        );
    };
    let data = memory.data(store);
    let start = usize::try_from(rule.offset).unwrap_or(usize::MAX);
    let got = data.get(start..).map(|d| &d[..expected.len().min(d.len())]).unwrap_or(&[]);
    if got == expected.as_slice() {
        return None;
    }
    let first = got.iter().zip(&expected).position(|(a, b)| a != b).unwrap_or(got.len());
    let after = rule.invoke.as_ref().map_or(String::new(), |n| format!(" after `{n}` with {}", shown_args(&rule.args)));
    let at =
        rule.invoke.as_ref().and_then(|n| export_span(text, source, n)).unwrap_or_else(|| module_span_of(text, source));
    let end = rule.offset.saturating_add(expected.len() as u64);
    Some(
        Diagnostic::error(
            code::ASSERTION,
            format!("memory bytes {}..{end}{after} are not what this lesson expects", rule.offset),
        )
        .with_primary(at, format!("the first wrong byte is at {}", rule.offset.saturating_add(first as u64)))
        .with_note(format!("expected: {}", shown_bytes(&expected)))
        .with_note(format!("found:    {}", shown_bytes(got))),
    )
}

fn module_span_of(text: &str, source: crate::source::SourceId) -> Span {
    tokens(text)
        .into_iter()
        .find(|t| t.kind == TokenKind::Keyword && &text[t.range.clone()] == "module")
        .map_or(Span::new(source, 0..0), |t| Span::new(source, t.range))
}

fn shown_args(args: &[String]) -> String {
    if args.is_empty() {
        "no arguments".into()
    } else {
        args.join(" ")
    }
}

/// `"Hello" (48 65 6c 6c 6f)`: printable ASCII as text, every byte in hex.
fn shown_bytes(bytes: &[u8]) -> String {
    let text: String = bytes.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' }).collect();
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{text}\" ({})", hex.join(" "))
}
