;; watlab run {}
;; A loop that never exits, under the default limits: unmetered, stopped by the 10 s time limit.
(module
  (func (export "main")
    (loop $forever (br $forever))))
