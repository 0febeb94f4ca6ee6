(module
  (func $f (param $a i32) (result i32)
    block
      local.get $a
    ))
