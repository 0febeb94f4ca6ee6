(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 5 funcref)
  (elem (i32.const 0) $add $sub $mul $max $square)

  (func $add (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b)))
  (func $sub (param $a i32) (param $b i32) (result i32) (i32.sub (local.get $a) (local.get $b)))
  (func $mul (param $a i32) (param $b i32) (result i32) (i32.mul (local.get $a) (local.get $b)))
  (func $max (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))
  (func $square (param $a i32) (result i32) (i32.mul (local.get $a) (local.get $a)))

  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    (call_indirect (type $binop) (local.get $a) (local.get $b) (local.get $op))))
