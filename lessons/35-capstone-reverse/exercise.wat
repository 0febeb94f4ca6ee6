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
    ;; TODO: nothing to do when len < 2
    ;; TODO: i = ptr, j = ptr + len - 1; while i < j: swap the bytes at i and j; i += 1; j -= 1
    nop)

  (func (export "is_palindrome") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $j i32)
    ;; TODO: the same walk; return 0 at the first pair of different bytes, 1 at the end
    i32.const 1))
