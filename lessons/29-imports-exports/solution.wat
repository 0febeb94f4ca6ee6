(module
  (import "env" "print_i32" (func $print_i32 (param i32)))
  (memory (export "memory") 1)

  (func $sum (export "sum") (param $ptr i32) (param $n i32) (result i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (i32.load (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    local.get $total)

  (func $report (export "report") (param $ptr i32) (param $n i32)
    (call $print_i32 (call $sum (local.get $ptr) (local.get $n)))))
