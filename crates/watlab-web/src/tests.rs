//! The protocol driven natively, request text in, JSON out, as the page's Worker drives it.

use serde_json::{json, Value};

use super::api::{handle, utf16};

fn ask(request: Value) -> Value {
    let answer: Value = serde_json::from_str(&handle(request.to_string().as_bytes())).expect("answers are JSON");
    assert_eq!(answer["ok"], true, "{answer}");
    answer
}

const ADD: &str =
    "(module\n  (func (export \"add\") (param i32 i32) (result i32)\n    local.get 0\n    local.get 1\n    i32.add))\n";

#[test]
fn a_bad_request_is_an_answer_not_a_panic() {
    for bad in ["", "{", "[]", "{\"op\": \"nope\"}", "{\"op\": \"check\"}", "\u{0}\u{ff}"] {
        let answer: Value = serde_json::from_str(&handle(bad.as_bytes())).expect("JSON");
        assert_eq!(answer["ok"], false, "{bad:?} -> {answer}");
    }
}

#[test]
fn check_lists_exports_with_types() {
    let a = ask(json!({ "op": "check", "text": ADD }));
    assert_eq!(a["diagnostics"], json!([]));
    assert_eq!(a["exports"], json!([{ "name": "add", "params": ["i32", "i32"], "results": ["i32"] }]));
}

#[test]
fn a_mistake_is_located_in_utf16_units_with_the_rich_text() {
    // Two characters outside the BMP before the mistake: 8 bytes, 4 UTF-16 units.
    let text = ";; 😀😀\n(module (func i32.ad))";
    let a = ask(json!({ "op": "check", "text": text }));
    let d = &a["diagnostics"][0];
    let label = &d["labels"][0];
    let start = text.find("i32.ad").unwrap();
    assert_eq!(label["from"], json!(start - 4), "{d}");
    assert_eq!(label["line"], 2);
    assert!(d["rendered"].as_str().unwrap().contains("i32.add"), "{d}");
}

#[test]
fn utf16_snaps_inside_a_character() {
    assert_eq!(utf16("é", 1), 0);
    assert_eq!(utf16("aé", 3), 2);
    assert_eq!(utf16("😀x", 5), 3);
    assert_eq!(utf16("x", 99), 1);
}

#[test]
fn a_run_steps_to_its_results() {
    let mut a = ask(json!({ "op": "run_start", "text": ADD, "export": "add", "args": ["2", "40"] }));
    while a["state"] == "running" {
        a = ask(json!({ "op": "run_step" }));
    }
    assert_eq!(a["state"], "finished", "{a}");
    assert_eq!(a["results"], json!(["42 : i32"]));
}

#[test]
fn a_runaway_loop_pauses_between_slices_and_can_be_stopped() {
    let text = "(module (func (export \"spin\") (loop br 0)))";
    let a = ask(json!({ "op": "run_start", "text": text, "export": "spin", "args": [] }));
    assert_eq!(a["state"], "running", "{a}");
    ask(json!({ "op": "run_stop" }));
    assert_eq!(ask(json!({ "op": "run_step" }))["state"], "idle");
}

#[test]
fn output_and_traps_come_back() {
    let text = "(module (import \"env\" \"print_i32\" (func $p (param i32)))\n  (func (export \"f\") i32.const 7 call $p unreachable))";
    let mut a = ask(json!({ "op": "run_start", "text": text, "export": "f", "args": [] }));
    let mut output = a["output"].as_str().unwrap().to_string();
    while a["state"] == "running" {
        a = ask(json!({ "op": "run_step" }));
        output += a["output"].as_str().unwrap();
    }
    assert_eq!(output, "7\n");
    assert_eq!(a["state"], "trapped");
    assert_eq!(a["diagnostics"][0]["labels"][0]["line"], 2, "{a}");
}

#[test]
fn bad_arguments_are_diagnostics() {
    let a = ask(json!({ "op": "run_start", "text": ADD, "export": "add", "args": ["x", "1"] }));
    assert_eq!(a["state"], "failed");
    assert!(a["diagnostics"][0]["message"].as_str().unwrap().contains("argument 1"), "{a}");
}

#[test]
fn the_repl_keeps_its_session_between_requests() {
    let rows = |input: &str| ask(json!({ "op": "repl_eval", "input": input }))["events"].clone();
    assert_eq!(rows("(func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)")[0]["kind"], "defined");
    assert_eq!(rows("i32.const 9 call $sq")[0]["text"], "[81 : i32]");
    assert_eq!(rows(":save x.wat")[0]["kind"], "save");
    let e = rows("i32.const 1 i32.const 2 i64.add");
    assert_eq!(e[0]["kind"], "error", "{e}");
    let complete = |input: &str| ask(json!({ "op": "repl_complete", "input": input }))["complete"].clone();
    assert_eq!((complete("(func"), complete("i32.const 1")), (json!(false), json!(true)));
}

#[test]
fn annotated_rows_point_at_their_source() {
    let a = ask(json!({ "op": "annotate", "text": ADD }));
    let rows = a["rows"].as_array().unwrap();
    let add = rows.iter().find(|r| r["text"].as_str().unwrap().contains("i32.add") && r["len"] == 1).unwrap();
    let (from, to) = (add["from"].as_u64().unwrap() as usize, add["to"].as_u64().unwrap() as usize);
    assert_eq!(&ADD[from..to], "i32.add");
    // The export entry (not its section's header) points at the function it exports.
    let export = rows.iter().find(|r| r["text"].as_str().unwrap().contains("\"add\"") && r["len"] != 0).unwrap();
    let from = export["from"].as_u64().unwrap_or_else(|| panic!("{export}")) as usize;
    assert_eq!(&ADD[from..export["to"].as_u64().unwrap() as usize], "func", "{export}");
    assert!(rows.iter().filter(|r| r["text"].as_str().unwrap().contains("section")).all(|r| r["from"].is_null()));
}

#[test]
fn browser_engine_values_round_trip() {
    let text = "(module (func (export \"f\") (param i64 f64 f32)))";
    let a = ask(json!({ "op": "js_values", "text": text, "export": "f", "args": ["-0x10", "inf", "1.5"] }));
    assert_eq!(
        a["values"],
        json!([{ "type": "i64", "text": "-16" }, { "type": "f64", "text": "Infinity" }, { "type": "f32", "text": "1.5e0" }])
    );
    let v = json!([{ "type": "i64", "text": "-16" }, { "type": "f64", "text": "NaN" }, { "type": "i32", "text": "7" }]);
    let a = ask(json!({ "op": "format_values", "values": v }));
    assert_eq!(a["values"], json!(["-16 : i64", "nan : f64", "7 : i32"]));
}

#[test]
fn explain_answers_for_an_instruction() {
    let a = ask(json!({ "op": "explain", "word": "i32.add" }));
    assert!(a["text"].as_str().unwrap().contains("i32.add"), "{a}");
}

#[test]
#[allow(clippy::disallowed_methods)] // the test counts the folders of lessons/ on disk
fn the_embedded_course_is_the_lessons_folder() {
    let a = ask(json!({ "op": "course" }));
    assert_eq!(a["problems"], json!([]), "{a}");
    let lessons = a["lessons"].as_array().unwrap();
    let dirs = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../lessons"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(lessons.len(), dirs);
    assert_eq!(lessons[0]["name"], "stack-machine");
    let l = ask(json!({ "op": "lesson", "name": "stack-machine" }));
    assert_eq!((l["index"].clone(), l["next"].clone()), (json!(0), lessons[1]["name"].clone()));
    assert!(l["text"].as_str().unwrap().starts_with("# "), "{l}");
    assert!(l["hints"].as_array().is_some_and(|h| !h.is_empty()));
    assert!(ask(json!({ "op": "lesson", "name": "nope" }))["missing"].is_string());
}

#[test]
fn a_lesson_check_fails_on_the_starter_and_passes_on_the_solution() {
    let l = ask(json!({ "op": "lesson", "name": "stack-machine" }));
    let a = ask(json!({ "op": "lesson_check", "name": "stack-machine", "text": l["exercise"] }));
    assert_eq!((a["passed"].clone(), a["stage"].clone()), (json!(false), json!("checks")), "{a}");
    assert_eq!(a["headline"], "NOT YET stack-machine: 0 of 1 checks passed");
    let rendered = a["diagnostics"][0]["rendered"].as_str().unwrap();
    assert!(rendered.contains("42") && rendered.contains("checks.wast"), "{rendered}");
    let solution = ask(json!({ "op": "lesson_solution", "name": "stack-machine" }));
    let a = ask(json!({ "op": "lesson_check", "name": "stack-machine", "text": solution["text"] }));
    assert_eq!(a["passed"], true, "{a}");
    assert!(a["headline"].as_str().unwrap().starts_with("PASSED stack-machine"));
}

#[test]
fn a_trap_in_a_lesson_check_is_located_in_the_learners_text() {
    let text = "(module\n  (func (export \"answer\") (result i32)\n    unreachable))\n";
    let a = ask(json!({ "op": "lesson_check", "name": "stack-machine", "text": text }));
    let labels = a["diagnostics"][0]["labels"].as_array().unwrap();
    let at = text.find("unreachable").unwrap();
    assert!(labels.iter().any(|l| l["from"] == json!(at) && l["line"] == 3), "{a}");
}

#[test]
fn a_start_function_that_prints_then_traps_shows_its_output_with_the_trap() {
    let text = "(module (import \"env\" \"print_i32\" (func $p (param i32)))\n  (func $init i32.const 5 call $p\n    unreachable)\n  (start $init)\n  (func (export \"answer\") (result i32) i32.const 42))";
    let a = ask(json!({ "op": "run_start", "text": text, "export": "answer", "args": [] }));
    assert_eq!((a["state"].clone(), a["output"].clone()), (json!("failed"), json!("5\n")), "{a}");
    assert!(a["diagnostics"][0]["rendered"].as_str().unwrap().contains("unreachable"), "{a}");
    let a = ask(json!({ "op": "lesson_check", "name": "stack-machine", "text": text }));
    assert_eq!((a["stage"].clone(), a["output"].clone()), (json!("module"), json!("5\n")), "{a}");
}

const FAC: &str = "(module\n  (func $fac (export \"fac\") (param $n i32) (result i32)\n    local.get $n\n    i32.eqz\n    if (result i32)\n      i32.const 1\n    else\n      local.get $n\n      local.get $n\n      i32.const 1\n      i32.sub\n      call $fac\n      i32.mul\n    end))\n";

#[test]
fn a_trace_has_each_lines_instruction_stack_and_locals() {
    let a = ask(json!({ "op": "trace", "text": FAC, "export": "fac", "args": ["3"] }));
    assert_eq!(a["state"], "finished", "{a}");
    assert_eq!(a["results"], json!(["6 : i32"]));
    let rows = a["rows"].as_array().unwrap();
    let first = &rows[0];
    assert!(first["text"].as_str().unwrap().contains("local.get $n"), "{first}");
    let (from, to) = (first["from"].as_u64().unwrap() as usize, first["to"].as_u64().unwrap() as usize);
    assert_eq!(&FAC[from..to], "local.get");
    assert_eq!(first["stack"], json!(["3 : i32"]));
    assert_eq!(first["locals"], json!([{ "name": "$n", "value": "3 : i32" }]));
    assert_eq!(first["calls"], json!(["$fac"]));
    // Deeper in the recursion, the calls and locals are the inner frame's.
    let deep = rows.iter().find(|r| r["calls"].as_array().is_some_and(|c| c.len() == 3)).unwrap();
    assert_eq!(deep["locals"][0]["value"], "1 : i32", "{deep}");
    assert!(a["closing"].as_str().unwrap().ends_with("instructions ran"), "{a}");
}

#[test]
fn a_runaway_loop_under_trace_stops_at_the_line_limit() {
    let text = "(module (import \"env\" \"print_i32\" (func $p (param i32)))\n  (func (export \"spin\") (loop i32.const 1 call $p br 0)))";
    let a = ask(json!({ "op": "trace", "text": text, "export": "spin", "args": [], "limit": 50 }));
    assert_eq!(a["state"], "limited", "{a}");
    let rows = a["rows"].as_array().unwrap();
    assert_eq!(rows.iter().filter(|r| r["output"] == false).count(), 50);
    assert!(rows.iter().any(|r| r["output"] == true && r["text"] == "1\n"), "{a}");
}

#[test]
fn a_trace_ends_with_a_located_trap_or_a_diagnostic() {
    let text = "(module (func (export \"f\") (result i32) i32.const 1 i32.const 0 i32.div_s))";
    let a = ask(json!({ "op": "trace", "text": text, "export": "f", "args": [] }));
    assert_eq!(a["state"], "trapped", "{a}");
    assert!(a["diagnostics"][0]["rendered"].as_str().unwrap().contains("i32.div_s"), "{a}");
    let a = ask(json!({ "op": "trace", "text": text, "export": "g", "args": [] }));
    assert_eq!(a["state"], "failed", "{a}");
    let a = ask(json!({ "op": "trace", "text": "(module (func i32.ad))", "export": "f", "args": [] }));
    assert_eq!(a["state"], "failed", "{a}");
}

#[test]
fn after_the_last_hint_the_learners_run_is_compared_with_the_solutions() {
    let text = "(module\n  (func (export \"answer\") (result i32)\n    i32.const 4\n    i32.const 3\n    i32.add\n    i32.const 5\n    i32.mul))\n";
    let a = ask(json!({ "op": "lesson_compare", "name": "stack-machine", "text": text }));
    let words = a["text"].as_str().unwrap_or_else(|| panic!("{a}"));
    assert!(words.contains("(invoke \"answer\")"), "{words}");
    let (from, to) = (a["from"].as_u64().unwrap() as usize, a["to"].as_u64().unwrap() as usize);
    assert_eq!((&text[from..to], a["line"].clone()), ("i32.const", json!(6)), "{a}");
    // The solution itself: no check ends differently, nothing to compare.
    let solution = ask(json!({ "op": "lesson_solution", "name": "stack-machine" }));
    let a = ask(json!({ "op": "lesson_compare", "name": "stack-machine", "text": solution["text"] }));
    assert_eq!(a["text"], Value::Null);
}
