(module
  (func (result f64)
    (i32.const 1.5)))
