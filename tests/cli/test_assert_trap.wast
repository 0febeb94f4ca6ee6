;; watlab test {}
(module
  (memory 1)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 10) (local.get 0))))
(assert_trap (invoke "load" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "div" (i32.const 0)) "integer overflow")
(assert_trap (invoke "div" (i32.const 5)) "integer divide by zero")
(assert_trap (module (memory 1) (data (i32.const 65535) "ab")) "out of bounds memory access")
