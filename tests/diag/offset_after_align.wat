(module
  (memory 1)
  (func $f (result i32)
    (i32.load align=4 offset=8 (i32.const 0))))
