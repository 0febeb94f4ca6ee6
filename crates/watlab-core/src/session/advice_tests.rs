//! `Session::advise` decides on structured causes (issue 8): one test per cause it used to
//! find by reading message text. Each checks the cause the producer attached and the advice
//! the REPL gives for it.

use super::advice::number_help;
use super::*;

/// The single diagnostic of one input.
fn error_of(s: &mut Session, input: &str) -> Diagnostic {
    let mut errors = s.eval(input).into_iter().filter_map(|e| match e {
        Event::Error(d) => Some(d),
        _ => None,
    });
    let d = errors.next().unwrap_or_else(|| panic!("{input}: no error"));
    assert!(errors.next().is_none(), "{input}: more than one error");
    d
}

fn has_note(d: &Diagnostic, kind: &NoteKind) -> bool {
    d.notes.iter().any(|n| &n.kind == kind)
}

#[test]
fn a_function_name_alone_gets_the_call_form() {
    let mut s = Session::new(Limits::default());
    s.eval("(func $seven (result i32) i32.const 7)");
    let d = error_of(&mut s, "$seven");
    assert_eq!(d.cause, Cause::NameAsInstruction { name: "$seven".into() });
    assert_eq!(d.help.as_deref(), Some("to call the function, write `(call $seven ...)` with its arguments inside"));
}

#[test]
fn a_global_name_alone_gets_global_get() {
    let mut s = Session::new(Limits::default());
    s.eval("(global $g i32 (i32.const 1))");
    let d = error_of(&mut s, "$g");
    assert!(matches!(&d.cause, Cause::NameAsInstruction { name } if name == "$g"));
    assert_eq!(d.help.as_deref(), Some("to push the global's value, write `(global.get $g)`"));
}

#[test]
fn a_call_with_missing_operands_shows_the_callee_type() {
    let mut s = Session::new(Limits::default());
    s.eval("(func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))");
    let d = error_of(&mut s, "(call $add (i32.const 1))");
    assert!(matches!(&d.cause, Cause::Operands { instr, .. } if instr == "call"), "{:?}", d.cause);
    assert_eq!(d.notes[0].text, "`$add` : [i32 i32] -> [i32] (parameters -> results)");
}

#[test]
fn a_string_at_the_prompt_is_explained() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "\"hello\"");
    assert_eq!(d.cause, Cause::ExpectedInstruction);
    assert!(d.help.as_deref().is_some_and(|h| h.starts_with("a string is not a value")), "{:?}", d.help);
}

#[test]
fn a_bare_number_gets_the_const_form() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "42");
    assert_eq!(d.cause, Cause::ExpectedInstruction);
    assert_eq!(d.help, Some(number_help("42", false)));
    let d = error_of(&mut s, "(invoke \"f\" 5)");
    assert_eq!(d.help, Some(number_help("5", true)));
}

#[test]
fn a_non_ascii_character_is_named_with_its_code_point() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "f64.const ∞");
    assert_eq!(d.cause, Cause::UnexpectedChar { ch: '∞' });
    assert_eq!(d.message, "unexpected character `∞` (U+221E)");
    assert_eq!(d.help.as_deref(), Some("write infinity as `inf` (or `-inf`)"));
}

#[test]
fn an_unknown_name_speaks_of_the_session() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "(call $nope)");
    let note = d.notes.iter().find(|n| matches!(n.kind, NoteKind::NothingNamed { .. })).expect("the note");
    assert_eq!(note.text, "the session defines no function with a `$name` yet");
}

#[test]
fn a_trap_in_the_input_itself_has_no_one_line_trace() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "i32.const 1 i32.const 0 i32.div_s");
    assert!(matches!(d.cause, Cause::Trap { .. }));
    assert!(!d.notes.iter().any(|n| matches!(n.kind, NoteKind::StackTrace { .. })), "{:?}", d.notes);
    assert!(d.labels.iter().any(|l| l.message == "trapped here, in your input"), "{:?}", d.labels);
    // A trap inside a named function keeps its trace.
    s.eval("(func $d (result i32) (i32.div_s (i32.const 1) (i32.const 0)))");
    let d = error_of(&mut s, "(call $d)");
    assert!(d.notes.iter().any(|n| matches!(n.kind, NoteKind::StackTrace { n_frames: 2, .. })), "{:?}", d.notes);
}

#[test]
fn an_empty_stack_is_not_described_twice() {
    let mut s = Session::new(Limits::default());
    let d = error_of(&mut s, "drop");
    assert!(matches!(&d.cause, Cause::Operands { expected: None, found, .. } if found.is_empty()));
    assert!(d.message.ends_with("the stack is empty"), "{}", d.message);
    assert!(!has_note(&d, &NoteKind::StackBefore), "{:?}", d.notes);
    // `check` keeps the note: only the REPL drops it.
    let mut sources = crate::source::SourceMap::new();
    let d = crate::program::Program::load(&mut sources, "t.wat", b"(module (func drop))".to_vec()).err().unwrap();
    assert!(has_note(&d, &NoteKind::StackBefore), "{:?}", d.notes);
}

#[test]
fn runaway_code_gets_repl_advice() {
    let mut s = Session::new(Limits { fuel: Some(10_000), ..Limits::default() });
    let d = error_of(&mut s, "(loop br 0)");
    assert_eq!(d.cause, Cause::Trap { kind: TrapKind::OutOfFuel });
    assert!(d.help.as_deref().is_some_and(|h| h.contains(":fuel N")), "{:?}", d.help);
    let mut s = Session::new(Limits { max_call_depth: 100, ..Limits::default() });
    s.eval("(func $down (call $down))");
    let d = error_of(&mut s, "(call $down)");
    assert_eq!(d.cause, Cause::Trap { kind: TrapKind::Code(wasmi::TrapCode::StackOverflow) });
    assert!(d.help.as_deref().is_some_and(|h| h.contains("watlab --max-stack N")), "{:?}", d.help);
}
