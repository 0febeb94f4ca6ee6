(module
  (global $g i32 (i32.const 0))
  (func $f
    i32.const 1
    global.set $g))
