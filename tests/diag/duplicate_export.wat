(module
  (func $a)
  (export "go" (func $a))
  (export "go" (func $a)))
