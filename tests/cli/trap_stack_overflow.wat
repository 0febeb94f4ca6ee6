;; watlab run {} --invoke fac 5
(module
  ;; Forgot the base case: fac never stops calling itself.
  (func $fac (export "fac") (param $n i32) (result i64)
    (i64.mul
      (i64.extend_i32_u (local.get $n))
      (call $fac (i32.sub (local.get $n) (i32.const 1))))))
