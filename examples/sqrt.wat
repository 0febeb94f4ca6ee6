;; sqrt.wat: square roots by Newton's method in f64, checked against `f64.sqrt`.
;; Shows: floating-point arithmetic, an iteration that stops when the guess stops changing,
;; and f64 arguments and results. Newton's answer for 2 ends one digit short of `f64.sqrt`:
;; each step rounds, and the iteration can settle one unit in the last place away.
;; watlab run examples/sqrt.wat --invoke newton_sqrt 2
;; watlab run examples/sqrt.wat --invoke builtin_sqrt 2
;; watlab run examples/sqrt.wat --invoke newton_sqrt 1e10
;; watlab run examples/sqrt.wat --invoke steps 1e10
(module
  ;; One Newton step for x^2 = a: x' = (x + a/x) / 2.
  (func $improve (param $a f64) (param $x f64) (result f64)
    (f64.mul (f64.const 0.5) (f64.add (local.get $x) (f64.div (local.get $a) (local.get $x)))))

  ;; Iterates from x = a (or 1 for a < 1) until the guess is a fixed point; returns how many
  ;; steps that took. Negative inputs and NaN give NaN steps: -1.
  (func $solve (param $a f64) (result f64 i32)
    (local $x f64) (local $next f64) (local $n i32)
    (if (i32.eqz (f64.ge (local.get $a) (f64.const 0)))
      (then (return (f64.const nan) (i32.const -1))))
    (if (f64.eq (local.get $a) (f64.const 0))
      (then (return (f64.const 0) (i32.const 0))))
    (local.set $x (f64.max (local.get $a) (f64.const 1)))
    (block $done
      (loop $step
        (local.set $next (call $improve (local.get $a) (local.get $x)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        ;; Stop when the guess no longer gets smaller (it converges from above).
        (br_if $done (f64.ge (local.get $next) (local.get $x)))
        (local.set $x (local.get $next))
        (br $step)))
    (local.get $x)
    (local.get $n))

  ;; $solve leaves two values, [f64 i32]: drop the step count and keep the root.
  (func (export "newton_sqrt") (param $a f64) (result f64)
    (call $solve (local.get $a))
    (drop))

  ;; Here keep the count instead: save it in a local, then drop the root beneath it.
  (func (export "steps") (param $a f64) (result i32)
    (local $steps i32)
    (call $solve (local.get $a))
    (local.set $steps)
    (drop)
    (local.get $steps))

  (func (export "builtin_sqrt") (param $a f64) (result f64)
    (f64.sqrt (local.get $a))))
