(module
  (func (export "quadratic") (param $a i32) (param $b i32) (param $c i32) (param $x i32) (result i32)
    ;; TODO: a*x*x + b*x + c, as one folded expression such as (i32.add (...) (...))
    (i32.const 0))

  (func (export "abs_diff") (param $a i32) (param $b i32) (result i32)
    ;; TODO: (if (result i32) (CONDITION) (then ...) (else ...))
    (i32.const 0)))
