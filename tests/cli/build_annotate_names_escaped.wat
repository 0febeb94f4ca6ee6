;; watlab build --annotate {}
;; issue 9: names from the module are escaped in the annotated view, as everywhere.
(module
  (import "spectest" "print_i32" (func (param i32)))
  (func (export "bell\07\e2\80\ae") (result i32) i32.const 1))
