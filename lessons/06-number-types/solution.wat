(module
  (func (export "seconds_in_years") (param $years i64) (result i64)
    local.get $years
    i64.const 365
    i64.mul
    i64.const 24
    i64.mul
    i64.const 3600
    i64.mul)

  (func (export "hypot") (param $a f64) (param $b f64) (result f64)
    local.get $a
    local.get $a
    f64.mul
    local.get $b
    local.get $b
    f64.mul
    f64.add
    f64.sqrt)

  (func (export "average") (param $a f32) (param $b f32) (result f32)
    local.get $a
    local.get $b
    f32.add
    f32.const 2
    f32.div))
