;; watlab run {} --invoke check -3
(module
  (func (export "check") (param $x i32) (result i32)
    (if (i32.lt_s (local.get $x) (i32.const 0))
      (then unreachable))
    local.get $x))
