;; watlab test {} test_pass.wast
;; Several files: one line per file, then the totals over them (modules counted apart).
(module (func (export "two") (result i32) (i32.const 2)))
(assert_return (invoke "two") (i32.const 3))
