(module
  (func $f (result i32)
    (i32.load (i32.const 0))))
