(module
  (func $fnv_step (export "fnv_step") (param $hash i32) (param $byte i32) (result i32)
    local.get $hash
    local.get $byte
    i32.xor
    i32.const 16777619
    i32.mul)

  (func (export "fnv3") (param $a i32) (param $b i32) (param $c i32) (result i32)
    i32.const 0x811c9dc5
    local.get $a
    call $fnv_step
    local.get $b
    call $fnv_step
    local.get $c
    call $fnv_step))
