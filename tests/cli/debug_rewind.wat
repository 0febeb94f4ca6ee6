;; watlab debug {} --invoke fac 2
;; `rewind` goes back to the first instruction; `back` there says so; `finish` runs to the return.
(module
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else
        (i64.mul (local.get $n)
                 (call $fac (i64.sub (local.get $n) (i64.const 1))))))))
