;; watlab test {}
(module
  (type $point (struct (field i32) (field i32)))
  (func (export "x") (result i32) (struct.get $point 0 (struct.new $point (i32.const 1) (i32.const 2)))))
(assert_return (invoke "x") (i32.const 1))
(module (func (export "ok") (result i32) (i32.const 1)))
(assert_return (invoke "ok") (i32.const 1))
