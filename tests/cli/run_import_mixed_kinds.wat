;; watlab run {}
;; The engine lists imports by kind (functions first); the one nothing provides is still
;; underlined where it is written, after the global import.
(module
  (import "env" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global i32))
  (import "env" "print_int" (func (param i32))))
