(module
  (memory (export "memory") 1)
  ;; 5, -3, 12, 0, 7, -3, 100, 1 as little-endian i32 at 256
  (data (i32.const 256)
    "\05\00\00\00" "\fd\ff\ff\ff" "\0c\00\00\00" "\00\00\00\00"
    "\07\00\00\00" "\fd\ff\ff\ff" "\64\00\00\00" "\01\00\00\00")

  ;; the address of element i of the array at a
  (func $addr (param $a i32) (param $i i32) (result i32)
    (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))

  ;; element i of the array at a, for the checks
  (func (export "get") (param $a i32) (param $i i32) (result i32)
    (i32.load (call $addr (local.get $a) (local.get $i))))

  (func (export "set") (param $a i32) (param $i i32) (param $v i32)
    (i32.store (call $addr (local.get $a) (local.get $i)) (local.get $v)))

  (func (export "sort") (param $a i32) (param $n i32)
    (local $i i32) (local $j i32) (local $key i32)
    (local.set $i (i32.const 1))
    (block $sorted
      (loop $outer
        (br_if $sorted (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $key (i32.load (call $addr (local.get $a) (local.get $i))))
        (local.set $j (i32.sub (local.get $i) (i32.const 1)))
        (block $placed
          (loop $inner
            (br_if $placed (i32.lt_s (local.get $j) (i32.const 0)))
            (br_if $placed
              (i32.le_s (i32.load (call $addr (local.get $a) (local.get $j))) (local.get $key)))
            (i32.store offset=4 (call $addr (local.get $a) (local.get $j))
              (i32.load (call $addr (local.get $a) (local.get $j))))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $inner)))
        (i32.store offset=4 (call $addr (local.get $a) (local.get $j)) (local.get $key))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))))
