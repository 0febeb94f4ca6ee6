(assert_return (invoke "sum" (i32.const 0)) (i32.const 0))
(assert_return (invoke "sum" (i32.const 4)) (i32.const 10))
(assert_return (invoke "sum" (i32.const 100)) (i32.const 5050))
