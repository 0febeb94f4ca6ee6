(module
  (memory 1 2)
  (data (i32.const 65532) "\07\00\00\00")

  (func (export "raw_load") (param $addr i32) (result i32)
    (i32.load (local.get $addr)))

  (func (export "grow") (result i32)
    (memory.grow (i32.const 1)))

  (func (export "safe_load") (param $addr i32) (result i32)
    (if (result i32)
      (i32.gt_u
        (local.get $addr)
        (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))
      (then (i32.const -1))
      (else (i32.load (local.get $addr))))))
