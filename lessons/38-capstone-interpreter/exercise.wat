(module
  (memory (export "memory") 1)
  (data (i32.const 0) "\01\02\01\03\02\01\04\04\00")    ;; (2 + 3) * 4 = 20
  (data (i32.const 16) "\01\0a\01\03\03\00")             ;; 10 - 3 = 7
  (data (i32.const 32) "\01\fb\01\06\04\00")             ;; -5 * 6 = -30
  (data (i32.const 48) "\01\07\05\04\00")                ;; 7 dup mul = 49
  (data (i32.const 64) "\01\02\01\0a\06\03\00")          ;; 2 10 swap sub = 8
  (data (i32.const 80) "\01\05\01\01\08\04\06\01\ff\02\06\08\07\04\00")  ;; 5! = 120
  (data (i32.const 112) "\01\01\09")                     ;; opcode 9 does not exist
  (data (i32.const 128) "\01\00\07\07\01\2a\00\01\63\00") ;; 0 jnz 7: not taken, 42
  (data (i32.const 144) "\01\01\07\07\01\2a\00\01\63\00") ;; 1 jnz 7: taken, 99
  (data (i32.const 160) "\01\0a\01\01\08\04\06\01\ff\02\06\08\07\04\00") ;; 10! = 3628800

  ;; the machine's stack: i32 values from 4096 up; $sp is the next free slot
  (global $sp (mut i32) (i32.const 4096))

  (func $push (param $v i32)
    (i32.store (global.get $sp) (local.get $v))
    (global.set $sp (i32.add (global.get $sp) (i32.const 4))))

  (func $pop (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 4)))
    (i32.load (global.get $sp)))

  ;; runs the program at $code and returns the top of the stack at `halt`
  (func (export "run") (param $code i32) (result i32)
    (local $pc i32) (local $op i32) (local $a i32) (local $b i32)
    (global.set $sp (i32.const 4096))
    (local.set $pc (local.get $code))
    (block $bad
      (loop $step
        (local.set $op (i32.load8_u (local.get $pc)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (block $over
        (block $jnz
        (block $swap
        (block $dup
        (block $mul
        (block $sub
        (block $add
        (block $push
        (block $halt
          (br_table $halt $push $add $sub $mul $dup $swap $jnz $over $bad (local.get $op)))
        ;; 0 halt
        (return (call $pop)))
        ;; 1 push: the operand is a signed byte
        (call $push (i32.load8_s (local.get $pc)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 1)))
        (br $step))
        ;; 2 add
        (local.set $b (call $pop))
        (local.set $a (call $pop))
        (call $push (i32.add (local.get $a) (local.get $b)))
        (br $step))
        ;; 3 sub
        ;; TODO: pop b, pop a, push a - b
        (br $step))
        ;; 4 mul
        ;; TODO: pop b, pop a, push a * b
        (br $step))
        ;; 5 dup
        ;; TODO: push a copy of the top value
        (br $step))
        ;; 6 swap
        ;; TODO: exchange the top two values
        (br $step))
        ;; 7 jnz
        ;; TODO: pop v; if v is not 0, $pc = $code + the operand byte; else step over the operand
        (br $step))
        ;; 8 over
        ;; TODO: push a copy of the value under the top
        (br $step)))
    ;; a byte that is no opcode
    unreachable))
