(module
  (memory (export "memory") 1)

  ;; one byte of memory, for the checks
  (func (export "peek") (param $addr i32) (result i32)
    (i32.load8_u (local.get $addr)))

  (func (export "store_be") (param $addr i32) (param $value i32)
    ;; TODO: byte 3 of value (value >>u 24) at addr, byte 2 at addr + 1, byte 1 at addr + 2,
    ;; TODO: byte 0 at addr + 3. i32.store8 keeps only the low 8 bits of the value it stores.
    nop)

  (func (export "load_be") (param $addr i32) (result i32)
    ;; TODO: (byte at addr << 24) | (byte at addr+1 << 16) | (byte at addr+2 << 8) | byte at addr+3
    (i32.load (local.get $addr))))
