(module
  (func (export "answer") (result i32)
    ;; TODO: return 42 instead of 0
    i32.const 0))
