;; watlab run {}
(module
  (import "console" "log" (func $log (param i32)))
  (func (export "main")
    (call $log (i32.const 42))))
