(module
  (func $f (param $width i32) (result i32)
    local.get width))
