;; watlab run {}
(module
  (import "env" "print_i32" (func $print (param i64)))
  (func (export "main")
    (call $print (i64.const 42))))
