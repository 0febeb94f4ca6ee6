;; start.wat: a start function runs by itself when the module is instantiated.
;; Shows: `(start $init)`, which runs before any export can be called; here it fills a
;; lookup table of squares in memory that the exported function then reads.
;; watlab run examples/start.wat
;; watlab run examples/start.wat --invoke square 12
(module
  (import "env" "print_str" (func $print_str (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 1024) "start: squares table ready")

  ;; Stores i*i at address 4*i for i = 0 .. 99.
  (func $init
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 100)))
        (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $print_str (i32.const 1024) (i32.const 26)))
  (start $init)

  ;; Looks a square up instead of computing it (valid for 0 .. 99).
  (func (export "square") (param $i i32) (result i32)
    (i32.load (i32.shl (local.get $i) (i32.const 2)))))
