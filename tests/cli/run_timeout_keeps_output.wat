;; watlab run {} --timeout 0.5
;; A program that prints and then never stops: the output stays, and the loop is named.
(module
  (import "env" "print_i32" (func $print (param i32)))
  (func $spin (export "main")
    (local $i i32)
    (call $print (i32.const 42))
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $again))))
