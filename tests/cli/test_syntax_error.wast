;; watlab test {}
(module (func (export "one") (result i32) i32.const 1))
(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.cnst 1))
(module $broken (func i32.ad))
(assert_return (invoke "one") (i32.const 1))
