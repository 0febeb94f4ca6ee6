(module (memory 1) (func $f (param i64) (result i32)
    local.get 0
    i32.wrap))
