;; watlab run {}
(module
  (import "env" "print_i32" (func $print (param i32)))
  (memory 1)
  (func $init
    (call $print (i32.const 1))
    (i32.store (i32.const 70000) (i32.const 42)))
  (start $init))
