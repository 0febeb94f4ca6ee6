(module
  (func $gcd (export "gcd") (param $a i32) (param $b i32) (result i32)
    ;; TODO: a when b is 0, else a tail call gcd(b, a rem_u b)
    local.get $a)

  (func $count_steps (export "count_steps") (param $n i32) (param $steps i32) (result i32)
    ;; TODO: steps when n is 1; otherwise a tail call with the next n and steps + 1
    local.get $steps)

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
    ;; TODO: make this a tail call, so that a million calls fit
    call $count_down))
