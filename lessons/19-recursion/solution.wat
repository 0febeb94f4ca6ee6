(module
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  (func $pow (export "pow") (param $b i32) (param $e i32) (result i32)
    (if (i32.eqz (local.get $e))
      (then (return (i32.const 1))))
    (if (result i32) (i32.eqz (i32.and (local.get $e) (i32.const 1)))
      (then
        (call $pow (i32.mul (local.get $b) (local.get $b)) (i32.shr_u (local.get $e) (i32.const 1))))
      (else
        (i32.mul (local.get $b) (call $pow (local.get $b) (i32.sub (local.get $e) (i32.const 1))))))))
