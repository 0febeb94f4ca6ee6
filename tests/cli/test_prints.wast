;; watlab test {}
;; What a script prints through spectest.print_i32 is shown under its file.
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "show") (param i32) (call $print (local.get 0))))
(invoke "show" (i32.const 42))
(assert_return (invoke "show" (i32.const 7)))
