(module
  ;; poly(x) = x^4 + x^2, computing x * x only once
  (func (export "poly") (param $x i32) (result i32)
    (local $sq i32)
    local.get $x
    local.get $x
    i32.mul
    local.tee $sq
    local.get $sq
    i32.mul
    local.get $sq
    i32.add))
