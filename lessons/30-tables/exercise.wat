(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 5 funcref)
  ;; TODO: an elem segment putting $add $sub $mul $max $square in slots 0..4

  (func $add (param $a i32) (param $b i32) (result i32) (i32.add (local.get $a) (local.get $b)))
  (func $sub (param $a i32) (param $b i32) (result i32) (i32.sub (local.get $a) (local.get $b)))
  (func $mul (param $a i32) (param $b i32) (result i32) (i32.mul (local.get $a) (local.get $b)))
  (func $max (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b))))
  (func $square (param $a i32) (result i32) (i32.mul (local.get $a) (local.get $a)))

  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    ;; TODO: call the function in slot $op of the table with a and b, as a $binop
    i32.const 0))
