;; watlab run {} --invoke d
(module
  (func (export "d") (result i32)
    i32.const 1
    i32.const 0
    i32.div_s))
