;; watlab run {} --invoke down 3 --max-stack 50
;; Stack exhaustion lists the locals of the innermost frames: the counter passed 0 long ago.
(module
  (func $down (export "down") (param $n i32) (result i32)
    (i32.add (local.get $n) (call $down (i32.sub (local.get $n) (i32.const 1))))))
