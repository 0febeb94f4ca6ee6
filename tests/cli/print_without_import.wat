;; watlab run {}
(module
  (func (export "main")
    (call $print (i32.const 42))))
