//! Unit tests for the instruction table and its look-ups.

use super::*;

// ---- helpers -------------------------------------------------------------------------

fn check_suggest(input: &str, expected: Option<&str>) {
    assert_eq!(suggest(input), expected, "suggest({input:?})");
}

/// The features wasmi 2.0 turns on (its `Config::default` with `simd`), plus wide
/// arithmetic, which wasmi implements but leaves off by default.
fn engine_features() -> wasmparser::WasmFeatures {
    use wasmparser::WasmFeatures as F;
    F::MUTABLE_GLOBAL
        | F::MULTI_VALUE
        | F::MULTI_MEMORY
        | F::SATURATING_FLOAT_TO_INT
        | F::SIGN_EXTENSION
        | F::BULK_MEMORY
        | F::REFERENCE_TYPES
        | F::GC_TYPES
        | F::TAIL_CALL
        | F::EXTENDED_CONST
        | F::FLOATS
        | F::MEMORY64
        | F::WIDE_ARITHMETIC
        | F::SIMD
        | F::RELAXED_SIMD
}

/// Immediates that make `name` well-formed inside [`module_for`]'s module. Locals are
/// addressed past the parameters, where the module declares one extra `i32` local.
fn immediates(name: &str, n_params: usize) -> String {
    let imm = match name {
        "local.get" | "local.set" | "local.tee" => return n_params.to_string(),
        "br" | "br_if" | "br_table" | "call" | "return_call" | "global.get" | "global.set" | "data.drop"
        | "elem.drop" | "ref.func" | "memory.init" | "table.init" | "i32.const" | "i64.const" | "f32.const"
        | "f64.const" => "0",
        "ref.null" => "func",
        "v128.const" => "i64x2 0 0",
        "i8x16.shuffle" => "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        _ if name.contains("_lane") && !name.contains("laneselect") => "0",
        _ => "",
    };
    imm.to_string()
}

/// A module with one of everything an instruction may refer to (memory 0, table 0, a
/// mutable i32 global 0, data segment 0, element segment 0 naming function 0) and one
/// function with the given params, results and body.
fn module_for(params: &[&str], results: &[&str], body: &str) -> String {
    format!(
        "(module (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0)) \
         (data \"abc\") (elem func 0) \
         (func (param {}) (result {}) (local i32) {body}))",
        params.join(" "),
        results.join(" ")
    )
}

fn encode(text: &str) -> Result<Vec<u8>, String> {
    let buf = wast::parser::ParseBuffer::new(text).map_err(|e| e.message())?;
    let mut wat: wast::Wat = wast::parser::parse(&buf).map_err(|e| e.message())?;
    wat.encode().map_err(|e| e.message())
}

fn validate(bytes: &[u8]) -> Result<(), String> {
    let mut validator = wasmparser::Validator::new_with_features(engine_features());
    validator.validate_all(bytes).map(drop).map_err(|e| e.message().to_string())
}

/// The opcode of the first instruction in the first function body: one byte, or a prefix
/// byte and its LEB128 sub-opcode.
fn first_opcode(bytes: &[u8]) -> Vec<u32> {
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.expect("wast output parses") {
            let mut reader = body.get_binary_reader_for_operators().expect("body has locals");
            let first = reader.read_u8().expect("body has an instruction");
            return match first {
                0xfb..=0xfe => vec![first.into(), reader.read_var_u32().expect("sub-opcode")],
                _ => vec![first.into()],
            };
        }
    }
    panic!("no function body");
}

/// A signature with `t` read as `i32` and `ref` as `funcref`, which [`module_for`]'s
/// table, global and extra local provide; `None` if it has a `*`.
fn concrete(signature: &'static str) -> Option<Vec<&'static str>> {
    signature
        .split_whitespace()
        .map(|word| match word {
            "t" => Some("i32"),
            "ref" => Some("funcref"),
            "*" => None,
            _ => Some(word),
        })
        .collect()
}

// ---- the table -----------------------------------------------------------------------

#[test]
fn names_are_unique() {
    let mut names: Vec<_> = all().iter().map(|i| i.name).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len());
}

#[test]
fn opcodes_are_unique() {
    let mut opcodes: Vec<_> = all().iter().map(|i| i.opcode).collect();
    opcodes.sort();
    let before = opcodes.len();
    opcodes.dedup();
    assert_eq!(before, opcodes.len());
}

#[test]
fn table_is_in_opcode_order() {
    assert!(all().windows(2).all(|w| w[0].opcode < w[1].opcode));
}

#[test]
fn table_has_every_supported_instruction() {
    assert_eq!(all().len(), 462);
}

#[test]
fn names_are_lowercase_words() {
    for instr in all() {
        assert!(instr.name.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_')), "{}", instr.name);
    }
}

#[test]
fn summaries_are_single_sentences_ending_in_a_period() {
    for instr in all() {
        assert!(instr.summary.ends_with('.'), "{}", instr.name);
        assert!(!instr.summary.contains('\n'), "{}", instr.name);
        assert!(instr.summary.len() <= 180, "{}", instr.name);
    }
}

#[test]
fn signature_words_come_from_the_documented_vocabulary() {
    for instr in all() {
        for word in instr.params.split_whitespace().chain(instr.results.split_whitespace()) {
            assert!(VALUE_TYPES.contains(&word) || matches!(word, "t" | "ref" | "*"), "{}: {word}", instr.name);
        }
    }
}

#[test]
fn opcodes_have_one_byte_or_a_prefix_and_a_sub_opcode() {
    for instr in all() {
        match instr.opcode {
            [byte] => assert!(*byte < 0xfb, "{}", instr.name),
            [0xfc | 0xfd, _] => {}
            other => panic!("{}: {other:?}", instr.name),
        }
    }
}

#[test]
fn simd_instructions_are_vector_or_memory() {
    for instr in all().iter().filter(|i| i.opcode[0] == 0xfd) {
        let expected = if instr.name.starts_with("v128.load") || instr.name.starts_with("v128.store") {
            Category::Memory
        } else {
            Category::Vector
        };
        assert_eq!(instr.category, expected, "{}", instr.name);
    }
}

// ---- agreement with wast and wasmparser -----------------------------------------------

#[test]
fn every_mnemonic_encodes_to_its_opcode() {
    let mut failures = Vec::new();
    for instr in all() {
        let text = format!("(module (func {} {}))", instr.name, immediates(instr.name, 0));
        match encode(&text) {
            Ok(bytes) if first_opcode(&bytes) == instr.opcode => {}
            Ok(bytes) => failures.push(format!("{}: {:?}", instr.name, first_opcode(&bytes))),
            Err(e) => failures.push(format!("{}: {e}", instr.name)),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn sample_opcodes_match_the_spec() {
    // Written out from the spec's binary-format tables, independently of wast.
    let expected: &[(&str, &[u32])] = &[
        ("unreachable", &[0x00]),
        ("call", &[0x10]),
        ("return_call", &[0x12]),
        ("select", &[0x1b]),
        ("local.get", &[0x20]),
        ("table.get", &[0x25]),
        ("i64.load", &[0x29]),
        ("memory.grow", &[0x40]),
        ("i32.const", &[0x41]),
        ("i32.add", &[0x6a]),
        ("f64.promote_f32", &[0xbb]),
        ("i32.extend8_s", &[0xc0]),
        ("ref.null", &[0xd0]),
        ("ref.func", &[0xd2]),
        ("i32.trunc_sat_f32_s", &[0xfc, 0]),
        ("memory.init", &[0xfc, 8]),
        ("memory.copy", &[0xfc, 10]),
        ("table.fill", &[0xfc, 17]),
        ("i64.add128", &[0xfc, 19]),
        ("i64.mul_wide_u", &[0xfc, 22]),
        ("v128.load", &[0xfd, 0]),
        ("v128.const", &[0xfd, 12]),
        ("i8x16.shuffle", &[0xfd, 13]),
        ("i32x4.add", &[0xfd, 174]),
        ("f64x2.promote_low_f32x4", &[0xfd, 95]),
        ("i8x16.relaxed_swizzle", &[0xfd, 0x100]),
        ("i32x4.relaxed_dot_i8x16_i7x16_add_s", &[0xfd, 0x113]),
    ];
    for (name, opcode) in expected {
        assert_eq!(lookup(name).map(|i| i.opcode), Some(*opcode), "{name}");
    }
}

#[test]
fn every_signature_without_star_validates() {
    // Pushing exactly `params` from locals and leaving exactly `results` is only valid if
    // both are right: a missing operand underflows and a spare value is left over.
    let mut n_checked = 0;
    let mut failures = Vec::new();
    for instr in all() {
        let (Some(params), Some(results)) = (concrete(instr.params), concrete(instr.results)) else {
            continue;
        };
        let pushes: String = (0..params.len()).map(|idx| format!("local.get {idx} ")).collect();
        let body = format!("{pushes}{} {}", instr.name, immediates(instr.name, params.len()));
        let bytes = encode(&module_for(&params, &results, &body)).expect("module encodes");
        if let Err(e) = validate(&bytes) {
            failures.push(format!("{}: [{}] -> [{}]: {e}", instr.name, instr.params, instr.results));
        }
        n_checked += 1;
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(n_checked, all().iter().filter(|i| !i.params.contains('*')).count());
}

#[test]
fn control_signatures_validate_in_context() {
    let cases: &[(&str, &str, &str)] = &[
        ("i32", "i32", "block (result i32) local.get 0 end"),
        ("i32", "i32", "local.get 0 if (result i32) i32.const 1 else i32.const 2 end"),
        ("i32", "", "loop local.get 0 br_if 0 end"),
        ("i32", "i32", "block (result i32) i32.const 7 local.get 0 br_if 0 end"),
        ("i32", "", "block local.get 0 br_table 0 0 end"),
        ("i32", "i32", "local.get 0 return"),
        ("i32", "i32", "local.get 0 call 0"),
        ("i32", "i32", "local.get 0 local.get 0 call_indirect (param i32) (result i32)"),
        ("i32", "i32", "local.get 0 return_call 0"),
        ("", "i32", "unreachable"),
    ];
    for (params, results, body) in cases {
        let params: Vec<&str> = params.split_whitespace().collect();
        let results: Vec<&str> = results.split_whitespace().collect();
        let bytes = encode(&module_for(&params, &results, body)).expect("module encodes");
        validate(&bytes).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
}

#[test]
fn ref_func_needs_the_function_mentioned_outside_code() {
    // Backs the claim in ref.func's summary.
    let bytes = encode("(module (func (result funcref) ref.func 0))").expect("encodes");
    assert!(validate(&bytes).is_err());
}

#[test]
fn memory64_loads_take_an_i64_address() {
    // Backs the module docs: the table's `i32` addresses are for 32-bit memories.
    let text = "(module (memory i64 1) (func (param i64) (result i32) local.get 0 i32.load))";
    validate(&encode(text).expect("encodes")).expect("valid with memory64");
}

#[test]
fn unsupported_mnemonics_are_wast_keywords() {
    for (name, _) in UNSUPPORTED {
        let text = format!("(module (func {name}))");
        if let Err(message) = encode(&text) {
            assert!(!message.contains("unknown operator"), "{name}: {message}");
        }
    }
}

#[test]
fn unknown_mnemonics_are_rejected_by_wast() {
    // The keyword test above is only meaningful if wast does say this for a bad name.
    let message = encode("(module (func i32.addd))").expect_err("not an instruction");
    assert!(message.contains("unknown operator"), "{message}");
}

#[test]
fn unsupported_mnemonics_are_not_in_the_table() {
    for (name, _) in UNSUPPORTED {
        assert!(lookup(name).is_none(), "{name}");
    }
}

#[test]
fn unsupported_has_no_duplicates() {
    let mut names: Vec<_> = UNSUPPORTED.iter().map(|(n, _)| *n).collect();
    names.sort();
    let before = names.len();
    names.dedup();
    assert_eq!((before, names.len()), (161, 161));
}

#[test]
fn unsupported_names_the_proposal() {
    assert_eq!(unsupported("struct.new"), Some("garbage collection"));
    assert_eq!(unsupported("call_ref"), Some("typed function references"));
    assert_eq!(unsupported("try_table"), Some("exception handling"));
    assert_eq!(unsupported("i32.atomic.load"), Some("threads"));
    assert_eq!(unsupported("i32.add"), None);
}

// ---- lookup, complete, fixed_params ------------------------------------------------------

#[test]
fn lookup_finds_exact_names() {
    let add = lookup("i32.add").expect("i32.add is known");
    assert_eq!((add.opcode, add.category), (&[0x6a][..], Category::Numeric));
    assert_eq!((add.params, add.results), ("i32 i32", "i32"));
}

#[test]
fn lookup_is_case_sensitive() {
    assert!(lookup("I32.add").is_none());
}

#[test]
fn lookup_rejects_unknown_names() {
    assert!(lookup("i32.addd").is_none());
    assert!(lookup("").is_none());
}

#[test]
fn lookup_knows_the_prefixed_families() {
    assert_eq!(lookup("memory.copy").map(|i| i.category), Some(Category::Memory));
    assert_eq!(lookup("v128.load").map(|i| i.category), Some(Category::Memory));
    assert_eq!(lookup("i8x16.add").map(|i| i.category), Some(Category::Vector));
    assert_eq!(lookup("i64.add128").map(|i| i.results), Some("i64 i64"));
}

#[test]
fn complete_lists_i32_const() {
    let names: Vec<_> = complete("i32.co").map(|i| i.name).collect();
    assert!(names.contains(&"i32.const"), "{names:?}");
}

#[test]
fn complete_only_returns_matching_names() {
    assert!(complete("i32.co").all(|i| i.name.starts_with("i32.co")));
}

#[test]
fn complete_keeps_table_order() {
    let names: Vec<_> = complete("local.").map(|i| i.name).collect();
    assert_eq!(names, ["local.get", "local.set", "local.tee"]);
}

#[test]
fn complete_ignores_case() {
    assert_eq!(complete("LOCAL.G").map(|i| i.name).collect::<Vec<_>>(), ["local.get"]);
}

#[test]
fn complete_with_empty_prefix_lists_everything() {
    assert_eq!(complete("").count(), all().len());
}

#[test]
fn complete_with_no_match_is_empty() {
    assert_eq!(complete("zzz").count(), 0);
}

#[test]
fn fixed_params_of_a_binary_op() {
    assert_eq!(fixed_params("i32.add"), Some(vec!["i32", "i32"]));
}

#[test]
fn fixed_params_of_a_store_put_the_address_first() {
    assert_eq!(fixed_params("i64.store"), Some(vec!["i32", "i64"]));
}

#[test]
fn fixed_params_of_a_conversion() {
    assert_eq!(fixed_params("f64.convert_i32_u"), Some(vec!["i32"]));
}

#[test]
fn fixed_params_of_nop_is_empty() {
    assert_eq!(fixed_params("nop"), Some(vec![]));
}

#[test]
fn fixed_params_is_none_when_operands_vary() {
    for name in ["drop", "select", "local.set", "call", "br_if", "table.set", "ref.is_null"] {
        assert_eq!(fixed_params(name), None, "{name}");
    }
}

#[test]
fn fixed_params_is_none_for_unknown_names() {
    assert_eq!(fixed_params("i32.addd"), None);
}

#[test]
fn fixed_results_of_a_comparison_is_i32() {
    assert_eq!(lookup("f64.lt").and_then(|i| i.fixed_results()), Some(vec!["i32"]));
}

#[test]
fn category_displays_lowercase() {
    assert_eq!(Category::Parametric.to_string(), "parametric");
}

// ---- suggest ---------------------------------------------------------------------------

#[test]
fn suggest_returns_a_correct_name_unchanged() {
    check_suggest("i32.add", Some("i32.add"));
}

#[test]
fn suggest_fixes_case() {
    check_suggest("I32.add", Some("i32.add"));
    check_suggest("I32.ADD", Some("i32.add"));
}

#[test]
fn suggest_fixes_a_missing_letter() {
    check_suggest("i32.ad", Some("i32.add"));
}

#[test]
fn suggest_fixes_an_extra_letter() {
    check_suggest("i32.addd", Some("i32.add"));
}

#[test]
fn suggest_fixes_swapped_letters() {
    check_suggest("i32.cosnt", Some("i32.const"));
}

#[test]
fn suggest_fixes_an_underscore_for_the_dot() {
    check_suggest("i32_add", Some("i32.add"));
    check_suggest("local_get", Some("local.get"));
}

#[test]
fn suggest_fixes_a_missing_dot() {
    check_suggest("i32add", Some("i32.add"));
    check_suggest("i32x4add", Some("i32x4.add"));
    check_suggest("memorygrow", Some("memory.grow"));
}

#[test]
fn suggest_fixes_c_type_names() {
    check_suggest("int32.add", Some("i32.add"));
    check_suggest("float64.mul", Some("f64.mul"));
    check_suggest("int64_sub", Some("i64.sub"));
}

#[test]
fn suggest_fixes_swapped_halves() {
    check_suggest("add.i32", Some("i32.add"));
}

#[test]
fn suggest_reads_a_bare_operator_as_i32() {
    check_suggest("add", Some("i32.add"));
    check_suggest("const", Some("i32.const"));
}

#[test]
fn suggest_maps_old_local_and_global_names() {
    check_suggest("get_local", Some("local.get"));
    check_suggest("set_local", Some("local.set"));
    check_suggest("tee_local", Some("local.tee"));
    check_suggest("get_global", Some("global.get"));
    check_suggest("set_global", Some("global.set"));
}

#[test]
fn suggest_maps_old_memory_names() {
    check_suggest("current_memory", Some("memory.size"));
    check_suggest("grow_memory", Some("memory.grow"));
}

#[test]
fn suggest_maps_old_slash_conversions() {
    check_suggest("i32.wrap/i64", Some("i32.wrap_i64"));
    check_suggest("i32.trunc_s/f32", Some("i32.trunc_f32_s"));
    check_suggest("i64.extend_u/i32", Some("i64.extend_i32_u"));
    check_suggest("i32.trunc_u:sat/f64", Some("i32.trunc_sat_f64_u"));
    check_suggest("f32.demote/f64", Some("f32.demote_f64"));
}

#[test]
fn suggest_picks_signed_when_the_sign_is_missing() {
    check_suggest("i32.div", Some("i32.div_s"));
}

#[test]
fn suggest_all_lists_both_signs() {
    assert_eq!(suggest_all("i32.div"), ["i32.div_s", "i32.div_u"]);
    assert_eq!(suggest_all("i64.load32"), ["i64.load32_s", "i64.load32_u"]);
    assert_eq!(suggest_all("i32.trunc_f32"), ["i32.trunc_f32_s", "i32.trunc_f32_u"]);
    assert_eq!(suggest_all("div"), ["i32.div_s", "i32.div_u"]);
}

#[test]
fn suggest_all_is_one_name_for_a_plain_typo() {
    assert_eq!(suggest_all("i32.ad"), ["i32.add"]);
}

#[test]
fn suggest_drops_a_sign_floats_do_not_have() {
    check_suggest("f32.div_s", Some("f32.div"));
}

#[test]
fn suggest_fixes_control_typos() {
    check_suggest("blok", Some("block"));
    check_suggest("br_iff", Some("br_if"));
    check_suggest("unreachble", Some("unreachable"));
}

#[test]
fn suggest_gives_up_on_garbage() {
    check_suggest("foo", None);
    check_suggest("xyz", None);
    check_suggest("hello", None);
    check_suggest("", None);
    check_suggest("   ", None);
}

#[test]
fn suggest_says_nothing_for_unsupported_instructions() {
    check_suggest("struct.new", None);
    check_suggest("call_ref", None);
}

#[test]
fn suggest_ignores_surrounding_spaces() {
    check_suggest(" i32.add ", Some("i32.add"));
}

#[test]
fn every_name_suggests_itself() {
    for instr in all() {
        assert_eq!(suggest(instr.name), Some(instr.name));
    }
}
