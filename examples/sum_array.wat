;; sum_array.wat: the sum and the maximum of an array stored by a data segment.
;; Shows: a data segment written as raw bytes, `i32.load` with a constant `offset=`
;; immediate, and passing (address, count) pairs the way C passes arrays.
;; watlab run examples/sum_array.wat --invoke sum 0 6
;; watlab run examples/sum_array.wat --invoke max 0 6
;; watlab run examples/sum_array.wat --invoke sum 8 2
(module
  (memory (export "memory") 1)
  ;; Six i32 values: 10, 20, 30, 40, 50, 60 (little-endian, four bytes each).
  (data (i32.const 0)
    "\0a\00\00\00" "\14\00\00\00" "\1e\00\00\00" "\28\00\00\00" "\32\00\00\00" "\3c\00\00\00")

  ;; Sums $n values starting at byte address $ptr.
  (func (export "sum") (param $ptr i32) (param $n i32) (result i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (i32.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; The largest of $n values at $ptr (requires n >= 1).
  (func (export "max") (param $ptr i32) (param $n i32) (result i32)
    (local $best i32) (local $v i32)
    (local.set $best (i32.load (local.get $ptr)))
    (block $done
      (loop $next
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        ;; `offset=4` adds 4 to the address: the element after the one at $ptr.
        (local.set $v (i32.load offset=4 (local.get $ptr)))
        (if (i32.gt_s (local.get $v) (local.get $best))
          (then (local.set $best (local.get $v))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (br $next)))
    (local.get $best)))
