;; watlab run {} --invoke fill 65536
;; A store past the end shows the effective address, the access size and the memory's size.
(module
  (memory 1)
  (func $put (param $at i32) (param $v i32)
    (i32.store offset=4 (local.get $at) (local.get $v)))
  (func (export "fill") (param $n i32)
    (local $i i32)
    (loop $again
      (call $put (i32.sub (local.get $n) (local.get $i)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 16))))))
