;; watlab run {} --invoke f 0
;; issue 9 (found by tests/differential.rs): wasmi 2.0.0's translator panics on this valid
;; store; watlab reports an engine failure and exits 1 instead of crashing with 101.
(module
  (memory 1)
  (func (export "f") (param i32)
    (local.set 0 (i32.load (local.get 0)))
    local.get 0
    local.get 0
    i32.store offset=70000))
