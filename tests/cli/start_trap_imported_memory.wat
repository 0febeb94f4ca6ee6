;; watlab run {}
;; issue 9: spectest's memory has a page although the import declares 0; the start function is to blame.
(module
  (import "spectest" "memory" (memory 0))
  (data (i32.const 100) "abc")
  (func $init
    call $deeper)
  (func $deeper
    unreachable)
  (start $init))
