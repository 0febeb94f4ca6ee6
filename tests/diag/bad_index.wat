(module
  (func $f
    call 5))
