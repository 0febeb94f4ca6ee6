(module
  (func (export "sum_to") (param $n i32) (result i32)
    (local $sum i32)
    ;; TODO: a block and a loop: add n to $sum, decrease n, until n is 0
    local.get $sum)

  (func (export "factorial") (param $n i32) (result i64)
    (local $acc i64)
    i64.const 1
    local.set $acc
    ;; TODO: multiply $acc by n, n-1, ..., 1 (convert n with i64.extend_i32_u)
    local.get $acc))
