;; counter.wat: a counter kept in a mutable global, shared by several functions.
;; Shows: `(global (mut i32))`, `global.get`/`global.set`, an exported global, and state that
;; lasts between calls within one instance.
;; watlab run examples/counter.wat
(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (global $count (export "count") (mut i32) (i32.const 0))
  ;; Immutable globals work as named constants.
  (global $step i32 (i32.const 5))

  (func $increment (export "increment") (result i32)
    (global.set $count (i32.add (global.get $count) (global.get $step)))
    (global.get $count))

  (func $reset (export "reset")
    (global.set $count (i32.const 0)))

  (func (export "main")
    (call $print_i32 (call $increment))
    (call $print_i32 (call $increment))
    (call $print_i32 (call $increment))
    (call $reset)
    (call $print_i32 (call $increment))))
