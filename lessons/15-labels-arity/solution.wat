(module
  (func (export "ceil_sqrt") (param $n i32) (result i32)
    (local $k i32)
    block $found (result i32)
      loop $next
        local.get $k
        local.get $k
        local.get $k
        i32.mul
        local.get $n
        i32.ge_u
        br_if $found
        drop
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br $next
      end
      unreachable  ;; the loop above never falls through once it is written
    end)

  (func (export "clamp") (param $x i32) (param $lo i32) (param $hi i32) (result i32)
    local.get $x
    local.get $lo
    i32.lt_s
    if
      local.get $lo
      return
    end
    local.get $x
    local.get $hi
    i32.gt_s
    if
      local.get $hi
      return
    end
    local.get $x))
