(module
  ;; 100 - 7 * 3
  (func (export "countdown") (result i32)
    i32.const 100
    i32.const 7
    i32.const 3
    i32.mul
    i32.sub)

  ;; whole minutes in 1000 seconds
  (func (export "whole_minutes") (result i32)
    i32.const 1000
    i32.const 60
    i32.div_s)

  ;; seconds left over after the whole minutes
  (func (export "seconds_left") (result i32)
    i32.const 1000
    i32.const 60
    i32.rem_s))
