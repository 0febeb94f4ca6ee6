;; watlab test {}
(module $lib (func (export "f")))
(register "lib" $libb)
(register "lib" $lib)
(invoke $nope "f")
