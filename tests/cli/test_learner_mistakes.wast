;; watlab test {}
;; Mistakes a learner makes in a first script: a result of the wrong type, a missing expected
;; result, too few results, and a trap message that names a different trap.
(module
  (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func (export "pair") (result i32 i64)
    i32.const 1 i64.const 2)
  (func (export "div") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.div_u))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i64.const 3))
(assert_return (invoke "add" (i32.const 1) (i32.const 2)))
(assert_return (invoke "pair") (i32.const 1))
(assert_return (invoke "pair") (i32.const 1) (i32.const 2))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "divide by zero")
