;; watlab run {} --invoke down 5
;; Recursion without a base case, under the default limits: the call stack runs out, and the recursion is named.
(module
  (func $down (export "down") (param $n i32) (result i32)
    (i32.add (local.get $n) (call $down (i32.sub (local.get $n) (i32.const 1))))))
