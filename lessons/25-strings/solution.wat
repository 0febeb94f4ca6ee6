(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "Hello, World!\00")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func $strlen (export "strlen") (param $s i32) (result i32)
    (local $p i32)
    (local.set $p (local.get $s))
    (block $end
      (loop $scan
        (br_if $end (i32.eqz (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $p) (local.get $s)))

  (func $upper (export "upper") (param $s i32)
    (local $c i32)
    (block $end
      (loop $next
        (local.set $c (i32.load8_u (local.get $s)))
        (br_if $end (i32.eqz (local.get $c)))
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 0x61)) (i32.const 26))
          (then (i32.store8 (local.get $s) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next))))

  (func (export "shout")
    (call $upper (i32.const 64))
    (call $print_str (i32.const 64) (call $strlen (i32.const 64)))))
