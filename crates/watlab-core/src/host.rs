//! The host functions a program can import: `env` printing functions for learners, and the
//! `spectest` module exactly as the spec's reference interpreter provides it.
//!
//! Output goes through the [`Output`] trait the front end supplies, so the core performs no
//! I/O of its own. Host functions never panic: under wasmi 2.0 a panic inside a host function
//! aborts the whole process, so a failed write becomes an [`OutputClosed`] error that ends the
//! run quietly.

use std::fmt;

use wasmi::{
    Caller, Error, Extern, FuncType, Global, Linker, Memory, MemoryType, Mutability, Ref, Store, StoreLimits, Table,
    TableType, Val, ValType,
};

/// Where printed text goes. The front end decides (stdout, a REPL buffer, a test's Vec).
pub trait Output {
    /// Writes `text` as is.
    ///
    /// # Errors
    /// When the destination is gone (a closed pipe); the program is then stopped.
    fn write_str(&mut self, text: &str) -> std::io::Result<()>;
}

/// Collects output in memory (tests, the REPL).
#[derive(Debug, Default)]
pub struct Captured(pub String);

impl Output for Captured {
    fn write_str(&mut self, text: &str) -> std::io::Result<()> {
        self.0.push_str(text);
        Ok(())
    }
}

/// Drops what a program prints: the output of a re-run, whose original the learner saw.
#[derive(Debug, Default)]
pub struct Discard;

impl Output for Discard {
    fn write_str(&mut self, _text: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// The data every store carries.
pub struct HostState {
    /// Memory and table growth limits.
    pub limits: StoreLimits,
    /// Where `print_*` writes.
    pub output: Box<dyn Output>,
}

/// A print failed because its destination is closed; stops the program without a trap message.
#[derive(Debug)]
pub struct OutputClosed;

impl fmt::Display for OutputClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the output was closed")
    }
}

impl wasmi::errors::HostError for OutputClosed {}

fn emit(caller: &mut Caller<'_, HostState>, text: &str) -> Result<(), Error> {
    caller.data_mut().output.write_str(text).map_err(|_| Error::host(OutputClosed))
}

/// One importable item, for link diagnostics ("what is available").
#[derive(Debug, Clone)]
pub struct Provided {
    /// Import module name.
    pub module: &'static str,
    /// Import field name.
    pub name: &'static str,
    /// Its type, in WAT words.
    pub ty: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// Everything the host offers, in the order the README documents it.
pub const PROVIDED: &[Provided] = &[
    Provided {
        module: "env",
        name: "print_i32",
        ty: "func (param i32)",
        doc: "prints an i32 in decimal and a newline",
    },
    Provided {
        module: "env",
        name: "print_i64",
        ty: "func (param i64)",
        doc: "prints an i64 in decimal and a newline",
    },
    Provided { module: "env", name: "print_f32", ty: "func (param f32)", doc: "prints an f32 and a newline" },
    Provided { module: "env", name: "print_f64", ty: "func (param f64)", doc: "prints an f64 and a newline" },
    Provided {
        module: "env",
        name: "print_str",
        ty: "func (param i32 i32)",
        doc: "prints `len` bytes of memory from `ptr` as UTF-8, then a newline; the module must export its memory",
    },
    Provided {
        module: "env",
        name: "print_char",
        ty: "func (param i32)",
        doc: "prints one Unicode character, no newline",
    },
    Provided { module: "spectest", name: "print", ty: "func", doc: "does nothing (spec test harness)" },
    Provided { module: "spectest", name: "print_i32", ty: "func (param i32)", doc: "prints `N : i32`" },
    Provided { module: "spectest", name: "print_i64", ty: "func (param i64)", doc: "prints `N : i64`" },
    Provided { module: "spectest", name: "print_f32", ty: "func (param f32)", doc: "prints `N : f32`" },
    Provided { module: "spectest", name: "print_f64", ty: "func (param f64)", doc: "prints `N : f64`" },
    Provided { module: "spectest", name: "print_i32_f32", ty: "func (param i32 f32)", doc: "prints both" },
    Provided { module: "spectest", name: "print_f64_f64", ty: "func (param f64 f64)", doc: "prints both" },
    Provided { module: "spectest", name: "global_i32", ty: "global i32", doc: "666" },
    Provided { module: "spectest", name: "global_i64", ty: "global i64", doc: "666" },
    Provided { module: "spectest", name: "global_f32", ty: "global f32", doc: "666.6" },
    Provided { module: "spectest", name: "global_f64", ty: "global f64", doc: "666.6" },
    Provided { module: "spectest", name: "table", ty: "table 10 20 funcref", doc: "a table of 10 to 20 funcrefs" },
    Provided { module: "spectest", name: "table64", ty: "table i64 0 funcref", doc: "a 64-bit table of funcrefs" },
    Provided { module: "spectest", name: "memory", ty: "memory 1 2", doc: "one page of memory, growable to two" },
];

fn typed(caller: &mut Caller<'_, HostState>, v: Val) -> Result<(), Error> {
    let text = format!("{}\n", crate::value::DisplayTyped(&v));
    emit(caller, &text)
}

fn plain(caller: &mut Caller<'_, HostState>, v: Val) -> Result<(), Error> {
    let text = format!("{}\n", crate::value::DisplayVal(&v));
    emit(caller, &text)
}

/// The memory `print_str` reads: the caller's export named `memory` (wasmi lets a host
/// function see its caller's exports only by name).
fn caller_memory(caller: &Caller<'_, HostState>) -> Option<Memory> {
    caller.get_export("memory").and_then(Extern::into_memory)
}

fn print_str(mut caller: Caller<'_, HostState>, ptr: i32, len: i32) -> Result<(), Error> {
    let memory = caller_memory(&caller).ok_or_else(|| {
        Error::new("print_str needs the module's memory: export it with (export \"memory\" (memory 0))")
    })?;
    let (start, len) = (ptr as u32 as usize, len as u32 as usize);
    let bytes = memory.data(&caller).get(start..start.saturating_add(len)).ok_or_else(|| {
        Error::new(format!(
            "print_str({ptr}, {len}) reads past the end of memory ({} bytes)",
            memory.data(&caller).len()
        ))
    })?;
    let text = format!("{}\n", String::from_utf8_lossy(bytes));
    emit(&mut caller, &text)
}

fn print_char(mut caller: Caller<'_, HostState>, c: i32) -> Result<(), Error> {
    let ch =
        char::from_u32(c as u32).ok_or_else(|| Error::new(format!("print_char({c}): not a Unicode scalar value")))?;
    emit(&mut caller, ch.encode_utf8(&mut [0; 4]))
}

/// Defines one host function. `Linker::func_wrap` would keep it as a host-function definition,
/// which `Linker::get` does not return, so link checks could not see it; a `Func` defined in
/// the store is an ordinary extern that they can.
fn define_func<Params, Results>(
    linker: &mut Linker<HostState>,
    store: &mut Store<HostState>,
    module: &str,
    name: &str,
    func: impl wasmi::IntoFunc<HostState, Params, Results>,
) -> Result<(), Error> {
    let func = wasmi::Func::wrap(&mut *store, func);
    linker.define(module, name, func)?;
    Ok(())
}

/// Defines the `env` and `spectest` modules in `linker`.
///
/// # Errors
/// Only if a name is already defined in `linker`.
pub fn define(linker: &mut Linker<HostState>, store: &mut Store<HostState>) -> Result<(), Error> {
    define_func(linker, store, "env", "print_i32", |mut c: Caller<'_, HostState>, v: i32| plain(&mut c, Val::I32(v)))?;
    define_func(linker, store, "env", "print_i64", |mut c: Caller<'_, HostState>, v: i64| plain(&mut c, Val::I64(v)))?;
    define_func(linker, store, "env", "print_f32", |mut c: Caller<'_, HostState>, v: f32| {
        plain(&mut c, Val::F32(v.into()))
    })?;
    define_func(linker, store, "env", "print_f64", |mut c: Caller<'_, HostState>, v: f64| {
        plain(&mut c, Val::F64(v.into()))
    })?;
    define_func(linker, store, "env", "print_str", print_str)?;
    define_func(linker, store, "env", "print_char", print_char)?;

    define_func(linker, store, "spectest", "print", |_: Caller<'_, HostState>| {})?;
    define_func(linker, store, "spectest", "print_i32", |mut c: Caller<'_, HostState>, v: i32| {
        typed(&mut c, Val::I32(v))
    })?;
    define_func(linker, store, "spectest", "print_i64", |mut c: Caller<'_, HostState>, v: i64| {
        typed(&mut c, Val::I64(v))
    })?;
    define_func(linker, store, "spectest", "print_f32", |mut c: Caller<'_, HostState>, v: f32| {
        typed(&mut c, Val::F32(v.into()))
    })?;
    define_func(linker, store, "spectest", "print_f64", |mut c: Caller<'_, HostState>, v: f64| {
        typed(&mut c, Val::F64(v.into()))
    })?;
    define_func(linker, store, "spectest", "print_i32_f32", |mut c: Caller<'_, HostState>, a: i32, b: f32| {
        typed(&mut c, Val::I32(a))?;
        typed(&mut c, Val::F32(b.into()))
    })?;
    define_func(linker, store, "spectest", "print_f64_f64", |mut c: Caller<'_, HostState>, a: f64, b: f64| {
        typed(&mut c, Val::F64(a.into()))?;
        typed(&mut c, Val::F64(b.into()))
    })?;
    let globals = [
        ("global_i32", Val::I32(666)),
        ("global_i64", Val::I64(666)),
        ("global_f32", Val::F32(666.6f32.into())),
        ("global_f64", Val::F64(666.6f64.into())),
    ];
    for (name, value) in globals {
        let g = Global::new(&mut *store, value, Mutability::Const);
        linker.define("spectest", name, g)?;
    }
    let null = Ref::Func(wasmi::Nullable::Null);
    let table = Table::new(&mut *store, TableType::new(wasmi::RefType::Func, 10, Some(20)), null)?;
    linker.define("spectest", "table", table)?;
    let table64 = Table::new(&mut *store, TableType::new64(wasmi::RefType::Func, 0, None), null)?;
    linker.define("spectest", "table64", table64)?;
    let memory = Memory::new(&mut *store, MemoryType::new(1, Some(2)))?;
    linker.define("spectest", "memory", memory)?;
    Ok(())
}

/// A function type as WAT words: `func (param i32) (result i32)`.
pub fn func_type_words(ty: &FuncType) -> String {
    let list = |tys: &[ValType]| tys.iter().map(|t| crate::value::type_name(*t)).collect::<Vec<_>>().join(" ");
    let mut s = String::from("func");
    if !ty.params().is_empty() {
        s += &format!(" (param {})", list(ty.params()));
    }
    if !ty.results().is_empty() {
        s += &format!(" (result {})", list(ty.results()));
    }
    s
}
