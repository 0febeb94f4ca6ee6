;; watlab test {}
(module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
(assert_return (invoke "inc" (i64.const 1)) (i32.const 2))
(assert_return (invoke "inc") (i32.const 2))
(assert_return (invoke "inc" (i32.const 1)) (i32.const 2))
