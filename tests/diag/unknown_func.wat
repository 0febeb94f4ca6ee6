(module
  (func $fact (param $n i32) (result i32) local.get $n)
  (func (export "main") (result i32)
    (call $fac (i32.const 3))))
