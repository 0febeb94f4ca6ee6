(module
  (func (export "quadratic") (param $a i32) (param $b i32) (param $c i32) (param $x i32) (result i32)
    (i32.add
      (i32.add
        (i32.mul (local.get $a) (i32.mul (local.get $x) (local.get $x)))
        (i32.mul (local.get $b) (local.get $x)))
      (local.get $c)))

  (func (export "abs_diff") (param $a i32) (param $b i32) (result i32)
    (if (result i32) (i32.gt_s (local.get $a) (local.get $b))
      (then (i32.sub (local.get $a) (local.get $b)))
      (else (i32.sub (local.get $b) (local.get $a))))))
