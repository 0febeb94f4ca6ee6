(module
  (func (export "safe_div") (param $a i32) (param $b i32) (result i32)
    ;; TODO: return 0 when b is 0, and a when a = -2147483648 and b = -1; divide otherwise
    local.get $a
    local.get $b
    i32.div_s)

  (func (export "checked_sqrt") (param $x f64) (result f64)
    ;; TODO: trap with `unreachable` when x < 0
    local.get $x
    f64.sqrt))
