//! A generated WAT module of several megabytes, shared by the assembly benchmark.
//!
//! Many functions, each a mix of what learners write: folded and flat instructions, locals of
//! every number type, blocks, loops, `if`/`else`, `br_table`, calls, `call_indirect`, memory
//! loads and stores with offsets, globals, conversions and float arithmetic.

/// A module with `n_funcs` functions (about 1 KB of text each).
pub fn module(n_funcs: usize) -> String {
    let mut s = String::with_capacity(n_funcs * 1100);
    s.push_str("(module\n  (type $sig (func (param i32 i64) (result i32)))\n");
    s.push_str("  (memory (export \"memory\") 1)\n  (global $g (mut i32) (i32.const 0))\n");
    s.push_str(&format!("  (table {n_funcs} funcref)\n"));
    s.push_str("  (data (i32.const 64) \"generated module for benchmarks\\00\\01\\02\")\n");
    for i in 0..n_funcs {
        let callee = if i == 0 { 0 } else { (i * 7919) % i };
        match i % 3 {
            0 => folded(&mut s, i, callee),
            1 => flat(&mut s, i, callee),
            _ => floats(&mut s, i, callee),
        }
    }
    s.push_str("  (elem (i32.const 0)");
    for i in 0..n_funcs {
        s.push_str(&format!(" $f{i}"));
    }
    s.push_str(")\n)\n");
    s
}

fn folded(s: &mut String, i: usize, callee: usize) {
    s.push_str(&format!(
        r#"  (func $f{i} (export "f{i}") (type $sig) (param $a i32) (param $b i64) (result i32)
    (local $x i32) (local $y f64) (local $z i64)
    (local.set $x (i32.add (local.get $a) (i32.const {i})))
    (block $out
      (loop $top
        (br_if $out (i32.ge_u (local.get $x) (i32.const 100000)))
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 3)) (i32.const 1)))
        (br $top)))
    (if (i32.eqz (i32.and (local.get $x) (i32.const 1)))
      (then (local.set $y (f64.const 1.5)))
      (else (local.set $y (f64.sqrt (f64.convert_i32_s (local.get $x))))))
    (i32.store offset=16 (i32.and (local.get $x) (i32.const 0xff0)) (i32.wrap_i64 (local.get $b)))
    (global.set $g (i32.add (global.get $g) (i32.load offset=16 (i32.const 32))))
    (local.set $z (i64.xor (i64.extend_i32_u (local.get $x)) (i64.shl (local.get $b) (i64.const 3))))
    (i32.add
      (i32.trunc_sat_f64_s (local.get $y))
      (i32.add (i32.wrap_i64 (local.get $z)) (call $f{callee} (local.get $a) (local.get $b)))))
"#
    ));
}

fn flat(s: &mut String, i: usize, callee: usize) {
    s.push_str(&format!(
        r#"  (func $f{i} (export "f{i}") (type $sig) (param $a i32) (param $b i64) (result i32)
    (local $k i32) (local $acc i64)
    block $b2
      block $b1
        block $b0
          local.get $a
          i32.const 3
          i32.rem_u
          br_table $b0 $b1 $b2
        end
        local.get $acc
        i64.const {i}
        i64.add
        local.set $acc
      end
      local.get $acc
      local.get $b
      i64.mul
      local.set $acc
    end
    loop $count
      local.get $k
      i32.const 1
      i32.add
      local.tee $k
      i32.const 10
      i32.lt_u
      br_if $count
    end
    local.get $a
    i32.load8_u offset=64
    local.get $acc
    i32.wrap_i64
    i32.add
    local.get $a
    local.get $b
    local.get $k
    call_indirect (type $sig)
    i32.xor
    i32.const {callee}
    i32.popcnt
    i32.sub
  )
"#
    ));
}

fn floats(s: &mut String, i: usize, callee: usize) {
    s.push_str(&format!(
        r#"  (func $f{i} (export "f{i}") (type $sig) (param $a i32) (param $b i64) (result i32)
    (local $p f32) (local $q f64)
    (local.set $p (f32.mul (f32.convert_i32_u (local.get $a)) (f32.const 0.25)))
    (local.set $q (f64.promote_f32 (f32.add (local.get $p) (f32.const -1.0e3))))
    (local.set $q (f64.max (f64.abs (local.get $q)) (f64.const 0x1.8p+4)))
    (f64.store offset=8 (i32.const 256) (f64.div (local.get $q) (f64.const 3.0)))
    (if (result i32) (f64.gt (f64.load offset=8 (i32.const 256)) (f64.const {i}.5))
      (then (i32.trunc_sat_f64_u (local.get $q)))
      (else
        (i32.add (call $f{callee} (local.get $a) (i64.const {i})) (i32.wrap_i64 (i64.rotl (local.get $b) (i64.const 7)))))))
"#
    ));
}
