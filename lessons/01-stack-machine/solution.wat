(module
  ;; `answer` must return (4 + 3) * 6, computed on the stack.
  (func (export "answer") (result i32)
    i32.const 4
    i32.const 3
    i32.add
    i32.const 6
    i32.mul))
