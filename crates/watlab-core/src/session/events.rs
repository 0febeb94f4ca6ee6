//! What `Session::eval` reports, as data: the [`Event`]s, the definitions they name and the
//! memory view behind `:memory`.
//!
//! Front ends decide on these fields, never on words. Each data type also has a `Display`, the
//! text the terminal REPL prints, so every front end that shows text shows the same text; a
//! page may draw the fields its own way instead.

use std::fmt;

use wasmi::Val;

use crate::diag::Diagnostic;
use crate::words::plural;

/// Something the front end should show or do.
#[derive(Debug, Clone)]
pub enum Event {
    /// A definition was added, replaced, removed or restored.
    Defined(Definition),
    /// The value stack after bare instructions: `[2 : i32, 3 : i32]`.
    Stack(Vec<Val>),
    /// Results of a WAST `(invoke ...)` or `(get ...)`, one per line.
    Results(Vec<Val>),
    /// Bytes of a memory, as `:memory` shows them.
    Memory(MemoryView),
    /// Text the program printed (only when the session captures output).
    Output(String),
    /// A message for the learner: what a command shows, what was reset.
    Info(String),
    /// A learner mistake or a trap; render it against [`super::Session::sources`].
    Error(Diagnostic),
    /// `:save`: write `text` to `path`.
    Save {
        /// Where.
        path: String,
        /// The session module as text.
        text: String,
    },
    /// `:load`: read `path` and pass its text to [`super::Session::load_text`].
    Load {
        /// Where.
        path: String,
    },
    /// `:trace on`: the instructions an input ran, before its result.
    Trace(TraceView),
    /// `:debug (invoke ...)`: the front end runs the debugger over this call.
    Debug(Box<DebugTarget>),
    /// `:quit`.
    Quit,
}

/// One input's trace: at most `limit` lines, as `watlab run --trace` prints them, and the
/// counts for the closing line.
#[derive(Debug, Clone)]
pub struct TraceView {
    /// `repl[2]:3:5  local.get $n   [5 : i64]`, indented by call depth.
    pub lines: Vec<String>,
    /// Instructions run, lines shown and not shown.
    pub counts: crate::trace::tracer::Counts,
    /// The most lines shown.
    pub limit: u64,
    /// Why the trace ended before the call did (it ran out of its fuel, or was stopped).
    pub cut_short: Option<String>,
}

impl fmt::Display for TraceView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in &self.lines {
            writeln!(f, "{line}")?;
        }
        if let Some(why) = &self.cut_short {
            writeln!(f, "-- the trace stopped: {why}")?;
        }
        write!(f, "{}", self.counts.closing_line(self.limit, "`:trace N`"))
    }
}

/// A call to debug over the session: the recording copy of the session module, the call,
/// and the memory and globals to start it from (the session's, as they were when asked).
#[derive(Debug, Clone)]
pub struct DebugTarget {
    /// The recording copy and its listing.
    pub rec: crate::trace::Recordable,
    /// The export to call.
    pub entry: String,
    /// How the call is named in messages: `` `fac` ``, `your input`.
    pub shown: String,
    /// Its arguments.
    pub args: Vec<Val>,
    /// The state to start from.
    pub state: crate::trace::record::State,
    /// The snippet's defined function, for `(call ...)` and bare instructions.
    pub input: Option<u32>,
    /// Limits for the call.
    pub limits: crate::runtime::Limits,
}

/// What happened to a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New in this input.
    Defined,
    /// A new import.
    Imported,
    /// Replaced an earlier definition, typed in the input named `replacing` (`repl[3]`).
    Redefined {
        /// The name of the input that held the old definition.
        replacing: String,
    },
    /// Typed again exactly as before.
    Unchanged,
    /// Taken away by `:undo`.
    Removed,
    /// Brought back by `:undo`.
    Restored,
}

/// A definition as the session sees it now: `func $fac : [i64] -> [i64]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// What happened to it.
    pub change: Change,
    /// The field's keyword: `func`, `memory`, `global`, `data`, `import`, `start`, ...
    pub kind: String,
    /// How the learner would name it: `func $fac`, `data segment`, `memory (export "mem")`.
    pub what: String,
    /// Its `$name`, if it has one.
    pub name: Option<String>,
    /// What it is now, when the session can say.
    pub detail: Option<Detail>,
}

/// The facts shown after a definition's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// A type or current value in WAT words: `[i64] -> [i64]`, `1 page`, `mut i32 = 0`.
    Type(String),
    /// A data segment: how many bytes, placed at which offset of memory 0.
    Segment {
        /// Bytes in the segment.
        len: usize,
        /// Where they were placed.
        offset: u64,
    },
    /// A start function, which ran when it was defined.
    Ran,
}

impl fmt::Display for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.change {
            Change::Defined => write!(f, "defined {}", self.summary()),
            Change::Imported => write!(f, "imported {}", self.summary()),
            Change::Redefined { replacing } => {
                write!(f, "redefined {} (replacing the definition from {replacing})", self.summary())
            }
            Change::Unchanged => write!(f, "{} is unchanged", self.summary()),
            Change::Removed => write!(f, "removed {}", self.what),
            Change::Restored => write!(f, "restored {}", self.summary()),
        }
    }
}

impl Definition {
    /// `func $fac : [i64] -> [i64]`, `data segment : 5 bytes at 16`, `start function (it ran)`.
    pub fn summary(&self) -> String {
        match &self.detail {
            None => self.what.clone(),
            Some(Detail::Type(t)) => format!("{} : {t}", self.what),
            Some(Detail::Segment { len, offset }) => {
                format!("{} : {} at {offset}", self.what, plural(*len as u64, "byte"))
            }
            Some(Detail::Ran) => format!("{} (it ran)", self.what),
        }
    }
}

/// Bytes of one memory, in rows of 16, with the data segments that wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryView {
    /// Which memory.
    pub memory: u32,
    /// Its size in bytes.
    pub size: usize,
    /// The first address shown.
    pub start: usize,
    /// One past the last address shown.
    pub end: usize,
    /// The rows, each starting at a multiple of 16.
    pub rows: Vec<MemoryRow>,
    /// Whether any data segment lies in this memory (the legend for `*` is shown).
    pub has_segments: bool,
    /// Why less was shown than asked for, if it was.
    pub cut: Option<String>,
}

/// Sixteen addresses of a [`MemoryView`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryRow {
    /// The first address of the row.
    pub addr: usize,
    /// The byte at each of the 16 addresses; `None` outside the range shown.
    pub bytes: Vec<Option<u8>>,
    /// Whether each address still holds what a data segment wrote there.
    pub marked: Vec<bool>,
    /// Whether each byte changed in the last input that ran code.
    pub changed: Vec<bool>,
    /// The segments overlapping the row: `data 0`.
    pub segments: Vec<String>,
}

impl MemoryView {
    /// The view as text. With `highlight`, changed bytes are shown in reverse video (ANSI);
    /// without, the changed addresses are listed after the rows.
    pub fn to_text(&self, highlight: bool) -> String {
        let mut f = String::new();
        let _ = self.write(&mut f, highlight);
        f
    }

    fn write(&self, f: &mut impl fmt::Write, highlight: bool) -> fmt::Result {
        write!(f, "memory {}: {} bytes; showing {:#x}..{:#x}", self.memory, self.size, self.start, self.end)?;
        for row in &self.rows {
            let mut hex = String::new();
            let mut ascii = String::new();
            for (i, ((byte, marked), changed)) in row.bytes.iter().zip(&row.marked).zip(&row.changed).enumerate() {
                match byte {
                    None => {
                        hex.push_str("   ");
                        ascii.push(' ');
                    }
                    Some(b) => {
                        let mark = if *marked { '*' } else { ' ' };
                        if highlight && *changed {
                            hex.push_str(&format!("\x1b[7m{b:02x}\x1b[0m{mark}"));
                        } else {
                            hex.push_str(&format!("{b:02x}{mark}"));
                        }
                        ascii.push(if b.is_ascii_graphic() || *b == b' ' { *b as char } else { '.' });
                    }
                }
                if i == 7 {
                    hex.push(' ');
                }
            }
            let marks =
                if row.segments.is_empty() { String::new() } else { format!("  <- {}", row.segments.join(", ")) };
            write!(f, "\n{}", format!("{:08x}  {hex} |{ascii}|{marks}", row.addr).replace("  |", " |"))?;
        }
        if self.has_segments {
            f.write_str("\n(* marks bytes written by a data segment)")?;
        }
        let changed = self.changed_ranges();
        if !highlight && !changed.is_empty() {
            let list: Vec<String> = changed
                .iter()
                .map(|r| if r.len() == 1 { format!("{:#x}", r.start) } else { format!("{:#x}..{:#x}", r.start, r.end) })
                .collect();
            write!(f, "\n(changed by the last input: {})", list.join(", "))?;
        }
        if let Some(cut) = &self.cut {
            write!(f, "\n{cut}")?;
        }
        Ok(())
    }

    /// The runs of changed addresses shown, as ranges.
    pub fn changed_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for row in &self.rows {
            for (i, c) in row.changed.iter().enumerate() {
                let addr = row.addr + i;
                if !*c {
                    continue;
                }
                match out.last_mut() {
                    Some(r) if r.end == addr => r.end = addr + 1,
                    _ => out.push(addr..addr + 1),
                }
            }
        }
        out
    }
}

impl fmt::Display for MemoryView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false)
    }
}
