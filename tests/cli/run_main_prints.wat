;; watlab run {}
(module
  (import "env" "print_i32" (func $print (param i32)))
  (func (export "main")
    (call $print (i32.const 42))))
