//! `watlab explain`: an instruction, a diagnostic code, a topic or a number, explained; with
//! nothing, the list of topics; with `--search`, every entry that mentions a word.

use std::io::Write;

use super::{Status, Ui};
use watlab_core::explain::{self, Answer, NumberType};

/// `watlab explain`'s command line (the help text is on `cli::Command::Explain`).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// An instruction (`i32.add`), a code (`E0100`), a topic (`stack`) or a number (`0.1`).
    pub query: Option<String>,
    /// List every entry that mentions WORD.
    #[arg(long, value_name = "WORD", conflicts_with = "query")]
    pub search: Option<String>,
    /// Read a number as this type: i32, i64, f32 or f64 (an integer is a float's bits).
    #[arg(long = "as", value_name = "TYPE")]
    pub as_type: Option<String>,
}

/// Explains `query` (or lists, or searches) on stdout.
pub fn run(ui: &Ui, query: Option<&str>, search: Option<&str>, as_type: Option<&str>) -> Status {
    let as_type = match as_type.map(|t| (t, NumberType::from_name(t))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((t, None)) => {
            super::print_error(ui.err_style.color, &format!("`--as {t}`: the types are i32, i64, f32 and f64"));
            return Status::ToolError;
        }
    };
    let mut out = std::io::stdout().lock();
    if let Some(word) = search {
        let hits = explain::search(word);
        if hits.is_empty() {
            let _ = writeln!(out, "nothing mentions `{word}`; `watlab explain` lists the topics");
            return Status::Failed;
        }
        let width = hits.iter().map(|h| h.name.len()).max().unwrap_or(0).min(32);
        for h in hits {
            let _ = writeln!(out, "{:width$}  {}", h.name, h.summary);
        }
        return Status::Success;
    }
    let Some(query) = query else {
        let _ = writeln!(out, "{}", explain::overview());
        return Status::Success;
    };
    let answer = explain::lookup(query, as_type);
    let status = if matches!(answer, Answer::Unknown { .. }) { Status::Failed } else { Status::Success };
    let _ = writeln!(out, "{answer}");
    status
}
