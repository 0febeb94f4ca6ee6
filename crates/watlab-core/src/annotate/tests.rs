//! Unit tests of the annotated view: goldens for small modules, exact byte coverage on large and
//! mutated modules and the spec test suite, wrapping and eliding, and WAT instruction names.

// Tests may read the spec suite, spawn a thread or time a run; the library itself may not (clippy.toml).
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::collections::HashMap;

use wasmparser::{HeapType, Ieee32, Ieee64, MemArg, MemArgTarget, Operator, Ordering, Parser, Payload, ValType};

use super::instr_text::plain_op_text;
use super::layout::offset_width;
use super::*;

/// Source lines for flat code: the k-th instruction of each body (the implicit final `end`
/// excluded) is paired with the k-th line that does not start with `(`, `)` or `;;`. That is
/// how the goldens below are written; real pairing is span_map.rs's job.
fn flat_source_map(wat: &str, bytes: &[u8]) -> HashMap<u64, SourceLine> {
    let mut lines = wat.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim();
        let is_instr = !t.is_empty() && !t.starts_with('(') && !t.starts_with(')') && !t.starts_with(";;");
        is_instr.then(|| SourceLine { line: i + 1, text: t.to_string() })
    });
    let mut map = HashMap::new();
    for payload in Parser::new(0).parse_all(bytes) {
        if let Payload::CodeSectionEntry(body) = payload.expect("test module parses") {
            let mut ops = body.get_operators_reader().expect("test body parses");
            let mut offsets = Vec::new();
            while !ops.eof() {
                offsets.push(ops.read_with_offset().expect("test body parses").1);
            }
            offsets.pop();
            for offset in offsets {
                if let Some(line) = lines.next() {
                    map.insert(offset, line);
                }
            }
        }
    }
    map
}

fn check(wat: &str, expected: &str) {
    let bytes = wat::parse_str(wat).expect("test module assembles");
    let map = flat_source_map(wat, &bytes);
    let source = |offset: u64| map.get(&offset).cloned();
    let actual = annotate(&bytes, Some(&source), &AnnotateOptions::default()).expect("annotates");
    assert_covers(&bytes, &actual, &AnnotateOptions::default());
    let expected = expected.strip_prefix('\n').unwrap_or(expected);
    assert!(actual == expected, "annotation differs; actual:\n{actual}");
}

/// Reads the rendered view back: offsets must run from 0 to the end with no gap or overlap,
/// and the hex shown must be the module's bytes.
fn assert_covers(bytes: &[u8], text: &str, opts: &AnnotateOptions) {
    let width = offset_width(bytes.len());
    let hex_width = opts.max_bytes_per_line.clamp(1, 256) * 3 - 1;
    let mut next = 0usize;
    for line in text.lines() {
        let Some(offset) = line.get(..width).and_then(|o| usize::from_str_radix(o, 16).ok()) else {
            assert!(line.trim().is_empty() || line.starts_with(' '), "unexpected line {line:?}");
            continue;
        };
        assert_eq!(offset, next, "offset out of sequence at {line:?}");
        let rest = &line[width + 2..];
        if let Some(elided) = rest.strip_prefix("… (") {
            let n: usize = elided.split(' ').next().and_then(|n| n.parse().ok()).expect("elision count");
            next += n;
            continue;
        }
        let column = rest.get(..hex_width.min(rest.len())).expect("hex column is ASCII");
        for hex in column.split_whitespace() {
            let byte = u8::from_str_radix(hex, 16).expect("hex byte");
            assert_eq!(Some(&byte), bytes.get(next), "wrong byte at 0x{next:x} in {line:?}");
            next += 1;
        }
    }
    assert_eq!(next, bytes.len(), "view stops short of the end");
}

/// The internal lines, before rendering, tile the module exactly.
fn assert_lines_tile(bytes: &[u8]) {
    let Ok(lines) = Annotator::new(bytes, None).run() else {
        return;
    };
    let mut next = 0;
    for line in lines.iter().filter(|l| l.len > 0) {
        assert_eq!(line.offset, next, "gap or overlap at {line:?}");
        next += line.len;
    }
    assert_eq!(next, bytes.len());
}

#[test]
fn add_function_with_source_lines() {
    check(
        r#"(module
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add))"#,
        r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 07                         size: 7 bytes
000a: 01                         1 type (vec length)
000b: 60                         type 0: func [i32 i32] -> [i32] — 0x60 = func type
000c: 02 7f 7f                     params [i32 i32]: vec length 2; 0x7f = i32
000f: 01 7f                        results [i32]: vec length 1; 0x7f = i32

0011: 03                       section 3: function
0012: 02                         size: 2 bytes
0013: 01                         1 function (vec length)
0014: 00                         func 0 ($add): type 0 [i32 i32] -> [i32]

0015: 07                       section 7: export
0016: 07                         size: 7 bytes
0017: 01                         1 export (vec length)
0018: 03 61 64 64                export 0: name "add" (length 3)
001c: 00 00                        0x00 = func, index 0 ($add)

001e: 0a                       section 10: code
001f: 09                         size: 9 bytes
0020: 01                         1 function body (vec length)
0021: 07                         func 0 ($add) [i32 i32] -> [i32]: body size 7 bytes
0022: 00                           no local declarations (vec length 0)
                                   ;; line 3: local.get $a
0023: 20 00                        local.get 0 ($a)
                                   ;; line 4: local.get $b
0025: 20 01                        local.get 1 ($b)
                                   ;; line 5: i32.add))
0027: 6a                           i32.add
0028: 0b                           end of func 0 ($add)

0029: 00                       section 0: custom "name"
002a: 18                         size: 24 bytes
002b: 04 6e 61 6d 65             name "name" (length 4)
0030: 01                         subsection 1: function names
0031: 06                           size: 6 bytes
0032: 01                           1 name (vec length)
0033: 00 03 61 64 64               func 0: "add" (length 3)
0038: 02                         subsection 2: local names
0039: 09                           size: 9 bytes
003a: 01                           1 function with local names (vec length)
003b: 00                           func 0 ($add):
003c: 02                             2 names (vec length)
003d: 00 01 61                       local 0: "a" (length 1)
0040: 01 01 62                       local 1: "b" (length 1)
"#,
    );
}

#[test]
fn memory_and_data() {
    check(
        r#"(module
  (memory (export "mem") 1 2)
  (data (i32.const 16) "Hi!\00")
  (data "passive"))"#,
        r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 05                       section 5: memory
0009: 04                         size: 4 bytes
000a: 01                         1 memory (vec length)
000b: 01 01 02                   memory 0: limits 0x01 = min and max; min 1, max 2 (pages of 64 KiB)

000e: 07                       section 7: export
000f: 07                         size: 7 bytes
0010: 01                         1 export (vec length)
0011: 03 6d 65 6d                export 0: name "mem" (length 3)
0015: 02 00                        0x02 = memory, index 0

0017: 0b                       section 11: data
0018: 13                         size: 19 bytes
0019: 02                         2 data segments (vec length)
001a: 00                         data 0: flags 0x00 = active in memory 0
                                   offset expression:
001b: 41 10                          i32.const 16 — LEB128 signed: 0x10 = 16
001d: 0b                             end of expression
001e: 04                           4 bytes of data
001f: 48 69 21 00                  data "Hi!\00"
0023: 01                         data 1: flags 0x01 = passive (copied in by memory.init)
0024: 07                           7 bytes of data
0025: 70 61 73 73 69 76 65         data "passive"
"#,
    );
}

#[test]
fn imports_exports_globals() {
    check(
        r#"(module
  (import "env" "log" (func (param i32)))
  (import "env" "base" (global i32))
  (global (mut i64) (i64.const -1))
  (global f32 (f32.const 1.5))
  (func (export "run") (call 0 (global.get 0)))
  (export "counter" (global 1)))"#,
        r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 08                         size: 8 bytes
000a: 02                         2 types (vec length)
000b: 60                         type 0: func [i32] -> [] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 00                           no results (vec length 0)
000f: 60                         type 1: func [] -> [] — 0x60 = func type
0010: 00                           no params (vec length 0)
0011: 00                           no results (vec length 0)

0012: 02                       section 2: import
0013: 17                         size: 23 bytes
0014: 02                         2 imports (vec length)
0015: 03 65 6e 76                import 0: module "env" (length 3)
0019: 03 6c 6f 67                  name "log" (length 3)
001d: 00 00                        0x00 = func of type 0 [i32] -> []; this is func 0
001f: 03 65 6e 76                import 1: module "env" (length 3)
0023: 04 62 61 73 65               name "base" (length 4)
0028: 03                           0x03 = global; this is global 0
0029: 7f 00                          0x7f = i32, 0x00 = const

002b: 03                       section 3: function
002c: 02                         size: 2 bytes
002d: 01                         1 function (vec length)
002e: 01                         func 1: type 1 [] -> []

002f: 06                       section 6: global
0030: 0e                         size: 14 bytes
0031: 02                         2 globals (vec length)
0032: 7e 01                      global 1: 0x7e = i64, 0x01 = var (mutable)
0034: 42 7f                        i64.const -1 — LEB128 signed: 0x7f = -1
0036: 0b                           end of expression
0037: 7d 00                      global 2: 0x7d = f32, 0x00 = const
0039: 43 00 00 c0 3f               f32.const 1.5 — IEEE 754 bits 0x3fc00000, stored little-endian
003e: 0b                           end of expression

003f: 07                       section 7: export
0040: 11                         size: 17 bytes
0041: 02                         2 exports (vec length)
0042: 03 72 75 6e                export 0: name "run" (length 3)
0046: 00 01                        0x00 = func, index 1
0048: 07 63 6f 75 6e 74 65 72    export 1: name "counter" (length 7)
0050: 03 01                        0x03 = global, index 1

0052: 0a                       section 10: code
0053: 08                         size: 8 bytes
0054: 01                         1 function body (vec length)
0055: 06                         func 1 [] -> []: body size 6 bytes
0056: 00                           no local declarations (vec length 0)
0057: 23 00                        global.get 0
0059: 10 00                        call 0
005b: 0b                           end of func 1
"#,
    );
}

#[test]
fn loop_with_br_if() {
    check(
        r#"(module
  (func (param i32) (result i32) (local i32)
    loop
      local.get 1
      i32.const 300
      i32.add
      local.tee 1
      local.get 0
      i32.lt_u
      br_if 0
    end
    local.get 1))"#,
        r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 06                         size: 6 bytes
000a: 01                         1 type (vec length)
000b: 60                         type 0: func [i32] -> [i32] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 01 7f                        results [i32]: vec length 1; 0x7f = i32

0010: 03                       section 3: function
0011: 02                         size: 2 bytes
0012: 01                         1 function (vec length)
0013: 00                         func 0: type 0 [i32] -> [i32]

0014: 0a                       section 10: code
0015: 18                         size: 24 bytes
0016: 01                         1 function body (vec length)
0017: 16                         func 0 [i32] -> [i32]: body size 22 bytes
0018: 01                           1 local declaration (vec length)
0019: 01 7f                        local 1: 1 × i32 — 0x7f = i32
                                   ;; line 3: loop
001b: 03 40                        loop — 0x40 = no params, no results
                                     ;; line 4: local.get 1
001d: 20 01                          local.get 1
                                     ;; line 5: i32.const 300
001f: 41 ac 02                       i32.const 300 — LEB128 signed: 0xac 0x02 = 300
                                     ;; line 6: i32.add
0022: 6a                             i32.add
                                     ;; line 7: local.tee 1
0023: 22 01                          local.tee 1
                                     ;; line 8: local.get 0
0025: 20 00                          local.get 0
                                     ;; line 9: i32.lt_u
0027: 49                             i32.lt_u
                                     ;; line 10: br_if 0
0028: 0d 00                          br_if 0 (back to the start of loop 001b)
                                   ;; line 11: end
002a: 0b                           end of loop (001b)
                                   ;; line 12: local.get 1))
002b: 20 01                        local.get 1
002d: 0b                           end of func 0
"#,
    );
}

#[test]
fn name_section_and_elems() {
    check(
        r#"(module
  (table 2 funcref)
  (elem (i32.const 0) $f $g)
  (func $f (param $x i32))
  (func $g))"#,
        r#"
0000: 00 61 73 6d              magic "\0asm"
0004: 01 00 00 00              version 1

0008: 01                       section 1: type
0009: 08                         size: 8 bytes
000a: 02                         2 types (vec length)
000b: 60                         type 0: func [i32] -> [] — 0x60 = func type
000c: 01 7f                        params [i32]: vec length 1; 0x7f = i32
000e: 00                           no results (vec length 0)
000f: 60                         type 1: func [] -> [] — 0x60 = func type
0010: 00                           no params (vec length 0)
0011: 00                           no results (vec length 0)

0012: 03                       section 3: function
0013: 03                         size: 3 bytes
0014: 02                         2 functions (vec length)
0015: 00                         func 0 ($f): type 0 [i32] -> []
0016: 01                         func 1 ($g): type 1 [] -> []

0017: 04                       section 4: table
0018: 04                         size: 4 bytes
0019: 01                         1 table (vec length)
001a: 70                         table 0: 0x70 = funcref
001b: 00 02                        limits 0x00 = min only; min 2 (elements)

001d: 09                       section 9: element
001e: 08                         size: 8 bytes
001f: 01                         1 element segment (vec length)
0020: 00                         elem 0: flags 0x00 = active in table 0; function indices
                                   offset expression:
0021: 41 00                          i32.const 0 — LEB128 signed: 0x00 = 0
0023: 0b                             end of expression
0024: 02                           2 function indices (vec length)
0025: 00 01                        func 0 ($f), func 1 ($g)

0027: 0a                       section 10: code
0028: 07                         size: 7 bytes
0029: 02                         2 function bodies (vec length)
002a: 02                         func 0 ($f) [i32] -> []: body size 2 bytes
002b: 00                           no local declarations (vec length 0)
002c: 0b                           end of func 0 ($f)
002d: 02                         func 1 ($g) [] -> []: body size 2 bytes
002e: 00                           no local declarations (vec length 0)
002f: 0b                           end of func 1 ($g)

0030: 00                       section 0: custom "name"
0031: 16                         size: 22 bytes
0032: 04 6e 61 6d 65             name "name" (length 4)
0037: 01                         subsection 1: function names
0038: 07                           size: 7 bytes
0039: 02                           2 names (vec length)
003a: 00 01 66                     func 0: "f" (length 1)
003d: 01 01 67                     func 1: "g" (length 1)
0040: 02                         subsection 2: local names
0041: 06                           size: 6 bytes
0042: 01                           1 function with local names (vec length)
0043: 00                           func 0 ($f):
0044: 01                             1 name (vec length)
0045: 00 01 78                       local 0: "x" (length 1)
"#,
    );
}

/// A module touching most sections and instruction shapes: imports of every kind, element
/// segments in four encodings, active and passive data, memargs, multi-value blocks, SIMD,
/// tail calls, and a name section with local, label, type, table and segment names.
const BIG: &str = r#"(module
  (type $t0 (func (param i32) (result i32)))
  (import "env" "log" (func $log (param i32)))
  (import "env" "mem" (memory 1 2))
  (import "env" "g" (global $g (mut i64)))
  (import "env" "tab" (table 2 funcref))
  (global $counter (mut i32) (i32.const 0))
  (global $pi f64 (f64.const 3.14159))
  (global $big i32 (i32.const -624485))
  (table $t 3 10 funcref)
  (elem (i32.const 0) $fact $fact)
  (elem $passive func $fact)
  (elem declare func $log)
  (elem (table $t) (i32.const 1) funcref (ref.func $fact) (ref.null func))
  (data (i32.const 16) "Hello, world!\n")
  (data $p "passive data that is rather long, longer than thirty-two bytes for sure")
  (func $fact (export "fact") (type $t0)
    (local $acc i32) (local $x i64) (local $y i64)
    i32.const 1
    local.set $acc
    block $done
      loop $again
        local.get 0
        i32.eqz
        br_if $done
        local.get $acc
        local.get 0
        i32.mul
        local.set $acc
        local.get 0
        i32.const 1
        i32.sub
        local.set 0
        br $again
      end
    end
    local.get $acc)
  (func $mem (param i32) (result i32 i32)
    (i32.store offset=4 align=2 (local.get 0) (i32.const 42))
    (i32.load8_u offset=1 (local.get 0))
    (i64.load (i32.const 0)) drop
    (memory.grow (i32.const 1)) drop
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 10))
    (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1))
    data.drop $p
    (call_indirect (type $t0) (i32.const 5) (i32.const 0))
    (block (result i32 i32) (i32.const 1) (i32.const 2))
    drop
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))
    (br_table 0 0 0 (i32.const 0))
  )
  (func $simd (result v128)
    (v128.const i32x4 1 2 3 4)
    (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
    (i32x4.extract_lane 2) drop
    (f32x4.splat (f32.const -inf))
    (v128.load8_lane offset=3 5 (i32.const 0))
    f64x2.add
    (i32x4.add (v128.const i64x2 0 0))
    (f32.const nan:0x200000) drop
    (f64.const -0.0) drop
    (global.set $counter (i32.add (global.get $counter) (i32.const 1000000)))
    (call $log (i32.const 1))
    (return_call $fact (i32.const 3)) )
  (start $start)
  (func $start)
  (export "mem" (memory 0))
  (export "counter" (global $counter))
)
"#;

#[test]
fn big_module_is_covered_exactly_once() {
    let bytes = wat::parse_str(BIG).expect("BIG assembles");
    for opts in [
        AnnotateOptions::default(),
        AnnotateOptions { max_bytes_per_line: 3, max_payload_bytes: 0 },
        AnnotateOptions { max_bytes_per_line: 16, max_payload_bytes: 5 },
        AnnotateOptions { max_bytes_per_line: 0, max_payload_bytes: 1 },
    ] {
        let text = annotate(&bytes, None, &opts).expect("BIG annotates");
        assert_covers(&bytes, &text, &opts);
    }
    assert_lines_tile(&bytes);
    let text = annotate(&bytes, None, &AnnotateOptions::default()).expect("BIG annotates");
    for expected in [
        "i32.store offset=4 align=2 — memarg: align 2^1 = 2 bytes, offset 4",
        "block (type 3) [] -> [i32 i32] — type index 3 as signed LEB128 (s33): 0x03",
        "br_if 1 (out of block 00ca)",
        "br 0 (back to the start of loop 00cc)",
        "br_table 0 0 0 — vec length 2 + default",
        "call_indirect (type 0) [i32] -> [i32] — type index 0, table index 0",
        "memory.grow — memory index 0",
        "memory.init 1 — prefix 0xfc, opcode 8; data index 1, memory index 0",
        "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 — prefix 0xfd, opcode 13",
        "v128.load8_lane offset=3 5 — prefix 0xfd, opcode 84; memarg: align 2^0 = 1 byte, offset 3",
        "f32.const nan:0x200000",
        "i32.const 1000000 — LEB128 signed: 0xc0 0x84 0x3d = 1000000",
        "return_call 1 ($fact)",
        "elem 3: flags 0x06 = active, table index follows; expressions",
        "item 1: ref.null func, end",
        "data \"passive data that is rather long, longer\"…",
        "01f8: … (39 more bytes)",
        "size: 257 bytes (LEB128: 0x81 0x02 = 257)",
        "label 1: \"again\" (length 5)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// A tiny xorshift generator, so the mutation test needs no extra crate and is repeatable.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[test]
fn mutated_and_truncated_modules_never_panic() {
    let seeds: Vec<Vec<u8>> = [
            BIG,
            r#"(module (func $add (export "add") (param $a i32) (param $b i32) (result i32) local.get $a local.get $b i32.add))"#,
            r#"(module (memory 1) (data (i32.const 8) "abc") (global (mut i32) (i32.const 7)) (func (result i32) global.get 0))"#,
        ]
        .iter()
        .map(|w| wat::parse_str(w).expect("seed assembles"))
        .collect();
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let (mut n_ok, mut n_err) = (0, 0);
    for _ in 0..4000 {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len());
            match rng.below(5) {
                0 => bytes.truncate(at),
                1 => bytes.insert(at, rng.below(256) as u8),
                2 if !bytes.is_empty() => drop(bytes.remove(at)),
                3 if !bytes.is_empty() => bytes[at] = [0x00, 0x0b, 0x40, 0x7f, 0x80, 0xff][rng.below(6)],
                _ if !bytes.is_empty() => bytes[at] = rng.below(256) as u8,
                _ => {}
            }
        }
        let opts = AnnotateOptions { max_bytes_per_line: rng.below(12), max_payload_bytes: rng.below(40) };
        match annotate(&bytes, None, &opts) {
            Ok(text) => {
                assert_covers(&bytes, &text, &opts);
                assert_lines_tile(&bytes);
                n_ok += 1;
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                n_err += 1;
            }
        }
    }
    // Both outcomes must be exercised, or the mutations are too gentle or too harsh.
    assert!(n_ok > 200 && n_err > 200, "ok {n_ok}, err {n_err}");
}

/// Every `(module ...)` form in a .wast file, including ones inside assertions (some are
/// `binary` modules that are malformed on purpose).
fn wast_modules(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let (mut i, mut depth, mut start) = (0, 0usize, None);
    let mut out = Vec::new();
    while i < b.len() {
        match b[i] {
            b';' if b.get(i + 1) == Some(&b';') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' if b.get(i + 1) == Some(&b';') => {
                let mut nest = 1;
                i += 2;
                while i + 1 < b.len() && nest > 0 {
                    match (b[i], b[i + 1]) {
                        (b'(', b';') => (nest, i) = (nest + 1, i + 1),
                        (b';', b')') => (nest, i) = (nest - 1, i + 1),
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' => {
                depth += 1;
                let is_module = text
                    .get(i + 1..i + 8)
                    .is_some_and(|w| w.starts_with("module") && w.as_bytes()[6].is_ascii_whitespace());
                if start.is_none() && is_module {
                    start = Some((i, depth));
                }
            }
            b')' => {
                if let Some((s, d)) = start {
                    if d == depth {
                        out.push(&text[s..=i]);
                        start = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Every module of the spec test suite (see `tests/support/testsuite.rs`) that wat
/// can assemble: annotated or rejected, never a panic, and when annotated, covered exactly.
#[test]
fn spec_testsuite_modules() {
    let dir = crate::test_support::testsuite();
    // The suite's subfolders (custom/, proposals/) hold the newer encodings.
    let (mut paths, mut dirs) = (Vec::new(), vec![dir]);
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("testsuite folder reads").filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "wast") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let (mut n_ok, mut n_err) = (0, 0);
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("spec file is UTF-8");
        for module in wast_modules(&text) {
            let Ok(bytes) = wat::parse_str(module) else {
                continue;
            };
            match annotate(&bytes, None, &AnnotateOptions::default()) {
                Ok(view) => {
                    assert_covers(&bytes, &view, &AnnotateOptions::default());
                    n_ok += 1;
                }
                Err(_) => n_err += 1,
            }
        }
    }
    eprintln!("spec modules: {n_ok} annotated, {n_err} rejected as malformed");
    assert!(n_ok > 1000, "only {n_ok} spec modules annotated");
}

#[test]
fn malformed_input_is_an_error_with_offset() {
    let opts = AnnotateOptions::default();
    let err = annotate(b"hello world!", None, &opts).unwrap_err();
    assert!(err.message.starts_with("magic header not detected: bad magic number"), "{err}");
    assert_eq!(err.offset, 0);
    // A type section that promises 5 bytes but the module ends after 2 of them.
    let err = annotate(b"\0asm\x01\0\0\0\x01\x05\x01\x60", None, &opts).unwrap_err();
    assert_eq!(err.to_string(), format!("{} (at offset 0x{:x})", err.message, err.offset));
    assert!(err.message.contains("unexpected end"), "{err}");
    // An unknown opcode inside a function body.
    let mut bytes = wat::parse_str("(module (func nop))").expect("assembles");
    let nop = bytes.iter().rposition(|&b| b == 0x01).expect("nop opcode");
    bytes[nop] = 0xff;
    let err = annotate(&bytes, None, &opts).unwrap_err();
    assert_eq!(err.offset, nop, "{err}");
}

#[test]
fn long_runs_wrap_and_elide_never_silently() {
    let bytes = wat::parse_str(r#"(module (@custom "notes" "0123456789abcdefghij"))"#).expect("assembles");
    let opts = AnnotateOptions { max_bytes_per_line: 4, max_payload_bytes: 6 };
    let text = annotate(&bytes, None, &opts).expect("annotates");
    assert_covers(&bytes, &text, &opts);
    let expected = r#"
0008: 00           section 0: custom "notes"
0009: 1a             size: 26 bytes
000a: 05 6e 6f 74    name "notes" (length 5)
000e: 65 73
0010: 30 31 32 33    contents: 20 bytes (not annotated)
0014: 34 35
0016: … (14 more bytes)
"#;
    assert!(text.ends_with(expected), "{text}");
    let all = AnnotateOptions { max_bytes_per_line: 4, max_payload_bytes: 0 };
    let text = annotate(&bytes, None, &all).expect("annotates");
    assert!(!text.contains('…'));
    assert!(text.ends_with("0020: 67 68 69 6a\n"), "{text}");
    let one_more = AnnotateOptions { max_bytes_per_line: 8, max_payload_bytes: 19 };
    let text = annotate(&bytes, None, &one_more).expect("annotates");
    assert!(text.ends_with("0020: 67 68 69\n0023: … (1 more byte)\n"), "{text}");
}

#[test]
fn folded_code_shows_each_source_line_once() {
    let wat = "(module\n  (func (result i32)\n    (i32.add (i32.const 1) (i32.const 2))))";
    let bytes = wat::parse_str(wat).expect("assembles");
    let source = |offset: u64| {
        // Everything but the final `end` (the last byte) came from line 3.
        (offset + 1 < bytes.len() as u64)
            .then(|| SourceLine { line: 3, text: "(i32.add (i32.const 1) (i32.const 2))))".into() })
    };
    let text = annotate(&bytes, Some(&source), &AnnotateOptions::default()).expect("annotates");
    assert_eq!(text.matches(";; line 3:").count(), 1, "{text}");
    assert!(
        text.contains(
            "                                   ;; line 3: (i32.add (i32.const 1) (i32.const 2))))\n\
             0018: 41 01                        i32.const 1"
        ),
        "{text}"
    );
}

#[test]
fn component_stops_after_the_header() {
    let bytes = wat::parse_str("(component (core module))").expect("assembles");
    let text = annotate(&bytes, None, &AnnotateOptions::default()).expect("annotates");
    assert_covers(&bytes, &text, &AnnotateOptions::default());
    assert!(text.starts_with("0000: 00 61 73 6d              magic \"\\0asm\"\n0004: 0d 00 01 00              version 13, layer 1: a component\n"), "{text}");
}

fn memarg(align: u8, max_align: u8, offset: u64, memory: u32) -> MemArg {
    MemArg { align, max_align, offset, target: MemArgTarget::Memory(memory), ordering: None }
}

#[test]
fn instruction_names_are_wat() {
    let cases: Vec<(Operator<'static>, &str)> = vec![
        (Operator::I32TruncSatF32S, "i32.trunc_sat_f32_s"),
        (Operator::I64ExtendI32U, "i64.extend_i32_u"),
        (Operator::BrIf { relative_depth: 2 }, "br_if 2"),
        (Operator::I32Load { memarg: memarg(2, 2, 0, 0) }, "i32.load"),
        (Operator::I32Load { memarg: memarg(0, 2, 8, 0) }, "i32.load offset=8 align=1"),
        (Operator::I64Store32 { memarg: memarg(2, 2, 4, 1) }, "i64.store32 1 offset=4"),
        (Operator::I32AtomicRmw8AddU { memarg: memarg(0, 0, 0, 0) }, "i32.atomic.rmw8.add_u"),
        (Operator::I64AtomicRmwCmpxchg { memarg: memarg(3, 3, 0, 0) }, "i64.atomic.rmw.cmpxchg"),
        (Operator::MemoryAtomicNotify { memarg: memarg(2, 2, 0, 0) }, "memory.atomic.notify"),
        (Operator::AtomicFence { ordering: Ordering::SeqCst }, "atomic.fence"),
        (Operator::V128Load8x8S { memarg: memarg(3, 3, 0, 0) }, "v128.load8x8_s"),
        (Operator::I16x8ExtAddPairwiseI8x16S, "i16x8.extadd_pairwise_i8x16_s"),
        (Operator::F32x4DemoteF64x2Zero, "f32x4.demote_f64x2_zero"),
        (Operator::I8x16ExtractLaneU { lane: 3 }, "i8x16.extract_lane_u 3"),
        (Operator::TypedSelect { ty: ValType::I64 }, "select (result i64)"),
        (Operator::RefNull { hty: HeapType::EXTERN }, "ref.null extern"),
        (Operator::RefIsNull, "ref.is_null"),
        (Operator::MemoryInit { data_index: 2, mem: 0 }, "memory.init 2"),
        (Operator::MemoryInit { data_index: 2, mem: 1 }, "memory.init 1 2"),
        (Operator::MemoryCopy { dst_mem: 0, src_mem: 0 }, "memory.copy"),
        (Operator::TableGet { table: 0 }, "table.get 0"),
        (Operator::ElemDrop { elem_index: 1 }, "elem.drop 1"),
        (Operator::F32Const { value: Ieee32::from(-0.5f32) }, "f32.const -0.5"),
        (Operator::F64Const { value: Ieee64::from(f64::INFINITY) }, "f64.const inf"),
        (Operator::F64Const { value: Ieee64::from(f64::NAN) }, "f64.const nan"),
        (Operator::I31GetS, "i31.get_s"),
        (Operator::AnyConvertExtern, "any.convert_extern"),
        (Operator::ThrowRef, "throw_ref"),
    ];
    for (op, expected) in cases {
        assert_eq!(plain_op_text(&op), expected, "{op:?}");
    }
}

#[test]
fn partial_view_covers_a_malformed_module_and_names_the_error() {
    // The type section says 5 bytes, but only 4 follow.
    let bytes = b"\0asm\x01\0\0\0\x01\x05\x01\x60\0\0";
    let opts = AnnotateOptions::default();
    let (view, error) = annotate_partial(bytes, None, &opts);
    assert_covers(bytes, &view, &opts);
    let error = error.expect("the module is malformed");
    assert_eq!(error.offset, 0xa);
    assert!(view.contains("size: 5 bytes, but only 4 bytes left in the file"), "{view}");
    assert!(view.contains(";; malformed at offset 000a: unexpected end-of-file"), "{view}");

    // A well-formed module gives the same view as `annotate`, and no error.
    let good = wat::parse_str("(module (func))").expect("assembles");
    let full = annotate(&good, None, &opts).expect("annotates");
    assert_eq!(annotate_partial(&good, None, &opts), (full, None));
}

#[test]
fn partial_view_of_every_truncation_covers_every_byte() {
    let bytes = wat::parse_str(
        r#"(module (memory 1) (func (export "f") (result i32) i32.const 300) (data (i32.const 0) "hi"))"#,
    )
    .expect("assembles");
    let opts = AnnotateOptions::default();
    for len in 0..bytes.len() {
        let (view, _) = annotate_partial(&bytes[..len], None, &opts);
        assert_covers(&bytes[..len], &view, &opts);
    }
}

#[test]
fn rows_give_the_same_text_and_their_bytes() {
    let wat = "(module (func (export \"f\") (result i32) i32.const 1000000 i32.const 2 i32.add) (data \"0123456789abcdefghijklmnopqrstuvwxyz0123456789\"))";
    let bytes = wat::parse_str(wat).expect("test module assembles");
    let opts = AnnotateOptions::default();
    let rows = annotate_rows(&bytes, None, &opts).expect("annotates");
    let text: String = rows.iter().map(|r| format!("{}\n", r.text)).collect();
    assert_eq!(text, annotate(&bytes, None, &opts).expect("annotates"));
    // Every row with bytes starts at a known offset that lies inside the module.
    assert!(rows.iter().all(|r| r.offset + r.len <= bytes.len()));
    let add = rows.iter().find(|r| r.text.contains("i32.add")).expect("an i32.add row");
    assert_eq!((bytes[add.offset], add.len), (0x6a, 1));
    // The long data payload wraps: several rows share one range.
    let data = rows.iter().filter(|r| r.len == 46).count();
    assert!(data > 1, "{rows:#?}");
}
