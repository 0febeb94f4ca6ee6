(module
  (func (export "byte_u") (param $x i32) (param $n i32) (result i32)
    local.get $x
    local.get $n
    i32.const 8
    i32.mul
    i32.shr_u
    i32.const 0xff
    i32.and)

  (func (export "byte_s") (param $x i32) (param $n i32) (result i32)
    local.get $x
    local.get $n
    i32.const 8
    i32.mul
    i32.shr_u
    i32.extend8_s))
