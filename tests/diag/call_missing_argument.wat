(module
  (func $f (param i32))
  (func
    (call $f)))
