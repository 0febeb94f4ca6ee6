;; matmul.wat: benchmark kernel, f64 matrix multiply C = A x B for n x n matrices in memory
;; (float- and load-heavy). A and B are filled with a fixed pattern; returns the sum of C.
;; watlab run benches/kernels/matmul.wat --invoke matmul 224
(module
  (memory 32)   ;; 2 MiB: three 250 x 250 f64 matrices need 1,500,000 bytes

  (func $addr (param $base i32) (param $n i32) (param $row i32) (param $col i32) (result i32)
    (i32.add (local.get $base)
      (i32.shl (i32.add (i32.mul (local.get $row) (local.get $n)) (local.get $col)) (i32.const 3))))

  (func (export "matmul") (param $n i32) (result f64)
    (local $a i32) (local $b i32) (local $c i32)
    (local $i i32) (local $j i32) (local $k i32)
    (local $sum f64) (local $total f64)
    (if (i32.gt_u (local.get $n) (i32.const 250))
      (then (return (f64.const nan))))
    ;; A at 0, B after it, C after B.
    (local.set $b (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 3)))
    (local.set $c (i32.shl (local.get $b) (i32.const 1)))
    ;; A[i][j] = i + j, B[i][j] = i - j (as f64).
    (local.set $i (i32.const 0))
    (block $filled
      (loop $fill_row
        (br_if $filled (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $row_done
          (loop $fill_col
            (br_if $row_done (i32.ge_u (local.get $j) (local.get $n)))
            (f64.store (call $addr (local.get $a) (local.get $n) (local.get $i) (local.get $j))
              (f64.convert_i32_s (i32.add (local.get $i) (local.get $j))))
            (f64.store (call $addr (local.get $b) (local.get $n) (local.get $i) (local.get $j))
              (f64.convert_i32_s (i32.sub (local.get $i) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $fill_col)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill_row)))
    ;; C[i][j] = sum over k of A[i][k] * B[k][j].
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $row
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $col
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $sum (f64.const 0))
            (local.set $k (i32.const 0))
            (block $dot_done
              (loop $dot
                (br_if $dot_done (i32.ge_u (local.get $k) (local.get $n)))
                (local.set $sum (f64.add (local.get $sum)
                  (f64.mul
                    (f64.load (call $addr (local.get $a) (local.get $n) (local.get $i) (local.get $k)))
                    (f64.load (call $addr (local.get $b) (local.get $n) (local.get $k) (local.get $j))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $dot)))
            (f64.store (call $addr (local.get $c) (local.get $n) (local.get $i) (local.get $j)) (local.get $sum))
            (local.set $total (f64.add (local.get $total) (local.get $sum)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $col)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row)))
    (local.get $total)))
