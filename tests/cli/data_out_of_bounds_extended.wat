;; watlab run {}
;; issue 9: an extended-constant offset that really is past the end is still blamed on the segment.
(module
  (memory 1)
  (data (offset (i32.add (i32.const 65530) (i32.const 100))) "ab"))
