;; watlab check {}
(module
  (func $f (resul i32)
    (i32.const 1)))
