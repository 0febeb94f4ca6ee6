;; gcd.wat: the greatest common divisor by Euclid's algorithm, and the least common multiple.
;; Shows: unsigned remainder `i32.rem_u`, a loop whose exit test sits at the top, and one
;; function calling another. gcd(a, 0) is a; the loop never divides by zero.
;; watlab run examples/gcd.wat --invoke gcd 1071 462
;; watlab run examples/gcd.wat --invoke lcm 21 6
(module
  (func $gcd (export "gcd") (param $a i32) (param $b i32) (result i32)
    (local $t i32)
    (block $done
      (loop $step
        (br_if $done (i32.eqz (local.get $b)))
        (local.set $t (i32.rem_u (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $step)))
    (local.get $a))

  ;; lcm(a, b) = a / gcd(a, b) * b (dividing first keeps the product small).
  (func (export "lcm") (param $a i32) (param $b i32) (result i32)
    (if (result i32) (i32.or (i32.eqz (local.get $a)) (i32.eqz (local.get $b)))
      (then (i32.const 0))
      (else
        (i32.mul
          (i32.div_u (local.get $a) (call $gcd (local.get $a) (local.get $b)))
          (local.get $b))))))
