(module
  ;; 1 when lo <= x < hi (assuming lo <= hi), else 0: one unsigned comparison
  (func $in_range (export "in_range") (param $x i32) (param $lo i32) (param $hi i32) (result i32)
    local.get $x
    local.get $lo
    i32.sub
    local.get $hi
    local.get $lo
    i32.sub
    i32.lt_u)

  ;; 1 when $c is '0'..'9' (character codes 48..57)
  (func (export "is_digit") (param $c i32) (result i32)
    local.get $c
    i32.const 48
    i32.const 58
    call $in_range))
