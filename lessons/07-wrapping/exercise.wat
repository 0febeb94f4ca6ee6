(module
  (func $fnv_step (export "fnv_step") (param $hash i32) (param $byte i32) (result i32)
    ;; TODO: (hash XOR byte) * 16777619, letting the multiplication wrap
    local.get $hash)

  (func (export "fnv3") (param $a i32) (param $b i32) (param $c i32) (result i32)
    ;; TODO: start from 0x811c9dc5 and apply $fnv_step to $a, then $b, then $c
    i32.const 0x811c9dc5))
