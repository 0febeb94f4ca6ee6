(module
  (memory (export "memory") 1)
  (data (i32.const 64) "Hllo, World!")
  (data $greeting "Good morning")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func (export "insert") (param $s i32) (param $len i32) (param $pos i32) (param $c i32)
    ;; TODO: move bytes s+pos .. s+len-1 up by one with memory.copy (dest, src, count)
    ;; TODO: then store $c at s + pos
    nop)

  (func (export "clear") (param $p i32) (param $n i32)
    ;; TODO: memory.fill (dest, value, count)
    nop)

  (func (export "greet") (param $dest i32) (result i32)
    ;; TODO: memory.init $greeting (dest, offset in the segment, count)
    i32.const 12))
