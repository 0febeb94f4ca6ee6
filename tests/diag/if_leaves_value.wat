(module
  (func $f (param i32)
    local.get 0
    if
      i32.const 1
    end))
