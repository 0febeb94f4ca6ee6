//! The instrumented copy must behave exactly like the original on normal calls, and the re-run
//! must find the trapping instruction and its callers.

// Tests may read the spec suite, spawn a thread or time a run; the library itself may not (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use wasmi::Val;

use super::*;
use crate::assemble::assemble;
use crate::source::SourceMap;

/// Exercises what the rewrite must keep working: imported functions and globals (indices that
/// do not move), defined globals (which do), `call_indirect` through an element segment,
/// `ref.func`, multi-value results, `return_call`, a start function and exported memory.
const KITCHEN_SINK: &str = r#"(module
  (import "env" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $g0 i32))
  (type $bin (func (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 0))
  (global $f funcref (ref.func $add))
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $add $sub)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $init (global.set $counter (i32.const 100)))
  (start $init)
  (func (export "indirect") (param $i i32) (param $a i32) (param $b i32) (result i32)
    (call_indirect (type $bin) (local.get $a) (local.get $b) (local.get $i)))
  (func $divmod (export "divmod") (param $a i32) (param $b i32) (result i32 i32)
    (i32.div_u (local.get $a) (local.get $b))
    (i32.rem_u (local.get $a) (local.get $b)))
  (func $count (export "count") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.add (global.get $counter) (global.get $g0)))
      (else
        (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
        (return_call $count (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "via_ref") (result i32)
    (i32.store (i32.const 8) (i32.const 5))
    (call $print (i32.load (i32.const 8)))
    (call_indirect (type $bin) (i32.const 40) (i32.const 2) (i32.const 1))))
"#;

fn call(bytes: &[u8], hooked: bool, name: &str, args: &[Val]) -> (Vec<i64>, usize) {
    let limits = Limits::default();
    let mut h = Hooked::new(limits).expect("hooks define");
    if !hooked {
        h.runtime = Runtime::new(limits, Box::new(Discard));
    }
    let runtime = &mut h.runtime;
    let module = runtime.compile(bytes).expect("compiles");
    let instance = runtime.instantiate(&module).expect("instantiates");
    let func = instance.get_func(runtime.store(), name).expect("exported");
    let results = runtime.call(func, args, None).expect("no trap");
    let ints = results.iter().map(|v| match v {
        Val::I32(x) => i64::from(*x),
        Val::I64(x) => *x,
        _ => panic!("unexpected result type"),
    });
    let depth = if hooked { h.shadow().expect("readable").len() } else { 0 };
    (ints.collect(), depth)
}

#[test]
fn instrumented_copy_validates_and_computes_the_same() {
    let assembly = assemble(crate::source::SourceId(0), KITCHEN_SINK).expect("assembles");
    let ins = instrument(&assembly.bytes).expect("instruments");
    wasmparser::Validator::new_with_features(crate::validate::features())
        .validate_all(&ins.bytes)
        .expect("the copy validates");
    let cases: &[(&str, &[Val])] = &[
        ("indirect", &[Val::I32(0), Val::I32(7), Val::I32(5)]),
        ("indirect", &[Val::I32(1), Val::I32(7), Val::I32(5)]),
        ("divmod", &[Val::I32(17), Val::I32(5)]),
        ("count", &[Val::I32(10)]),
        // Deeper than the stack limits: `return_call` must stay constant-space in the copy.
        ("count", &[Val::I32(1_000_000)]),
        ("via_ref", &[]),
    ];
    for (name, args) in cases {
        let (want, _) = call(&assembly.bytes, false, name, args);
        let (got, depth) = call(&ins.bytes, true, name, args);
        assert_eq!(got, want, "{name}");
        assert_eq!(depth, 0, "{name}: the shadow stack is empty after a normal call");
    }
    assert_eq!(call(&ins.bytes, true, "count", &[Val::I32(3)]).0, vec![100 + 3 + 666]);
}

#[test]
fn modules_without_imports_get_the_hooks() {
    let assembly = assemble(crate::source::SourceId(0), "(func (export \"one\") (result i32) i32.const 1)").unwrap();
    let ins = instrument(&assembly.bytes).expect("instruments");
    wasmparser::Validator::new_with_features(crate::validate::features()).validate_all(&ins.bytes).unwrap();
    assert_eq!(call(&ins.bytes, true, "one", &[]), (vec![1], 0));
    // Nothing to trace without defined functions.
    assert!(instrument(&assemble(crate::source::SourceId(0), "(memory 1)").unwrap().bytes).is_none());
}

#[test]
fn enclosing_loop_is_the_innermost() {
    let text = "(func (loop $a (block (loop $b (nop) (br $b))) (br $a)))";
    let assembly = assemble(crate::source::SourceId(0), text).unwrap();
    let ins = instrument(&assembly.bytes).unwrap();
    // Operators: loop0 block1 loop2 nop3 br4 end5 end6 br7 end8 end9.
    assert_eq!(ins.enclosing_loop(0, 4), Some(2));
    assert_eq!(ins.enclosing_loop(0, 7), Some(0));
    assert_eq!(ins.enclosing_loop(0, 9), None);
}

/// Runs `export` of `text` normally, then locates its trap.
fn locate(text: &str, export: &str, args: &[Val], limits: Limits) -> (SourceMap, Trap, Option<TrapTrace>) {
    let mut sources = SourceMap::new();
    let id = sources.add("t.wat", text);
    let assembly = assemble(id, text).expect("assembles");
    let mut runtime = Runtime::new(limits, Box::new(Discard));
    let module = runtime.compile(&assembly.bytes).unwrap();
    let instance = runtime.instantiate(&module).unwrap();
    let func = instance.get_func(runtime.store(), export).unwrap();
    let trap = runtime.call(func, args, None).expect_err("traps");
    let entry = Entry::Export { name: export, args };
    let trace = locate_trap(&assembly.bytes, &assembly.spans, limits, entry, &trap);
    (sources, trap, trace)
}

fn at(sources: &SourceMap, frame: &Frame) -> (String, usize, usize) {
    let span = frame.span.expect("located");
    let (line, col) = sources.line_col(span.source, span.start);
    (frame.func_name.clone(), line, col)
}

const TWO_DEEP: &str = "(module
  (func $main (export \"main\") (param $x i32) (result i32)
    (call $mid (local.get $x)))
  (func $mid (param $x i32) (result i32)
    (call $d (i32.const 10) (local.get $x)))
  (func $d (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s))";

#[test]
fn a_trap_two_calls_deep_names_every_frame() {
    let (sources, trap, trace) = locate(TWO_DEEP, "main", &[Val::I32(0)], Limits::default());
    assert_eq!(trap.kind, TrapKind::Code(wasmi::TrapCode::IntegerDivisionByZero));
    let trace = trace.expect("located");
    let frames: Vec<_> = trace.frames.iter().map(|f| at(&sources, f)).collect();
    assert_eq!(frames, [("$d".to_string(), 9, 5), ("$mid".to_string(), 5, 6), ("$main".to_string(), 3, 6)]);
    let d = attach(crate::trap::diagnostic(&trap, Limits::default(), "`main`"), &trace, &trap.kind, &sources);
    let primary = d.primary_span().unwrap();
    assert_eq!(&TWO_DEEP[primary.range()], "i32.div_s");
    assert!(d.notes.iter().any(|n| n.text.contains("$mid   at t.wat:5:6")), "{:?}", d.notes);
}

#[test]
fn a_rerun_that_ends_differently_gives_no_trace() {
    let mut sources = SourceMap::new();
    let id = sources.add("t.wat", TWO_DEEP);
    let assembly = assemble(id, TWO_DEEP).unwrap();
    let args = [Val::I32(0)];
    let entry = Entry::Export { name: &std::env::var("EXPORT").unwrap_or("main".into()), args: &args };
    // Claim a trap the program does not have: the re-run disagrees, so no location.
    let claimed = Trap { kind: TrapKind::Code(wasmi::TrapCode::UnreachableCodeReached), fuel_used: 1000 };
    assert_eq!(locate_trap(&assembly.bytes, &assembly.spans, Limits::default(), entry, &claimed), None);
    // A call that does not trap at all has nothing to show either.
    let ok = [Val::I32(2)];
    let entry = Entry::Export { name: "main", args: &ok };
    let claimed = Trap { kind: TrapKind::Code(wasmi::TrapCode::IntegerDivisionByZero), fuel_used: 1000 };
    assert_eq!(locate_trap(&assembly.bytes, &assembly.spans, Limits::default(), entry, &claimed), None);
    // Interrupts are not reproducible.
    let claimed = Trap { kind: TrapKind::Interrupted, fuel_used: 1000 };
    assert_eq!(locate_trap(&assembly.bytes, &assembly.spans, Limits::default(), entry, &claimed), None);
}

#[test]
fn out_of_fuel_points_into_the_loop() {
    let text = "(func (export \"spin\") (local $i i32)
  (loop $l
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))";
    let limits = Limits { fuel: Some(100_000), ..Limits::default() };
    let (sources, trap, trace) = locate(text, "spin", &[], limits);
    assert_eq!(trap.kind, TrapKind::OutOfFuel);
    let trace = trace.expect("located");
    assert_eq!(trace.frames.len(), 1);
    let (line, _) = sources.line_col(trace.frames[0].span.unwrap().source, trace.frames[0].span.unwrap().start);
    assert!((3..=4).contains(&line), "line {line}");
    let loop_span = trace.loop_span.expect("inside a loop");
    assert_eq!(sources.line_col(loop_span.source, loop_span.start), (2, 4));
}

#[test]
fn deep_recursion_is_summarised() {
    let text = "(func $down (export \"down\") (param $n i32) (result i32)
  (if (result i32) (i32.eqz (local.get $n))
    (then (i32.div_u (i32.const 1) (local.get $n)))
    (else (call $down (i32.sub (local.get $n) (i32.const 1))))))";
    let (sources, trap, trace) = locate(text, "down", &[Val::I32(50_000)], Limits::default());
    let trace = trace.expect("located");
    assert_eq!(trace.frames.len(), 50_001);
    let d = attach(crate::trap::diagnostic(&trap, Limits::default(), "`down`"), &trace, &trap.kind, &sources);
    let stack = &d.notes.last().unwrap().text;
    assert_eq!(stack.lines().count(), 3, "{stack}");
    assert!(stack.contains("$down  at t.wat:4:12  (50,000 calls)"), "{stack}");
}

/// fib(n), then a division by zero: heavy work before the trap.
const FIB_THEN_DIV: &str = "(module
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export \"main\") (param $n i32) (result i32)
    (i32.div_s (call $fib (local.get $n)) (i32.const 0))))";

/// Not a check: prints what a re-run costs. `cargo test --release --lib measure_rerun --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn measure_rerun() {
    let assembly = assemble(crate::source::SourceId(0), FIB_THEN_DIV).unwrap();
    for n in [25, 30, 32] {
        let args = [Val::I32(n)];
        let mut runtime = Runtime::new(Limits::default(), Box::new(Discard));
        let module = runtime.compile(&assembly.bytes).unwrap();
        let instance = runtime.instantiate(&module).unwrap();
        let func = instance.get_func(runtime.store(), "main").unwrap();
        let t0 = std::time::Instant::now();
        let trap = runtime.call(func, &args, None).unwrap_err();
        let original = t0.elapsed();
        let t1 = std::time::Instant::now();
        let entry = Entry::Export { name: "main", args: &args };
        let found = locate_trap(&assembly.bytes, &assembly.spans, Limits::default(), entry, &trap).is_some();
        let rerun = t1.elapsed();
        eprintln!(
            "fib({n}) then trap: original {original:?} ({} fuel), locate_trap {rerun:?}, found: {found}",
            trap.fuel_used
        );
    }
}

/// The spec suite's `invoke`s and `assert_return`s, run on each module and on its instrumented
/// copy side by side: the copy must give the same results and trap the same way.
#[test]
fn spec_calls_behave_the_same_on_the_copy() {
    use wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke, Wat};
    let suite = crate::test_support::testsuite();
    let list = std::fs::read_to_string(suite.join("expected-pass.txt")).unwrap();
    let arg = crate::wast_runner::number_arg;
    let bits = |v: &Val| match v {
        Val::I32(x) => Some(*x as u32 as u64),
        Val::I64(x) => Some(*x as u64),
        Val::F32(x) => Some(u64::from(x.to_bits())),
        Val::F64(x) => Some(x.to_bits()),
        _ => None,
    };
    type Pair = (Runtime, wasmi::Instance, Hooked, wasmi::Instance);
    type Outcome = Result<Vec<Option<u64>>, TrapKind>;
    let call = |pair: &mut Pair, inv: &WastInvoke<'_>| -> Option<(Outcome, Outcome, bool)> {
        let args: Option<Vec<Val>> = inv.args.iter().map(arg).collect();
        let args = args?;
        let (rt, inst, h, copy) = pair;
        let f1 = inst.get_func(rt.store(), inv.name)?;
        let f2 = copy.get_func(h.runtime.store(), inv.name)?;
        let r1 = rt.call(f1, &args, None).map(|v| v.iter().map(bits).collect()).map_err(|t| t.kind);
        let r2 = h.runtime.call(f2, &args, None).map(|v| v.iter().map(bits).collect()).map_err(|t| t.kind);
        let full = h.shadow().is_none();
        if r2.is_err() {
            // A trap leaves its frames on the shadow stack (that is the point); start afresh.
            h.sp.set(h.runtime.store_mut(), Val::I32(0)).unwrap();
        }
        Some((r1, r2, full))
    };
    let (mut n_calls, mut n_modules) = (0, 0);
    for rel in list.lines().filter(|l| !l.trim().is_empty()) {
        let text = std::fs::read_to_string(suite.join(rel)).unwrap();
        let Ok(mut buf) = wast::parser::ParseBuffer::new(&text) else { continue };
        buf.track_instr_spans(true);
        let Ok(script) = wast::parser::parse::<Wast>(&buf) else { continue };
        let mut current: Option<Pair> = None;
        for directive in script.directives {
            match directive {
                WastDirective::Module(QuoteWat::Wat(Wat::Module(mut module))) => {
                    current = None;
                    let Ok(a) = crate::assemble::encode_module(crate::source::SourceId(0), &text, &mut module) else {
                        continue;
                    };
                    let Some(ins) = instrument(&a.bytes) else { continue };
                    let limits = Limits { fuel: Some(50_000_000), ..Limits::default() };
                    let mut rt = Runtime::new(limits, Box::new(Discard));
                    let Ok(m1) = rt.compile(&a.bytes) else { continue };
                    let Ok(inst) = rt.instantiate(&m1) else { continue };
                    let mut h =
                        Hooked::new(Limits { max_call_depth: limits.max_call_depth * 2 + 2, ..limits }).unwrap();
                    let m2 = h.runtime.compile(&ins.bytes).unwrap_or_else(|e| panic!("{rel}: the copy compiles: {e}"));
                    let copy = match h.runtime.instantiate(&m2) {
                        Ok(c) => c,
                        Err(_) => panic!("{rel}: the copy instantiates like the original"),
                    };
                    n_modules += 1;
                    current = Some((rt, inst, h, copy));
                }
                WastDirective::Invoke(inv)
                | WastDirective::AssertReturn { exec: WastExecute::Invoke(inv), .. }
                | WastDirective::AssertTrap { exec: WastExecute::Invoke(inv), .. }
                | WastDirective::AssertExhaustion { call: inv, .. } => {
                    let Some(pair) = current.as_mut() else { continue };
                    if inv.module.is_some() {
                        continue;
                    }
                    let Some((r1, r2, full)) = call(pair, &inv) else { continue };
                    n_calls += 1;
                    let line = crate::source::line_col(&text, inv.span.offset()).0;
                    // Known limit: tail calls through a table go through wrappers, so a long
                    // chain of them fills the copy's stacks; the re-run then reports nothing.
                    let stacks_full = full || r2 == Err(TrapKind::Code(wasmi::TrapCode::StackOverflow));
                    if r1 != r2 && rel.starts_with("return_call_indirect") && stacks_full {
                        continue;
                    }
                    assert_eq!(r1, r2, "{rel}:{line}: `{}` differs on the copy", inv.name);
                    // The shadow stack is empty again after every call that returns.
                    if r2.is_ok() {
                        assert_eq!(pair.2.shadow().map(|s| s.len()), Some(0), "{rel}:{line}");
                    }
                }
                _ => {}
            }
        }
    }
    eprintln!("compared {n_calls} calls on {n_modules} modules");
    assert!(n_calls > 1000, "too few calls compared: {n_calls}");
}

/// Issue 9: an endless `return_call` recursion ran out of fuel with no location, while a
/// `loop` got one.
#[test]
fn endless_tail_recursion_out_of_fuel_is_located() {
    let text = "(func $f (export \"f\") (param $n i32) (result i32)
  (return_call $f (i32.add (local.get $n) (i32.const 1))))";
    let limits = Limits { fuel: Some(100_000), ..Limits::default() };
    let (sources, trap, trace) = locate(text, "f", &[Val::I32(0)], limits);
    assert_eq!(trap.kind, TrapKind::OutOfFuel);
    let trace = trace.expect("located");
    assert_eq!(trace.frames.len(), 1, "{trace:?}");
    let (name, line, _) = at(&sources, &trace.frames[0]);
    assert_eq!((name.as_str(), line), ("$f", 2));
    let d = attach(crate::trap::diagnostic(&trap, limits, "`f`"), &trace, &trap.kind, &sources);
    assert!(d.primary_span().is_some(), "{d:?}");
}

/// A sink that checks, before every instruction, that the shadow stack holds at least the
/// values the instruction pops (the shadow follows the real stack).
struct Checking {
    probed: std::sync::Arc<probes::Probed>,
    n_before: u64,
}

impl record::Sink for Checking {
    fn event(&mut self, event: &record::Event<'_>, machine: &record::Machine) -> record::Flow {
        if let record::Event::Before { site } = event {
            self.n_before += 1;
            let pops = self.probed.analysis.sites[*site as usize].pops as usize;
            let height = machine.frames.last().map_or(0, |f| f.stack.len());
            assert!(height >= pops, "site {site} pops {pops} from a shadow stack of {height}");
        }
        record::Flow::Go
    }
}

#[test]
fn recording_copy_computes_the_same_and_keeps_a_true_shadow() {
    let mut sources = SourceMap::new();
    let id = sources.add("k.wat", KITCHEN_SINK);
    let assembly = assemble(id, KITCHEN_SINK).expect("assembles");
    let rec = Recordable::new(&assembly.bytes, Some(&assembly.spans), &sources).expect("rewrites");
    let cases: &[(&str, &[Val])] = &[
        ("indirect", &[Val::I32(0), Val::I32(7), Val::I32(5)]),
        ("divmod", &[Val::I32(17), Val::I32(5)]),
        ("count", &[Val::I32(10)]),
        ("via_ref", &[]),
    ];
    for (name, args) in cases {
        let (want, _) = call(&assembly.bytes, false, name, args);
        let sink = Checking { probed: rec.probed.clone(), n_before: 0 };
        let mut recorder =
            record::Recorder::new(rec.probed.clone(), Limits::default(), Box::new(Discard), Box::new(sink))
                .expect("instantiates");
        let mut running = recorder.begin(name, args).expect("exported");
        let results = loop {
            match recorder.resume(&mut running) {
                crate::runtime::Progress::Finished(v) => break v,
                crate::runtime::Progress::Paused { .. } => continue,
                crate::runtime::Progress::Trapped(t) => panic!("{name} trapped: {t:?}"),
            }
        };
        let got: Vec<i64> = results
            .iter()
            .map(|v| match v {
                Val::I32(x) => i64::from(*x),
                Val::I64(x) => *x,
                _ => panic!("unexpected result type"),
            })
            .collect();
        assert_eq!(got, want, "{name}");
        let machine = recorder.machine();
        assert!(machine.frames.is_empty(), "{name}: every frame returned");
        assert!(machine.n_steps > 0, "{name}: instructions were recorded");
    }
}

#[test]
fn written_text_keeps_immediates_and_stops_at_the_next_instruction() {
    assert_eq!(listing::written_at("local.get $n i32.const 1", 0), "local.get $n");
    assert_eq!(listing::written_at("(i32.store offset=4 (local.get 0))", 1), "i32.store offset=4");
    assert_eq!(listing::written_at("block $done (result i32) ;; x", 0), "block $done (result i32)");
    assert_eq!(listing::written_at("call_indirect (type $bin) (local.get 0)", 0), "call_indirect (type $bin)");
}
