(module
  (memory (export "memory") 1)

  ;; writes the rectangle {x, y, w, h} at address r (16 bytes), the long way
  (func (export "make") (param $r i32) (param $x i32) (param $y i32) (param $w i32) (param $h i32)
    (i32.store (local.get $r) (local.get $x))
    (i32.store (i32.add (local.get $r) (i32.const 4)) (local.get $y))
    (i32.store (i32.add (local.get $r) (i32.const 8)) (local.get $w))
    (i32.store (i32.add (local.get $r) (i32.const 12)) (local.get $h)))

  (func (export "get_x") (param $r i32) (result i32)
    (i32.load (local.get $r)))

  (func (export "get_y") (param $r i32) (result i32)
    (i32.load offset=4 (local.get $r)))

  (func (export "area") (param $r i32) (result i32)
    ;; TODO: the width (offset 8) times the height (offset 12)
    i32.const 0)

  (func (export "move") (param $r i32) (param $dx i32) (param $dy i32)
    ;; TODO: x += dx (offset 0), y += dy (offset 4)
    nop))
