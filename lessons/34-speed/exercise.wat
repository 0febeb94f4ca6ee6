(module
  (func (export "count_bits") (param $x i32) (result i32)
    (local $c i32)
    ;; TODO: one instruction counts the 1 bits; replace this loop
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $x)))
        (local.set $c (i32.add (local.get $c) (i32.and (local.get $x) (i32.const 1))))
        (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))
        (br $next)))
    (local.get $c))

  (func (export "log2") (param $x i32) (result i32)
    (local $r i32)
    ;; TODO: 31 minus the number of leading zero bits; replace this loop
    (local.set $r (i32.const -1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $x)))
        (local.set $x (i32.shr_u (local.get $x) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (local.get $r))

  (func (export "sum_to") (param $n i32) (result i64)
    (local $sum i64)
    ;; TODO: n * (n + 1) / 2, in i64; replace this loop
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (local.get $n))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
