;; bits.wat: counting and finding bits with popcnt, ctz and clz.
;; Shows: the bit-counting instructions, `i32.and` with a mask, and two classic tricks:
;; x & (x - 1) clears the lowest set bit, and a power of two has exactly one bit set.
;; watlab run examples/bits.wat --invoke popcount 255
;; watlab run examples/bits.wat --invoke popcount -1
;; watlab run examples/bits.wat --invoke lowest_bit 40
;; watlab run examples/bits.wat --invoke bit_width 1000
;; watlab run examples/bits.wat --invoke is_power_of_two 1024
;; watlab run examples/bits.wat --invoke is_power_of_two 1000
;; watlab run examples/bits.wat --invoke popcount_slow 0xf0f0
(module
  (func (export "popcount") (param $x i32) (result i32)
    (i32.popcnt (local.get $x)))

  ;; The position of the lowest set bit (32 for zero).
  (func (export "lowest_bit") (param $x i32) (result i32)
    (i32.ctz (local.get $x)))

  ;; How many bits are needed to write $x: 32 minus the leading zeros.
  (func (export "bit_width") (param $x i32) (result i32)
    (i32.sub (i32.const 32) (i32.clz (local.get $x))))

  (func (export "is_power_of_two") (param $x i32) (result i32)
    (i32.eq (i32.popcnt (local.get $x)) (i32.const 1)))

  ;; popcnt by hand: clear the lowest set bit until none is left.
  (func (export "popcount_slow") (param $x i32) (result i32)
    (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $x)))
        (local.set $x (i32.and (local.get $x) (i32.sub (local.get $x) (i32.const 1))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n)))
