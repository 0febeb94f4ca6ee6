(module
  (func (param $n i32) (result i32)
    (i32.add $n (i32.const 1))))
