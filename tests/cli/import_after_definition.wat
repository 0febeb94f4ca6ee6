;; watlab check {}
(module
  (memory 1)
  (import "env" "print_i32" (func $print (param i32))))
