(module
  (memory 1 2)
  (data (i32.const 65532) "\07\00\00\00")

  (func (export "raw_load") (param $addr i32) (result i32)
    (i32.load (local.get $addr)))

  (func (export "grow") (result i32)
    (memory.grow (i32.const 1)))

  (func (export "safe_load") (param $addr i32) (result i32)
    ;; TODO: -1 when addr > (memory size in bytes) - 4, unsigned; the i32 at addr otherwise
    (i32.load (local.get $addr))))
