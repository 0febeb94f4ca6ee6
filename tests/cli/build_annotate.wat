;; watlab build --annotate {}
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "hi")
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add)
  (func (export "big") (result i64)
    (i64.const 300)))
