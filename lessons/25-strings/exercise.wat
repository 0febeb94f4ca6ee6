(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "Hello, World!\00")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func $strlen (export "strlen") (param $s i32) (result i32)
    (local $p i32)
    ;; TODO: move $p forward from $s until the byte at $p is 0; return $p - $s
    i32.const 0)

  (func $upper (export "upper") (param $s i32)
    (local $c i32)
    ;; TODO: for each byte until the zero: if it is in 'a'..'z' (0x61..0x7a), store it minus 32
    nop)

  (func (export "shout")
    (call $upper (i32.const 64))
    (call $print_str (i32.const 64) (call $strlen (i32.const 64)))))
