(module
  (memory 1 4)

  (func (export "size_bytes") (result i32)
    memory.size
    i32.const 65536
    i32.mul)

  (func (export "ensure_pages") (param $n i32) (result i32)
    memory.size
    local.get $n
    i32.ge_u
    if
      i32.const 1
      return
    end
    local.get $n
    memory.size
    i32.sub
    memory.grow
    i32.const -1
    i32.ne))
