;; deep_recursion.wat: recursion 100,000 calls deep, and a recursion that never stops.
;; Shows: that each call waits for the one it makes (sum_to(n) = n + sum_to(n - 1)), that
;; watlab's call-depth limit allows deep honest recursion, and the trap a missing base case
;; gives ("call stack exhausted") instead of a crash.
;; watlab run examples/deep_recursion.wat --invoke sum_to 100000
;; watlab run examples/deep_recursion.wat --invoke forever 1
(module
  (func $sum_to (export "sum_to") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 0))
      (else (i64.add (local.get $n) (call $sum_to (i64.sub (local.get $n) (i64.const 1)))))))

  ;; No base case: every call makes another.
  (func $forever (export "forever") (param $n i64) (result i64)
    (i64.add (i64.const 1) (call $forever (local.get $n)))))
