(module
  (memory (export "memory") 1)
  (data (i32.const 64) "Hllo, World!")
  (data $greeting "Good morning")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func (export "insert") (param $s i32) (param $len i32) (param $pos i32) (param $c i32)
    (memory.copy
      (i32.add (i32.add (local.get $s) (local.get $pos)) (i32.const 1))
      (i32.add (local.get $s) (local.get $pos))
      (i32.sub (local.get $len) (local.get $pos)))
    (i32.store8 (i32.add (local.get $s) (local.get $pos)) (local.get $c)))

  (func (export "clear") (param $p i32) (param $n i32)
    (memory.fill (local.get $p) (i32.const 0) (local.get $n)))

  (func (export "greet") (param $dest i32) (result i32)
    (memory.init $greeting (local.get $dest) (i32.const 0) (i32.const 12))
    i32.const 12))
