(module
  (func $gcd (export "gcd") (param $a i32) (param $b i32) (result i32)
    local.get $b
    i32.eqz
    if
      local.get $a
      return
    end
    local.get $b
    local.get $a
    local.get $b
    i32.rem_u
    return_call $gcd)

  (func $count_steps (export "count_steps") (param $n i32) (param $steps i32) (result i32)
    local.get $n
    i32.const 1
    i32.eq
    if
      local.get $steps
      return
    end
    (if (result i32) (i32.and (local.get $n) (i32.const 1))
      (then (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1)))
      (else (i32.shr_u (local.get $n) (i32.const 1))))
    local.get $steps
    i32.const 1
    i32.add
    return_call $count_steps)

  ;; counts down from n to 0 and returns 0; a million calls deep
  (func $count_down (export "count_down") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if
      i32.const 0
      return
    end
    local.get $n
    i32.const 1
    i32.sub
    return_call $count_down))
