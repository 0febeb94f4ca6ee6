;; watlab run {}
(module
  (memory 1)
  (data (i32.const 65530) "more than six bytes"))
