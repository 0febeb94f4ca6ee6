//! The explanations are complete and true (issue 12): every instruction the assembler accepts
//! has exactly one entry, every diagnostic code has one, every example runs in a fresh session
//! and prints what its entry says, every wrong example fails with its code and every fix passes.

use super::*;
use crate::runtime::Limits;
use crate::session::{Event, Session};

/// The last line a fresh REPL session prints for `setup` then `input`, or the first error.
fn run_example(ex: &Example) -> Result<String, String> {
    let mut s = Session::new(Limits::default());
    let mut last = String::new();
    for input in ex.setup.iter().chain(std::iter::once(&ex.input)) {
        for event in s.eval(input) {
            match event {
                Event::Error(d) => return Err(format!("{input:?}: {}", d.message)),
                Event::Stack(v) => last = crate::session::DisplayStack(&v).to_string(),
                Event::Results(v) => {
                    last = v.iter().map(|x| crate::value::DisplayTyped(x).to_string()).collect::<Vec<_>>().join("\n")
                }
                Event::Defined(d) => last = d.to_string(),
                Event::Memory(m) => last = m.to_string(),
                Event::Info(t) | Event::Output(t) => last = t,
                _ => {}
            }
        }
    }
    Ok(last.lines().last().unwrap_or("").to_string())
}

#[test]
fn the_data_files_read_cleanly() {
    let problems = &catalog().problems;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_instruction_has_exactly_one_entry() {
    let cat = catalog();
    let mut missing = Vec::new();
    for i in instr::all() {
        match cat.instructions.iter().filter(|e| e.instr.name == i.name).count() {
            1 => {}
            0 => missing.push(i.name),
            n => panic!("`{}` has {n} entries", i.name),
        }
    }
    assert!(missing.is_empty(), "{} instructions have no entry: {}", missing.len(), missing.join(" "));
}

#[test]
fn every_instruction_example_prints_its_result() {
    let mut wrong = Vec::new();
    for e in &catalog().instructions {
        match run_example(&e.example) {
            Ok(got) if got == e.example.result => {}
            Ok(got) => wrong.push(format!(
                "{} ({}.toml): printed {got:?}, the entry says {:?}",
                e.instr.name, e.file, e.example.result
            )),
            Err(err) => wrong.push(format!("{} ({}.toml): {err}", e.instr.name, e.file)),
        }
        for r in &e.related {
            if instr::lookup(r).is_none() {
                wrong.push(format!("{}: related `{r}` is not an instruction", e.instr.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_code_has_an_entry_and_every_topic_example_runs() {
    let cat = catalog();
    let missing: Vec<&str> =
        code::ALL.iter().filter(|c| !cat.codes.iter().any(|e| e.id == c.id)).map(|c| c.id).collect();
    assert!(missing.is_empty(), "codes without an entry: {}", missing.join(" "));
    for t in &cat.topics {
        for ex in &t.examples {
            assert_eq!(run_example(ex).as_deref(), Ok(ex.result.as_str()), "topic {}", t.name);
        }
    }
}

#[test]
fn lookups_answer_names_codes_topics_numbers_and_slips() {
    assert!(matches!(lookup("e0100", None), Answer::Code(c, _) if c.id == "E0100"));
    assert!(matches!(lookup("0x7fc00000", Some(NumberType::F32)), Answer::Number(b) if b.bits == 0x7fc0_0000));
    match lookup("get_local", None) {
        Answer::Unknown { suggestions, .. } => assert_eq!(suggestions.first().map(String::as_str), Some("local.get")),
        other => panic!("{other:?}"),
    }
    assert!(lookup("zzzzzz", None).to_string().contains("`watlab explain` lists the topics"));
    assert!(search("").is_empty());
}

#[test]
fn opcodes_are_shown_as_their_bytes() {
    assert_eq!(opcode_bytes(instr::lookup("i32.add").unwrap()), "0x6a");
    assert_eq!(opcode_bytes(instr::lookup("memory.init").unwrap()), "0xfc 0x08");
    // `i16x8.relaxed_q15mulr_s` is 0xfd 273: the sub-opcode is LEB128.
    assert_eq!(opcode_bytes(instr::lookup("i16x8.relaxed_q15mulr_s").unwrap()), "0xfd 0x91 0x02");
}
