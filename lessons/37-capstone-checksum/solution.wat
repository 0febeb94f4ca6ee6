(module
  (memory (export "memory") 1)
  (data (i32.const 0) "Wikipedia")
  (data (i32.const 16) "Hello, World!")

  ;; sets len bytes at ptr to the byte value (for the checks)
  (func (export "fill") (param $ptr i32) (param $value i32) (param $len i32)
    (memory.fill (local.get $ptr) (local.get $value) (local.get $len)))

  (func (export "adler32") (param $ptr i32) (param $len i32) (result i32)
    (local $a i32) (local $b i32) (local $end i32)
    (local.set $a (i32.const 1))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $a
          (i32.rem_u (i32.add (local.get $a) (i32.load8_u (local.get $ptr))) (i32.const 65521)))
        (local.set $b
          (i32.rem_u (i32.add (local.get $b) (local.get $a)) (i32.const 65521)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (i32.or (i32.shl (local.get $b) (i32.const 16)) (local.get $a))))
