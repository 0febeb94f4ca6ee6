(module
  (func $f (param $n i32) (result i32)
    block $out
      loop $again
        local.get $n
        br_if $out
        br $again
    i32.const 0))
