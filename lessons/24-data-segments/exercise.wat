(module
  (memory (export "memory") 1)

  ;; TODO: a data segment with "Hello, World!" at address 64
  ;; TODO: a data segment at address 128 holding the i32 values 1, 2, 3, 1000 (little-endian)

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  ;; the sum of the four i32 at 128
  (func (export "sum_table") (result i32)
    (i32.add
      (i32.add (i32.load (i32.const 128)) (i32.load (i32.const 132)))
      (i32.add (i32.load (i32.const 136)) (i32.load (i32.const 140))))))
