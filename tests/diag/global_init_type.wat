(module
  (global $limit i32 (i64.const 100)))
