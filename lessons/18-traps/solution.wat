(module
  (func (export "safe_div") (param $a i32) (param $b i32) (result i32)
    local.get $b
    i32.eqz
    if
      i32.const 0
      return
    end
    local.get $b
    i32.const -1
    i32.eq
    if
      ;; a / -1 is -a, which wraps for the smallest i32 and is exact otherwise
      i32.const 0
      local.get $a
      i32.sub
      return
    end
    local.get $a
    local.get $b
    i32.div_s)

  (func (export "checked_sqrt") (param $x f64) (result f64)
    local.get $x
    f64.const 0
    f64.lt
    if
      unreachable
    end
    local.get $x
    f64.sqrt))
