;; watlab run {} --invoke main --fuel 200000
(module
  (func $sum (param $n i32) (result i32)
    (local $total i32)
    (loop $add
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $add))
    local.get $total)
  (func $wait (param $until i32)
    (local $i i32)
    ;; Waits for $i to reach $until, but nothing changes $i.
    (loop $spin
      (br_if $spin (i32.ne (local.get $i) (local.get $until)))))
  (func (export "main")
    (call $wait (call $sum (i32.const 20000)))))
