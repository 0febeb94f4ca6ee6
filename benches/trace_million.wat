;; 1,200,004 instructions when called with 100000: the tracer's speed figure in the README.
;; time watlab run benches/trace_million.wat --invoke count 100000 --trace --trace-limit 2000000 > trace.txt
(module
  (func (export "count") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $again
      (local.set $acc (i32.add (local.get $acc) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $acc)))
