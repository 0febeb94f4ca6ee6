(module
  (func (export "count_bits") (param $x i32) (result i32)
    (i32.popcnt (local.get $x)))

  (func (export "log2") (param $x i32) (result i32)
    (i32.sub (i32.const 31) (i32.clz (local.get $x))))

  (func (export "sum_to") (param $n i32) (result i64)
    (local $m i64)
    (local.set $m (i64.extend_i32_u (local.get $n)))
    (i64.div_u
      (i64.mul (local.get $m) (i64.add (local.get $m) (i64.const 1)))
      (i64.const 2))))
