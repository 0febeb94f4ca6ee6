;; chars.wat: printing text one character at a time, and ROT13 over a string in memory.
;; Shows: `print_char` (no newline), character arithmetic on bytes, `i32.store8` to change
;; a string in place, and `print_str` to print the result.
;; watlab run examples/chars.wat
(module
  (import "env" "print_char" (func $print_char (param i32)))
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, World!")

  ;; Rotates a letter by 13 places within its case; other bytes are unchanged.
  (func $rot13 (param $c i32) (result i32)
    (local $base i32)
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 0x61)) (i32.le_u (local.get $c) (i32.const 0x7a)))
      (then (local.set $base (i32.const 0x61))))   ;; 'a'
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 0x41)) (i32.le_u (local.get $c) (i32.const 0x5a)))
      (then (local.set $base (i32.const 0x41))))   ;; 'A'
    (if (result i32) (local.get $base)
      (then
        (i32.add (local.get $base)
          (i32.rem_u (i32.add (i32.sub (local.get $c) (local.get $base)) (i32.const 13)) (i32.const 26))))
      (else (local.get $c))))

  (func (export "main")
    (local $i i32)
    ;; The alphabet, letter by letter, then a newline.
    (local.set $i (i32.const 0x61))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $i) (i32.const 0x7a)))
        (call $print_char (local.get $i))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $print_char (i32.const 10))
    ;; ROT13 the 13-byte string in place and print it.
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 13)))
        (i32.store8 (local.get $i) (call $rot13 (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $print_str (i32.const 0) (i32.const 13))))
