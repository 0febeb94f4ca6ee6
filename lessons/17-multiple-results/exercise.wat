(module
  (func $swap (export "swap") (param $a i32) (param $b i32) (result i32 i32)
    ;; TODO: leave b, then a
    local.get $a
    local.get $b)

  (func (export "minmax") (param $a i32) (param $b i32) (result i32 i32)
    ;; TODO: leave the smaller value, then the larger one
    local.get $a
    local.get $b)

  (func (export "split_seconds") (param $s i32) (result i32 i32 i32)
    ;; TODO: hours (s / 3600), minutes (s / 60 rem 60), seconds (s rem 60)
    i32.const 0
    i32.const 0
    local.get $s))
