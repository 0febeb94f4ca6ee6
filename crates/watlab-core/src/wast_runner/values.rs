//! Script values: `invoke` arguments turned into wasmi values, and `assert_return` result
//! patterns checked against what a call returned and shown next to it.
//!
//! Patterns follow the spec interpreter: floats compare by bits, `nan:canonical` and
//! `nan:arithmetic` accept the NaN classes the spec defines (also per lane of a `v128`),
//! `(ref.null)` accepts any null, `(ref.func)` any non-null function, `(ref.extern N)` the host
//! reference made from `N`, and `(either ...)` any one of its alternatives. Patterns and
//! arguments of proposals wasmi lacks (GC, exceptions) give a skip reason instead of a verdict.

use std::fmt::Write as _;

use wasmi::{ExternRef, Nullable, Store, Val, F32 as WF32, F64 as WF64};
use wast::core::{AbstractHeapType, HeapType, NanPattern, V128Pattern, WastArgCore, WastRetCore};
use wast::token::{F32, F64};
use wast::{WastArg, WastRet};

use crate::host::HostState;
use crate::value::{DisplayTyped, DisplayVal};

/// Why a directive cannot be checked: the proposal it needs.
pub fn gc_reason(what: &str) -> String {
    format!("{what} belongs to the GC proposal, which wasmi 2.0 does not support")
}

/// A number argument (`(i32.const 1)` ... `(f64.const 1.5)`) as a value; `None` for others.
pub fn number_arg(arg: &WastArg<'_>) -> Option<Val> {
    Some(match arg {
        WastArg::Core(WastArgCore::I32(v)) => Val::I32(*v),
        WastArg::Core(WastArgCore::I64(v)) => Val::I64(*v),
        WastArg::Core(WastArgCore::F32(v)) => Val::F32(WF32::from_bits(v.bits)),
        WastArg::Core(WastArgCore::F64(v)) => Val::F64(WF64::from_bits(v.bits)),
        _ => return None,
    })
}

/// The wasmi value for one `invoke` argument.
///
/// # Errors
/// A skip reason for arguments of unsupported proposals (`ref.host`, GC heap types).
pub fn arg_value(store: &mut Store<HostState>, arg: &WastArg<'_>) -> Result<Val, String> {
    let WastArg::Core(arg) = arg else {
        return Err("component-model values are not part of core WebAssembly".into());
    };
    Ok(match arg {
        WastArgCore::I32(v) => Val::I32(*v),
        WastArgCore::I64(v) => Val::I64(*v),
        WastArgCore::F32(v) => Val::F32(WF32::from_bits(v.bits)),
        WastArgCore::F64(v) => Val::F64(WF64::from_bits(v.bits)),
        WastArgCore::V128(v) => Val::V128(u128::from_le_bytes(v.to_le_bytes()).into()),
        WastArgCore::RefNull(heap) => match null_kind(heap)? {
            RefKind::Func => Val::FuncRef(Nullable::Null),
            RefKind::Extern => Val::ExternRef(Nullable::Null),
        },
        WastArgCore::RefExtern(n) => Val::ExternRef(Nullable::Val(ExternRef::new(store, *n))),
        WastArgCore::RefHost(_) => return Err(gc_reason("`ref.host`")),
    })
}

enum RefKind {
    Func,
    Extern,
}

fn null_kind(heap: &HeapType<'_>) -> Result<RefKind, String> {
    match heap {
        HeapType::Abstract { shared: false, ty: AbstractHeapType::Func | AbstractHeapType::NoFunc } => {
            Ok(RefKind::Func)
        }
        HeapType::Abstract { shared: false, ty: AbstractHeapType::Extern | AbstractHeapType::NoExtern } => {
            Ok(RefKind::Extern)
        }
        HeapType::Abstract { ty: AbstractHeapType::Exn | AbstractHeapType::NoExn, .. } => {
            Err("`exnref` belongs to the exception-handling proposal, which wasmi 2.0 does not support".into())
        }
        HeapType::Abstract { ty: AbstractHeapType::Cont | AbstractHeapType::NoCont, .. } => {
            Err("`contref` belongs to the stack-switching proposal, which wasmi 2.0 does not support".into())
        }
        HeapType::Concrete(_) | HeapType::Exact(_) => {
            Err("a typed reference belongs to the function-references proposal, which wasmi 2.0 does not support"
                .into())
        }
        HeapType::Abstract { .. } => Err(gc_reason("this reference type")),
    }
}

/// The core pattern of a result, or a skip reason for component values.
pub fn core_pattern<'a, 'b>(ret: &'b WastRet<'a>) -> Result<&'b WastRetCore<'a>, String> {
    match ret {
        WastRet::Core(core) => Ok(core),
        _ => Err("component-model values are not part of core WebAssembly".into()),
    }
}

/// Whether `actual` matches `pattern`.
///
/// # Errors
/// A skip reason when the pattern needs a proposal wasmi lacks.
pub fn matches(store: &Store<HostState>, pattern: &WastRetCore<'_>, actual: &Val) -> Result<bool, String> {
    Ok(match (pattern, actual) {
        (WastRetCore::I32(want), Val::I32(got)) => want == got,
        (WastRetCore::I64(want), Val::I64(got)) => want == got,
        (WastRetCore::F32(want), Val::F32(got)) => f32_matches(want, got.to_bits()),
        (WastRetCore::F64(want), Val::F64(got)) => f64_matches(want, got.to_bits()),
        (WastRetCore::V128(want), Val::V128(got)) => v128_matches(want, got.as_u128()),
        (WastRetCore::RefNull(None), Val::FuncRef(r)) => r.is_null(),
        (WastRetCore::RefNull(None), Val::ExternRef(r)) => r.is_null(),
        (WastRetCore::RefNull(Some(heap)), actual) => match (null_kind(heap)?, actual) {
            (RefKind::Func, Val::FuncRef(r)) => r.is_null(),
            (RefKind::Extern, Val::ExternRef(r)) => r.is_null(),
            _ => false,
        },
        (WastRetCore::RefFunc(None), Val::FuncRef(r)) => !r.is_null(),
        (WastRetCore::RefFunc(Some(_)), _) => {
            return Err("wasmi cannot tell which function a funcref holds, so `(ref.func N)` cannot be checked".into())
        }
        (WastRetCore::RefExtern(want), Val::ExternRef(r)) => match (want, r.val()) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(n), Some(r)) => r.data(store).downcast_ref::<u32>() == Some(n),
        },
        (WastRetCore::RefHost(_), _) => return Err(gc_reason("`ref.host`")),
        (WastRetCore::RefAny, _) => return Err(gc_reason("`ref.any`")),
        (WastRetCore::RefEq, _) => return Err(gc_reason("`ref.eq`")),
        (WastRetCore::RefArray, _) => return Err(gc_reason("`ref.array`")),
        (WastRetCore::RefStruct, _) => return Err(gc_reason("`ref.struct`")),
        (WastRetCore::RefI31 | WastRetCore::RefI31Shared, _) => return Err(gc_reason("`ref.i31`")),
        (WastRetCore::Either(options), actual) => {
            let mut skip = None;
            for option in options {
                match matches(store, option, actual) {
                    Ok(true) => return Ok(true),
                    Ok(false) => {}
                    Err(reason) => skip = Some(reason),
                }
            }
            return skip.map_or(Ok(false), Err);
        }
        _ => false,
    })
}

/// f32 NaN classes by bits: canonical NaN has only the top mantissa bit set; an arithmetic
/// NaN has at least that bit. The sign does not matter for either.
fn f32_matches(want: &NanPattern<F32>, bits: u32) -> bool {
    match want {
        NanPattern::Value(v) => v.bits == bits,
        NanPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        NanPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
    }
}

fn f64_matches(want: &NanPattern<F64>, bits: u64) -> bool {
    match want {
        NanPattern::Value(v) => v.bits == bits,
        NanPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        NanPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
    }
}

fn v128_matches(want: &V128Pattern, got: u128) -> bool {
    let bytes = got.to_le_bytes();
    let lane = |i: usize, n: usize| -> u64 {
        let mut v = 0u64;
        for (k, b) in bytes[i * n..(i + 1) * n].iter().enumerate() {
            v |= u64::from(*b) << (8 * k);
        }
        v
    };
    match want {
        V128Pattern::I8x16(l) => l.iter().enumerate().all(|(i, v)| lane(i, 1) == u64::from(*v as u8)),
        V128Pattern::I16x8(l) => l.iter().enumerate().all(|(i, v)| lane(i, 2) == u64::from(*v as u16)),
        V128Pattern::I32x4(l) => l.iter().enumerate().all(|(i, v)| lane(i, 4) == u64::from(*v as u32)),
        V128Pattern::I64x2(l) => l.iter().enumerate().all(|(i, v)| lane(i, 8) == *v as u64),
        V128Pattern::F32x4(l) => l.iter().enumerate().all(|(i, v)| f32_matches(v, lane(i, 4) as u32)),
        V128Pattern::F64x2(l) => l.iter().enumerate().all(|(i, v)| f64_matches(v, lane(i, 8))),
    }
}

/// The value type a pattern is written in (`i32` for `(i32.const 4)`); `None` for reference
/// and `either` patterns, whose type is not one word.
pub fn pattern_type(pattern: &WastRetCore<'_>) -> Option<&'static str> {
    match pattern {
        WastRetCore::I32(_) => Some("i32"),
        WastRetCore::I64(_) => Some("i64"),
        WastRetCore::F32(_) => Some("f32"),
        WastRetCore::F64(_) => Some("f64"),
        WastRetCore::V128(_) => Some("v128"),
        _ => None,
    }
}

/// A pattern as the learner wrote it, with its type: `4 : i32`, `nan:canonical : f32`.
pub fn show_pattern(pattern: &WastRetCore<'_>) -> String {
    let nan32 = |p: &NanPattern<F32>| match p {
        NanPattern::Value(v) => DisplayVal(&Val::F32(WF32::from_bits(v.bits))).to_string(),
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
    };
    let nan64 = |p: &NanPattern<F64>| match p {
        NanPattern::Value(v) => DisplayVal(&Val::F64(WF64::from_bits(v.bits))).to_string(),
        NanPattern::CanonicalNan => "nan:canonical".into(),
        NanPattern::ArithmeticNan => "nan:arithmetic".into(),
    };
    let join = |items: Vec<String>| items.join(" ");
    match pattern {
        WastRetCore::I32(v) => format!("{v} : i32"),
        WastRetCore::I64(v) => format!("{v} : i64"),
        WastRetCore::F32(p) => format!("{} : f32", nan32(p)),
        WastRetCore::F64(p) => format!("{} : f64", nan64(p)),
        WastRetCore::V128(p) => {
            let lanes = match p {
                V128Pattern::I8x16(l) => format!("i8x16 {}", join(l.iter().map(|v| v.to_string()).collect())),
                V128Pattern::I16x8(l) => format!("i16x8 {}", join(l.iter().map(|v| v.to_string()).collect())),
                V128Pattern::I32x4(l) => format!("i32x4 {}", join(l.iter().map(|v| v.to_string()).collect())),
                V128Pattern::I64x2(l) => format!("i64x2 {}", join(l.iter().map(|v| v.to_string()).collect())),
                V128Pattern::F32x4(l) => format!("f32x4 {}", join(l.iter().map(nan32).collect())),
                V128Pattern::F64x2(l) => format!("f64x2 {}", join(l.iter().map(nan64).collect())),
            };
            format!("{lanes} : v128")
        }
        WastRetCore::RefNull(None) => "ref.null".into(),
        WastRetCore::RefNull(Some(HeapType::Abstract { ty, .. })) => format!("ref.null {}", heap_word(*ty)),
        WastRetCore::RefNull(Some(_)) => "ref.null (typed)".into(),
        WastRetCore::RefExtern(None) => "ref.extern".into(),
        WastRetCore::RefExtern(Some(n)) => format!("ref.extern {n}"),
        WastRetCore::RefFunc(_) => "ref.func".into(),
        WastRetCore::RefHost(n) => format!("ref.host {n}"),
        WastRetCore::RefAny => "ref.any".into(),
        WastRetCore::RefEq => "ref.eq".into(),
        WastRetCore::RefArray => "ref.array".into(),
        WastRetCore::RefStruct => "ref.struct".into(),
        WastRetCore::RefI31 | WastRetCore::RefI31Shared => "ref.i31".into(),
        WastRetCore::Either(options) => {
            let shown: Vec<String> = options.iter().map(show_pattern).collect();
            format!("either {}", shown.join(" or "))
        }
    }
}

fn heap_word(ty: AbstractHeapType) -> &'static str {
    match ty {
        AbstractHeapType::Func => "func",
        AbstractHeapType::Extern => "extern",
        AbstractHeapType::NoFunc => "nofunc",
        AbstractHeapType::NoExtern => "noextern",
        _ => "(GC type)",
    }
}

/// An actual value with its type, shaped like `pattern` when that helps comparing: a `v128`
/// is shown in the pattern's lane shape, an externref with its host number.
pub fn show_actual(store: &Store<HostState>, actual: &Val, pattern: Option<&WastRetCore<'_>>) -> String {
    match (actual, pattern) {
        (Val::V128(v), Some(WastRetCore::V128(p))) => format!("{} : v128", lanes_like(v.as_u128(), p)),
        (Val::ExternRef(Nullable::Val(r)), _) => match r.data(store).downcast_ref::<u32>() {
            Some(n) => format!("ref.extern {n} : externref"),
            None => "ref.extern : externref".into(),
        },
        _ => DisplayTyped(actual).to_string(),
    }
}

fn lanes_like(bits: u128, shape: &V128Pattern) -> String {
    let bytes = bits.to_le_bytes();
    let mut out = String::new();
    let mut lanes = |name: &str, width: usize, show: &dyn Fn(&[u8]) -> String| {
        out.push_str(name);
        for chunk in bytes.chunks(width) {
            let _ = write!(out, " {}", show(chunk));
        }
    };
    match shape {
        V128Pattern::I8x16(_) => lanes("i8x16", 1, &|b| (b[0] as i8).to_string()),
        V128Pattern::I16x8(_) => lanes("i16x8", 2, &|b| i16::from_le_bytes([b[0], b[1]]).to_string()),
        V128Pattern::I32x4(_) => lanes("i32x4", 4, &|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]).to_string()),
        V128Pattern::I64x2(_) => lanes("i64x2", 8, &|b| i64::from_le_bytes(b.try_into().unwrap_or([0; 8])).to_string()),
        V128Pattern::F32x4(_) => lanes("f32x4", 4, &|b| {
            DisplayVal(&Val::F32(WF32::from_bits(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))).to_string()
        }),
        V128Pattern::F64x2(_) => lanes("f64x2", 8, &|b| {
            DisplayVal(&Val::F64(WF64::from_bits(u64::from_le_bytes(b.try_into().unwrap_or([0; 8]))))).to_string()
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wast::parser::{self, ParseBuffer};

    fn check(pattern: &str, actual: Val) -> bool {
        let buf = ParseBuffer::new(pattern).unwrap();
        let ret: WastRetCore = parser::parse(&buf).unwrap();
        let engine = wasmi::Engine::default();
        let host = HostState { limits: Default::default(), output: Box::new(crate::host::Captured::default()) };
        let store = Store::new(&engine, host);
        matches(&store, &ret, &actual).unwrap()
    }

    #[test]
    fn numbers_compare_exactly() {
        assert!(check("i32.const -1", Val::I32(-1)));
        assert!(!check("i32.const 1", Val::I32(2)));
        assert!(!check("i32.const 1", Val::I64(1)));
        assert!(check("f32.const -0", Val::F32(WF32::from_bits(0x8000_0000))));
        assert!(!check("f32.const 0", Val::F32(WF32::from_bits(0x8000_0000))));
    }

    #[test]
    fn nan_classes() {
        let f32v = |b: u32| Val::F32(WF32::from_bits(b));
        assert!(check("f32.const nan:canonical", f32v(0x7fc0_0000)));
        assert!(check("f32.const nan:canonical", f32v(0xffc0_0000)));
        assert!(!check("f32.const nan:canonical", f32v(0x7fc0_0001)));
        assert!(check("f32.const nan:arithmetic", f32v(0x7fc0_0001)));
        assert!(!check("f32.const nan:arithmetic", f32v(0x7f80_0001)));
        assert!(!check("f32.const nan:arithmetic", f32v(0x3f80_0000)));
        let f64v = |b: u64| Val::F64(WF64::from_bits(b));
        assert!(check("f64.const nan:canonical", f64v(0xfff8_0000_0000_0000)));
        assert!(check("f64.const nan:arithmetic", f64v(0x7ffc_0000_0000_0000)));
        assert!(!check("f64.const nan:arithmetic", f64v(0x7ff0_0000_0000_0001)));
        // A literal NaN compares by bits, payload included.
        assert!(check("f32.const nan:0x200000", f32v(0x7fa0_0000)));
        assert!(!check("f32.const nan:0x200000", f32v(0x7fc0_0000)));
    }

    #[test]
    fn v128_lanes_and_either() {
        let v = Val::V128(u128::from_le_bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]).into());
        assert!(check("v128.const i32x4 1 2 3 -1", v.clone()));
        assert!(!check("v128.const i32x4 1 2 3 4", v.clone()));
        assert!(check("either (v128.const i32x4 0 0 0 0) (v128.const i16x8 1 0 2 0 3 0 -1 -1)", v));
        let nans =
            Val::V128(u128::from_le_bytes([0, 0, 0xc0, 0x7f, 0, 0, 0xc0, 0xff, 0, 0, 0x80, 0x3f, 0, 0, 0, 0]).into());
        assert!(check("v128.const f32x4 nan:canonical nan:arithmetic 1 0", nans));
        assert!(check("either (i32.const 1) (i32.const 2)", Val::I32(2)));
        assert!(!check("either (i32.const 1) (i32.const 2)", Val::I32(3)));
    }

    #[test]
    fn references() {
        assert!(check("ref.null", Val::FuncRef(Nullable::Null)));
        assert!(check("ref.null extern", Val::ExternRef(Nullable::Null)));
        assert!(!check("ref.null func", Val::ExternRef(Nullable::Null)));
        assert!(!check("ref.func", Val::FuncRef(Nullable::Null)));
    }

    #[test]
    fn patterns_show_with_types() {
        let buf = ParseBuffer::new("v128.const f32x4 1 nan:canonical 2.5 -0").unwrap();
        let ret: WastRetCore = parser::parse(&buf).unwrap();
        assert_eq!(show_pattern(&ret), "f32x4 1 nan:canonical 2.5 -0 : v128");
        let buf = ParseBuffer::new("f64.const nan:arithmetic").unwrap();
        let ret: WastRetCore = parser::parse(&buf).unwrap();
        assert_eq!(show_pattern(&ret), "nan:arithmetic : f64");
    }
}
