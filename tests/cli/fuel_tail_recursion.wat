;; watlab run {} --invoke forever 0 --fuel 100000
;; issue 9: an endless `return_call` recursion ran out of fuel with no location, while a `loop` got one.
(module
  (func $forever (export "forever") (param $n i32) (result i32)
    (return_call $ping (i32.add (local.get $n) (i32.const 1))))
  (func $ping (param $n i32) (result i32)
    (return_call $forever (local.get $n))))
