(module
  (func (export "max") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.gt_s
    if (result i32)
      local.get $a
    else
      local.get $b
    end)

  (func (export "sign") (param $x i32) (result i32)
    local.get $x
    i32.const 0
    i32.lt_s
    if (result i32)
      i32.const -1
    else
      local.get $x
      i32.eqz
      if (result i32)
        i32.const 0
      else
        i32.const 1
      end
    end))
