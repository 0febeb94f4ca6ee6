;; watlab run {} --invoke quot -2147483648 -1
(module
  (func (export "quot") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b))))
