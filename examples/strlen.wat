;; strlen.wat: the length of a zero-terminated string, as C's strlen computes it.
;; Shows: reading bytes with `i32.load8_u`, walking a pointer through memory, and strings
;; placed at known addresses by data segments.
;; watlab run examples/strlen.wat
;; watlab run examples/strlen.wat --invoke strlen 32
(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello\00")
  (data (i32.const 16) "\00")
  (data (i32.const 32) "WebAssembly text format\00")

  ;; Counts bytes from $s up to (not including) the first zero byte.
  (func $strlen (export "strlen") (param $s i32) (result i32)
    (local $p i32)
    (local.set $p (local.get $s))
    (block $end
      (loop $scan
        (br_if $end (i32.eqz (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $p) (local.get $s)))

  ;; Prints each string followed by its length.
  (func $show (param $s i32)
    (call $print_str (local.get $s) (call $strlen (local.get $s)))
    (call $print_i32 (call $strlen (local.get $s))))

  (func (export "main")
    (call $show (i32.const 0))
    (call $show (i32.const 16))
    (call $show (i32.const 32))))
