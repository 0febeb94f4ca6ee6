;; bubble_sort.wat: sorting an array of i32 in memory with bubble sort, then printing it.
;; Shows: an array laid out by a data segment (4 bytes per element, little-endian), element
;; addresses computed as base + 4*i, `i32.load`/`i32.store`, and signed comparison.
;; watlab run examples/bubble_sort.wat
(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (memory 1)
  ;; Eight numbers at address 0: 5, -3, 42, 0, 17, 8, -10, 3.
  (data (i32.const 0)
    "\05\00\00\00" "\fd\ff\ff\ff" "\2a\00\00\00" "\00\00\00\00"
    "\11\00\00\00" "\08\00\00\00" "\f6\ff\ff\ff" "\03\00\00\00")

  (func $addr (param $i i32) (result i32)
    (i32.shl (local.get $i) (i32.const 2)))

  ;; Repeats passes over the array until one pass swaps nothing.
  (func $sort (param $n i32)
    (local $i i32) (local $a i32) (local $b i32) (local $swapped i32)
    (loop $pass
      (local.set $swapped (i32.const 0))
      (local.set $i (i32.const 0))
      (block $end_pass
        (loop $compare
          (br_if $end_pass (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
          (local.set $a (i32.load (call $addr (local.get $i))))
          (local.set $b (i32.load (call $addr (i32.add (local.get $i) (i32.const 1)))))
          (if (i32.gt_s (local.get $a) (local.get $b))
            (then
              (i32.store (call $addr (local.get $i)) (local.get $b))
              (i32.store (call $addr (i32.add (local.get $i) (i32.const 1))) (local.get $a))
              (local.set $swapped (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $compare)))
      (br_if $pass (local.get $swapped))))

  (func $print_all (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $print_i32 (i32.load (call $addr (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func (export "main")
    (call $sort (i32.const 8))
    (call $print_all (i32.const 8))))
