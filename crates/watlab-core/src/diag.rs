//! Diagnostics as plain data: what went wrong, where, and how to fix it.
//!
//! Every learner mistake (a syntax error, a type mismatch, a failed link, a trap) becomes a
//! [`Diagnostic`]. This file only describes them and lists the stable codes; `render` draws
//! them, and the modules that find problems (`assemble`, `validate`, `runtime`) build them.

use crate::runtime::TrapKind;
use crate::source::Span;

/// How bad it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The program cannot be built or run as written.
    Error,
    /// Suspicious, but not fatal.
    Warning,
}

/// A stable diagnostic code, such as `E0100`, with a one-line title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `E` and four digits.
    pub id: &'static str,
    /// What kind of problem it names.
    pub title: &'static str,
}

macro_rules! codes {
    ($($name:ident = $id:literal, $title:literal;)*) => {
        /// The diagnostic codes, grouped by hundreds: 00xx text, 01xx validation, 02xx linking,
        /// 03xx instantiation, 04xx binary format, 05xx traps, 06xx calls from the command line,
        /// 07xx WAST scripts.
        pub mod code {
            use super::Code;
            $(#[doc = $title] pub const $name: Code = Code { id: $id, title: $title };)*
            /// Every code, in order.
            pub const ALL: &[Code] = &[$($name),*];
        }
    };
}

codes! {
    SYNTAX = "E0001", "the text is not well-formed WAT";
    UNKNOWN_INSTR = "E0002", "unknown instruction";
    UNKNOWN_NAME = "E0003", "a `$name` that is not defined";
    DUPLICATE_NAME = "E0004", "a `$name` defined twice";
    BAD_NUMBER = "E0005", "a number that does not fit its type";
    UNSUPPORTED = "E0006", "a feature watlab's engine does not support";
    EMPTY = "E0007", "the input holds no module";
    NOT_TEXT = "E0008", "the input is neither WAT text nor a wasm binary";
    TYPE_MISMATCH = "E0100", "type mismatch";
    STACK_LEFTOVER = "E0101", "values left on the stack at the end of a block";
    STACK_EMPTY = "E0102", "an instruction needs more operands than the stack holds";
    BAD_INDEX = "E0103", "an index that points at nothing";
    INVALID = "E0104", "the module is not valid";
    IMMUTABLE = "E0105", "writing to an immutable global";
    UNBALANCED = "E0106", "a `block`, `loop` or `if` without its `end`, or an `end` too many";
    UNKNOWN_IMPORT = "E0200", "an import nothing provides";
    IMPORT_TYPE = "E0201", "an import of the wrong type";
    SEGMENT_OUT_OF_BOUNDS = "E0300", "a data or element segment does not fit";
    START_TRAPPED = "E0301", "the start function trapped";
    RESOURCE_LIMIT = "E0302", "the module asks for more than the limits allow";
    INSTANTIATION = "E0303", "the module could not be instantiated";
    MALFORMED = "E0400", "the binary is malformed";
    TRAP = "E0500", "the program trapped";
    OUT_OF_FUEL = "E0501", "the program ran out of fuel";
    STACK_OVERFLOW = "E0502", "the call stack overflowed";
    TIMED_OUT = "E0503", "the program ran past its time limit";
    UNKNOWN_EXPORT = "E0600", "no export by that name";
    ARGUMENT_COUNT = "E0601", "wrong number of arguments";
    BAD_ARGUMENT = "E0602", "an argument that does not fit its parameter type";
    NOT_A_FUNCTION = "E0603", "the export is not a function";
    ASSERTION = "E0700", "a WAST assertion failed";
    UNKNOWN_MODULE = "E0701", "a WAST script names an unknown module";
    MODULE_FAILED = "E0702", "a WAST directive uses a module that failed to load";
}

/// A labelled span: where, and what to say there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The text the label underlines.
    pub span: Span,
    /// The words beside the underline (may be empty).
    pub message: String,
    /// The main location (underlined in red) rather than context.
    pub primary: bool,
}

/// What went wrong, as facts other layers may decide on: the REPL's advice, lesson feedback
/// and front ends match on this, never on the words of `message`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cause {
    /// Nothing more specific than the code.
    #[default]
    Unspecified,
    /// A `$name` written alone where an instruction belongs.
    NameAsInstruction {
        /// The name, with its `$`.
        name: String,
    },
    /// The parser expected an instruction (or a `(` opening one) and found something else.
    ExpectedInstruction,
    /// A character that is not part of WAT outside strings and comments.
    UnexpectedChar {
        /// The character.
        ch: char,
    },
    /// An instruction whose operands are not on the stack (too few, or of the wrong type).
    Operands {
        /// The instruction as written: `call`, `i32.add`.
        instr: String,
        /// The operand types it takes, when they are fixed.
        expected: Option<Vec<String>>,
        /// The types on the stack before it, bottom first.
        found: Vec<String>,
    },
    /// An `end` (or other instruction) after the end of the function: the `end` closes nothing.
    EndClosesNothing,
    /// A `local.get`/`local.set`/`local.tee` of a local that does not exist.
    UnknownLocal,
    /// An instruction or segment that needs a memory, in a module that has none.
    NoMemory {
        /// What needs it, as the message names it: "`i32.load`", "a data segment".
        user: String,
    },
    /// An active data segment that does not fit the memory it was placed in at instantiation.
    DataDoesNotFit {
        /// The memory's size then, in bytes.
        memory_bytes: u64,
    },
    /// The program stopped: a trap, running out of fuel, an interrupt.
    Trap {
        /// What stopped it.
        kind: TrapKind,
    },
}

/// What a note is about, for callers that adapt or drop notes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NoteKind {
    /// Any other fact.
    #[default]
    Plain,
    /// "this module defines no function with a `$name`": nothing of that kind is named.
    NothingNamed {
        /// The kind: `function`, `global`, ...
        what: String,
    },
    /// "the stack before `i32.add` holds [i32 i64]": the operand types before an instruction.
    StackBefore,
    /// The rule a trap broke ("`div_s` ... traps when the divisor is 0").
    TrapRule,
    /// "nothing changed: the stack is still [...]", said after a failed input.
    StackUnchanged,
    /// The calls that led to a trap, innermost first.
    StackTrace {
        /// How many frames it lists.
        n_frames: usize,
        /// Whether the only frame is the learner's input itself (not a named function).
        only_input: bool,
    },
}

/// A fact attached to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The words.
    pub text: String,
    /// What it is about.
    pub kind: NoteKind,
}

impl From<String> for Note {
    fn from(text: String) -> Note {
        Note { text, kind: NoteKind::Plain }
    }
}

impl From<&str> for Note {
    fn from(text: &str) -> Note {
        Note::from(text.to_string())
    }
}

/// One problem, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// One sentence, lowercase, no final period.
    pub message: String,
    /// Where; the first primary label is where editors jump.
    pub labels: Vec<Label>,
    /// Extra facts ("the stack holds [i64 i32]").
    pub notes: Vec<Note>,
    /// A suggestion ("did you mean `i32.add`?").
    pub help: Option<String>,
    /// The facts behind the message.
    pub cause: Cause,
    /// Further problems found in the same input, independent of this one (validation goes on
    /// to the next function after an error). Renderers show them after this one.
    pub also: Vec<Diagnostic>,
}

impl Diagnostic {
    /// An error with a code and a message, and no location yet.
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            cause: Cause::Unspecified,
            also: Vec::new(),
        }
    }

    /// Adds the main location.
    pub fn with_primary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: true });
        self
    }

    /// Adds a secondary location.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<Note>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Adds a note of a kind callers may recognise.
    pub fn with_note_of(mut self, kind: NoteKind, text: impl Into<String>) -> Diagnostic {
        self.notes.push(Note { text: text.into(), kind });
        self
    }

    /// Records the facts behind the message.
    pub fn with_cause(mut self, cause: Cause) -> Diagnostic {
        self.cause = cause;
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The main location, if the diagnostic has one.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut ids: Vec<_> = code::ALL.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), code::ALL.len());
        assert!(code::ALL.iter().all(|c| c.id.len() == 5 && c.id.starts_with('E')));
    }
}
