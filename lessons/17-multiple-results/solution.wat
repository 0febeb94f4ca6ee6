(module
  (func $swap (export "swap") (param $a i32) (param $b i32) (result i32 i32)
    local.get $b
    local.get $a)

  (func (export "minmax") (param $a i32) (param $b i32) (result i32 i32)
    (if (result i32 i32) (i32.le_s (local.get $a) (local.get $b))
      (then (local.get $a) (local.get $b))
      (else (call $swap (local.get $a) (local.get $b)))))

  (func (export "split_seconds") (param $s i32) (result i32 i32 i32)
    (i32.div_u (local.get $s) (i32.const 3600))
    (i32.rem_u (i32.div_u (local.get $s) (i32.const 60)) (i32.const 60))
    (i32.rem_u (local.get $s) (i32.const 60))))
