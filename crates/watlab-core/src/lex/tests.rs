//! Unit tests for the lexer and the functions built on it.

use super::*;

/// `Kind(text)` per token, with parens shown bare, so cases read like the source.
fn render(src: &str) -> String {
    let parts: Vec<String> = tokens(src)
        .into_iter()
        .map(|t| {
            let text = &src[t.range.clone()];
            match t.kind {
                TokenKind::LParen | TokenKind::RParen => text.to_string(),
                kind => format!("{kind:?}({text})"),
            }
        })
        .collect();
    parts.join(" ")
}

mod tokens {
    use super::*;

    fn check(src: &str, expected: &str) {
        assert_eq!(render(src), expected, "tokens of {src:?}");
    }

    #[test]
    fn empty() {
        check("", "");
        check(" \t\r\n ", "");
    }

    #[test]
    fn parens_and_keywords() {
        check("(module)", "( Keyword(module) )");
        check("(func $f)", "( Keyword(func) Id($f) )");
    }

    #[test]
    fn keywords_with_dots_equals_underscores() {
        check("i32.load8_u offset=4 align=2", "Keyword(i32.load8_u) Keyword(offset=4) Keyword(align=2)");
        check("memory.atomic.wait32", "Keyword(memory.atomic.wait32)");
    }

    #[test]
    fn ints() {
        check("42", "Int(42)");
        check("0x1F", "Int(0x1F)");
        check("-1_000", "Int(-1_000)");
        check("+7", "Int(+7)");
        check("-0xff_ff", "Int(-0xff_ff)");
    }

    #[test]
    fn decimal_floats() {
        check("+1.5e-3", "Float(+1.5e-3)");
        check("1e10", "Float(1e10)");
        check("3.", "Float(3.)");
        check("1.e5", "Float(1.e5)");
        check("1_0.2_5E+1_0", "Float(1_0.2_5E+1_0)");
    }

    #[test]
    fn hex_floats() {
        check("0x1.8p3", "Float(0x1.8p3)");
        check("-0x1p-2", "Float(-0x1p-2)");
        check("0xA.", "Float(0xA.)");
    }

    #[test]
    fn inf_and_nan() {
        check("inf", "Float(inf)");
        check("-inf", "Float(-inf)");
        check("nan", "Float(nan)");
        check("+nan", "Float(+nan)");
        check("nan:0x200000", "Float(nan:0x200000)");
    }

    #[test]
    fn words_that_only_start_like_numbers() {
        check("infinity", "Keyword(infinity)");
        check("nan:canonical", "Keyword(nan:canonical)");
    }

    #[test]
    fn reserved_words() {
        check("1abc", "Reserved(1abc)");
        check("0x", "Reserved(0x)");
        check("1__0", "Reserved(1__0)");
        check("-", "Reserved(-)");
        check("$", "Reserved($)");
        check("ABC", "Reserved(ABC)");
    }

    #[test]
    fn punctuation_is_reserved_and_separate() {
        check("a,b", "Keyword(a) Reserved(,) Keyword(b)");
        check("{}", "Reserved({) Reserved(})");
        check("; x", "Reserved(;) Keyword(x)");
    }

    #[test]
    fn ids() {
        check("$f", "Id($f)");
        check("$a.b=c", "Id($a.b=c)");
        check(r#"$"quoted id""#, r#"Id($"quoted id")"#);
    }

    #[test]
    fn strings_with_every_escape() {
        let s = r#""\t\n\r\"\'\\\00\fF\u{0}\u{1F600}\u{10_FFFF}""#;
        check(s, &format!("String({s})"));
        check(r#""héllo 日本""#, r#"String("héllo 日本")"#);
    }

    #[test]
    fn bad_strings_are_one_error_token() {
        check(r#""\q" x"#, r#"Error("\q") Keyword(x)"#);
        check(r#""\0""#, r#"Error("\0")"#);
        check(r#""\u{D800}""#, r#"Error("\u{D800}")"#);
        check(r#""\u{110000}""#, r#"Error("\u{110000}")"#);
        check(r#""\u{}""#, r#"Error("\u{}")"#);
        check(r#""\u{_1}""#, r#"Error("\u{_1}")"#);
        check(r#""\u{1__0}""#, r#"Error("\u{1__0}")"#);
        check("\"a\nb\"", "Error(\"a\nb\")");
        check("\"tab\there\"", "Error(\"tab\there\")");
    }

    #[test]
    fn bad_escape_does_not_hide_the_closing_quote() {
        check(r#""\u{12" )"#, r#"Error("\u{12") )"#);
        check(r#""\x" )"#, r#"Error("\x") )"#);
    }

    #[test]
    fn unterminated_string_runs_to_end() {
        check("(data \"ab) (x", "( Keyword(data) String(\"ab) (x)");
        check(r#""ends in \""#, r#"String("ends in \")"#);
    }

    #[test]
    fn touching_words_and_strings_are_one_reserved_token() {
        check(r#"a"b""#, r#"Reserved(a"b")"#);
        check(r#""a"b"#, r#"Reserved("a"b)"#);
        check(r#"$x"y""#, r#"Reserved($x"y")"#);
        check(r#"$"y"z"#, r#"Reserved($"y"z)"#);
        check(r#""a""b""#, r#"Reserved("a""b")"#);
    }

    #[test]
    fn comments() {
        check(";; hi (\n)", "LineComment(;; hi () )");
        check("(; (; ;) ;) x", "BlockComment((; (; ;) ;)) Keyword(x)");
        check("(;;)", "BlockComment((;;))");
        check("(; ;; ;) x", "BlockComment((; ;; ;)) Keyword(x)");
    }

    #[test]
    fn unterminated_block_comment_runs_to_end() {
        check("(; (; ;) x", "BlockComment((; (; ;) x)");
        check("(;)", "BlockComment((;))");
    }

    #[test]
    fn annotations() {
        check("(@name x)", "Annotation((@name) Keyword(x) )");
        check(r#"(@"odd name")"#, r#"Annotation((@"odd name") )"#);
        check("(@ x)", "Annotation((@) Keyword(x) )");
        check(r#"(@a"b" x)"#, r#"( Reserved(@a"b") Keyword(x) )"#);
        check(r#"(@"a"b)"#, r#"( Reserved(@"a"b) )"#);
    }

    #[test]
    fn unlexable_characters() {
        check("é", "Error(é)");
        check("(x 日本語)", "( Keyword(x) Error(日本語) )");
        check("\u{7}", "Error(\u{7})");
        check("a#é", "Keyword(a#) Error(é)");
        check("1#é", "Reserved(1#) Error(é)");
    }
}

mod completeness {
    use super::*;

    fn check(src: &str, expected: Completeness) {
        assert_eq!(completeness(src), expected, "completeness of {src:?}");
    }

    #[test]
    fn empty_and_comment_only_input_is_complete() {
        check("", Completeness::Complete);
        check("  \n", Completeness::Complete);
        check(";; just a note", Completeness::Complete);
        check("(; note ;)", Completeness::Complete);
    }

    #[test]
    fn balanced_input_is_complete() {
        check("(module (func (param i32)))", Completeness::Complete);
        check("i32.const 1", Completeness::Complete);
    }

    #[test]
    fn open_paren_is_incomplete() {
        check("(func (param i32)", Completeness::Incomplete);
    }

    #[test]
    fn extra_close_reports_its_offset() {
        check("(func) )", Completeness::ExtraClose(7));
        check(")", Completeness::ExtraClose(0));
        check(") (", Completeness::ExtraClose(0));
    }

    #[test]
    fn unterminated_string_or_comment_is_incomplete() {
        check("\"unterminated", Completeness::Incomplete);
        check("(; open", Completeness::Incomplete);
        check("(; (; ;) still open", Completeness::Incomplete);
        check("$\"open id", Completeness::Incomplete);
    }

    #[test]
    fn parens_in_strings_and_comments_are_ignored() {
        check(r#"(data "(((")"#, Completeness::Complete);
        check("(func ;; )\n)", Completeness::Complete);
        check("(func (; ) ;) )", Completeness::Complete);
        check(r#"(func $"))")"#, Completeness::Complete);
        check(r#"(data "\q)")"#, Completeness::Complete);
    }

    #[test]
    fn line_comment_ends_at_carriage_return_too() {
        check("(func ;; x\r)", Completeness::Complete);
    }

    #[test]
    fn annotation_counts_as_an_open_paren() {
        check("(@custom \")\"", Completeness::Incomplete);
        check("(@custom \")\")", Completeness::Complete);
    }
}

mod token_range_at {
    use super::*;

    fn check(src: &str, offset: usize, expected: Range<usize>) {
        assert_eq!(token_range_at(src, offset), expected, "token at {offset} in {src:?}");
    }

    #[test]
    fn inside_and_at_start_of_a_token() {
        check("(call $nope)", 6, 6..11);
        check("(call $nope)", 8, 6..11);
        check("(call $nope)", 0, 0..1);
    }

    #[test]
    fn whitespace_gives_the_next_token() {
        check("i32.add   i32.mul", 8, 10..17);
    }

    #[test]
    fn end_of_input_gives_the_previous_token() {
        check("i32.add  ", 9, 0..7);
        check("i32.add", 7, 0..7);
        check("i32.add", 1000, 0..7);
    }

    #[test]
    fn no_tokens_gives_an_empty_clamped_range() {
        check("", 0, 0..0);
        check("  ", 1, 1..1);
        check("  ", 99, 2..2);
    }

    #[test]
    fn offset_inside_a_multibyte_char() {
        check("\"é\"", 2, 0..4);
        check("x é", 3, 2..4);
    }
}

mod definitions {
    use super::*;

    /// `Kind name` per definition, in order.
    fn check(src: &str, expected: &str) {
        let defs: Vec<String> = definitions(src)
            .into_iter()
            .map(|d| {
                assert_eq!(&src[d.range.clone()], d.name);
                format!("{:?} {}", d.kind, d.name)
            })
            .collect();
        assert_eq!(defs.join(", "), expected, "definitions in {src:?}");
    }

    #[test]
    fn module_fields() {
        check(
            "(module $m (type $t (func)) (func $f) (global $g i32) (memory $mem 1) \
             (table $tab 1 funcref) (data $d \"\") (elem $e func) (tag $x))",
            "Module $m, Type $t, Func $f, Global $g, Memory $mem, Table $tab, Data $d, \
             Elem $e, Tag $x",
        );
    }

    #[test]
    fn params_and_locals() {
        check(
            "(func $add (param $a i32) (param $b i32) (result i32) (local $tmp i32))",
            "Func $add, Param $a, Param $b, Local $tmp",
        );
        check("(func (param i32 i64))", "");
    }

    #[test]
    fn flat_labels() {
        check("block $out loop $top br $top end end", "Label $out, Label $top");
        check("if $l (result i32) else $l end $l", "Label $l");
    }

    #[test]
    fn folded_labels() {
        check("(block $b (loop $l (br_if $l)))", "Label $b, Label $l");
        check("(if $c (then) (else))", "Label $c");
    }

    #[test]
    fn imports_define() {
        check(r#"(import "m" "n" (func $f (param $p i32)))"#, "Func $f, Param $p");
        check(r#"(import "m" "g" (global $g i32))"#, "Global $g");
    }

    #[test]
    fn references_do_not_define() {
        check(r#"(export "f" (func $f))"#, "");
        check("(func $f (type $t) call $g)", "Func $f");
        check("(data (memory $m) (i32.const 0) \"\")", "");
        check("(elem (table $t) (i32.const 0) func $f)", "");
        check("(module (start $f))", "");
        check("(func $g (call $f) local.get $x br $l)", "Func $g");
    }

    #[test]
    fn module_definition_and_rec_types() {
        check("(module definition $m)", "Module $m");
        check("(rec (type $a (func)) (type $b (func)))", "Type $a, Type $b");
    }

    #[test]
    fn quoted_ids_keep_their_quotes() {
        check(r#"(func $"my func")"#, r#"Func $"my func""#);
    }

    #[test]
    fn comments_and_annotations_are_ignored() {
        check("(func ;; x\n $f)", "Func $f");
        check("(func (; c ;) $f)", "Func $f");
        check("(@name (func $nope)) (func $yes)", "Func $yes");
    }

    #[test]
    fn incomplete_input_still_yields_definitions() {
        check("(module (func $f (param $p", "Func $f, Param $p");
    }
}

mod highlight_ansi {
    use super::*;

    /// Removes SGR sequences (`ESC [ digits-and-semicolons m`).
    pub(super) fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find("\x1b[") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let n = after.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(after.len());
            if after[n..].starts_with('m') {
                rest = &after[n + 1..];
            } else {
                out.push_str("\x1b[");
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }

    fn check(src: &str, expected: &str) {
        let got = highlight_ansi(src);
        assert_eq!(strip(&got), src, "highlighting must not change the text");
        // Spell ESC as `~` so expectations stay readable.
        assert_eq!(got.replace('\x1b', "~"), expected, "highlight of {src:?}");
    }

    #[test]
    fn structure_and_instructions_differ() {
        check("(func i32.add)", "(~[1;35mfunc~[0m ~[36mi32.add~[0m)");
    }

    #[test]
    fn types_numbers_ids_strings() {
        check("(param $p i32)", "(~[1;35mparam~[0m ~[34m$p~[0m ~[1;36mi32~[0m)");
        check("1 2.5 \"s\"", "~[33m1~[0m ~[33m2.5~[0m ~[32m\"s\"~[0m");
    }

    #[test]
    fn comments_errors_and_reserved() {
        check(";; c\n(; b ;)", "~[90m;; c~[0m\n~[90m(; b ;)~[0m");
        check("é 1x", "~[1;4;31mé~[0m ~[31m1x~[0m");
    }

    #[test]
    fn annotations_and_open_strings() {
        check("(@name)", "~[35m(@name~[0m)");
        check("\"open", "~[32m\"open~[0m");
    }

    #[test]
    fn multiline_tokens_round_trip() {
        let src = "(module\n  (func $f (export \"f\") (result i32)\n    i32.const 0x2A)) (; a\nb ;)";
        assert_eq!(strip(&highlight_ansi(src)), src);
    }
}

/// Fuzz-style checks: every public function on thousands of generated inputs, with a
/// fixed seed so any failure reproduces.
mod properties {
    use super::*;

    const SAMPLE: &str = r#"(module $m
  (import "env" "log" (func $log (param i32)))
  (memory $mem 1) (@custom "x" (after func))
  (data $hello (i32.const 8) "h\u{e9}llo\n\00")
  (global $g (mut f64) (f64.const -0x1.8p3))
  ;; Sums 0..n.
  (func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
(block $done
  (loop $top
    (br_if $done (i32.eqz (local.get $n)))
    (local.set $acc (i32.add (local.get $acc) (local.get $n)))
    (local.set $n (i32.sub (local.get $n) (i32.const 1_000)))
    br $top))
(; nested (; block ;) comment ;)
local.get $acc)
  (func $"odd name" (result f32) f32.const nan:0x200000 drop f32.const -inf))
"#;

    /// Characters that stress the lexer: delimiters, escapes, number parts, multi-byte.
    const ALPHABET: &[&str] = &[
        "(", ")", "\"", ";", ";;", "(;", ";)", "$", "@", "(@", "\\", "\\u{", "}", " ", "\n", "\t", "a", "x", "0", "1",
        "0x", ".", "e", "p", "-", "+", "_", "=", ":", "nan", "inf", "é", "日", "😀", ",", "\r", "\u{0}", "\u{7f}",
    ];

    /// xorshift64: tiny, deterministic, good enough for picking inputs.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }

        /// A char boundary of `s`, chosen uniformly among byte offsets then rounded down.
        fn boundary(&mut self, s: &str) -> usize {
            let mut at = self.below(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            at
        }
    }

    fn byte_soup(rng: &mut Rng) -> String {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(48) {
            if rng.below(2) == 0 {
                bytes.push(rng.next() as u8);
            } else {
                bytes.extend_from_slice(ALPHABET[rng.below(ALPHABET.len())].as_bytes());
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn mutated_sample(rng: &mut Rng) -> String {
        let mut s = SAMPLE.to_string();
        for _ in 0..rng.below(4) {
            let a = rng.boundary(&s);
            let b = rng.boundary(&s);
            let (a, b) = (a.min(b), a.max(b));
            match rng.below(3) {
                0 => s.replace_range(a..b, ""),
                1 => s.insert_str(a, ALPHABET[rng.below(ALPHABET.len())]),
                _ => {
                    let copy = s[a..b.min(a + 40)].to_string();
                    s.insert_str(a, &copy);
                }
            }
        }
        // A random slice, so truncation hits both ends and inputs stay short.
        let start = rng.boundary(&s);
        let mut end = (start + rng.below(300)).min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[start..end].to_string()
    }

    fn non_ascii(rng: &mut Rng) -> String {
        const PIECES: &[&str] = &[
            "(func $é",
            " \"日本語\"",
            " ;; ünïcödé\n",
            " (; 😀 (; ;) ;)",
            " $\"ñ\"",
            " Ωmega",
            " i32.const 1",
            ")",
            " \"\\u{1F600}\"",
            " 🦀",
            " (@ann ñ)",
        ];
        (0..rng.below(8)).map(|_| PIECES[rng.below(PIECES.len())]).collect()
    }

    fn check_invariants(src: &str) {
        let toks = tokens(src);
        let mut prev_end = 0;
        for t in &toks {
            let r = &t.range;
            assert!(r.start < r.end, "empty token {t:?} in {src:?}");
            assert!(prev_end <= r.start, "tokens overlap or go backwards in {src:?}: {toks:?}");
            assert!(r.end <= src.len(), "token past the end in {src:?}");
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            // Anything the lexer skips must be whitespace: no text silently vanishes.
            let gap = &src[prev_end..r.start];
            assert!(gap.bytes().all(|b| b" \t\r\n".contains(&b)), "non-space gap {gap:?} in {src:?}");
            prev_end = r.end;
        }
        assert!(src[prev_end..].bytes().all(|b| b" \t\r\n".contains(&b)));

        if let Completeness::ExtraClose(at) = completeness(src) {
            assert_eq!(src.as_bytes()[at], b')');
        }

        // Every offset of short inputs; long ones (whole-sample prefixes) use a stride, since
        // each call lexes the whole input again and debug builds would take seconds.
        let stride = if src.len() <= 300 { 1 } else { 7 };
        let offsets = (0..=src.len() + 2).step_by(stride).chain(src.len().saturating_sub(2)..src.len() + 2);
        for offset in offsets {
            let r = token_range_at(src, offset);
            assert!(r.start <= r.end && r.end <= src.len(), "bad range {r:?} at {offset} in {src:?}");
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }

        for d in definitions(src) {
            assert_eq!(&src[d.range.clone()], d.name);
            assert!(d.name.starts_with('$'));
        }

        // Our stripper would also eat an ESC sequence written in the source itself.
        if !src.contains('\x1b') {
            assert_eq!(super::highlight_ansi::strip(&highlight_ansi(src)), src);
        }
    }

    #[test]
    fn sample_is_complete_and_lexes_cleanly() {
        assert_eq!(completeness(SAMPLE), Completeness::Complete);
        assert!(tokens(SAMPLE).iter().all(|t| t.kind != TokenKind::Error && t.kind != TokenKind::Reserved));
    }

    #[test]
    fn every_prefix_of_the_sample() {
        for (end, _) in SAMPLE.char_indices() {
            check_invariants(&SAMPLE[..end]);
        }
    }

    #[test]
    fn generated_inputs_never_break_the_invariants() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let src = match round % 3 {
                0 => byte_soup(&mut rng),
                1 => mutated_sample(&mut rng),
                _ => non_ascii(&mut rng),
            };
            check_invariants(&src);
        }
    }
}
