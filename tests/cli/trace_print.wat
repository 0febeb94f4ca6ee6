;; watlab run {} --invoke main --trace
;; Calls of imports show their arguments too, and program output interleaves with the trace.
(module
  (import "env" "print_i32" (func $print (param i32)))
  (global $count (mut i32) (i32.const 0))
  (func $bump (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "main")
    (call $print (call $bump))
    (call $print (call $bump))))
