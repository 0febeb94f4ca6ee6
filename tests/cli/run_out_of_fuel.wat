;; watlab run {} --invoke spin --fuel 1000000
(module
  (func (export "spin")
    (loop $forever
      br $forever)))
