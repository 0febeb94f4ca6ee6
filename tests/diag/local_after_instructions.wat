(module
  (func $f
    (i32.const 1)
    (local $tmp i32)
    drop))
