//! The number and memory lenses of the REPL: `:bits`, `:stack hex|bits`, `:memory ... as TYPE`,
//! and `:explain`. Read-only, like `inspect`.

use wasmi::{Extern, Val};

use super::build::Built;
use super::Event;
use crate::diag::{code, Diagnostic};
use crate::explain::{self, parse_number, Answer, Bits, NumberType};

/// The bits of a stack value, when it is a number.
fn bits_of(v: &Val) -> Option<Bits> {
    Some(match v {
        Val::I32(x) => Bits { ty: NumberType::I32, bits: u64::from(*x as u32) },
        Val::I64(x) => Bits { ty: NumberType::I64, bits: *x as u64 },
        Val::F32(x) => Bits { ty: NumberType::F32, bits: u64::from(x.to_bits()) },
        Val::F64(x) => Bits { ty: NumberType::F64, bits: x.to_bits() },
        _ => return None,
    })
}

/// `:bits [VALUE]`: the top of the stack, or `f32.const 0.1`, `42`, `0x7fc00000 as f32`.
pub fn bits(stack: &[Val], args: &str) -> Event {
    let usage =
        "for example `:bits` (the top of the stack), `:bits f32.const 0.1`, `:bits 42` or `:bits 0x7fc00000 as f32`";
    if args.is_empty() {
        return match stack.last() {
            None => {
                Event::Info("the stack is empty: push a number first (`i32.const 42`), or give one: `:bits 42`".into())
            }
            Some(v) => match bits_of(v) {
                Some(b) => Event::Info(b.to_string()),
                None => Event::Info("the top of the stack is not a number (i32, i64, f32 or f64)".into()),
            },
        };
    }
    let (text, ty) = match args.split_once(".const") {
        Some((ty, value)) => (value.trim(), Some(ty.trim())),
        None => match args.rsplit_once(" as ") {
            Some((value, ty)) => (value.trim(), Some(ty.trim())),
            None => (args.trim(), None),
        },
    };
    let ty = match ty.map(|t| (t, NumberType::from_name(t))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((t, None)) => {
            return Event::Error(
                Diagnostic::error(code::BAD_ARGUMENT, format!("`{t}` is not a number type: i32, i64, f32 or f64"))
                    .with_help(usage),
            )
        }
    };
    match parse_number(text, ty) {
        Some(b) => Event::Info(b.to_string()),
        None => Event::Error(
            Diagnostic::error(
                code::BAD_ARGUMENT,
                match ty {
                    Some(_) => {
                        format!("`{text}` is not a number that fits {}", args.split_whitespace().last().unwrap_or(""))
                    }
                    None => format!("`{text}` is not a number that fits i32, i64 or f64"),
                },
            )
            .with_help(usage),
        ),
    }
}

/// `:stack hex` and `:stack bits`.
pub fn stack(stack: &[Val], args: &str) -> Event {
    let show = |v: &Val, binary: bool| -> String {
        match bits_of(v) {
            Some(b) => {
                let width = match b.ty {
                    NumberType::I32 | NumberType::F32 => 32,
                    _ => 64,
                };
                let digits = if binary {
                    let text = format!("{:0w$b}", b.bits, w = width);
                    text.as_bytes()
                        .chunks(4)
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect::<Vec<_>>()
                        .join("_")
                } else {
                    format!("{:0w$x}", b.bits, w = width / 4)
                };
                let ty = crate::value::type_name(v.ty());
                format!("0{}{digits} : {ty}", if binary { 'b' } else { 'x' })
            }
            None => crate::value::DisplayTyped(v).to_string(),
        }
    };
    match args {
        "" => Event::Stack(stack.to_vec()),
        "hex" | "bits" => {
            let items: Vec<String> = stack.iter().map(|v| show(v, args == "bits")).collect();
            Event::Info(format!("[{}]", items.join(", ")))
        }
        other => Event::Error(
            Diagnostic::error(code::BAD_ARGUMENT, format!("`:stack {other}`: the views are `hex` and `bits`"))
                .with_help("`:stack`, `:stack hex` or `:stack bits`"),
        ),
    }
}

/// `:memory ADDR [LEN] as TYPE`: memory 0 read as values, little-endian.
pub fn memory_as(built: &Built, range: &str, ty: &str) -> Event {
    let size = match ty {
        "u8" => 1,
        "i16" => 2,
        "i32" | "f32" => 4,
        "i64" | "f64" => 8,
        "utf8" => 1,
        _ => {
            return Event::Error(
                Diagnostic::error(
                    code::BAD_ARGUMENT,
                    format!("`as {ty}`: memory can be read as u8, i16, i32, i64, f32, f64 or utf8"),
                )
                .with_help("for example `:memory 0 16 as i32`"),
            )
        }
    };
    let Some(Extern::Memory(mem)) = built.memories.first().map(|e| e.ext) else {
        return Event::Info("the session has no memory yet: define one with `(memory 1)`".into());
    };
    let data = mem.data(built.runtime.store());
    let words: Vec<&str> = range.split_whitespace().collect();
    let num = |w: &str| -> Option<usize> {
        let w = w.replace('_', "");
        match w.strip_prefix("0x") {
            Some(h) => usize::from_str_radix(h, 16).ok(),
            None => w.parse().ok(),
        }
    };
    let (addr, len) = match words.as_slice() {
        [] => (Some(0), Some(16)),
        [a] => (num(a), Some(size * 4)),
        [a, l] => (num(a), num(l)),
        _ => (None, None),
    };
    let (Some(addr), Some(len)) = (addr, len) else {
        return Event::Error(
            Diagnostic::error(code::BAD_ARGUMENT, format!("`:memory {range} as {ty}` needs an address and a length"))
                .with_help("for example `:memory 0 16 as i32` (16 bytes from address 0, read as four i32 values)"),
        );
    };
    if addr >= data.len() {
        return Event::Error(Diagnostic::error(
            code::BAD_ARGUMENT,
            format!("address {addr} ({addr:#x}) is past the end of memory 0, which holds {} bytes", data.len()),
        ));
    }
    let end = addr.saturating_add(len.min(1024)).min(data.len());
    let bytes = &data[addr..end];
    if ty == "utf8" {
        let text = String::from_utf8_lossy(bytes);
        let shown: String = text.chars().flat_map(char::escape_debug).collect();
        return Event::Info(format!("memory 0 at {addr:#x}, {} bytes as UTF-8: \"{shown}\"", bytes.len()));
    }
    let mut lines = vec![format!("memory 0 at {addr:#x}, {} bytes as {ty} (little-endian):", bytes.len())];
    for (k, chunk) in bytes.chunks(size).enumerate() {
        let at = addr + k * size;
        if chunk.len() < size {
            lines.push(format!("  {at:#010x}  ({} bytes left over, too few for an {ty})", chunk.len()));
            break;
        }
        let mut raw = [0u8; 8];
        raw[..size].copy_from_slice(chunk);
        let v = u64::from_le_bytes(raw);
        let value = match ty {
            "u8" => v.to_string(),
            "i16" => format!("{} (unsigned {v})", v as u16 as i16),
            "i32" => Bits { ty: NumberType::I32, bits: v }.shown(),
            "i64" => Bits { ty: NumberType::I64, bits: v }.shown(),
            "f32" => Bits { ty: NumberType::F32, bits: v }.shown(),
            _ => Bits { ty: NumberType::F64, bits: v }.shown(),
        };
        lines.push(format!("  {at:#010x}  {value}"));
    }
    Event::Info(lines.join("\n"))
}

/// `:explain NAME`.
pub fn explain(args: &str) -> Event {
    if args.is_empty() {
        return Event::Info(explain::overview().replace("watlab explain", ":explain"));
    }
    if let Some(word) = args.strip_prefix("--search").map(str::trim) {
        let hits = explain::search(word);
        if hits.is_empty() {
            return Event::Info(format!("nothing mentions `{word}`; `:explain` lists the topics"));
        }
        let width = hits.iter().map(|h| h.name.len()).max().unwrap_or(0).min(32);
        let lines: Vec<String> = hits.iter().map(|h| format!("{:width$}  {}", h.name, h.summary)).collect();
        return Event::Info(lines.join("\n"));
    }
    match explain::lookup(args, None) {
        answer @ Answer::Unknown { .. } => Event::Error(Diagnostic::error(
            code::BAD_ARGUMENT,
            answer.to_string().replace("watlab explain", ":explain"),
        )),
        answer => Event::Info(answer.to_string().trim_end().to_string()),
    }
}
