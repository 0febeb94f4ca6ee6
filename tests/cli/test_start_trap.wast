;; watlab test {}
;; issue 9: a module whose segments fit but whose start function traps is reported as E0301.
(module
  (memory 1)
  (data (offset (i32.sub (i32.const 65530) (i32.const 100))) "abcdefgh")
  (func $init unreachable)
  (start $init))
