;; watlab test --fuel 1000000 {}
(module
  (func $loop (export "spin") (loop $l (br $l)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (unreachable))
      (else (call $down (i32.sub (local.get 0) (i32.const 1)))))))
(invoke "down" (i32.const 3))
(assert_exhaustion (invoke "down" (i32.const 5)) "call stack exhausted")
(assert_trap (invoke "spin") "unreachable")
