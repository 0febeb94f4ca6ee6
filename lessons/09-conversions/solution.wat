(module
  (func (export "percent") (param $part i32) (param $whole i32) (result f64)
    local.get $part
    f64.convert_i32_s
    f64.const 100
    f64.mul
    local.get $whole
    f64.convert_i32_s
    f64.div)

  (func (export "to_int") (param $x f64) (result i32)
    local.get $x
    i32.trunc_sat_f64_s)

  (func (export "high_half") (param $x i64) (result i32)
    local.get $x
    i64.const 32
    i64.shr_u
    i32.wrap_i64))
