;; power.wat: integer powers in i64, and what happens when they overflow.
;; Shows: exponentiation by squaring, that `i64.mul` wraps around instead of trapping,
;; and how to detect overflow yourself by dividing back (`i64.div_u`).
;; watlab run examples/power.wat --invoke pow 3 13
;; watlab run examples/power.wat --invoke pow 2 63
;; watlab run examples/power.wat --invoke pow 2 64
;; watlab run examples/power.wat --invoke checked_pow 10 18
;; watlab run examples/power.wat --invoke checked_pow 10 20
(module
  ;; base^exp, wrapping modulo 2^64 (shown as a signed number, so 2^63 prints negative).
  (func (export "pow") (param $base i64) (param $exp i64) (result i64)
    (local $result i64)
    (local.set $result (i64.const 1))
    (block $done
      (loop $step
        (br_if $done (i64.eqz (local.get $exp)))
        (if (i32.wrap_i64 (i64.and (local.get $exp) (i64.const 1)))
          (then (local.set $result (i64.mul (local.get $result) (local.get $base)))))
        (local.set $base (i64.mul (local.get $base) (local.get $base)))
        (local.set $exp (i64.shr_u (local.get $exp) (i64.const 1)))
        (br $step)))
    (local.get $result))

  ;; base^exp, or 0 if it does not fit in 64 unsigned bits: after each
  ;; multiplication, dividing by the base must give back the previous value.
  (func (export "checked_pow") (param $base i64) (param $exp i64) (result i64)
    (local $result i64) (local $next i64)
    (local.set $result (i64.const 1))
    (block $done
      (loop $step
        (br_if $done (i64.eqz (local.get $exp)))
        (local.set $next (i64.mul (local.get $result) (local.get $base)))
        (if (i32.and (i64.ne (local.get $base) (i64.const 0))
                     (i64.ne (i64.div_u (local.get $next) (local.get $base)) (local.get $result)))
          (then (return (i64.const 0))))
        (local.set $result (local.get $next))
        (local.set $exp (i64.sub (local.get $exp) (i64.const 1)))
        (br $step)))
    (local.get $result)))
