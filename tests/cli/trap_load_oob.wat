;; watlab run {} --invoke sum 65530 4
(module
  (memory 1)
  (func $get (param $i i32) (result i32)
    (i32.load (local.get $i)))
  (func (export "sum") (param $start i32) (param $n i32) (result i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $total (i32.add (local.get $total) (call $get (local.get $start))))
        (local.set $start (i32.add (local.get $start) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    local.get $total))
