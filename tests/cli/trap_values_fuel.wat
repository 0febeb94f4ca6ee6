;; watlab run {} --invoke spin 3 --fuel 100000
;; Running out of fuel shows the locals of every frame: here the counter that never reaches its end.
(module
  (func $step (param $i i32) (result i32) (i32.add (local.get $i) (i32.const 2)))
  (func (export "spin") (param $n i32)
    (local $i i32)
    (loop $again
      (local.set $i (call $step (local.get $i)))
      (br_if $again (i32.ne (local.get $i) (local.get $n))))))
