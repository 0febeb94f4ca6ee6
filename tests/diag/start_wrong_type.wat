(module
  (func $init (param i32) (result i32) local.get 0)
  (func (export "other"))
  (start $init))
