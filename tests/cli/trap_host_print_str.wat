;; watlab run {}
(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello")
  (func $show (param $ptr i32) (param $len i32)
    (call $print_str (local.get $ptr) (local.get $len)))
  (func (export "main")
    (call $show (i32.const 0) (i32.const 5))
    ;; The length is off: 65,536 bytes from 65,534 run past the end of memory.
    (call $show (i32.const 65534) (i32.const 65536))))
