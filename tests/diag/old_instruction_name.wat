(module
  (func $f (result i32)
    get_local 0))
