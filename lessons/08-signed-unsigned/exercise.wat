(module
  ;; 1 when lo <= x < hi (assuming lo <= hi), else 0: one unsigned comparison
  (func $in_range (export "in_range") (param $x i32) (param $lo i32) (param $hi i32) (result i32)
    ;; TODO: (x - lo) <u (hi - lo)
    i32.const 0)

  ;; 1 when $c is '0'..'9' (character codes 48..57)
  (func (export "is_digit") (param $c i32) (result i32)
    ;; TODO: call $in_range with the right bounds (the upper bound is exclusive)
    i32.const 0))
