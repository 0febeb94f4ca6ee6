(module
  (func (export "first_factor") (param $n i32) (result i32)
    (local $d i32)
    block $done
      ;; TODO: for each candidate 2, 3, 5, 7 in turn: store it in $d,
      ;; TODO: then leave the block with br_if when it divides $n
      ;; TODO: if none divides $n, $d must be 0
      nop
    end
    local.get $d))
