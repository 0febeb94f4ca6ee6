;; watlab test {}
(module (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))
(assert_return (invoke "sqare" (i32.const 3)) (i32.const 9))
(assert_return (invoke "square" (i32.const 3)) (i32.const 9))
