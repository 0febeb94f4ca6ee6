;; watlab test --quiet {}
;; `--quiet` leaves out a passing file's line, so the totals say what ran.
(module (func (export "two") (result i32) (i32.const 2)))
(assert_return (invoke "two") (i32.const 2))
