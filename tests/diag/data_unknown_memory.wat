(module
  (memory 1)
  (data (memory 2) (i32.const 0) "x"))
