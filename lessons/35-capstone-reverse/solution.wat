(module
  (memory (export "memory") 1)
  (data (i32.const 64) "Hello, World!")
  (data (i32.const 128) "racecar")
  (data (i32.const 144) "abca")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func (export "reverse") (param $ptr i32) (param $len i32)
    (local $i i32) (local $j i32) (local $t i32)
    (if (i32.lt_u (local.get $len) (i32.const 2))
      (then (return)))
    (local.set $i (local.get $ptr))
    (local.set $j (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 1)))
    (loop $next
      (local.set $t (i32.load8_u (local.get $i)))
      (i32.store8 (local.get $i) (i32.load8_u (local.get $j)))
      (i32.store8 (local.get $j) (local.get $t))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $j)))))

  (func (export "is_palindrome") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $j i32)
    (if (i32.lt_u (local.get $len) (i32.const 2))
      (then (return (i32.const 1))))
    (local.set $i (local.get $ptr))
    (local.set $j (i32.sub (i32.add (local.get $ptr) (local.get $len)) (i32.const 1)))
    (loop $next
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.load8_u (local.get $j)))
        (then (return (i32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $j (i32.sub (local.get $j) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $j))))
    i32.const 1))
