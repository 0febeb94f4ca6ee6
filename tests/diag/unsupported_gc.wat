(module
  (func (export "f") (result i32)
    (struct.new $s)))
