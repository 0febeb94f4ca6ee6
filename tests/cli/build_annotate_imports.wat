;; watlab build --annotate {}
;; Imports come first in each index space, so the module's own global is global 1; index
;; immediates that WAT leaves out (memory 0, table 0) still take a byte each.
(module
  (import "env" "mem" (memory 1 2))
  (import "env" "g" (global $g (mut i32)))
  (global $h (mut i64) (i64.const -1))
  (table 1 funcref)
  (type $unary (func (param i32) (result i32)))
  (func $grow (result i32)
    (memory.grow (i32.const 1)))
  (func $pick (param i32) (result i32)
    (call_indirect (type $unary) (local.get 0) (i32.const 0)))
  (start $init)
  (func $init
    (global.set $g (i32.const 200))))
