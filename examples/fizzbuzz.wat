;; fizzbuzz.wat: the classic FizzBuzz from 1 to 15.
;; Shows: a counting loop, `i32.rem_u` to test divisibility, nested `if`s, and printing
;; numbers with `print_i32` and words with `print_str` from a data segment.
;; watlab run examples/fizzbuzz.wat
;; watlab run examples/fizzbuzz.wat --invoke fizzbuzz 5
(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  ;; "FizzBuzz" at 0: "Fizz" is its first four bytes and "Buzz" its last four.
  (data (i32.const 0) "FizzBuzz")

  (func $divides (param $d i32) (param $n i32) (result i32)
    (i32.eqz (i32.rem_u (local.get $n) (local.get $d))))

  (func $fizzbuzz (export "fizzbuzz") (param $last i32)
    (local $i i32)
    (local.set $i (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $i) (local.get $last)))
        (if (call $divides (i32.const 15) (local.get $i))
          (then (call $print_str (i32.const 0) (i32.const 8)))
          (else
            (if (call $divides (i32.const 3) (local.get $i))
              (then (call $print_str (i32.const 0) (i32.const 4)))
              (else
                (if (call $divides (i32.const 5) (local.get $i))
                  (then (call $print_str (i32.const 4) (i32.const 4)))
                  (else (call $print_i32 (local.get $i))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  (func (export "main")
    (call $fizzbuzz (i32.const 15))))
