(module
  (func (export "percent") (param $part i32) (param $whole i32) (result f64)
    ;; TODO: f64(part) * 100 / f64(whole)
    f64.const 0)

  (func (export "to_int") (param $x f64) (result i32)
    ;; TODO: drop the fraction; saturate instead of trapping
    i32.const 0)

  (func (export "high_half") (param $x i64) (result i32)
    ;; TODO: shift the top 32 bits down, then keep the low 32 bits as an i32
    i32.const 0))
