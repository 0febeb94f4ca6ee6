//! The REPL's meta commands, in one table that feeds `:help`, Tab completion and the
//! "did you mean" for unknown commands.
//!
//! This file only names and describes commands and splits a `:command args` line; running
//! them is `session`'s job, and the few that touch files or the terminal (`:save`, `:load`,
//! `:quit`) come back to the front end as events.

#![allow(clippy::result_large_err)]

use crate::diag::{code, Diagnostic};
use crate::explain::{self, Answer};
use crate::words::closest;

/// One meta command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetaCommand {
    /// The name, with its colon: `:memory`.
    pub name: &'static str,
    /// Its arguments, as usage text: `[ADDR [LEN]]`.
    pub args: &'static str,
    /// One line for the `:help` list.
    pub summary: &'static str,
    /// A longer explanation for `:help NAME`.
    pub details: &'static str,
}

/// Every meta command, in the order `:help` lists them.
pub const COMMANDS: &[MetaCommand] = &[
    MetaCommand { name: ":help", args: "[COMMAND]", summary: "list the commands, or explain one", details: "`:help` lists every command; `:help memory` explains one." },
    MetaCommand { name: ":stack", args: "[hex|bits]", summary: "show the value stack", details: "Bare instructions work on a value stack that persists between lines. `:stack` shows it, bottom first, top on the right; `:stack hex` and `:stack bits` show each number's bits." },
    MetaCommand { name: ":clear", args: "", summary: "empty the value stack", details: "Drops every value on the stack. Definitions, memory and globals are kept." },
    MetaCommand { name: ":memory", args: "[ADDR [LEN]] [as TYPE]", summary: "hex and ASCII dump of memory 0", details: "Shows LEN bytes (default: up to the last byte in use, at most 256) from ADDR (default 0) of the session's first memory, 16 per row, with addresses. Rows that hold data segments are marked with the segment, and bytes the last input changed are highlighted (listed, without colour). With `as u8`, `i16`, `i32`, `i64`, `f32`, `f64` or `utf8`, reads the bytes as those values (little-endian). Numbers may be decimal or 0x hex." },
    MetaCommand { name: ":bits", args: "[VALUE]", summary: "a number's bits: signed, unsigned, hex, binary; a float's parts", details: "`:bits` takes apart the top of the stack; `:bits f32.const 0.1`, `:bits 42` or `:bits 0x7fc00000 as f32` take apart that number instead. Integers show as signed, unsigned, hex and binary; floats as sign, exponent and mantissa, their exact decimal value, their class and their neighbours." },
    MetaCommand { name: ":explain", args: "NAME", summary: "explain an instruction, a diagnostic code or a topic", details: "The same as `watlab explain NAME`: `:explain i32.shr_s`, `:explain E0100`, `:explain memory`. `:explain` alone lists the topics." },
    MetaCommand { name: ":globals", args: "", summary: "list globals with their current values", details: "Every global of the session module: index, $name, type and current value." },
    MetaCommand { name: ":funcs", args: "", summary: "list functions with their signatures", details: "Every function of the session module, imported or defined: index, $name and type." },
    MetaCommand { name: ":exports", args: "", summary: "list the session module's exports", details: "What `(invoke \"name\")` and `watlab run --invoke name` can reach." },
    MetaCommand { name: ":wat", args: "", summary: "show the session module as text", details: "Every definition, in order, inside one `(module ...)`: exactly what `:save` writes." },
    MetaCommand { name: ":bytes", args: "[NAME]", summary: "annotated bytes of the module or of one definition", details: "The annotated binary, as `watlab build --annotate` shows it. With a $name, only that definition (when it can be assembled on its own)." },
    MetaCommand { name: ":save", args: "FILE", summary: "write the session as a .wat file", details: "Writes the session module as text; `:load FILE` and `watlab run FILE` accept it. Mutable globals start at their current values and memory's contents are added as data segments; the value stack is not saved, and the command says what it left out." },
    MetaCommand { name: ":load", args: "FILE", summary: "add the definitions from a .wat file", details: "Reads a module (or bare fields) and adds its fields as definitions, replacing any with the same $name. `:undo` removes them again." },
    MetaCommand { name: ":undo", args: "", summary: "remove the last definition", details: "Takes back the last input that defined something (a redefinition brings the old one back). Memory and globals keep their values." },
    MetaCommand { name: ":reset", args: "", summary: "start an empty session", details: "Forgets every definition, the stack, memory and globals." },
    MetaCommand { name: ":fuel", args: "[N|unlimited]", summary: "show or set the fuel for each input", details: "Fuel counts work (about one unit per instruction) so that a loop that never ends stops with a message. Ctrl-C also stops a running computation." },
    MetaCommand { name: ":trace", args: "[on|off|N]", summary: "print every instruction that inputs run", details: "With `:trace on`, each `(invoke ...)`, `(call ...)` and line of bare instructions first prints one line per instruction it runs, as `watlab run --trace` does: its place (`repl[N]:LINE:COL`), the instruction as you wrote it and the value stack after it, indented by call depth, then how many instructions ran. `:trace N` turns it on showing at most N lines (1000 unless given); `:trace off` stops; `:trace` alone says whether it is on." },
    MetaCommand { name: ":debug", args: "CALL", summary: "step through a call, forwards and backwards", details: "`:debug (invoke \"fac\" (i64.const 5))`, `:debug (call $fac (i64.const 5))` or `:debug` followed by bare instructions starts the debugger of `watlab debug` on that call, over the session module: `step`, `next`, `break $f`, `locals`, `memory ADDR`, `back` and the rest (`help` lists them). It runs on a copy that starts from the session's memory and globals; `quit` returns to the prompt with the session as it was." },
    MetaCommand { name: ":quit", args: "", summary: "leave (Ctrl-D works too)", details: "Ends the session. History is kept for next time." },
];

/// The command named `name` (with or without its colon).
/// A unique prefix names its command too (`:q`, `:h`, `:mem`).
pub fn find(name: &str) -> Option<&'static MetaCommand> {
    let name = name.trim_start_matches(':');
    if name.is_empty() {
        return None;
    }
    if let Some(exact) = COMMANDS.iter().find(|c| &c.name[1..] == name) {
        return Some(exact);
    }
    match prefixed(name).as_slice() {
        [only] => Some(only),
        _ => None,
    }
}

/// Commands whose name (without the colon) starts with `name`.
fn prefixed(name: &str) -> Vec<&'static MetaCommand> {
    COMMANDS.iter().filter(|c| c.name[1..].starts_with(name)).collect()
}

/// Commands starting with `prefix` (which includes the colon), for Tab completion.
pub fn complete(prefix: &str) -> impl Iterator<Item = &'static MetaCommand> + '_ {
    COMMANDS.iter().filter(move |c| c.name.starts_with(prefix))
}

/// Splits `:name args` and finds the command.
///
/// # Errors
/// An unknown command, with the closest one suggested and a pointer to `:help`.
pub fn parse(input: &str) -> Result<(&'static MetaCommand, &str), Diagnostic> {
    let input = input.trim();
    let (name, args) = input.split_once(char::is_whitespace).unwrap_or((input, ""));
    match find(name) {
        Some(cmd) => Ok((cmd, args.trim())),
        None => {
            let several = prefixed(name.trim_start_matches(':'));
            if several.len() > 1 && name.len() > 1 {
                let names: Vec<String> = several.iter().map(|c| format!("`{}`", c.name)).collect();
                return Err(Diagnostic::error(
                    code::SYNTAX,
                    format!("`{name}` could be {}: type more of the name", crate::words::list_or(&names)),
                ));
            }
            let mut d = Diagnostic::error(code::SYNTAX, format!("unknown command `{name}`"));
            if let Some(best) = closest(name, COMMANDS.iter().map(|c| c.name)) {
                d = d.with_help(format!("did you mean `{best}`? (`:help` lists every command)"));
            } else {
                d = d.with_help("`:help` lists every command");
            }
            Err(d)
        }
    }
}

/// The text of `:help` (no argument) or `:help NAME`.
///
/// # Errors
/// An unknown command name.
pub fn help(topic: &str) -> Result<String, Diagnostic> {
    // `:help i32.add` or `:help E0100` explains the instruction or code rather than failing.
    if !topic.is_empty() && !topic.starts_with(':') && find(topic).is_none() {
        if let answer @ (Answer::Instr(_) | Answer::Code(..) | Answer::Topic(_)) = explain::lookup(topic, None) {
            return Ok(answer.to_string().trim_end().to_string());
        }
    }
    if !topic.is_empty() {
        let (cmd, _) = parse(&format!(":{}", topic.trim_start_matches(':')))?;
        return Ok(format!("{} {}\n  {}\n  {}", cmd.name, cmd.args, cmd.summary, cmd.details).replace("  \n", "\n"));
    }
    let mut out = String::from(
        "Type WebAssembly text and press Enter:\n  \
         (func $f ...), (memory 1), (global ...)   add a definition to the session module\n  \
         i32.const 2, (i32.add ...)               run instructions on the value stack\n  \
         (invoke \"f\" ...), (assert_return ...)    WAST commands on the session module\n  \
         (module $m ...), (invoke $m \"f\" ...)     named WAST modules beside it\n\
         Input continues over several lines while a paren, string or comment is open, or a\n\
         flat `block`, `loop` or `if` waits for its `end`. A command may be cut short: `:q`, `:mem`.\n\
         Commands:\n",
    );
    let usage = |c: &MetaCommand| if c.args.is_empty() { c.name.to_string() } else { format!("{} {}", c.name, c.args) };
    let width = COMMANDS.iter().map(|c| usage(c).len()).max().unwrap_or(0);
    for c in COMMANDS {
        out.push_str(&format!("  {:<width$}  {}\n", usage(c), c.summary));
    }
    out.push_str("Ctrl-C stops a running computation or clears the line; Ctrl-D leaves.");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_found_with_or_without_colon() {
        assert_eq!(find("memory").map(|c| c.name), Some(":memory"));
        assert_eq!(parse(":memory 0x10 32").map(|(c, a)| (c.name, a)), Ok((":memory", "0x10 32")));
    }

    #[test]
    fn unknown_commands_suggest_the_closest() {
        let d = parse(":memroy").unwrap_err();
        assert_eq!(d.help.as_deref(), Some("did you mean `:memory`? (`:help` lists every command)"));
    }

    #[test]
    fn completion_and_help_use_the_table() {
        let names: Vec<_> = complete(":s").map(|c| c.name).collect();
        assert_eq!(names, [":stack", ":save"]);
        assert!(help("").unwrap().contains(":bytes [NAME]"));
        assert!(help("fuel").unwrap().starts_with(":fuel [N|unlimited]"));
        assert!(COMMANDS
            .iter()
            .all(|c| c.name.starts_with(':') && c.name[1..].chars().all(|ch| ch.is_ascii_lowercase())));
    }
}
