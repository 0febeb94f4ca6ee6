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
    ;; TODO: insertion sort, as in the lesson: an outer loop over i from 1 to n - 1,
    ;; TODO: an inner loop moving j down while j >= 0 (signed) and a[j] > key
    nop))
