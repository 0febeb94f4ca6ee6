;; watlab run {}
;; issue 9: export names with ESC, CR and LF were printed raw, injecting terminal escapes.
(module
  (func (export "red\1b[31m") (result i32) i32.const 1)
  (func (export "two\0d\0alines") (result i32) i32.const 2))
