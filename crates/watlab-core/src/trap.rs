//! Traps as learner diagnostics: what happened, in words, and what usually causes it.
//!
//! wasmi reports a trap code without a location, so these diagnostics explain the trap and
//! name the call that trapped; the fuel and stack limits involved come from `Limits`. Where it
//! happened (the instruction and the calls that led there) is added by `trace`.

use wasmi::TrapCode;

use crate::diag::{code, Cause, Diagnostic};
use crate::runtime::{Limits, Trap, TrapKind};

/// A diagnostic for `trap`, raised while running `what` (for example "`fac`").
pub fn diagnostic(trap: &Trap, limits: Limits, what: &str) -> Diagnostic {
    explain_trap(trap, limits, what).with_cause(Cause::Trap { kind: trap.kind.clone() })
}

fn explain_trap(trap: &Trap, limits: Limits, what: &str) -> Diagnostic {
    match &trap.kind {
        TrapKind::OutOfFuel => Diagnostic::error(
            code::OUT_OF_FUEL,
            format!(
                "{what} ran out of fuel after {} {}: is there a loop that never exits?",
                group(trap.fuel_used),
                if trap.fuel_used == 1 { "unit" } else { "units" }
            ),
        )
        .with_note("fuel counts the work a program does, so that a loop that never ends stops instead of hanging")
        .with_help("check the condition that should end each loop (`br_if`); if the work is honest, raise the limit with `--fuel N` or `--fuel unlimited`"),
        TrapKind::Interrupted => Diagnostic::error(code::TRAP, format!("{what} was interrupted"))
            .with_note(format!("it had used {} units of fuel", group(trap.fuel_used))),
        TrapKind::TimedOut { millis } => Diagnostic::error(
            code::TIMED_OUT,
            format!("{what} was still running after {}: is there a loop that never exits?", seconds(*millis)),
        )
        .with_note("`watlab run` stops a program after a time limit, so that a loop that never ends cannot hang the terminal")
        .with_help("check the condition that should end each loop (`br_if`); if the work is honest, raise the limit with `--timeout SECONDS` or turn it off with `--timeout none`"),
        TrapKind::OutputClosed => Diagnostic::error(code::TRAP, format!("{what} stopped: its output was closed")),
        TrapKind::Host(message) => Diagnostic::error(code::TRAP, format!("{what} trapped in a host function: {message}")),
        TrapKind::EngineFailure(message) => Diagnostic::error(
            code::TRAP,
            format!("{what} could not run: the engine (wasmi) failed on this code"),
        )
        .with_note(format!("this is a bug in the engine, not in the program; it said: {message}"))
        .with_help("rewriting the instruction nearby (for example a load or store with a large offset) may avoid it"),
        TrapKind::Code(TrapCode::StackOverflow) => Diagnostic::error(
            code::STACK_OVERFLOW,
            format!("{what} trapped: call stack exhausted (more than {} nested calls)", group(limits.max_call_depth as u64)),
        )
        .with_note("every call waits for the call it makes; a recursion without a base case never stops calling")
        .with_help("check that the recursion reaches its base case; for deeper honest recursion use `--max-stack N`"),
        TrapKind::Code(c) => {
            let (message, note, help) = explain(*c);
            let mut d = Diagnostic::error(code::TRAP, format!("{what} trapped: {message}"))
                .with_note_of(crate::diag::NoteKind::TrapRule, note);
            if let Some(help) = help {
                d = d.with_help(help);
            }
            d
        }
    }
}

fn explain(c: TrapCode) -> (&'static str, &'static str, Option<&'static str>) {
    match c {
        TrapCode::IntegerDivisionByZero => (
            "integer divide by zero",
            "`div_s`, `div_u`, `rem_s` and `rem_u` trap when the divisor (the top of the stack) is 0",
            Some("test the divisor before dividing, for example with `i32.eqz` and `if`"),
        ),
        TrapCode::IntegerOverflow => (
            "integer overflow",
            "the result does not fit its type: a signed division of the smallest integer by -1 (i32: -2147483648 / -1), or a `trunc` of a float outside the integer's range",
            None,
        ),
        TrapCode::BadConversionToInteger => (
            "invalid conversion to integer",
            "`trunc` traps on NaN and on values outside the integer's range",
            Some("use the saturating form (`i32.trunc_sat_f64_s` etc.) to clamp instead of trapping"),
        ),
        TrapCode::UnreachableCodeReached => (
            "unreachable executed",
            "the `unreachable` instruction always traps: the program reached a place marked impossible",
            None,
        ),
        TrapCode::MemoryOutOfBounds => (
            "out of bounds memory access",
            "a load or store (or bulk memory instruction) touched bytes past the end of memory",
            Some("check the address and the access size; `memory.grow` adds pages"),
        ),
        TrapCode::TableOutOfBounds => {
            ("out of bounds table access", "a table index was past the table's current size", None)
        }
        TrapCode::IndirectCallToNull => (
            "uninitialized element",
            "`call_indirect` used a table slot that holds no function",
            Some("fill the slot with an `(elem ...)` segment or `table.set`"),
        ),
        TrapCode::BadSignature => (
            "indirect call type mismatch",
            "`call_indirect` found a function whose type differs from the `(type ...)` the call names",
            None,
        ),
        TrapCode::GrowthOperationLimited => (
            "growth limited",
            "a memory or table grew past what the limits allow",
            Some("raise the limit with `--max-memory`"),
        ),
        TrapCode::OutOfSystemMemory => ("out of system memory", "the machine could not provide the memory", None),
        TrapCode::StackOverflow | TrapCode::OutOfFuel => ("stopped", "", None),
    }
}

/// The rule behind an overflow trap at a `trunc` instruction (`i32.trunc_f64_s`): the float
/// was outside the target's range. `None` for other instructions.
pub fn trunc_overflow(instr: &str) -> Option<String> {
    let (target, rest) = instr.split_once('.')?;
    let rest = rest.strip_prefix("trunc_")?;
    if rest.starts_with("sat") {
        return None;
    }
    let range = match (target, rest.ends_with("_u")) {
        ("i32", false) => "-2147483648 to 2147483647",
        ("i32", true) => "0 to 4294967295",
        ("i64", false) => "-9223372036854775808 to 9223372036854775807",
        ("i64", true) => "0 to 18446744073709551615",
        _ => return None,
    };
    Some(format!(
        "`{instr}` traps when the float, cut to a whole number, is outside the {target} range ({range}); `{}` clamps instead",
        instr.replacen("trunc_", "trunc_sat_", 1)
    ))
}

/// Adds the page size of the module's memories (`page_sizes`, in bytes, imports first) to the
/// note of an out-of-bounds memory trap: a memory may declare `(pagesize 1)`, so the size is
/// read from the module, never assumed (issue 9).
pub fn with_page_sizes(mut d: Diagnostic, trap: &Trap, page_sizes: &[u64]) -> Diagnostic {
    if trap.kind != TrapKind::Code(TrapCode::MemoryOutOfBounds) || page_sizes.is_empty() {
        return d;
    }
    let words = |size: u64| crate::words::plural(size, "byte");
    let pages = match page_sizes {
        [one] => format!("memory is {} per page", words(*one)),
        many if many.iter().all(|&s| s == many[0]) => format!("each memory is {} per page", words(many[0])),
        many => {
            let each: Vec<String> =
                many.iter().enumerate().map(|(i, &s)| format!("memory {i}: {}", words(s))).collect();
            format!("bytes per page: {}", each.join(", "))
        }
    };
    if let Some(note) = d.notes.first_mut() {
        note.text.push_str(&format!("; {pages}"));
    }
    d
}

/// 1234567 as `1,234,567`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `10 s`, `1.5 s`, `250 ms`.
pub fn seconds(millis: u64) -> String {
    if millis < 1000 {
        format!("{millis} ms")
    } else if millis % 1000 == 0 {
        format!("{} s", millis / 1000)
    } else {
        format!("{:.1} s", millis as f64 / 1000.0)
    }
}
