//! The instrumented copy of a module that `trace` re-runs to find where a trap happened.
//!
//! wasmi reports neither a backtrace nor the trapping instruction, so this rewrites the module
//! (with `wasm_encoder::reencode`) so that it records both itself:
//!
//! - Three imports are appended from the module [`MODULE`]: a memory `stack` and two mutable
//!   `i32` globals, `pc` and `sp`.
//! - Every defined function `d` gets a wrapper with the same type that pushes `(d, $pc)` onto
//!   the shadow stack in `stack` (8 bytes at `$sp`), sets `$pc` to [`NO_PC`], calls the
//!   original, then restores `$pc` and pops. Every reference to a defined function (calls,
//!   exports, the start function, element segments, `ref.func`) is redirected to its wrapper,
//!   so the shadow stack is still intact when a trap unwinds past the wrappers. Keeping it in
//!   wasm rather than in host calls makes the copy run about twice as fast.
//! - Before each instruction that can trap, branch or call, a probe `i32.const ID;
//!   global.set $pc` records where the function is; [`Instrumented::probes`] maps each ID back
//!   to (defined function, operator index), which `SpanMap::instr_span` turns into text.
//!
//! Wrappers rather than code at each `return`, `br` to the function label or trap site keep
//! the rewrite small and correct for every way out of a body. A `return_call` of a defined
//! function renames the top shadow stack entry and calls the original directly, so tail
//! recursion stays constant-space (`return_call_indirect` still goes through a wrapper, and
//! grows the stacks by one frame per call). Functions keep their indices
//! (wrappers come after them); defined globals shift by two behind `pc` and `sp`, and defined
//! memories by one behind `stack`. Custom sections are dropped (their names would be stale). Running the copy and reading the records is `trace`'s job.

use std::convert::Infallible;

use wasm_encoder::reencode::{utils, Error, Reencode};
use wasm_encoder::{
    CodeSection, EntityType, Function, FunctionSection, GlobalType, ImportSection, Instruction, MemArg, MemArgTarget,
    MemoryType, SectionId, ValType,
};
use wasmparser::{Operator, Payload, TypeRef};

/// The import module name of the tracing hooks.
pub const MODULE: &str = "watlab:trace";
/// `$pc` while no instruction of the current frame has run yet.
pub const NO_PC: i32 = -1;

/// A block structure operator, kept to find the loop enclosing an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    /// `block`, `if` or `try_table`: opens a construct that is not a loop.
    Open,
    /// `loop`.
    Loop,
    /// `end`.
    End,
}

/// The rewritten module and what its probe numbers mean.
#[derive(Debug)]
pub struct Instrumented {
    /// The instrumented binary.
    pub bytes: Vec<u8>,
    /// Probe id → (defined function index, operator index within its body).
    pub probes: Vec<(u32, u32)>,
    /// Per defined function, its block structure operators as (operator index, kind).
    pub nesting: Vec<Vec<(u32, Nesting)>>,
}

impl Instrumented {
    /// The operator index of the innermost `loop` around operator `op_idx` of defined function
    /// `defined_idx`, if it is inside one.
    pub fn enclosing_loop(&self, defined_idx: u32, op_idx: u32) -> Option<u32> {
        let mut open: Vec<(u32, Nesting)> = Vec::new();
        for &(idx, kind) in self.nesting.get(defined_idx as usize)?.iter().take_while(|(i, _)| *i < op_idx) {
            match kind {
                Nesting::End => {
                    open.pop();
                }
                _ => open.push((idx, kind)),
            }
        }
        open.iter().rev().find(|(_, k)| *k == Nesting::Loop).map(|(i, _)| *i)
    }
}

/// The counts the rewrite needs before it starts.
#[derive(Debug, Default)]
struct Shape {
    /// Parameter count of each type (0 for non-function types).
    type_params: Vec<u32>,
    n_imported_funcs: u32,
    n_imported_globals: u32,
    n_imported_memories: u32,
    /// Type index of each defined function.
    func_types: Vec<u32>,
}

fn shape(bytes: &[u8]) -> Result<Shape, wasmparser::BinaryReaderError> {
    let mut shape = Shape::default();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group?.into_types() {
                        let n = match &sub.composite_type.inner {
                            wasmparser::CompositeInnerType::Func(f) => f.params().len() as u32,
                            _ => 0,
                        };
                        shape.type_params.push(n);
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    match import?.ty {
                        TypeRef::Func(_) | TypeRef::FuncExact(_) => shape.n_imported_funcs += 1,
                        TypeRef::Global(_) => shape.n_imported_globals += 1,
                        TypeRef::Memory(_) => shape.n_imported_memories += 1,
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    shape.func_types.push(ty?);
                }
            }
            _ => {}
        }
    }
    Ok(shape)
}

/// Whether a probe before `op` is needed: every instruction that can trap, call, branch or
/// run long gets one. Skipping the ones that only move values keeps the copy's fuel use
/// (and so the re-run's) close to the original's.
fn probed(op: &Operator<'_>) -> bool {
    !matches!(
        op,
        Operator::LocalGet { .. }
            | Operator::LocalSet { .. }
            | Operator::LocalTee { .. }
            | Operator::GlobalGet { .. }
            | Operator::GlobalSet { .. }
            | Operator::I32Const { .. }
            | Operator::I64Const { .. }
            | Operator::F32Const { .. }
            | Operator::F64Const { .. }
            | Operator::Nop
            | Operator::Drop
            | Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::Else
            | Operator::End
    )
}

struct Instrumenter {
    shape: Shape,
    imports_done: bool,
    body_idx: u32,
    probes: Vec<(u32, u32)>,
    nesting: Vec<Vec<(u32, Nesting)>>,
}

/// Bytes per shadow stack entry: the defined function index and the caller's `$pc`.
pub const ENTRY_BYTES: u32 = 8;

impl Instrumenter {
    fn n_defined(&self) -> u32 {
        self.shape.func_types.len() as u32
    }
    fn pc_global(&self) -> u32 {
        self.shape.n_imported_globals
    }
    fn sp_global(&self) -> u32 {
        self.shape.n_imported_globals + 1
    }
    /// Where defined function `d` lives in the copy (its wrapper is elsewhere).
    fn original_func(&self, d: u32) -> u32 {
        self.shape.n_imported_funcs + d
    }
    fn wrapper_func(&self, d: u32) -> u32 {
        self.shape.n_imported_funcs + self.n_defined() + d
    }

    fn add_imports(&mut self, imports: &mut ImportSection) {
        let stack = MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None };
        imports.import(MODULE, "stack", EntityType::Memory(stack));
        let global = EntityType::Global(GlobalType { val_type: ValType::I32, mutable: true, shared: false });
        imports.import(MODULE, "pc", global);
        imports.import(MODULE, "sp", global);
        self.imports_done = true;
    }

    /// `return_call` of defined function `d`, in constant space as in the original: the
    /// caller's frame becomes `d`'s, so the top shadow stack entry is renamed (its return
    /// address, the caller's caller, stays) and the original is called without a wrapper.
    /// `$pc` keeps pointing at the `return_call` until `d` runs its first probe: fuel runs out
    /// at a function's entry, and that call is then the place to show (issue 9).
    fn tail_call(&self, f: &mut Function, d: u32) {
        let memory = MemArgTarget::Memory(self.shape.n_imported_memories);
        for i in [
            Instruction::GlobalGet(self.sp_global()),
            Instruction::I32Const(ENTRY_BYTES as i32),
            Instruction::I32Sub,
            Instruction::I32Const(d as i32),
            Instruction::I32Store(MemArg { offset: 0, align: 2, target: memory, ordering: None }),
            Instruction::ReturnCall(self.original_func(d)),
        ] {
            f.instruction(&i);
        }
    }

    fn wrapper(&self, d: u32) -> Function {
        let ty = self.shape.func_types[d as usize];
        let n_params = self.shape.type_params.get(ty as usize).copied().unwrap_or(0);
        let saved = n_params; // the one extra local: the caller's $pc
        let (pc, sp) = (self.pc_global(), self.sp_global());
        let memory = MemArgTarget::Memory(self.shape.n_imported_memories);
        let at = |offset| MemArg { offset, align: 2, target: memory, ordering: None };
        let mut f = Function::new([(1, ValType::I32)]);
        for i in [
            Instruction::GlobalGet(pc),
            Instruction::LocalSet(saved),
            Instruction::GlobalGet(sp),
            Instruction::I32Const(d as i32),
            Instruction::I32Store(at(0)),
            Instruction::GlobalGet(sp),
            Instruction::LocalGet(saved),
            Instruction::I32Store(at(4)),
            Instruction::GlobalGet(sp),
            Instruction::I32Const(ENTRY_BYTES as i32),
            Instruction::I32Add,
            Instruction::GlobalSet(sp),
            Instruction::I32Const(NO_PC),
            Instruction::GlobalSet(pc),
        ] {
            f.instruction(&i);
        }
        for i in 0..n_params {
            f.instruction(&Instruction::LocalGet(i));
        }
        // Back in the caller: its $pc is the call site again, and the entry is popped.
        for i in [
            Instruction::Call(self.original_func(d)),
            Instruction::LocalGet(saved),
            Instruction::GlobalSet(pc),
            Instruction::GlobalGet(sp),
            Instruction::I32Const(ENTRY_BYTES as i32),
            Instruction::I32Sub,
            Instruction::GlobalSet(sp),
            Instruction::End,
        ] {
            f.instruction(&i);
        }
        f
    }
}

impl Reencode for Instrumenter {
    type Error = Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, Error<Infallible>> {
        Ok(match func.checked_sub(self.shape.n_imported_funcs) {
            Some(d) => self.wrapper_func(d),
            None => func,
        })
    }

    fn global_index(&mut self, global: u32) -> Result<u32, Error<Infallible>> {
        Ok(if global < self.shape.n_imported_globals { global } else { global + 2 })
    }

    fn memory_index(&mut self, memory: u32) -> Result<u32, Error<Infallible>> {
        Ok(if memory < self.shape.n_imported_memories { memory } else { memory + 1 })
    }

    fn parse_import_section(
        &mut self,
        imports: &mut ImportSection,
        section: wasmparser::ImportSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        utils::parse_import_section(self, imports, section)?;
        self.add_imports(imports);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<(), Error<Infallible>> {
        // A module without imports still needs the hooks, right after its types.
        if !self.imports_done && after == Some(SectionId::Type) && before != Some(SectionId::Import) {
            let mut imports = ImportSection::new();
            self.add_imports(&mut imports);
            module.section(&imports);
        }
        Ok(())
    }

    fn parse_function_section(
        &mut self,
        functions: &mut FunctionSection,
        section: wasmparser::FunctionSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        utils::parse_function_section(self, functions, section)?;
        for &ty in &self.shape.func_types {
            functions.function(ty);
        }
        Ok(())
    }

    fn parse_code_section(
        &mut self,
        code: &mut CodeSection,
        section: wasmparser::CodeSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        utils::parse_code_section(self, code, section)?;
        for d in 0..self.n_defined() {
            code.function(&self.wrapper(d));
        }
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), Error<Infallible>> {
        let mut f = self.new_function_with_parsed_locals(&func)?;
        let mut reader = func.get_operators_reader()?;
        let mut nesting = Vec::new();
        let pc = self.pc_global();
        let mut op_idx: u32 = 0;
        while !reader.eof() {
            let op = reader.read()?;
            match op {
                Operator::Block { .. } | Operator::If { .. } | Operator::TryTable { .. } => {
                    nesting.push((op_idx, Nesting::Open))
                }
                Operator::Loop { .. } => nesting.push((op_idx, Nesting::Loop)),
                Operator::End => nesting.push((op_idx, Nesting::End)),
                _ => {}
            }
            if probed(&op) {
                let id = self.probes.len() as i32;
                self.probes.push((self.body_idx, op_idx));
                f.instruction(&Instruction::I32Const(id));
                f.instruction(&Instruction::GlobalSet(pc));
            }
            match op {
                Operator::ReturnCall { function_index } if function_index >= self.shape.n_imported_funcs => {
                    self.tail_call(&mut f, function_index - self.shape.n_imported_funcs);
                }
                _ => {
                    f.instruction(&self.instruction(op)?);
                }
            }
            op_idx += 1;
        }
        code.function(&f);
        self.nesting.push(nesting);
        self.body_idx += 1;
        Ok(())
    }

    fn parse_custom_section(
        &mut self,
        _module: &mut wasm_encoder::Module,
        _section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        // Names and debug info would describe the old indices; the trace uses the SpanMap.
        Ok(())
    }
}

/// Rewrites a valid module as described at the top of this file. `None` for a module with no
/// defined functions (there is nothing to trace) or one the rewrite cannot read.
pub fn instrument(bytes: &[u8]) -> Option<Instrumented> {
    let shape = shape(bytes).ok()?;
    if shape.func_types.is_empty() {
        return None;
    }
    let mut ins = Instrumenter { shape, imports_done: false, body_idx: 0, probes: Vec::new(), nesting: Vec::new() };
    let mut module = wasm_encoder::Module::new();
    ins.parse_core_module(&mut module, wasmparser::Parser::new(0), bytes).ok()?;
    Some(Instrumented { bytes: module.finish(), probes: ins.probes, nesting: ins.nesting })
}
