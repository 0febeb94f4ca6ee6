;; hello.wat: the smallest program that prints text.
;; Shows: importing a host function, a data segment holding a string, exporting memory
;; so that `print_str(ptr, len)` can read it, and `main` as the default entry point.
;; watlab run examples/hello.wat
(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  ;; The string lives at address 16; its length (18 bytes) is passed alongside.
  (data (i32.const 16) "Hello, WebAssembly")
  (func (export "main")
    (call $print_str (i32.const 16) (i32.const 18))))
