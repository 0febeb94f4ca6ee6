(module
  (func (export "first_factor") (param $n i32) (result i32)
    (local $d i32)
    block $done
      i32.const 2
      local.set $d
      local.get $n
      i32.const 2
      i32.rem_u
      i32.eqz
      br_if $done

      i32.const 3
      local.set $d
      local.get $n
      i32.const 3
      i32.rem_u
      i32.eqz
      br_if $done

      i32.const 5
      local.set $d
      local.get $n
      i32.const 5
      i32.rem_u
      i32.eqz
      br_if $done

      i32.const 7
      local.set $d
      local.get $n
      i32.const 7
      i32.rem_u
      i32.eqz
      br_if $done

      i32.const 0
      local.set $d
    end
    local.get $d))
