(module
  (memory 1)
  ;; unsigned: 624485 at 16, 127 at 20, 128 at 21, 4294967295 at 24
  (data (i32.const 16) "\e5\8e\26" "\00" "\7f" "\80\01" "\00" "\ff\ff\ff\ff\0f")
  ;; signed: -1 at 32, 63 at 33, 64 at 34, -64 at 36, -123456 at 37, -2147483648 at 40
  (data (i32.const 32) "\7f" "\3f" "\c0\00" "\40" "\c0\bb\78" "\80\80\80\80\78")

  (func (export "uleb") (param $ptr i32) (result i32 i32)
    (local $result i32) (local $shift i32) (local $byte i32) (local $p i32)
    (local.set $p (local.get $ptr))
    ;; TODO: loop: load a byte at $p and move $p on; add (byte & 0x7f) << shift to $result;
    ;; TODO: add 7 to $shift; go round while the byte's top bit (0x80) is set
    (local.get $result)
    (i32.sub (local.get $p) (local.get $ptr)))

  (func (export "sleb") (param $ptr i32) (result i32)
    (local $result i32) (local $shift i32) (local $byte i32)
    ;; TODO: the same loop as uleb, then: if $shift < 32 and bit 0x40 of the last byte is set,
    ;; TODO: OR $result with (-1 << $shift)
    (local.get $result)))
