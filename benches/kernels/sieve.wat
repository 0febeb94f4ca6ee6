;; sieve.wat: benchmark kernel, the sieve of Eratosthenes over one byte per number in memory,
;; repeated $rounds times (memory-heavy loops). Returns the number of primes below $limit.
;; watlab run benches/kernels/sieve.wat --invoke sieve 1000000 38
(module
  (memory 16)   ;; 1 MiB: limits up to 1,048,576

  (func (export "sieve") (param $limit i32) (param $rounds i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    (if (i32.gt_u (local.get $limit) (i32.const 1048576))
      (then (return (i32.const -1))))
    (block $all_done
      (loop $round
        (br_if $all_done (i32.eqz (local.get $rounds)))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        ;; Clear the marks, then cross out multiples of every prime up to sqrt(limit).
        (memory.fill (i32.const 0) (i32.const 0) (local.get $limit))
        (local.set $i (i32.const 2))
        (block $sieved
          (loop $outer
            (br_if $sieved (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $limit)))
            (if (i32.eqz (i32.load8_u (local.get $i)))
              (then
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (block $crossed
                  (loop $cross
                    (br_if $crossed (i32.ge_u (local.get $j) (local.get $limit)))
                    (i32.store8 (local.get $j) (i32.const 1))
                    (local.set $j (i32.add (local.get $j) (local.get $i)))
                    (br $cross)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $outer)))
        ;; Count what is left.
        (local.set $count (i32.const 0))
        (local.set $i (i32.const 2))
        (block $counted
          (loop $count_next
            (br_if $counted (i32.ge_u (local.get $i) (local.get $limit)))
            (local.set $count (i32.add (local.get $count) (i32.eqz (i32.load8_u (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $count_next)))
        (br $round)))
    (local.get $count)))
