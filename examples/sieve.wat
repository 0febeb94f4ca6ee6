;; sieve.wat: the sieve of Eratosthenes, printing every prime up to a limit.
;; Shows: memory as an array of bytes (`i32.store8`/`i32.load8_u`), nested loops, and a
;; function that both prints and returns a result (the number of primes found).
;; watlab run examples/sieve.wat --invoke primes 50
;; watlab run examples/sieve.wat --invoke primes 70000
(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  ;; One page is 65,536 bytes: one byte per number, so the limit must stay below that.
  (memory 1)

  ;; Byte i of memory becomes 1 when i is known to be composite.
  (func (export "primes") (param $limit i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    ;; Refuse limits that do not fit in one page instead of writing out of bounds.
    (if (i32.ge_u (local.get $limit) (i32.const 65536))
      (then (return (i32.const -1))))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (local.get $i) (local.get $limit)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (call $print_i32 (local.get $i))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            ;; Cross out i*i, i*i + i, ... (smaller multiples are already crossed out).
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $crossed
              (loop $cross
                (br_if $crossed (i32.gt_u (local.get $j) (local.get $limit)))
                (i32.store8 (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $cross)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count)))
