;; watlab run {} --invoke pick 5
(module
  (type $un (func (param i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $inc $dec)
  (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
  (func $dec (type $un) (i32.sub (local.get 0) (i32.const 1)))
  (func (export "pick") (param $which i32) (result i32)
    (call_indirect (type $un) (i32.const 10) (local.get $which))))
