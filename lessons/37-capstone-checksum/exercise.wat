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
    ;; TODO: for each byte from $ptr to $end: a = (a + byte) mod 65521; b = (b + a) mod 65521
    ;; TODO: return (b << 16) | a
    (local.get $a)))
