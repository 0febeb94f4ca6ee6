(module
  (memory 1)
  (data (i32.const 0) "Hello, World!)
  (func (export "main") (result i32)
    (i32.const 0)))
