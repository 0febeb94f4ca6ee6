(module
  (func $a (result i32)
    i64.const 1)
  (func $b (param $x i32) (result i32)
    (i32.add (local.get $x) (f32.const 1)))
  (func $c
    i32.const 1))
