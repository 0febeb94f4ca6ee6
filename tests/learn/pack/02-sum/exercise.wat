(module
  (func (export "sum") (param $n i32) (result i32)
    ;; TODO: add up 1..n with a loop
    (i32.const 0)))
