;; watlab run {} --invoke apply 2 10
(module
  (type $unary (func (param i32) (result i32)))
  (table 4 funcref)
  (elem (i32.const 0) $double $square)
  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $apply (export "apply") (param $which i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $which))))
