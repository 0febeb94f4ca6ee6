//! Values as learners type and read them.
//!
//! Parsing reuses wast's number syntax, so a command-line argument is written exactly as in a
//! `.wat` file: `-5`, `0xff`, `1_000`, `inf`, `-0`, `nan:0x200000`, `0x1.8p3`. Display follows
//! the text format too, with the type after a colon: `42 : i32`, `-0 : f64`, `nan : f32`.

use std::fmt;

use wasmi::{FuncType, Val, ValType};
use wast::parser::{self, ParseBuffer};

/// The WAT name of a value type.
pub fn type_name(ty: ValType) -> &'static str {
    match ty {
        ValType::I32 => "i32",
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        ValType::V128 => "v128",
        ValType::FuncRef => "funcref",
        ValType::ExternRef => "externref",
    }
}

/// The WAT name of a value type as wasmparser sees it: the same words as [`type_name`] for the
/// types wasmi runs, and wasmparser's own spelling for the other references.
pub fn parsed_type_name(ty: wasmparser::ValType) -> String {
    use wasmparser::{RefType, ValType as P};
    let known = match ty {
        P::I32 => ValType::I32,
        P::I64 => ValType::I64,
        P::F32 => ValType::F32,
        P::F64 => ValType::F64,
        P::V128 => ValType::V128,
        P::Ref(r) if r == RefType::FUNCREF => ValType::FuncRef,
        P::Ref(r) if r == RefType::EXTERNREF => ValType::ExternRef,
        P::Ref(r) => return r.to_string(),
    };
    type_name(known).to_string()
}

/// Reads one argument of type `ty` written in WAT number syntax.
///
/// # Errors
/// A learner-facing sentence when `text` is not a number of that type or does not fit.
pub fn parse_value(text: &str, ty: ValType) -> Result<Val, String> {
    let what = type_name(ty);
    let bad = || match ty {
        ValType::I32 | ValType::I64 => format!("`{text}` is not an {what}: write a whole number such as 7, -5 or 0x1f"),
        ValType::F32 | ValType::F64 => {
            format!("`{text}` is not an {what}: write a number such as 1.5, -2, 1e10, inf, nan or 0x1p-3")
        }
        ValType::V128 => format!("`{text}` is not a v128: write a shape and lanes, such as `i32x4 1 2 3 4`"),
        ValType::FuncRef | ValType::ExternRef => format!("`{text}` is not a {what}: only `null` can be passed"),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(bad());
    }
    if matches!(ty, ValType::FuncRef | ValType::ExternRef) {
        return match (text, ty) {
            ("null", ValType::FuncRef) => Ok(Val::FuncRef(wasmi::Nullable::Null)),
            ("null", _) => Ok(Val::ExternRef(wasmi::Nullable::Null)),
            _ => Err(bad()),
        };
    }
    let buf = ParseBuffer::new(text).map_err(|_| bad())?;
    let out_of_range = |e: wast::Error| {
        if e.message().contains("out of range") {
            format!("`{text}` does not fit in an {what}")
        } else {
            bad()
        }
    };
    Ok(match ty {
        ValType::I32 => Val::I32(parser::parse::<i32>(&buf).map_err(out_of_range)?),
        ValType::I64 => Val::I64(parser::parse::<i64>(&buf).map_err(out_of_range)?),
        ValType::F32 => {
            Val::F32(wasmi::F32::from_bits(parser::parse::<wast::token::F32>(&buf).map_err(out_of_range)?.bits))
        }
        ValType::F64 => {
            Val::F64(wasmi::F64::from_bits(parser::parse::<wast::token::F64>(&buf).map_err(out_of_range)?.bits))
        }
        ValType::V128 => {
            let v = parser::parse::<wast::core::V128Const>(&buf).map_err(|_| bad())?;
            Val::V128(wasmi::V128::from(u128::from_le_bytes(v.to_le_bytes())))
        }
        ValType::FuncRef | ValType::ExternRef => unreachable!("handled above"),
    })
}

/// Shows a value's payload as WAT writes it, without its type.
pub struct DisplayVal<'a>(pub &'a Val);

impl fmt::Display for DisplayVal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Val::I32(v) => write!(f, "{v}"),
            Val::I64(v) => write!(f, "{v}"),
            Val::F32(v) => write_f32(f, v.to_bits()),
            Val::F64(v) => write_f64(f, v.to_bits()),
            Val::V128(v) => {
                let bytes = v.as_u128().to_le_bytes();
                write!(f, "i32x4")?;
                for lane in bytes.chunks(4) {
                    let n = u32::from_le_bytes([lane[0], lane[1], lane[2], lane[3]]);
                    write!(f, " {n:#010x}")?;
                }
                Ok(())
            }
            Val::FuncRef(r) if r.is_null() => write!(f, "ref.null func"),
            Val::FuncRef(_) => write!(f, "ref.func"),
            Val::ExternRef(r) if r.is_null() => write!(f, "ref.null extern"),
            Val::ExternRef(_) => write!(f, "ref.extern"),
        }
    }
}

/// Shows `value : type`, the format `run` and the REPL print results in.
pub struct DisplayTyped<'a>(pub &'a Val);

impl fmt::Display for DisplayTyped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}", DisplayVal(self.0), type_name(self.0.ty()))
    }
}

fn write_f32(f: &mut fmt::Formatter<'_>, bits: u32) -> fmt::Result {
    f.write_str(&crate::explain::shortest_f32(bits))
}

fn write_f64(f: &mut fmt::Formatter<'_>, bits: u64) -> fmt::Result {
    f.write_str(&crate::explain::shortest_f64(bits))
}

/// Shows a function type as `[i32 i32] -> [i32]`.
pub struct DisplayFuncType<'a>(pub &'a FuncType);

impl fmt::Display for DisplayFuncType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |tys: &[ValType]| tys.iter().map(|t| type_name(*t)).collect::<Vec<_>>().join(" ");
        write!(f, "[{}] -> [{}]", list(self.0.params()), list(self.0.results()))
    }
}

/// The same number, bit for bit (`i32` to `f64`; any other value is never the same).
pub fn same_number(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::I32(x), Val::I32(y)) => x == y,
        (Val::I64(x), Val::I64(y)) => x == y,
        (Val::F32(x), Val::F32(y)) => x.to_bits() == y.to_bits(),
        (Val::F64(x), Val::F64(y)) => x.to_bits() == y.to_bits(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, ty: ValType, shown: &str) {
        let v = parse_value(text, ty).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(DisplayTyped(&v).to_string(), shown);
    }

    #[test]
    fn integers_read_like_wat() {
        check("-5", ValType::I32, "-5 : i32");
        check("0x1f", ValType::I32, "31 : i32");
        check("4294967295", ValType::I32, "-1 : i32");
        check("1_000", ValType::I64, "1000 : i64");
        check("-9223372036854775808", ValType::I64, "-9223372036854775808 : i64");
    }

    #[test]
    fn floats_read_like_wat() {
        check("1.5", ValType::F32, "1.5 : f32");
        check("-0", ValType::F64, "-0 : f64");
        check("inf", ValType::F64, "inf : f64");
        check("-inf", ValType::F32, "-inf : f32");
        check("nan", ValType::F32, "nan : f32");
        check("nan:0x200000", ValType::F32, "nan:0x200000 : f32");
        check("0x1.8p3", ValType::F64, "12 : f64");
        check("7", ValType::F64, "7 : f64");
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert!(parse_value("abc", ValType::I32).unwrap_err().contains("not an i32"));
        assert!(parse_value("4294967296", ValType::I32).unwrap_err().contains("does not fit"));
        assert!(parse_value("1.5", ValType::I32).is_err());
        assert!(parse_value("", ValType::F64).is_err());
        assert!(parse_value("1 2", ValType::I32).is_err());
        assert!(parse_value("(", ValType::I32).is_err());
    }
}
