(module
  (memory (export "memory") 1)
  (global $heap (export "heap") (mut i32) (i32.const 1024))
  (global $last_id (mut i32) (i32.const 0))

  (func (export "alloc") (param $n i32) (result i32)
    global.get $heap
    global.get $heap
    local.get $n
    i32.const 7
    i32.add
    i32.const -8
    i32.and
    i32.add
    global.set $heap)

  (func (export "next_id") (result i32)
    global.get $last_id
    i32.const 1
    i32.add
    global.set $last_id
    global.get $last_id))
