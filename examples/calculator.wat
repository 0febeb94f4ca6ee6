;; calculator.wat: a four-function calculator that picks its operation from a table.
;; Shows: a `table` of functions filled by an `elem` segment, `call_indirect` with a type
;; check, and the traps you get for a missing entry or a division by zero.
;; watlab run examples/calculator.wat --invoke calc 0 7 5
;; watlab run examples/calculator.wat --invoke calc 2 7 5
;; watlab run examples/calculator.wat --invoke calc 3 7 2
;; watlab run examples/calculator.wat --invoke calc 3 7 0
;; watlab run examples/calculator.wat --invoke calc 9 7 5
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 4 funcref)
  ;; Operation codes: 0 add, 1 subtract, 2 multiply, 3 divide.
  (elem (i32.const 0) $add $sub $mul $div)

  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $mul (type $binop) (i32.mul (local.get 0) (local.get 1)))
  (func $div (type $binop) (i32.div_s (local.get 0) (local.get 1)))

  ;; Calls table entry $op with $a and $b. An $op past the table's end traps ("out of bounds
  ;; table access"); an entry of another type would trap too ("indirect call type mismatch").
  (func (export "calc") (param $op i32) (param $a i32) (param $b i32) (result i32)
    (call_indirect (type $binop) (local.get $a) (local.get $b) (local.get $op))))
