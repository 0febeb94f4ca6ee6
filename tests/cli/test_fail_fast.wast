;; watlab test --fail-fast {}
(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))
(assert_return (invoke "f") (i32.const 3))
