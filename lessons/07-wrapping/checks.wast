(assert_return (invoke "fnv_step" (i32.const 0x811c9dc5) (i32.const 0x61)) (i32.const 0xe40c292c))
(assert_return (invoke "fnv_step" (i32.const 0) (i32.const 1)) (i32.const 16777619))
(assert_return (invoke "fnv3" (i32.const 0x61) (i32.const 0x62) (i32.const 0x63)) (i32.const 0x1a47e90b))
(assert_return (invoke "fnv3" (i32.const 0x77) (i32.const 0x61) (i32.const 0x74)) (i32.const 0x11e2ba13))
