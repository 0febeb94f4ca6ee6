;; watlab run {} --invoke pick -inf -nan -0x10
;; issue 9: `-inf` was refused as an unknown option while `-5` worked.
(module
  (func (export "pick") (param f64 f64 i32) (result f64 f64 i32)
    local.get 0 local.get 1 local.get 2))
