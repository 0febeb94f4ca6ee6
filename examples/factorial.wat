;; factorial.wat: n! computed two ways, by recursion and by a loop.
;; Shows: recursion with `call` and `if`/`else` as an expression; a `block`/`loop` pair with
;; `br_if` to leave and `br` to repeat; i64 arithmetic (20! is the largest that fits).
;; watlab run examples/factorial.wat --invoke fac_rec 20
;; watlab run examples/factorial.wat --invoke fac_iter 20
;; watlab run examples/factorial.wat --invoke fac_iter 21
(module
  (func $fac_rec (export "fac_rec") (param $n i64) (result i64)
    (if (result i64) (i64.le_u (local.get $n) (i64.const 1))
      (then (i64.const 1))
      (else
        (i64.mul (local.get $n)
                 (call $fac_rec (i64.sub (local.get $n) (i64.const 1)))))))

  (func (export "fac_iter") (param $n i64) (result i64)
    (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done
      (loop $again
        ;; Leave when n <= 1, otherwise multiply and count down.
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $again)))
    ;; 21! does not fit in 64 bits: i64.mul wraps around silently, it does not trap.
    (local.get $acc)))
