;; collatz.wat: how many steps the Collatz rule (n/2 if even, 3n+1 if odd) takes to reach 1.
;; Shows: `select` to choose between two values without branching, bit tests with
;; `i32.and`, and a shift as a fast division by two. 27 famously needs 111 steps.
;; watlab run examples/collatz.wat --invoke steps 27
;; watlab run examples/collatz.wat --invoke longest_below 10000
(module
  (func $steps (export "steps") (param $n i64) (result i32)
    (local $count i32)
    (block $done
      (loop $step
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $n
          (select
            (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)) ;; if odd
            (i64.shr_u (local.get $n) (i64.const 1))                        ;; if even
            (i32.wrap_i64 (i64.and (local.get $n) (i64.const 1)))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $step)))
    (local.get $count))

  ;; The starting number below $limit with the most steps.
  (func (export "longest_below") (param $limit i32) (result i32)
    (local $n i32) (local $best i32) (local $best_steps i32) (local $s i32)
    (local.set $n (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $limit)))
        (local.set $s (call $steps (i64.extend_i32_u (local.get $n))))
        (if (i32.gt_u (local.get $s) (local.get $best_steps))
          (then
            (local.set $best_steps (local.get $s))
            (local.set $best (local.get $n))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $best)))
