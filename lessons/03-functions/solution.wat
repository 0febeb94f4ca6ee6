(module
  (func (export "add3") (param $a i32) (param $b i32) (param $c i32) (result i32)
    local.get $a
    local.get $b
    i32.add
    local.get $c
    i32.add)

  (func (export "to_fahrenheit") (param $c i32) (result i32)
    local.get $c
    i32.const 9
    i32.mul
    i32.const 5
    i32.div_s
    i32.const 32
    i32.add))
