;; watlab test {}
(module
  (func (export "add") (param i32 i32) (result i32)
    (i32.sub (local.get 0) (local.get 1)))
  (func (export "pair") (result i64 f64) (i64.const 1) (f64.const 2.5)))
(assert_return (invoke "add" (i32.const 2) (i32.const 2)) (i32.const 4))
(assert_return (invoke "pair") (i64.const 1) (f64.const 3))
(assert_return (invoke "pair") (i64.const 1))
