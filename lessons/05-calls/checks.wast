(assert_return (invoke "dist_sq" (i32.const 0) (i32.const 0) (i32.const 3) (i32.const 4)) (i32.const 25))
(assert_return (invoke "dist_sq" (i32.const 1) (i32.const 1) (i32.const 1) (i32.const 1)) (i32.const 0))
(assert_return (invoke "dist_sq" (i32.const 5) (i32.const -2) (i32.const -1) (i32.const 6)) (i32.const 100))
(assert_return (invoke "dist_sq" (i32.const 2) (i32.const 0) (i32.const 0) (i32.const 0)) (i32.const 4))
