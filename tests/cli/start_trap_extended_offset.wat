;; watlab run {}
;; issue 9: the segment fits (its offset is 65530 - 100); the start function traps, so that is what is reported.
(module
  (memory 1)
  (data (offset (i32.sub (i32.const 65530) (i32.const 100))) "abcdefgh")
  (func $init
    unreachable)
  (start $init))
