(assert_return (invoke "answer") (i32.const 42))
