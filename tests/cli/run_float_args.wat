;; watlab run {} --invoke mix 1.5 -0 inf nan
(module
  (func (export "mix") (param f32 f64 f32 f64) (result f64 f32 f64 f32)
    local.get 1 local.get 0 local.get 3 local.get 2))
