;; watlab run {} --invoke pick 1
(module
  (type $un (func (param i32) (result i32)))
  (type $none (func (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $inc $seven)
  (func $inc (type $un) (i32.add (local.get 0) (i32.const 1)))
  (func $seven (type $none) (i32.const 7))
  (func (export "pick") (param $which i32) (result i32)
    (call_indirect (type $un) (i32.const 10) (local.get $which))))
