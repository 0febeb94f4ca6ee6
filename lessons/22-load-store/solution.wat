(module
  (memory (export "memory") 1)

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func (export "store_be") (param $addr i32) (param $value i32)
    (i32.store8 (local.get $addr) (i32.shr_u (local.get $value) (i32.const 24)))
    (i32.store8 (i32.add (local.get $addr) (i32.const 1)) (i32.shr_u (local.get $value) (i32.const 16)))
    (i32.store8 (i32.add (local.get $addr) (i32.const 2)) (i32.shr_u (local.get $value) (i32.const 8)))
    (i32.store8 (i32.add (local.get $addr) (i32.const 3)) (local.get $value)))

  (func (export "load_be") (param $addr i32) (result i32)
    (i32.or
      (i32.or
        (i32.shl (i32.load8_u (local.get $addr)) (i32.const 24))
        (i32.shl (i32.load8_u (i32.add (local.get $addr) (i32.const 1))) (i32.const 16)))
      (i32.or
        (i32.shl (i32.load8_u (i32.add (local.get $addr) (i32.const 2))) (i32.const 8))
        (i32.load8_u (i32.add (local.get $addr) (i32.const 3)))))))
