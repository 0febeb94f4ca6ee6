(module
  ;; 100 - 7 * 3
  (func (export "countdown") (result i32)
    ;; TODO: compute 100 - 7 * 3 (= 79) with i32.const, i32.mul and i32.sub
    i32.const 0)

  ;; whole minutes in 1000 seconds
  (func (export "whole_minutes") (result i32)
    ;; TODO: divide 1000 by 60 with i32.div_s
    i32.const 0)

  ;; seconds left over after the whole minutes
  (func (export "seconds_left") (result i32)
    ;; TODO: the remainder of 1000 divided by 60, with i32.rem_s
    i32.const 0))
