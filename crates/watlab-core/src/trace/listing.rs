//! How each site of the recording copy is shown: its place (`LINE:COL` in the learner's text,
//! or the binary offset for a `.wasm`), the instruction as written (keyword and immediates,
//! `$names` kept; from the binary, with names from its name section), and the names of
//! functions, locals and globals. Built once per program; the tracer and debugger only look up.

use crate::annotate::instr_text::plain_op_text;
use crate::annotate::names::Names;
use crate::source::{SourceMap, Span};
use crate::span_map::SpanMap;

/// One site as shown.
#[derive(Debug, Clone, Default)]
pub struct SiteText {
    /// `12:5`, or `0x002a` for a binary.
    pub place: String,
    /// The instruction as written: `local.get $n`, `call $fac`, `i32.store offset=4`.
    pub text: String,
    /// Where it is in the text (point span), if the input was text.
    pub span: Option<Span>,
    /// Its line (1-based), if the input was text.
    pub line: Option<usize>,
    /// An `end` or `else`: the tracer does not print a line for it.
    pub quiet: bool,
    /// The function's implicit final `end` (its place is the `func` keyword).
    pub func_end: bool,
}

/// Every site's text and every name, for one program.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// By site number.
    pub sites: Vec<SiteText>,
    /// Per defined function: `$fac`, or `func N`.
    pub funcs: Vec<String>,
    /// Per defined function, per local: `$n`, or `None`.
    pub locals: Vec<Vec<Option<String>>>,
    /// Per global: `$counter`, or `None`.
    pub globals: Vec<Option<String>>,
    /// Exported function names by function index.
    pub exports: Vec<(u32, String)>,
}

fn is_immediate(token: &str) -> bool {
    let first = token.chars().next().unwrap_or(' ');
    first == '$'
        || first.is_ascii_digit()
        || ((first == '-' || first == '+') && token.len() > 1)
        || token.starts_with("offset=")
        || token.starts_with("align=")
        || token.starts_with("nan")
        || token.starts_with("inf")
}

/// The keyword at `start` in `text` and the immediates that follow it on its line.
pub fn written_at(text: &str, start: usize) -> String {
    let rest = text.get(start..).unwrap_or("");
    let end_of = |s: &str| s.find(|c: char| c.is_whitespace() || c == '(' || c == ')').unwrap_or(s.len());
    let keyword_len = end_of(rest);
    let mut out = rest[..keyword_len].to_string();
    let mut at = keyword_len;
    loop {
        let tail = &rest[at..];
        let skipped = tail.len() - tail.trim_start_matches([' ', '\t']).len();
        let tail = &tail[skipped..];
        if let Some(group) = tail.strip_prefix('(') {
            let word = group.trim_start();
            let word = &word[..end_of(word)];
            if !matches!(word, "type" | "param" | "result") {
                break;
            }
            let Some(close) = tail.find(')') else { break };
            out.push(' ');
            out.push_str(&tail[..=close]);
            at += skipped + close + 1;
            continue;
        }
        let token = &tail[..end_of(tail)];
        if token.is_empty() || token.starts_with(";;") || !is_immediate(token) {
            break;
        }
        out.push(' ');
        out.push_str(token);
        at += skipped + token.len();
    }
    out
}

fn named(op: &wasmparser::Operator<'_>, names: &Names, func_idx: u32) -> String {
    use wasmparser::Operator::*;
    let kw = crate::annotate::instr_text::wat_name(op);
    let with = |name: Option<&String>, idx: u32| match name {
        Some(n) => format!("{kw} ${n}"),
        None => format!("{kw} {idx}"),
    };
    match op {
        Call { function_index } | ReturnCall { function_index } => {
            with(names.funcs.get(function_index), *function_index)
        }
        LocalGet { local_index } | LocalSet { local_index } | LocalTee { local_index } => {
            with(names.locals.get(&func_idx).and_then(|m| m.get(local_index)), *local_index)
        }
        GlobalGet { global_index } | GlobalSet { global_index } => with(names.globals.get(global_index), *global_index),
        _ => plain_op_text(op),
    }
}

impl Listing {
    /// The listing of `bytes`, whose text (if any) is in `sources` at `spans`; `n_sites` and
    /// the per-function shapes come from the recording's analysis.
    pub fn build(
        bytes: &[u8],
        spans: Option<&SpanMap>,
        sources: &SourceMap,
        analysis: &super::probes::Analysis,
    ) -> Listing {
        let names = Names::collect(bytes);
        let n_imported = analysis.n_imported_funcs;
        let mut listing = Listing { exports: super::export_names(bytes), ..Listing::default() };
        for (d, shape) in analysis.funcs.iter().enumerate() {
            let func_idx = n_imported + d as u32;
            let name = spans
                .and_then(|s| s.func_name(func_idx).map(str::to_string))
                .or_else(|| names.funcs.get(&func_idx).map(|n| format!("${n}")))
                .unwrap_or_else(|| super::func_name(&SpanMap::default(), &listing.exports, func_idx));
            listing.funcs.push(name);
            let n_locals = shape.params.len() + shape.locals.len();
            let local_names = names.locals.get(&func_idx);
            listing.locals.push(
                (0..n_locals as u32).map(|i| local_names.and_then(|m| m.get(&i)).map(|n| format!("${n}"))).collect(),
            );
        }
        listing.globals = (0..analysis.n_globals).map(|g| names.globals.get(&g).map(|n| format!("${n}"))).collect();
        let mut ops = Vec::with_capacity(analysis.sites.len());
        for payload in wasmparser::Parser::new(0).parse_all(bytes).flatten() {
            if let wasmparser::Payload::CodeSectionEntry(body) = payload {
                let func_idx = n_imported + ops.len() as u32;
                let mut body_ops = Vec::new();
                if let Ok(mut reader) = body.get_operators_reader() {
                    while let Ok(op) = reader.read() {
                        let quiet = matches!(op, wasmparser::Operator::End | wasmparser::Operator::Else);
                        body_ops.push((named(&op, &names, func_idx), quiet));
                    }
                }
                ops.push(body_ops);
            }
        }
        for site in &analysis.sites {
            let (binary_text, quiet) = ops
                .get(site.defined_idx as usize)
                .and_then(|b| b.get(site.op_idx as usize))
                .cloned()
                .unwrap_or_default();
            let n_ops = ops.get(site.defined_idx as usize).map_or(0, Vec::len);
            let is_final_end = site.op_idx as usize + 1 == n_ops;
            let span = spans.and_then(|s| s.instr_span(site.defined_idx as usize, site.op_idx as usize));
            let text_of = |span: Span| sources.get(span.source).map(|f| written_at(&f.text, span.start));
            let (place, text, line) = match span {
                Some(span) if !is_final_end => {
                    let (line, col) = sources.line_col(span.source, span.start);
                    // A folded block's `end` is its closing parenthesis: name it.
                    let written = text_of(span).filter(|t| !t.is_empty()).unwrap_or(binary_text);
                    (format!("{line}:{col}"), written, Some(line))
                }
                Some(span) => {
                    let (line, col) = sources.line_col(span.source, span.start);
                    (format!("{line}:{col}"), "end".to_string(), Some(line))
                }
                None => (format!("0x{:04x}", site.offset), binary_text, None),
            };
            listing.sites.push(SiteText {
                place,
                text,
                span,
                line,
                quiet: quiet && !is_final_end,
                func_end: is_final_end,
            });
        }
        listing
    }

    /// The name of defined function `d`.
    pub fn func(&self, d: u32) -> &str {
        self.funcs.get(d as usize).map_or("?", String::as_str)
    }

    /// How local `i` of defined function `d` is named: `$n`, or `local 2`.
    pub fn local(&self, d: u32, i: usize) -> String {
        match self.locals.get(d as usize).and_then(|l| l.get(i)).cloned().flatten() {
            Some(n) => n,
            None => format!("local {i}"),
        }
    }

    /// How global `g` is named: `$counter`, or `global 0`.
    pub fn global(&self, g: usize) -> String {
        match self.globals.get(g).cloned().flatten() {
            Some(n) => n,
            None => format!("global {g}"),
        }
    }
}
