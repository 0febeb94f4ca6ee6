//! The runnable examples in a lesson's text: fenced code blocks whose info string says how to
//! run them (`repl`, `repl fails`, `wat file=NAME.wat`, `wat fails`, `wast`), and running one
//! the way the learner would, so that `check-pack` can promise every example works.
//! Blocks marked `text`, `sh`, anything else or nothing are shown, not run.

use crate::diag::Diagnostic;
use crate::lex::{completeness, Completeness};
use crate::render::{render_to_string, ErrorFormat, Style};
use crate::runtime::Limits;
use crate::session::{Event, Session};
use crate::source::SourceMap;

/// How an example runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleKind {
    /// REPL inputs, one fresh session; with `fails`, the last input must fail and only it.
    Repl {
        /// Meant to end in an error.
        fails: bool,
    },
    /// A whole module that must assemble and validate (or, with `fails`, must not).
    Wat {
        /// The file name the text tells the learner to save it as.
        file: Option<String>,
        /// Meant not to load.
        fails: bool,
    },
    /// A WAST script that must pass.
    Wast,
    /// A shell session (`$ watlab ...` lines, each followed by what it prints) in a block
    /// marked `text`, `sh`, `console` or nothing. The core cannot run programs; the front
    /// end runs these (see [`Example::commands`]) in a folder holding the lesson's
    /// `wat file=NAME` examples.
    Transcript,
    /// Shown, not run.
    Shown,
}

/// One `$ watlab ...` line of a transcript and the output shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellCommand {
    /// The arguments after `watlab`, split as a shell would (quotes `'...'` and `"..."`).
    pub args: Vec<String>,
    /// The command as written, after `$ `.
    pub text: String,
    /// The lines shown under it, up to the next `$ ` line.
    pub expected: String,
    /// Its line in the lesson text (1-based).
    pub line: usize,
}

/// One fenced block.
#[derive(Debug, Clone)]
pub struct Example {
    /// How it runs.
    pub kind: ExampleKind,
    /// The block's text, without the fences.
    pub text: String,
    /// The line of its opening fence (1-based).
    pub line: usize,
}

/// Every fenced block of `markdown`, in order. An unclosed block runs to the end.
pub fn examples(markdown: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, Example)> = None;
    for (idx, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                let ticks = trimmed.chars().take_while(|c| *c == '`').count();
                if ticks >= 3 {
                    let info = trimmed[ticks..].trim();
                    let example = Example { kind: kind_of(info), text: String::new(), line: idx + 1 };
                    open = Some((ticks, info.to_string(), example));
                }
            }
            Some((ticks, _, example)) => {
                let closes = trimmed.starts_with('`')
                    && trimmed.chars().take_while(|c| *c == '`').count() >= *ticks
                    && trimmed.trim_start_matches('`').trim().is_empty();
                if closes {
                    let (_, info, mut example) = open.take().expect("open");
                    example.kind = kind_of_block(&info, &example.text);
                    out.push(example);
                } else {
                    example.text.push_str(line);
                    example.text.push('\n');
                }
            }
        }
    }
    out.extend(open.map(|(_, info, mut e)| {
        e.kind = kind_of_block(&info, &e.text);
        e
    }));
    out
}

fn kind_of_block(info: &str, text: &str) -> ExampleKind {
    let shell = matches!(info.split_whitespace().next().unwrap_or(""), "" | "text" | "sh" | "console");
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if shell && first.trim_start().starts_with("$ watlab ") {
        ExampleKind::Transcript
    } else {
        kind_of(info)
    }
}

fn kind_of(info: &str) -> ExampleKind {
    let mut words = info.split_whitespace();
    let lang = words.next().unwrap_or("");
    let rest: Vec<&str> = words.collect();
    let fails = rest.contains(&"fails");
    match lang {
        "repl" => ExampleKind::Repl { fails },
        "wat" => {
            ExampleKind::Wat { file: rest.iter().find_map(|w| w.strip_prefix("file=")).map(str::to_string), fails }
        }
        "wast" => ExampleKind::Wast,
        _ => ExampleKind::Shown,
    }
}

fn plain(sources: &SourceMap, origin: &str, d: &Diagnostic) -> String {
    let style = Style { format: ErrorFormat::Rich, color: false, explain: None };
    render_to_string(sources, origin, d, style)
}

impl Example {
    /// A transcript's commands, in order (empty for other kinds).
    pub fn commands(&self) -> Vec<ShellCommand> {
        let mut out: Vec<ShellCommand> = Vec::new();
        if self.kind != ExampleKind::Transcript {
            return out;
        }
        for (i, line) in self.text.lines().enumerate() {
            match line.trim_start().strip_prefix("$ ") {
                Some(command) => {
                    let text = command.trim().to_string();
                    let words = shell_words(&text);
                    let args = words.into_iter().skip(1).collect();
                    out.push(ShellCommand { args, text, expected: String::new(), line: self.line + 1 + i });
                }
                None => {
                    if let Some(last) = out.last_mut() {
                        last.expected.push_str(line);
                        last.expected.push('\n');
                    }
                }
            }
        }
        out
    }

    /// Runs the example as the learner would (`name` labels its text in diagnostics).
    ///
    /// # Errors
    /// Why it does not behave as its info string promises, with the diagnostic rendered.
    pub fn run(&self, name: &str, limits: Limits) -> Result<(), String> {
        match &self.kind {
            ExampleKind::Shown | ExampleKind::Transcript => Ok(()),
            ExampleKind::Repl { fails } => self.run_repl(*fails, limits),
            ExampleKind::Wat { fails, .. } => {
                let mut sources = SourceMap::new();
                match (crate::program::Program::load(&mut sources, name, self.text.clone().into_bytes()), fails) {
                    (Ok(_), false) | (Err(_), true) => Ok(()),
                    (Ok(_), true) => Err("the module is marked `fails`, but it assembles and validates".into()),
                    (Err(d), false) => Err(format!("the module does not load:\n{}", plain(&sources, name, &d))),
                }
            }
            ExampleKind::Wast => {
                let mut sources = SourceMap::new();
                let options = crate::wast_runner::ScriptOptions::default();
                let report = crate::wast_runner::run_script(&mut sources, name, &self.text, limits, &options);
                match report.failures.first() {
                    None if report.n_passed > 0 => Ok(()),
                    None => Err("the script runs nothing".into()),
                    Some(d) => Err(format!("the script fails:\n{}", plain(&sources, name, d))),
                }
            }
        }
    }

    /// The block's inputs: lines joined while an input is incomplete, as the REPL reads them.
    pub fn repl_inputs(&self) -> Vec<String> {
        let mut inputs = Vec::new();
        let mut input = String::new();
        for line in self.text.lines() {
            if input.is_empty() && line.trim().is_empty() {
                continue;
            }
            if !input.is_empty() {
                input.push('\n');
            }
            input.push_str(line);
            if completeness(&input) != Completeness::Incomplete {
                inputs.push(std::mem::take(&mut input));
            }
        }
        if !input.trim().is_empty() {
            inputs.push(input);
        }
        inputs
    }

    fn run_repl(&self, fails: bool, limits: Limits) -> Result<(), String> {
        let mut session = Session::with_output(limits, Box::new(crate::host::Captured::default()));
        let inputs = self.repl_inputs();
        if inputs.is_empty() {
            return Err("the block has no input".into());
        }
        let last = inputs.len() - 1;
        for (i, input) in inputs.iter().enumerate() {
            let events = session.eval(input);
            let error = events.iter().find_map(|e| match e {
                Event::Error(d) => Some(d.clone()),
                _ => None,
            });
            match (error, fails && i == last) {
                (None, false) => {}
                (Some(_), true) => {}
                (Some(d), false) => {
                    return Err(format!("`{}` fails:\n{}", first_line(input), plain(session.sources(), "repl", &d)))
                }
                (None, true) => {
                    return Err(format!(
                        "the block is marked `fails`, but its last input `{}` succeeds",
                        first_line(input)
                    ))
                }
            }
        }
        Ok(())
    }
}

fn first_line(input: &str) -> &str {
    input.lines().next().unwrap_or("").trim()
}

/// Splits a command line into words: whitespace separates, `'...'` and `"..."` quote.
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            (_, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}
