(register "lib")
(module $host
  (import "lib" "memory" (memory 1))
  (import "lib" "sum" (func $sum (param i32 i32) (result i32)))
  (import "lib" "report" (func $report (param i32 i32)))
  ;; writes 1, 2, ..., n as i32 at ptr, then asks the library for their sum
  (func (export "fill_and_sum") (param $ptr i32) (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store
          (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))
          (i32.add (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $report (local.get $ptr) (local.get $n))
    (call $sum (local.get $ptr) (local.get $n))))
(assert_return (invoke $host "fill_and_sum" (i32.const 256) (i32.const 10)) (i32.const 55))
(assert_return (invoke $host "fill_and_sum" (i32.const 1000) (i32.const 0)) (i32.const 0))
(assert_return (invoke $host "fill_and_sum" (i32.const 4096) (i32.const 100)) (i32.const 5050))
