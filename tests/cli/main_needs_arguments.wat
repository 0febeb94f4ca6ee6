;; watlab run {}
(module
  (func (export "main") (param $n i32) (result i32)
    (local.get $n)))
