;; watlab run {} --invoke to_int 3e9
;; A truncation out of range shows the value it was given.
(module
  (func (export "to_int") (param $x f64) (result i32)
    (i32.trunc_f64_s (local.get $x))))
