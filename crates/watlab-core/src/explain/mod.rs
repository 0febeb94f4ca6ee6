//! `watlab explain`: what an instruction does, what a diagnostic code means, the ideas behind
//! them, and the bits of a number.
//!
//! The texts are data (`crates/watlab-core/explain/*.toml`, described in the README there),
//! embedded at build time and read once. Signatures, opcodes and categories come from the
//! instruction table, so the data holds only what people write. [`lookup`] answers one query
//! with an [`Answer`]; each answer's `Display` is the text the terminal shows. Reading files and
//! printing are the caller's.

mod numbers;

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diag::{code, Code};
use crate::instr::{self, Instr};

pub use numbers::{parse_number, shortest_f32, shortest_f64, Bits, NumberType};

/// The embedded data files, by name.
const INSTRUCTION_FILES: &[(&str, &str)] = &[
    ("control", include_str!("../../explain/instructions/control.toml")),
    ("variables", include_str!("../../explain/instructions/variables.toml")),
    ("parametric", include_str!("../../explain/instructions/parametric.toml")),
    ("reference", include_str!("../../explain/instructions/reference.toml")),
    ("table", include_str!("../../explain/instructions/table.toml")),
    ("memory", include_str!("../../explain/instructions/memory.toml")),
    ("integer", include_str!("../../explain/instructions/integer.toml")),
    ("float", include_str!("../../explain/instructions/float.toml")),
    ("simd-v128", include_str!("../../explain/instructions/simd-v128.toml")),
    ("simd-i8x16", include_str!("../../explain/instructions/simd-i8x16.toml")),
    ("simd-i16x8", include_str!("../../explain/instructions/simd-i16x8.toml")),
    ("simd-i32x4", include_str!("../../explain/instructions/simd-i32x4.toml")),
    ("simd-i64x2", include_str!("../../explain/instructions/simd-i64x2.toml")),
    ("simd-f32x4", include_str!("../../explain/instructions/simd-f32x4.toml")),
    ("simd-f64x2", include_str!("../../explain/instructions/simd-f64x2.toml")),
];
const CODES_FILE: &str = include_str!("../../explain/codes.toml");
const TOPICS_FILE: &str = include_str!("../../explain/topics.toml");

#[derive(Deserialize)]
struct InstructionFile {
    #[serde(default)]
    entry: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    names: Vec<String>,
    does: String,
    #[serde(default)]
    edges: Vec<String>,
    #[serde(default)]
    traps: Vec<String>,
    #[serde(default)]
    immediates: String,
    #[serde(default)]
    setup: Vec<String>,
    example: String,
    result: String,
    #[serde(default)]
    related: Vec<String>,
}

/// How an example shows itself: REPL inputs and the last line they print.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Inputs typed first (definitions, usually).
    #[serde(default)]
    pub setup: Vec<String>,
    /// The input that shows the idea.
    pub input: String,
    /// The last line the REPL prints for it.
    pub result: String,
}

/// One instruction, explained.
#[derive(Debug, Clone)]
pub struct InstrEntry {
    /// The table's entry: name, opcode, signature, category, summary.
    pub instr: &'static Instr,
    /// What it does, in plain words.
    pub does: String,
    /// The cases that surprise people.
    pub edges: Vec<String>,
    /// When it traps; empty when it never does.
    pub traps: Vec<String>,
    /// What follows the name in the text.
    pub immediates: String,
    /// A small example that runs.
    pub example: Example,
    /// Instructions worth reading next.
    pub related: Vec<String>,
    /// The data file it comes from.
    pub file: &'static str,
}

/// One diagnostic code, explained.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// `E0100`.
    pub id: String,
    /// The mistake.
    pub what: String,
    /// Why WebAssembly (or watlab) refuses it.
    pub why: String,
    /// How the example shows the code: `check`, `run` or `test`.
    #[serde(default = "default_command")]
    pub command: String,
    /// Arguments after the file.
    #[serde(default)]
    pub args: Vec<String>,
    /// The example file's extension: `wat` or `wast`.
    #[serde(default = "default_ext")]
    pub ext: String,
    /// Write the example files one byte per character (Latin-1), for the code that needs bytes
    /// which are not UTF-8.
    #[serde(default)]
    pub latin1: bool,
    /// A file that makes the command fail with this code.
    pub wrong: String,
    /// The same file, corrected.
    pub fix: String,
}

fn default_command() -> String {
    "check".into()
}

fn default_ext() -> String {
    "wat".into()
}

#[derive(Deserialize)]
struct CodesFile {
    #[serde(default)]
    code: Vec<CodeEntry>,
}

/// An idea a learner meets before instructions make sense.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// What to type: `stack`, `leb128`.
    pub name: String,
    /// A short heading.
    pub title: String,
    /// A few paragraphs.
    pub text: String,
    /// Inputs that show it.
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Deserialize)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<Topic>,
}

/// Everything `explain` knows, read once.
pub struct Catalog {
    /// One entry per instruction name, in table order.
    pub instructions: Vec<InstrEntry>,
    /// One entry per code that has one.
    pub codes: Vec<CodeEntry>,
    /// The topics, in the order they were written.
    pub topics: Vec<Topic>,
    /// Problems in the data (unknown names, bad TOML): empty in a good build, listed by the
    /// coverage test.
    pub problems: Vec<String>,
}

/// The catalog, read from the embedded files on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(read_catalog)
}

fn subst(text: &str, name: &str) -> String {
    let prefix = name.split('.').next().unwrap_or(name);
    text.replace("{t}", prefix).replace("{name}", name)
}

fn read_catalog() -> Catalog {
    let mut problems = Vec::new();
    let mut instructions = Vec::new();
    for (file, text) in INSTRUCTION_FILES {
        let parsed: InstructionFile = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("{file}.toml: {e}"));
                continue;
            }
        };
        for raw in parsed.entry {
            for name in &raw.names {
                let Some(instr) = instr::lookup(name) else {
                    problems.push(format!("{file}.toml: `{name}` is not an instruction"));
                    continue;
                };
                let s = |t: &str| subst(t, name);
                instructions.push(InstrEntry {
                    instr,
                    does: s(&raw.does),
                    edges: raw.edges.iter().map(|t| s(t)).collect(),
                    traps: raw.traps.iter().map(|t| s(t)).collect(),
                    immediates: s(&raw.immediates),
                    example: Example {
                        setup: raw.setup.iter().map(|t| s(t)).collect(),
                        input: s(&raw.example),
                        result: s(&raw.result),
                    },
                    related: raw.related.iter().map(|t| s(t)).collect(),
                    file,
                });
            }
        }
    }
    let order = |e: &InstrEntry| instr::all().iter().position(|i| i.name == e.instr.name).unwrap_or(usize::MAX);
    instructions.sort_by_key(order);
    let codes = match toml::from_str::<CodesFile>(CODES_FILE) {
        Ok(f) => f.code,
        Err(e) => {
            problems.push(format!("codes.toml: {e}"));
            Vec::new()
        }
    };
    let topics = match toml::from_str::<TopicsFile>(TOPICS_FILE) {
        Ok(f) => f.topic,
        Err(e) => {
            problems.push(format!("topics.toml: {e}"));
            Vec::new()
        }
    };
    Catalog { instructions, codes, topics, problems }
}

/// What `explain QUERY` found.
#[derive(Debug, Clone)]
pub enum Answer {
    /// An instruction.
    Instr(&'static InstrEntry),
    /// A diagnostic code.
    Code(Code, Option<&'static CodeEntry>),
    /// A topic.
    Topic(&'static Topic),
    /// A number, taken apart.
    Number(Bits),
    /// Nothing by that name; the closest names, best first.
    Unknown {
        /// What was asked.
        query: String,
        /// Names that exist and look close.
        suggestions: Vec<String>,
    },
}

/// Answers `watlab explain QUERY`: an instruction, a code (`E0100`, any case), a topic, or a
/// number (`0x7fc00000`, read as `as_type` or, without one, as the smallest integer type that
/// holds it). Legacy and misspelt instruction names answer with the closest entries.
pub fn lookup(query: &str, as_type: Option<NumberType>) -> Answer {
    let query = query.trim();
    let cat = catalog();
    if let Some(e) = cat.instructions.iter().find(|e| e.instr.name == query) {
        return Answer::Instr(e);
    }
    if let Some(c) = code::ALL.iter().find(|c| c.id.eq_ignore_ascii_case(query)) {
        return Answer::Code(*c, cat.codes.iter().find(|e| e.id == c.id));
    }
    if let Some(t) = cat.topics.iter().find(|t| t.name.eq_ignore_ascii_case(query)) {
        return Answer::Topic(t);
    }
    if let Some(bits) = parse_number(query, as_type) {
        return Answer::Number(bits);
    }
    let mut suggestions: Vec<String> = instr::suggest_all(query).into_iter().map(str::to_string).collect();
    let topic_names: Vec<&str> = cat.topics.iter().map(|t| t.name.as_str()).collect();
    if let Some(t) = crate::words::closest(query, topic_names) {
        suggestions.push(t.to_string());
    }
    if let Some(c) = crate::words::closest(&query.to_ascii_uppercase(), code::ALL.iter().map(|c| c.id)) {
        suggestions.push(c.to_string());
    }
    suggestions.dedup();
    Answer::Unknown { query: query.to_string(), suggestions }
}

/// One line of a search result or listing: a name and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// What to type after `explain`.
    pub name: String,
    /// A one-line description.
    pub summary: String,
}

/// Everything whose name or text mentions `word` (case-insensitive): instructions, codes,
/// topics, names first.
pub fn search(word: &str) -> Vec<Hit> {
    let w = word.trim().to_ascii_lowercase();
    if w.is_empty() {
        return Vec::new();
    }
    let cat = catalog();
    let has = |text: &str| text.to_ascii_lowercase().contains(&w);
    let mut by_name = Vec::new();
    let mut by_text = Vec::new();
    for t in &cat.topics {
        let hit = Hit { name: t.name.clone(), summary: t.title.clone() };
        if has(&t.name) {
            by_name.push(hit);
        } else if has(&t.title) || has(&t.text) {
            by_text.push(hit);
        }
    }
    for e in &cat.instructions {
        let hit = Hit { name: e.instr.name.to_string(), summary: e.instr.summary.to_string() };
        if has(e.instr.name) {
            by_name.push(hit);
        } else if has(&e.does) || has(e.instr.summary) || e.edges.iter().any(|x| has(x)) {
            by_text.push(hit);
        }
    }
    for c in code::ALL {
        let entry = cat.codes.iter().find(|e| e.id == c.id);
        let hit = Hit { name: c.id.to_string(), summary: c.title.to_string() };
        if has(c.id) {
            by_name.push(hit);
        } else if has(c.title) || entry.is_some_and(|e| has(&e.what) || has(&e.why)) {
            by_text.push(hit);
        }
    }
    by_name.extend(by_text);
    by_name
}

/// The opcode as bytes in the binary: the prefix byte, then the sub-opcode as LEB128.
pub fn opcode_bytes(instr: &Instr) -> String {
    let mut bytes = Vec::new();
    for (i, &part) in instr.opcode.iter().enumerate() {
        if i == 0 {
            bytes.push(part as u8);
        } else {
            let mut v = part;
            loop {
                let b = (v & 0x7f) as u8;
                v >>= 7;
                bytes.push(if v == 0 { b } else { b | 0x80 });
                if v == 0 {
                    break;
                }
            }
        }
    }
    bytes.iter().map(|b| format!("0x{b:02x}")).collect::<Vec<_>>().join(" ")
}

fn signature(instr: &Instr) -> String {
    format!("[{}] -> [{}]", instr.params, instr.results)
}

impl fmt::Display for InstrEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.instr;
        writeln!(f, "{}  {}", i.name, signature(i))?;
        writeln!(f, "  {} instruction, opcode {}", i.category, opcode_bytes(i))?;
        writeln!(f)?;
        writeln!(f, "{}", wrap(&self.does, 96, ""))?;
        if !self.immediates.is_empty() {
            writeln!(f, "\nImmediates: {}", self.immediates)?;
        }
        if !self.edges.is_empty() {
            writeln!(f, "\nWatch out:")?;
            for e in &self.edges {
                writeln!(f, "{}", wrap(e, 96, "  - "))?;
            }
        }
        if self.traps.is_empty() {
            writeln!(f, "\nTraps: never.")?;
        } else {
            writeln!(f, "\nTraps:")?;
            for t in &self.traps {
                writeln!(f, "{}", wrap(t, 96, "  - "))?;
            }
        }
        writeln!(f, "\nExample:")?;
        write_example(f, &self.example)?;
        if !self.related.is_empty() {
            writeln!(f, "\nRelated: {}", self.related.join(", "))?;
        }
        Ok(())
    }
}

fn write_example(f: &mut fmt::Formatter<'_>, ex: &Example) -> fmt::Result {
    for input in ex.setup.iter().chain(std::iter::once(&ex.input)) {
        for (k, line) in input.lines().enumerate() {
            writeln!(f, "  {} {line}", if k == 0 { "wat>" } else { "...>" })?;
        }
    }
    writeln!(f, "  {}", ex.result)
}

/// Wraps `text` at `width` columns; the first line starts with `lead`, later ones with as many
/// spaces.
fn wrap(text: &str, width: usize, lead: &str) -> String {
    let indent = " ".repeat(lead.chars().count());
    let mut out = String::new();
    for (p, para) in text.split("\n\n").enumerate() {
        if p > 0 {
            out.push_str("\n\n");
        }
        let mut line = if p == 0 { lead.to_string() } else { indent.clone() };
        let mut fresh = true;
        for word in para.split_whitespace() {
            if !fresh && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = indent.clone();
                fresh = true;
            }
            if !fresh {
                line.push(' ');
            }
            line.push_str(word);
            fresh = false;
        }
        out.push_str(line.trim_end());
    }
    out
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Instr(e) => write!(f, "{e}"),
            Answer::Code(c, entry) => {
                writeln!(f, "{}: {}", c.id, c.title)?;
                let Some(e) = entry else { return Ok(()) };
                writeln!(f, "\n{}", wrap(&e.what, 96, ""))?;
                writeln!(f, "\n{}", wrap(&e.why, 96, "Why: "))?;
                let how = match e.command.as_str() {
                    "run" if e.args.is_empty() => "watlab run".to_string(),
                    cmd => format!("watlab {cmd} FILE {}", e.args.join(" ")).trim_end().to_string(),
                };
                writeln!(f, "\nFor example, this {} gives {} (`{how}`):", e.ext, c.id)?;
                for line in e.wrong.trim_end().lines() {
                    writeln!(f, "  {line}")?;
                }
                writeln!(f, "\nFixed:")?;
                for line in e.fix.trim_end().lines() {
                    writeln!(f, "  {line}")?;
                }
                Ok(())
            }
            Answer::Topic(t) => {
                writeln!(f, "{}\n", t.title)?;
                writeln!(f, "{}", wrap(&t.text, 96, ""))?;
                for (n, ex) in t.examples.iter().enumerate() {
                    writeln!(f, "\n{}:", if n == 0 { "Try it" } else { "And" })?;
                    write_example(f, ex)?;
                }
                Ok(())
            }
            Answer::Number(bits) => write!(f, "{bits}"),
            Answer::Unknown { query, suggestions } => {
                write!(f, "nothing is called `{query}`")?;
                match suggestions.as_slice() {
                    [] => write!(
                        f,
                        "; `watlab explain` lists the topics, and `watlab explain --search WORD` searches every entry"
                    ),
                    [one] => write!(f, "; did you mean `{one}`?"),
                    many => write!(
                        f,
                        "; did you mean {}?",
                        many.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")
                    ),
                }
            }
        }
    }
}

/// What `watlab explain` alone shows: the topics, and how to ask for the rest.
pub fn overview() -> String {
    let cat = catalog();
    let width = cat.topics.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let mut out = String::from("Topics:\n");
    for t in &cat.topics {
        out.push_str(&format!("  {:width$}  {}\n", t.name, t.title));
    }
    out.push_str(&format!(
        "\nAlso any of the {} instructions (`watlab explain i32.add`), any diagnostic code\n\
         (`watlab explain E0100`), or a number (`watlab explain 0x7fc00000 --as f32`).\n\
         Search every entry with `watlab explain --search WORD`.",
        cat.instructions.len()
    ));
    out
}

#[cfg(test)]
mod tests;
