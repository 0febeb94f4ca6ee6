(module
  (func (export "sum_to") (param $n i32) (result i32)
    (local $sum i32)
    block $done
      loop $again
        local.get $n
        i32.eqz
        br_if $done
        local.get $sum
        local.get $n
        i32.add
        local.set $sum
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $again
      end
    end
    local.get $sum)

  (func (export "factorial") (param $n i32) (result i64)
    (local $acc i64)
    i64.const 1
    local.set $acc
    block $done
      loop $again
        local.get $n
        i32.eqz
        br_if $done
        local.get $acc
        local.get $n
        i64.extend_i32_u
        i64.mul
        local.set $acc
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $again
      end
    end
    local.get $acc))
