//! The number lens: an integer as signed, unsigned, hex and binary; a float as sign, exponent
//! and mantissa, its exact decimal value, its class and its neighbours. Also the shortest text
//! of a float, as JavaScript and the spec interpreter print it.

use std::fmt;

/// The four number types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberType {
    /// 32-bit integer.
    I32,
    /// 64-bit integer.
    I64,
    /// 32-bit float.
    F32,
    /// 64-bit float.
    F64,
}

impl NumberType {
    /// `i32`, `i64`, `f32`, `f64`; `None` for anything else.
    pub fn from_name(name: &str) -> Option<NumberType> {
        Some(match name {
            "i32" => NumberType::I32,
            "i64" => NumberType::I64,
            "f32" => NumberType::F32,
            "f64" => NumberType::F64,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            NumberType::I32 => "i32",
            NumberType::I64 => "i64",
            NumberType::F32 => "f32",
            NumberType::F64 => "f64",
        }
    }

    fn width(self) -> u32 {
        match self {
            NumberType::I32 | NumberType::F32 => 32,
            NumberType::I64 | NumberType::F64 => 64,
        }
    }
}

/// A value of a number type, by its bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bits {
    /// Its type.
    pub ty: NumberType,
    /// Its bits, in the low `width` bits.
    pub bits: u64,
}

/// The shortest text that reads back as the same `f64`, with an exponent only where plain
/// digits would be long (below 1e-6 or from 1e21 on, as JavaScript prints): `0.1`, `1e-300`,
/// `1.5e21`, `-0`, `inf`, `nan`, `nan:0x4`.
pub fn shortest_f64(bits: u64) -> String {
    let v = f64::from_bits(bits);
    shortest(bits >> 63 == 1, v.is_nan().then_some((bits & 0xf_ffff_ffff_ffff, 1 << 51)), v, v.abs())
}

/// [`shortest_f64`] for `f32`: the shortest text that reads back as the same `f32`.
pub fn shortest_f32(bits: u32) -> String {
    let v = f32::from_bits(bits);
    let nan = v.is_nan().then_some((u64::from(bits & 0x7f_ffff), 1 << 22));
    shortest(bits >> 31 == 1, nan, v, f64::from(v.abs()))
}

/// The text of a float given as its sign, its NaN payload (and the canonical one) if it is a
/// NaN, the value itself (whose `Display` is the shortest round-trip text of its own type) and
/// its magnitude.
fn shortest<T: fmt::Display + fmt::LowerExp>(negative: bool, nan: Option<(u64, u64)>, v: T, magnitude: f64) -> String {
    let sign = if negative { "-" } else { "" };
    match nan {
        Some((payload, canonical)) if payload == canonical => format!("{sign}nan"),
        Some((payload, _)) => format!("{sign}nan:{payload:#x}"),
        None if magnitude.is_infinite() => format!("{sign}inf"),
        None if magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude) => format!("{v:e}"),
        None => format!("{v}"),
    }
}

/// Reads a number as `explain` takes it: an integer (`42`, `-1`, `0xff`, `1_000`) or a float
/// (`0.1`, `-0`, `inf`, `nan:0x1`, `0x1.8p3`). With a float type, an integer is that float's
/// bit pattern (`0x7fc00000` as f32 is a NaN); a float is its value. Without a type, an
/// integer is an i32 when it fits one (signed or unsigned), else an i64, and a float is an f64.
/// `None` when the text is not a number or does not fit the type.
pub fn parse_number(text: &str, as_type: Option<NumberType>) -> Option<Bits> {
    let text = text.trim();
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '-' | '+' | 'i' | 'n')) {
        return None;
    }
    if let Some(n) = parse_integer(text) {
        let ty = as_type.unwrap_or(if (-(1i128 << 31)..(1i128 << 32)).contains(&n) {
            NumberType::I32
        } else {
            NumberType::I64
        });
        let width = ty.width();
        let fits = (-(1i128 << (width - 1))..(1i128 << width)).contains(&n);
        if !fits {
            return None;
        }
        let mask = if width == 64 { u64::MAX } else { (1u64 << width) - 1 };
        return Some(Bits { ty, bits: (n as u64) & mask });
    }
    let ty = as_type.unwrap_or(NumberType::F64);
    let buf = wast::parser::ParseBuffer::new(text).ok()?;
    match ty {
        NumberType::F32 => {
            let f = wast::parser::parse::<wast::token::F32>(&buf).ok()?;
            Some(Bits { ty, bits: u64::from(f.bits) })
        }
        NumberType::F64 => {
            let f = wast::parser::parse::<wast::token::F64>(&buf).ok()?;
            Some(Bits { ty, bits: f.bits })
        }
        // A float is not an integer.
        NumberType::I32 | NumberType::I64 => None,
    }
}

fn parse_integer(text: &str) -> Option<i128> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let digits = rest.replace('_', "");
    if digits.is_empty() || rest.starts_with('_') || rest.ends_with('_') || rest.contains("__") {
        return None;
    }
    let value = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
            i128::from_str_radix(hex, 16).ok()?
        }
        Some(_) => return None,
        None if digits.chars().all(|c| c.is_ascii_digit()) => digits.parse::<i128>().ok()?,
        None => return None,
    };
    Some(if negative { -value } else { value })
}

/// Binary digits in groups of four: `0000 0000 0010 1010`.
fn grouped_binary(bits: u64, width: u32) -> String {
    let text = format!("{bits:0w$b}", w = width as usize);
    text.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// The exact decimal value of `mantissa * 2^exponent`.
fn exact_decimal(mantissa: u64, exponent: i32) -> String {
    // Little-endian base-1e9 digits of a big natural number.
    fn mul_small(n: &mut Vec<u32>, by: u32) {
        let mut carry = 0u64;
        for d in n.iter_mut() {
            let v = u64::from(*d) * u64::from(by) + carry;
            *d = (v % 1_000_000_000) as u32;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            n.push((carry % 1_000_000_000) as u32);
            carry /= 1_000_000_000;
        }
    }
    fn to_string(n: &[u32]) -> String {
        let mut s = n.last().map_or("0".to_string(), |d| d.to_string());
        for d in n.iter().rev().skip(1) {
            s.push_str(&format!("{d:09}"));
        }
        s
    }
    let mut n = vec![(mantissa % 1_000_000_000) as u32];
    let mut rest = mantissa / 1_000_000_000;
    while rest > 0 {
        n.push((rest % 1_000_000_000) as u32);
        rest /= 1_000_000_000;
    }
    if exponent >= 0 {
        for _ in 0..exponent {
            mul_small(&mut n, 2);
        }
        return to_string(&n);
    }
    // m / 2^k = m * 5^k / 10^k.
    let k = exponent.unsigned_abs() as usize;
    for _ in 0..k {
        mul_small(&mut n, 5);
    }
    let digits = to_string(&n);
    let digits = if digits.len() <= k { format!("{}{digits}", "0".repeat(k + 1 - digits.len())) } else { digits };
    let (int, frac) = digits.split_at(digits.len() - k);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

impl Bits {
    /// The value as the REPL shows it: `42`, `0.1`.
    pub fn shown(&self) -> String {
        match self.ty {
            NumberType::I32 => (self.bits as u32 as i32).to_string(),
            NumberType::I64 => (self.bits as i64).to_string(),
            NumberType::F32 => shortest_f32(self.bits as u32),
            NumberType::F64 => shortest_f64(self.bits),
        }
    }

    fn write_float(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (width, exp_bits, man_bits, bias) = match self.ty {
            NumberType::F32 => (32u32, 8u32, 23u32, 127i32),
            _ => (64, 11, 52, 1023),
        };
        let bits = self.bits;
        let sign = bits >> (width - 1);
        let exp = ((bits >> man_bits) & ((1 << exp_bits) - 1)) as i32;
        let man = bits & ((1u64 << man_bits) - 1);
        let all = grouped_binary(bits, width);
        writeln!(f, "{} {}  (bits {:#0w$x})", self.ty.name(), self.shown(), bits, w = width as usize / 4 + 2)?;
        writeln!(f, "  binary     {all}")?;
        writeln!(f, "  sign       {sign} ({})", if sign == 1 { "negative" } else { "positive" })?;
        let exp_text = format!("{exp:0w$b}", w = exp_bits as usize);
        let max_exp = (1 << exp_bits) - 1;
        let exp_meaning = if exp == 0 {
            format!("0: zero or subnormal (scale 2^{})", 1 - bias)
        } else if exp == max_exp {
            "all ones: infinity or NaN".to_string()
        } else {
            format!("{exp}, minus the bias {bias}: 2^{}", exp - bias)
        };
        writeln!(f, "  exponent   {exp_text} = {exp_meaning}")?;
        writeln!(
            f,
            "  mantissa   {:#x} ({man_bits} bits{})",
            man,
            if exp == 0 || exp == max_exp { "" } else { ", after an implicit 1." }
        )?;
        let class = if exp == max_exp && man == 0 {
            "infinity".to_string()
        } else if exp == max_exp {
            let quiet = man >> (man_bits - 1) == 1;
            let payload = man;
            let canonical = payload == 1 << (man_bits - 1);
            format!(
                "NaN, payload {payload:#x} ({}{})",
                if quiet { "quiet" } else { "signalling" },
                if canonical { ", canonical: the NaN arithmetic produces" } else { ", not canonical" }
            )
        } else if exp == 0 && man == 0 {
            format!("zero ({})", if sign == 1 { "-0, which compares equal to 0" } else { "+0" })
        } else if exp == 0 {
            "subnormal: smaller than the smallest normal number, with less precision".to_string()
        } else {
            "normal".to_string()
        };
        writeln!(f, "  class      {class}")?;
        if exp != max_exp {
            let (m, e) = if exp == 0 {
                (man, 1 - bias - man_bits as i32)
            } else {
                (man | 1 << man_bits, exp - bias - man_bits as i32)
            };
            let minus = if sign == 1 { "-" } else { "" };
            writeln!(f, "  exact      {minus}{}", exact_decimal(m, e))?;
            let step = |up: bool| -> Bits {
                // Moving away from zero increases the magnitude bits; toward it decreases them.
                let magnitude = bits & !(1u64 << (width - 1));
                let new = match (sign == 1, up) {
                    _ if magnitude == 0 && up => 1,
                    _ if magnitude == 0 => (1u64 << (width - 1)) | 1,
                    (false, true) | (true, false) => bits + 1,
                    _ => bits - 1,
                };
                Bits { ty: self.ty, bits: new }
            };
            write!(f, "  neighbours {} below, {} above", step(false).shown(), step(true).shown())?;
        } else {
            write!(f, "  neighbours none: this is not a finite number")?;
        }
        Ok(())
    }
}

impl fmt::Display for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.ty.width();
        match self.ty {
            NumberType::F32 | NumberType::F64 => self.write_float(f),
            NumberType::I32 | NumberType::I64 => {
                let (signed, unsigned) = if width == 32 {
                    ((self.bits as u32 as i32).to_string(), (self.bits as u32).to_string())
                } else {
                    ((self.bits as i64).to_string(), self.bits.to_string())
                };
                writeln!(f, "{} {}", self.ty.name(), signed)?;
                writeln!(f, "  signed     {signed}")?;
                writeln!(f, "  unsigned   {unsigned}")?;
                writeln!(f, "  hex        {:#0w$x}", self.bits, w = width as usize / 4 + 2)?;
                write!(f, "  binary     {}", grouped_binary(self.bits, width))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_shortest_with_an_exponent_only_when_long() {
        assert_eq!(shortest_f64(0.1f64.to_bits()), "0.1");
        assert_eq!(shortest_f64(1e-300f64.to_bits()), "1e-300");
        assert_eq!(shortest_f64(1.5e21f64.to_bits()), "1.5e21");
        assert_eq!(shortest_f64(100f64.to_bits()), "100");
        assert_eq!(shortest_f64((-0.0f64).to_bits()), "-0");
        assert_eq!(shortest_f32(0.1f32.to_bits()), "0.1");
        assert_eq!(shortest_f32(1e30f32.to_bits()), "1e30");
        assert_eq!(shortest_f32(0x7fc0_0000), "nan");
        assert_eq!(shortest_f32(0x7fa0_0000), "nan:0x200000");
    }

    #[test]
    fn numbers_parse_by_type() {
        assert_eq!(parse_number("42", None), Some(Bits { ty: NumberType::I32, bits: 42 }));
        assert_eq!(parse_number("-1", None), Some(Bits { ty: NumberType::I32, bits: 0xffff_ffff }));
        assert_eq!(parse_number("4294967295", None), Some(Bits { ty: NumberType::I32, bits: 0xffff_ffff }));
        assert_eq!(parse_number("4294967296", None).map(|b| b.ty), Some(NumberType::I64));
        assert_eq!(
            parse_number("0x7fc00000", Some(NumberType::F32)),
            Some(Bits { ty: NumberType::F32, bits: 0x7fc0_0000 })
        );
        assert_eq!(parse_number("0.1", None), Some(Bits { ty: NumberType::F64, bits: 0.1f64.to_bits() }));
        assert_eq!(parse_number("300", Some(NumberType::I32)).map(|b| b.bits), Some(300));
        assert_eq!(parse_number("1e400", None), None);
        assert_eq!(parse_number("99999999999999999999999", None), None);
        assert_eq!(parse_number("0x1_0000_0000", Some(NumberType::I32)), None);
        assert_eq!(parse_number("1.5", Some(NumberType::I32)), None);
        assert_eq!(parse_number("abc", None), None);
        assert_eq!(parse_number("", None), None);
    }

    #[test]
    fn exact_decimals_are_exact() {
        assert_eq!(exact_decimal(1, -1), "0.5");
        assert_eq!(exact_decimal(3, 2), "12");
        let b = Bits { ty: NumberType::F32, bits: u64::from(0.1f32.to_bits()) };
        assert!(b.to_string().contains("exact      0.100000001490116119384765625"), "{b}");
    }

    #[test]
    fn float_views_name_class_and_neighbours() {
        let nan = Bits { ty: NumberType::F32, bits: 0x7fc0_0001 };
        assert!(nan.to_string().contains("NaN, payload 0x400001 (quiet, not canonical)"), "{nan}");
        let zero = Bits { ty: NumberType::F64, bits: 0 };
        let text = zero.to_string();
        assert!(text.contains("neighbours -5e-324 below, 5e-324 above"), "{text}");
        let one = Bits { ty: NumberType::F32, bits: u64::from(1f32.to_bits()) };
        assert!(one.to_string().contains("neighbours 0.99999994 below, 1.0000001 above"), "{one}");
    }
}
