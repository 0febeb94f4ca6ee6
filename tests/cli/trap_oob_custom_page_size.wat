;; watlab run {} --invoke peek
;; issue 9: the out-of-bounds note said "65536 bytes per page" for a memory of 1-byte pages.
(module
  (memory 2 (pagesize 1))
  (func (export "peek") (result i32)
    (i32.load (i32.const 0))))
