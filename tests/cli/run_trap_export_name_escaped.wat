;; watlab run {}
;; issue 9: a stack trace names unnamed functions by their export, escaped like every module-provided name.
(module
  (func (export "_start") (call 1))
  (func (export "bad\1b[0m") unreachable))
