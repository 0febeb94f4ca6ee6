;; watlab run {} --invoke main
(module
  (func $main (export "main") (result i32)
    i32.const 7
    call $mid)
  (func $mid (param $n i32) (result i32)
    (i32.add (local.get $n) (call $d (local.get $n) (i32.const 0))))
  (func $d (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.div_s))
