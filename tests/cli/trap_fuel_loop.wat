;; watlab run {} --invoke count --fuel 100000
(module
  (func $count (export "count") (result i32)
    (local $i i32)
    (loop $again
      ;; Forgot to increment $i, so the condition never changes.
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10))))
    local.get $i))
