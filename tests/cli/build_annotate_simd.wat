;; watlab build --annotate {}
;; SIMD opcodes are the prefix byte 0xfd and a LEB128 number, two bytes once it reaches 128.
(module
  (func (export "add4") (param v128 v128) (result v128)
    local.get 0
    local.get 1
    i32x4.add)
  (func (export "splat3") (result v128)
    i32.const 3
    i32x4.splat))
