(module
  (func (export "ceil_sqrt") (param $n i32) (result i32)
    (local $k i32)
    block $found (result i32)
      loop $next
        ;; TODO: push k (the value to carry), then the test k * k >= n (unsigned),
        ;; TODO: and br_if $found. If it did not branch, drop k, add 1 to $k and go round.
      end
      unreachable  ;; the loop above never falls through once it is written
    end)

  (func (export "clamp") (param $x i32) (param $lo i32) (param $hi i32) (result i32)
    ;; TODO: if x < lo, return lo; if x > hi, return hi
    local.get $x))
