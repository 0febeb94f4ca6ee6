(module
  (memory (export "memory") 1)

  (data (i32.const 64) "Hello, World!")
  (data (i32.const 128) "\01\00\00\00" "\02\00\00\00" "\03\00\00\00" "\e8\03\00\00")

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  ;; the sum of the four i32 at 128
  (func (export "sum_table") (result i32)
    (i32.add
      (i32.add (i32.load (i32.const 128)) (i32.load (i32.const 132)))
      (i32.add (i32.load (i32.const 136)) (i32.load (i32.const 140))))))
