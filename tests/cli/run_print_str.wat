;; watlab run {} --invoke f
(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "Hello, WebAssembly!")
  (func (export "f")
    (call $print_str (i32.const 8) (i32.const 19))))
