(module
  (func $is_nan (export "is_nan") (param $x f64) (result i32)
    (f64.ne (local.get $x) (local.get $x)))

  (func (export "is_neg_zero") (param $x f64) (result i32)
    (i32.and
      (f64.eq (local.get $x) (f64.const 0))
      (f64.lt (f64.copysign (f64.const 1) (local.get $x)) (f64.const 0))))

  (func (export "max_num") (param $a f64) (param $b f64) (result f64)
    (if (call $is_nan (local.get $a))
      (then (return (local.get $b))))
    (if (call $is_nan (local.get $b))
      (then (return (local.get $a))))
    (f64.max (local.get $a) (local.get $b))))
