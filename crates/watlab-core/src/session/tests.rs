//! Unit tests for `Session`: one input at a time, checking the events.

// Tests may read the spec suite, spawn a thread or time a run; the library itself may not (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use super::*;

fn session() -> Session {
    Session::new(Limits::default())
}

/// The events of one input, as short strings.
fn eval(s: &mut Session, input: &str) -> Vec<String> {
    s.eval(input)
        .into_iter()
        .map(|e| match e {
            Event::Defined(d) => d.to_string(),
            Event::Memory(m) => m.to_string(),
            Event::Info(t) => t,
            Event::Stack(v) => DisplayStack(&v).to_string(),
            Event::Results(v) => format!("results {}", DisplayStack(&v)),
            Event::Output(t) => format!("output {t:?}"),
            Event::Error(d) => format!("error {}: {}", d.code.id, d.message),
            Event::Save { path, .. } => format!("save {path}"),
            Event::Load { path } => format!("load {path}"),
            Event::Quit => "quit".into(),
            Event::Trace(t) => format!("trace {}", t.lines.join(" | ")),
            Event::Debug(t) => format!("debug {} {}", t.shown, DisplayStack(&t.args)),
        })
        .collect()
}

#[test]
fn definitions_report_their_type() {
    let mut s = session();
    let out = eval(&mut s, "(func $fac (param i64) (result i64) (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1)) (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))");
    assert_eq!(out, ["defined func $fac : [i64] -> [i64]"]);
    assert_eq!(eval(&mut s, "(call $fac (i64.const 5))"), ["[120 : i64]"]);
}

#[test]
fn the_stack_persists_like_a_calculator() {
    let mut s = session();
    assert_eq!(eval(&mut s, "i32.const 2"), ["[2 : i32]"]);
    assert_eq!(eval(&mut s, "i32.const 3"), ["[2 : i32, 3 : i32]"]);
    assert_eq!(eval(&mut s, "i32.mul"), ["[6 : i32]"]);
    assert_eq!(eval(&mut s, "(i32.add (i32.const 1) (i32.const 2))"), ["[6 : i32, 3 : i32]"]);
}

#[test]
fn a_type_error_changes_nothing() {
    let mut s = session();
    eval(&mut s, "i32.const 2");
    let out = eval(&mut s, "i64.add");
    assert!(out[0].starts_with("error E0100") || out[0].starts_with("error E0102"), "{out:?}");
    assert_eq!(s.stack().len(), 1);
}

#[test]
fn memory_and_globals_survive_new_definitions() {
    let mut s = session();
    eval(&mut s, "(memory 1)");
    eval(&mut s, "(global $g (mut i32) (i32.const 0))");
    assert_eq!(eval(&mut s, "(i32.store (i32.const 8) (i32.const 77)) (global.set $g (i32.const 5))"), ["[]"]);
    eval(&mut s, "(func $f (result i32) (i32.load (i32.const 8)))");
    assert_eq!(eval(&mut s, "call $f global.get $g"), ["[77 : i32, 5 : i32]"]);
}

#[test]
fn redefinition_replaces_and_says_so() {
    let mut s = session();
    eval(&mut s, "(func $f (result i32) i32.const 1)");
    let out = eval(&mut s, "(func $f (result i32) i32.const 2)");
    assert_eq!(out, ["redefined func $f : [] -> [i32] (replacing the definition from repl[1])"]);
    assert_eq!(eval(&mut s, "call $f"), ["[2 : i32]"]);
    assert_eq!(s.n_defs(), 1);
}

#[test]
fn a_redefined_memory_is_reported_as_reset() {
    let mut s = session();
    eval(&mut s, "(memory $m 1)");
    eval(&mut s, "(i32.store8 (i32.const 0) (i32.const 65))");
    let out = eval(&mut s, "(memory $m 2)");
    assert_eq!(out[1], "memory $m was reset: its definition changed, so it starts again from its data segments");
}

#[test]
fn errors_keep_earlier_definitions() {
    let mut s = session();
    eval(&mut s, "(func $one (result i32) i32.const 1)");
    let out = eval(&mut s, "(func $bad (result i32) i64.const 1)");
    assert!(out[0].starts_with("error"), "{out:?}");
    assert_eq!(eval(&mut s, "call $one"), ["[1 : i32]"]);
}

#[test]
fn traps_leave_the_stack_alone() {
    let mut s = session();
    eval(&mut s, "i32.const 1");
    let out = eval(&mut s, "i32.const 0 i32.div_s");
    assert_eq!(out, ["error E0500: your input trapped: integer divide by zero"]);
    assert_eq!(s.stack().len(), 1);
}

#[test]
fn undo_takes_back_the_last_definition() {
    let mut s = session();
    eval(&mut s, "(func $f (result i32) i32.const 1)");
    eval(&mut s, "(func $f (result i32) i32.const 2)");
    assert_eq!(eval(&mut s, ":undo"), ["removed func $f", "restored func $f : [] -> [i32]"]);
    assert_eq!(eval(&mut s, "call $f"), ["[1 : i32]"]);
}

#[test]
fn wast_invoke_and_assert_return() {
    let mut s = session();
    eval(&mut s, "(func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))");
    assert_eq!(eval(&mut s, "(invoke \"add\" (i32.const 2) (i32.const 3))"), ["results [5 : i32]"]);
    assert_eq!(
        eval(&mut s, "(assert_return (invoke \"add\" (i32.const 2) (i32.const 3)) (i32.const 5))"),
        ["assertion passed"]
    );
    assert!(eval(&mut s, "(assert_return (invoke \"add\" (i32.const 2) (i32.const 3)) (i32.const 6))")[0]
        .starts_with("error E0700"));
}

#[test]
fn output_comes_back_as_an_event() {
    let mut s = session();
    eval(&mut s, "(import \"env\" \"print_i32\" (func $print (param i32)))");
    assert_eq!(eval(&mut s, "(call $print (i32.const 7))"), ["output \"7\\n\"", "[]"]);
}

#[test]
fn commands_and_unknown_commands() {
    let mut s = session();
    assert_eq!(eval(&mut s, ":memroy"), ["error E0001: unknown command `:memroy`"]);
    assert_eq!(eval(&mut s, ":fuel 1000"), ["fuel set to 1,000 units per input"]);
    assert_eq!(eval(&mut s, ":quit"), ["quit"]);
    assert_eq!(eval(&mut s, ":save out.wat"), ["save out.wat"]);
}

#[test]
fn interrupts_stop_a_loop() {
    let mut s = session();
    eval(&mut s, ":fuel unlimited");
    let flag = s.interrupt_flag();
    let t = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(100));
        flag.store(true, Ordering::SeqCst);
    });
    // `eval` clears the flag first, so set it from the other thread after the loop starts.
    let out = eval(&mut s, "(loop br 0)");
    t.join().unwrap();
    assert_eq!(out, ["error E0500: stopped: the input was interrupted (Ctrl-C)"]);
    assert_eq!(eval(&mut s, "i32.const 1"), ["[1 : i32]"]);
}

#[test]
fn load_text_adds_fields_of_a_module() {
    let mut s = session();
    let out = s.load_text("lib.wat", "(module (func $two (result i32) i32.const 2))");
    assert!(matches!(&out[..], [Event::Defined(d)] if d.to_string() == "defined func $two : [] -> [i32]"));
    assert_eq!(s.wat(), "(module\n  (func $two (result i32) i32.const 2))\n");
}

#[test]
fn odd_inputs_never_panic() {
    let mut s = session();
    let inputs = [
        "",
        ")",
        "((((",
        "\"",
        "(;",
        "$",
        "$$",
        "(func",
        "(func $f (param i32) (result i32) local.get 0)",
        "(func $f (param i64))",
        "(memory 0)",
        "(memory 1 1)",
        "(i32.store (i32.const -1) (i32.const 0))",
        "(data (i32.const 4294967295) \"x\")",
        "(table 1 funcref)",
        "(elem (i32.const 5) $f)",
        "ref.func $f",
        "(ref.null func)",
        "ref.null extern",
        "(global $r (mut funcref) (ref.null func))",
        "(global.set $r (ref.func $f))",
        "v128.const i32x4 1 2 3 4",
        "i8x16.add",
        "(start 0)",
        "(start $nope)",
        "(export \"\u{1}f0\" (func 0))",
        ":memory 0xffffffffffffffffff",
        ":memory -1",
        ":bytes",
        ":bytes $f",
        ":undo",
        ":undo",
        ":undo",
        ":fuel 0",
        "(invoke \"nope\")",
        "(assert_return (get \"g\") (i32.const 1))",
        "(register \"x\")",
        "(module $m)",
        "(module binary \"\\00asm\\01\\00\\00\\00\")",
        "é",
        "(func (result i32) (i32.const 1)) (memory 1)",
        "block",
        "loop end end",
        "br 5",
        "return",
        "select",
        "(rec (type $t (func)))",
        "(tag $e)",
        "memory.grow",
        "(memory.grow (i32.const 100000))",
        ":reset",
        ":memory",
        "i32.const 1 ;; comment",
    ];
    for input in inputs {
        let _ = s.eval(input);
    }
    // Still alive and consistent.
    let out = eval(&mut s, "(i32.add (i32.const 1) (i32.const 1))");
    assert!(out.last().is_some_and(|l| l.ends_with("2 : i32]")), "{out:?}");
}

#[test]
fn saved_text_is_a_module_run_accepts() {
    let mut s = session();
    eval(&mut s, "(import \"env\" \"print_i32\" (func $p (param i32)))");
    eval(&mut s, "(memory (export \"memory\") 1)");
    eval(&mut s, "(func $main (export \"main\")\n  (call $p (i32.const 42)))");
    let text = s.wat();
    let mut sources = crate::source::SourceMap::new();
    let program = crate::program::Program::load(&mut sources, "saved.wat", text.into_bytes());
    assert!(program.is_ok(), "{:?}", program.err());
}

#[test]
fn many_snippets_keep_memory_across_store_refreshes() {
    let mut s = session();
    eval(&mut s, "(memory 1)");
    eval(&mut s, "(global $n (mut i32) (i32.const 0))");
    for _ in 0..300 {
        eval(
            &mut s,
            "(global.set $n (i32.add (global.get $n) (i32.const 1))) (i32.store (i32.const 0) (global.get $n))",
        );
    }
    assert_eq!(eval(&mut s, "(i32.load (i32.const 0)) global.get $n"), ["[300 : i32, 300 : i32]"]);
}

#[test]
fn function_only_syntax_at_the_prompt_is_explained_not_run() {
    let mut s = session();
    eval(&mut s, "i32.const 7");
    // `local.get 0` used to read the snippet's hidden parameter: the bottom of the stack.
    assert_eq!(
        eval(&mut s, "local.get 0"),
        ["error E0103: `local.get` needs a function: there are no locals at the prompt"]
    );
    assert_eq!(eval(&mut s, "(param i32)"), ["error E0001: `(param ...)` only means something inside a function"]);
    assert_eq!(eval(&mut s, "(local i32)"), ["error E0001: `(local ...)` only means something inside a function"]);
    assert_eq!(eval(&mut s, ":stack"), ["[7 : i32]"]);
}

#[test]
fn pasting_a_module_twice_changes_nothing() {
    let mut s = session();
    eval(&mut s, "(module (func $a) (memory 1))");
    let again = eval(&mut s, "(module (func $a) (memory 1))");
    assert_eq!(again[1..], ["func $a : [] -> [] is unchanged", "memory : 1 page is unchanged"]);
    assert_eq!(s.n_defs(), 2);
}

#[test]
fn memory_arguments_are_checked_one_by_one() {
    let mut s = session();
    eval(&mut s, "(memory 1)");
    assert_eq!(eval(&mut s, ":memory -1"), ["error E0602: `-1` is not an address: an address cannot be negative"]);
    assert_eq!(
        eval(&mut s, ":memory 0 abc"),
        ["error E0602: `abc` is not a length: a length is a whole number, in decimal or `0x` hex"]
    );
    assert_eq!(
        eval(&mut s, ":memory 0 99999999999999999999"),
        ["error E0602: `99999999999999999999` is not a length: a length must fit in 64 bits"]
    );
    let big = eval(&mut s, ":memory 0 100000000");
    assert_eq!(big[0].lines().count(), 1 + 16 + 1, "{big:?}");
}

/// The session's module as `:save` writes it must load again, in a fresh session and as a
/// program (`watlab run`).
fn assert_save_loads(s: &Session) {
    let text = s.wat();
    let mut fresh = session();
    let events = fresh.load_text("saved.wat", &text);
    assert!(!events.iter().any(|e| matches!(e, Event::Error(_))), "{text}\n{:?}", eval_events(events));
    let mut sources = crate::source::SourceMap::new();
    let program = crate::program::Program::load(&mut sources, "saved.wat", text.clone().into_bytes())
        .unwrap_or_else(|d| panic!("{text}\n{}", d.message));
    let mut runtime = crate::runtime::Runtime::new(Limits::default(), Box::new(crate::host::Captured(String::new())));
    if let Err(d) = program.instantiate(&sources, &mut runtime) {
        panic!("{text}\n{}", d.message);
    }
}

fn eval_events(events: Vec<Event>) -> Vec<String> {
    events.into_iter().map(|e| format!("{e:?}")).collect()
}

/// Issue 9: an offset of an extended constant expression was read as its first constant,
/// and a `global.get` offset of an imported global was lost, when the memory was defined in
/// an earlier input.
#[test]
fn data_offsets_are_evaluated_in_full() {
    let mut s = session();
    eval(&mut s, "(memory 1)");
    let out = eval(&mut s, r#"(data (offset (i32.sub (i32.const 100) (i32.const 50))) "abc")"#);
    assert_eq!(out, ["defined data segment : 3 bytes at 50"]);
    assert_eq!(eval(&mut s, "(i32.load8_u (i32.const 50)) (i32.load8_u (i32.const 100))"), ["[97 : i32, 0 : i32]"]);
    eval(&mut s, r#"(import "spectest" "global_i32" (global $g i32))"#);
    let out = eval(&mut s, r#"(data (global.get $g) "z")"#);
    assert_eq!(out, ["defined data segment : 1 byte at 666"]);
    assert_eq!(eval(&mut s, "drop drop (i32.load8_u (i32.const 666))"), ["[122 : i32]"]);
    assert_save_loads(&s);
}

/// Issue 9: snippets imported every memory with the default page size, so after
/// `(memory 1 (pagesize 1))` every instruction touching the session failed to link.
#[test]
fn memories_with_a_custom_page_size_link_into_snippets() {
    let mut s = session();
    eval(&mut s, "(memory 1 (pagesize 1))");
    assert_eq!(
        eval(&mut s, "(i32.store8 (i32.const 0) (i32.const 7)) (i32.load8_u (i32.const 0)) memory.size"),
        ["[7 : i32, 1 : i32]"]
    );
    assert_save_loads(&s);
}

/// Issue 9: a new body for the start function was accepted without running, so `:save`
/// wrote a module that `:load` and `run` reject.
#[test]
fn a_redefined_start_function_runs_or_is_refused() {
    let mut s = session();
    eval(&mut s, "(global $n (mut i32) (i32.const 0))");
    eval(&mut s, "(func $init (global.set $n (i32.const 1)))");
    eval(&mut s, "(start $init)");
    let out = eval(&mut s, "(func $init unreachable)");
    assert!(out[0].starts_with("error E0301: the start function trapped"), "{out:?}");
    assert_save_loads(&s);
    let out = eval(&mut s, "(func $init (global.set $n (i32.const 2)))");
    assert!(out.iter().any(|o| o.contains("ran again")), "{out:?}");
    assert_eq!(eval(&mut s, "global.get $n"), ["[2 : i32]"]);
    assert_save_loads(&s);
}

#[test]
fn a_trace_starts_from_the_sessions_state() {
    let mut s = session();
    eval(&mut s, "(memory 1)");
    eval(&mut s, "(global $g (mut i32) (i32.const 0))");
    eval(&mut s, "(i32.store (i32.const 4) (i32.const 9))");
    eval(&mut s, "(global.set $g (i32.const 5))");
    eval(&mut s, ":trace on");
    let out = eval(&mut s, "(i32.add (global.get $g) (i32.load (i32.const 4)))");
    assert_eq!(out.len(), 2, "{out:?}");
    assert!(out[0].contains("global.get $g") && out[0].contains("[5 : i32]"), "{}", out[0]);
    assert!(out[0].contains("i32.load") && out[0].contains("[5 : i32, 9 : i32]"), "{}", out[0]);
    assert_eq!(out[1], "[14 : i32]");
    // The trace ran on a copy: the session's own run kept its effects once.
    eval(&mut s, ":trace off");
    eval(&mut s, "(global.set $g (i32.add (global.get $g) (i32.const 1)))");
    assert_eq!(eval(&mut s, "global.get $g"), ["[14 : i32, 6 : i32]"]);
}

#[test]
fn debug_names_the_call_and_checks_it() {
    let mut s = session();
    eval(&mut s, "(func $f (export \"f\") (param i32) (result i32) (local.get 0))");
    assert_eq!(eval(&mut s, ":debug (invoke \"f\" (i32.const 3))"), ["debug `f` [3 : i32]"]);
    assert_eq!(eval(&mut s, ":debug (call $f (i32.const 3))"), ["debug your input []"]);
    let out = eval(&mut s, ":debug (invoke \"g\")");
    assert!(out[0].starts_with("error E0600"), "{out:?}");
    let out = eval(&mut s, ":debug (invoke \"f\")");
    assert!(out[0].starts_with("error E0602"), "{out:?}");
}
