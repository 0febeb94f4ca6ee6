;; fibonacci.wat: Fibonacci numbers, the slow recursive way and the fast iterative way.
;; Shows: why naive recursion is exponential (try `fib_rec 30` and watch the time), two
;; locals updated together in a loop, and i64 results (fib 92 is the largest that fits).
;; watlab run examples/fibonacci.wat --invoke fib_rec 20
;; watlab run examples/fibonacci.wat --invoke fib 92
(module
  (func $fib_rec (export "fib_rec") (param $n i32) (result i64)
    (if (result i64) (i32.lt_u (local.get $n) (i32.const 2))
      (then (i64.extend_i32_u (local.get $n)))
      (else
        (i64.add
          (call $fib_rec (i32.sub (local.get $n) (i32.const 1)))
          (call $fib_rec (i32.sub (local.get $n) (i32.const 2)))))))

  (func (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $next i64)
    ;; a = fib(0), b = fib(1); each step moves the pair one place along.
    (local.set $b (i64.const 1))
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $next (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $next))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step)))
    (local.get $a)))
