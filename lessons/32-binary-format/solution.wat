(module
  (memory 1)
  ;; unsigned: 624485 at 16, 127 at 20, 128 at 21, 4294967295 at 24
  (data (i32.const 16) "\e5\8e\26" "\00" "\7f" "\80\01" "\00" "\ff\ff\ff\ff\0f")
  ;; signed: -1 at 32, 63 at 33, 64 at 34, -64 at 36, -123456 at 37, -2147483648 at 40
  (data (i32.const 32) "\7f" "\3f" "\c0\00" "\40" "\c0\bb\78" "\80\80\80\80\78")

  (func (export "uleb") (param $ptr i32) (result i32 i32)
    (local $result i32) (local $shift i32) (local $byte i32) (local $p i32)
    (local.set $p (local.get $ptr))
    (loop $next
      (local.set $byte (i32.load8_u (local.get $p)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $result
        (i32.or (local.get $result)
          (i32.shl (i32.and (local.get $byte) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $next (i32.and (local.get $byte) (i32.const 0x80))))
    (local.get $result)
    (i32.sub (local.get $p) (local.get $ptr)))

  (func (export "sleb") (param $ptr i32) (result i32)
    (local $result i32) (local $shift i32) (local $byte i32)
    (loop $next
      (local.set $byte (i32.load8_u (local.get $ptr)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
      (local.set $result
        (i32.or (local.get $result)
          (i32.shl (i32.and (local.get $byte) (i32.const 0x7f)) (local.get $shift))))
      (local.set $shift (i32.add (local.get $shift) (i32.const 7)))
      (br_if $next (i32.and (local.get $byte) (i32.const 0x80))))
    (if (i32.and
          (i32.lt_u (local.get $shift) (i32.const 32))
          (i32.ne (i32.and (local.get $byte) (i32.const 0x40)) (i32.const 0)))
      (then
        (local.set $result
          (i32.or (local.get $result) (i32.shl (i32.const -1) (local.get $shift))))))
    (local.get $result)))
