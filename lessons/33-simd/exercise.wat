(module
  (memory (export "memory") 1)

  ;; writes 1, 2, ..., n as i32 from ptr (for the checks)
  (func (export "fill") (param $ptr i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (i32.store (local.get $ptr) (local.get $i))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (br $next))))

  ;; the sum of n i32 from ptr; n is a multiple of 4
  (func (export "sum_array") (param $ptr i32) (param $n i32) (result i32)
    (local $acc v128)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (i32.shl (local.get $n) (i32.const 2))))
    ;; TODO: while $ptr < $end: $acc = $acc + (the v128 at $ptr), lane by lane; $ptr += 16
    ;; TODO: then return lane 0 + lane 1 + lane 2 + lane 3 of $acc
    (i32x4.extract_lane 0 (local.get $acc))))
