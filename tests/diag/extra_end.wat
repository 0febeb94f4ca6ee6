(module
  (func $f (param $n i32) (result i32)
    local.get $n
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end
    end))
