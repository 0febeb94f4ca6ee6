(module
  (func (export "byte_u") (param $x i32) (param $n i32) (result i32)
    ;; TODO: shift byte n to the bottom (by n * 8 bits), then keep only the low 8 bits
    local.get $x)

  (func (export "byte_s") (param $x i32) (param $n i32) (result i32)
    ;; TODO: shift byte n to the bottom, then sign-extend its low 8 bits
    local.get $x))
