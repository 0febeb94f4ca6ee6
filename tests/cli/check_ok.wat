;; watlab check {}
(module
  (func (export "f"))
  (func (export "g")))
