(module
  (func $sq (param $n i32) (result i32)
    local.get $n
    local.get $n
    i32.mul)

  (func (export "dist_sq") (param $x1 i32) (param $y1 i32) (param $x2 i32) (param $y2 i32) (result i32)
    local.get $x2
    local.get $x1
    i32.sub
    call $sq
    local.get $y2
    local.get $y1
    i32.sub
    call $sq
    i32.add))
