(module
  (func $f (param $count i32) (result i32)
    local.get $cuont))
