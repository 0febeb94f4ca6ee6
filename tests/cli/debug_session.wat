;; watlab debug {} --invoke main 1
;; A scripted session (debug_session.stdin): break in a callee, look at its locals, step over a
;; store, step back over it to see the old memory, and continue to the trap (a division by 0).
(module
  (memory 1)
  ;; Stores $v at $at and returns the sum so far.
  (func $put (param $at i32) (param $v i32) (result i32)
    (local $old i32)
    (local.set $old (i32.load (local.get $at)))
    (i32.store (local.get $at) (i32.add (local.get $old) (local.get $v)))
    (i32.div_u (i32.const 100) (local.get $v)))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $again
      (local.set $acc (i32.add (local.get $acc) (call $put (i32.const 16) (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (i32.ge_s (local.get $n) (i32.const 0))))
    (local.get $acc)))
