;; watlab test --filter test_pass .
(assert_return (invoke "this file is filtered out") (i32.const 0))
