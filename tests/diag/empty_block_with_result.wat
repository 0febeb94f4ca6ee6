(module
  (func (result i32)
    (block (result i32))))
