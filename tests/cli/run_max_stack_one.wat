;; watlab run {} --invoke f 3 --max-stack 1 --max-memory 64K
;; issue 9: --max-stack 1 panicked inside wasmi's config; one level is honoured: `f` runs, its call overflows.
(module
  (func $g (param i32) (result i32) local.get 0)
  (func (export "f") (param i32) (result i32) local.get 0 call $g))
