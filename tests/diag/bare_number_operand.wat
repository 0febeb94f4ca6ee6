(module
  (func $f (param $n i32) (result i32)
    (i32.add (local.get $n) 1)))
