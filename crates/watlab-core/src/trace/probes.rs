//! The recording copy of a module: what each instruction does to the value stack (read from
//! the validator, which knows every instruction's static stack effect), and a rewrite that
//! reports each executed instruction and the values it pushed to the host.
//!
//! - Six functions are imported from [`MODULE`] after the module's own imports: `step (i32)`
//!   (called before each reachable instruction with its site number), `enter (i32)` (first in
//!   each defined function, with its defined index) and `val_i32`/`val_i64`/`val_f32`/`val_f64`,
//!   which take a value and return it unchanged: placed after an instruction that pushes
//!   values, they show the host what was pushed. Several results are first spilled to scratch
//!   locals and then reloaded one by one through the reporters. Vectors and references are not
//!   reported (the host keeps a placeholder of the right type).
//! - Every memory, global and table is exported as `watlab:memory:N`, `watlab:global:N`,
//!   `watlab:table:N`, so the host can read old bytes before a store and show globals.
//! - Defined functions move up by six (behind the new imports); custom sections are dropped.
//!
//! Unreachable code gets no probes. The host side (shadow frames, events) is `record.rs`.

use std::convert::Infallible;

use wasm_encoder::reencode::{utils, Error, Reencode};
use wasm_encoder::{
    EntityType, ExportKind, ExportSection, Function, ImportSection, Instruction, SectionId, TypeSection,
};
use wasmparser::{
    BlockType, FrameKind, FuncValidator, ModuleArity, Operator, Parser, Payload, ValType, ValidPayload, Validator,
    ValidatorResources, WasmModuleResources,
};

/// The import module name of the recording hooks.
pub const MODULE: &str = "watlab:record";
/// How many functions the rewrite imports (defined functions move up by this many).
const N_HOOKS: u32 = 6;

/// A branch destination as the host needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The operand stack height (within the function) at the label.
    pub height: u32,
    /// How many values the branch carries.
    pub arity: u32,
    /// A branch to the function's own label: the function returns.
    pub returns: bool,
}

/// What an instruction does beyond popping and pushing values.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Pops its operands, pushes its results (reported after it).
    Plain,
    /// `block`, `loop`, `else`, a block's `end`: nothing to the stack.
    Structure,
    /// `if`: pops its condition.
    If,
    /// `br`, `br_table` (index chooses; the last is the default), `br_if` (one target).
    Branch {
        /// Destinations.
        targets: Vec<Target>,
        /// `br_if`: taken only when the popped condition is not zero.
        conditional: bool,
        /// `br_table`: the popped index chooses.
        table: bool,
    },
    /// `return` or the function's final `end`, with this many results.
    Return(u32),
    /// `call`, `call_indirect`: pops the arguments (and index), results reported after.
    Call {
        /// The callee for a direct call (function index space of the original).
        callee: Option<u32>,
        /// Its parameter count.
        n_params: u32,
        /// For `call_indirect`: the table and the expected type, as `[i32] -> [i32]`.
        indirect: Option<(u32, String)>,
    },
    /// `return_call*`: the frame ends and the callee takes its place.
    TailCall {
        /// Parameter count of the callee.
        n_params: u32,
    },
    /// `local.set` (or `local.tee`, which also pushes) of this local.
    LocalSet(u32),
    /// `global.set`.
    GlobalSet(u32),
    /// A store of `bytes` bytes to memory `memory` at operand + `offset`.
    Store {
        /// Memory index.
        memory: u32,
        /// The static offset.
        offset: u64,
        /// Access size.
        bytes: u32,
    },
    /// A load, for trap messages.
    Load {
        /// Memory index.
        memory: u32,
        /// The static offset.
        offset: u64,
        /// Access size.
        bytes: u32,
    },
    /// `memory.fill` / `memory.copy` / `memory.init` into `memory`: destination is operand 0,
    /// length the last operand.
    Bulk {
        /// Destination memory.
        memory: u32,
    },
}

/// One instruction of a body.
#[derive(Debug, Clone)]
pub struct Site {
    /// Defined function (code-section order).
    pub defined_idx: u32,
    /// Operator index within the body.
    pub op_idx: u32,
    /// Offset in the original binary.
    pub offset: u64,
    /// Values it pops (for branches: the condition or index only).
    pub pops: u32,
    /// Types of the values it pushes (empty for structure and branches).
    pub pushes: Vec<ValType>,
    /// The rest.
    pub effect: Effect,
    /// Whether it can run at all (validation's unreachable code gets no probe).
    pub reachable: bool,
}

/// What the rewrite and the host share: sites and function shapes.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every instruction of every body, in order; the site number is the index.
    pub sites: Vec<Site>,
    /// Per defined function: its first site, parameter types, declared local types, results.
    pub funcs: Vec<FuncShape>,
    /// Imported functions (defined function k has index `n_imported_funcs + k`).
    pub n_imported_funcs: u32,
    /// Memories, globals and tables in all (imported and defined).
    pub n_memories: u32,
    /// Globals in all.
    pub n_globals: u32,
    /// Tables in all.
    pub n_tables: u32,
}

/// A defined function's shape.
#[derive(Debug, Clone, Default)]
pub struct FuncShape {
    /// Its first site.
    pub first_site: u32,
    /// Parameter types.
    pub params: Vec<ValType>,
    /// Declared locals after the parameters.
    pub locals: Vec<ValType>,
    /// Result types.
    pub results: Vec<ValType>,
    /// Scratch locals needed for spilling several results, per reportable type (i32, i64, f32, f64).
    scratch: [u32; 4],
}

fn type_slot(ty: ValType) -> Option<usize> {
    match ty {
        ValType::I32 => Some(0),
        ValType::I64 => Some(1),
        ValType::F32 => Some(2),
        ValType::F64 => Some(3),
        _ => None,
    }
}

fn block_arity(fv: &FuncValidator<ValidatorResources>, ty: BlockType) -> (u32, u32) {
    fv.block_type_arity(ty).unwrap_or((0, 0))
}

fn target(fv: &FuncValidator<ValidatorResources>, depth: u32) -> Option<Target> {
    let frame = fv.get_control_frame(depth as usize)?;
    let (params, results) = block_arity(fv, frame.block_type);
    let arity = if frame.kind == FrameKind::Loop { params } else { results };
    let returns = depth + 1 == fv.control_stack_height();
    Some(Target { height: frame.height as u32, arity, returns })
}

fn memarg_access(op: &Operator<'_>) -> Option<(wasmparser::MemArg, u32, bool)> {
    use Operator::*;
    Some(match op {
        I32Load { memarg } | F32Load { memarg } | I64Load32S { memarg } | I64Load32U { memarg } => (*memarg, 4, false),
        I64Load { memarg } | F64Load { memarg } => (*memarg, 8, false),
        I32Load8S { memarg } | I32Load8U { memarg } | I64Load8S { memarg } | I64Load8U { memarg } => {
            (*memarg, 1, false)
        }
        I32Load16S { memarg } | I32Load16U { memarg } | I64Load16S { memarg } | I64Load16U { memarg } => {
            (*memarg, 2, false)
        }
        I32Store { memarg } | F32Store { memarg } | I64Store32 { memarg } => (*memarg, 4, true),
        I64Store { memarg } | F64Store { memarg } => (*memarg, 8, true),
        I32Store8 { memarg } | I64Store8 { memarg } => (*memarg, 1, true),
        I32Store16 { memarg } | I64Store16 { memarg } => (*memarg, 2, true),
        _ => return None,
    })
}

fn func_type(fv: &FuncValidator<ValidatorResources>, func_idx: u32) -> Option<&wasmparser::FuncType> {
    let id = fv.resources().type_id_of_function(func_idx)?;
    match &fv.resources().sub_type_at_id(id).composite_type.inner {
        wasmparser::CompositeInnerType::Func(f) => Some(f),
        _ => None,
    }
}

/// `[i32 i32] -> [i32]`, as `DisplayFuncType` writes wasmi's types.
fn signature(fv: &FuncValidator<ValidatorResources>, type_index: u32) -> String {
    let Some(wasmparser::CompositeInnerType::Func(f)) =
        fv.resources().sub_type_at(type_index).map(|s| &s.composite_type.inner)
    else {
        return String::new();
    };
    let list = |ts: &[ValType]| ts.iter().map(|t| crate::value::parsed_type_name(*t)).collect::<Vec<_>>().join(" ");
    format!("[{}] -> [{}]", list(f.params()), list(f.results()))
}

fn mem_idx(m: &wasmparser::MemArg) -> u32 {
    match m.target {
        wasmparser::MemArgTarget::Memory(i) => i,
        wasmparser::MemArgTarget::Array(_) => 0,
    }
}

fn effect_of(fv: &FuncValidator<ValidatorResources>, op: &Operator<'_>, results: u32) -> Effect {
    use Operator::*;
    let n_params = |f: u32| func_type(fv, f).map_or(0, |t| t.params().len() as u32);
    let type_params = |t: u32| match &fv.resources().sub_type_at(t)?.composite_type.inner {
        wasmparser::CompositeInnerType::Func(f) => Some(f.params().len() as u32),
        _ => None,
    };
    match op {
        Block { .. } | Loop { .. } | Else | TryTable { .. } => Effect::Structure,
        End if fv.control_stack_height() == 1 => Effect::Return(results),
        End => Effect::Structure,
        If { .. } => Effect::If,
        Br { relative_depth } | BrIf { relative_depth } => Effect::Branch {
            targets: target(fv, *relative_depth).into_iter().collect(),
            conditional: matches!(op, BrIf { .. }),
            table: false,
        },
        BrTable { targets } => {
            let mut all: Vec<Target> = targets.targets().flatten().filter_map(|d| target(fv, d)).collect();
            all.extend(target(fv, targets.default()));
            Effect::Branch { targets: all, conditional: false, table: true }
        }
        Return => Effect::Return(results),
        Call { function_index } => {
            Effect::Call { callee: Some(*function_index), n_params: n_params(*function_index), indirect: None }
        }
        CallIndirect { type_index, table_index } => Effect::Call {
            callee: None,
            n_params: type_params(*type_index).unwrap_or(0),
            indirect: Some((*table_index, signature(fv, *type_index))),
        },
        ReturnCall { function_index } => Effect::TailCall { n_params: n_params(*function_index) },
        ReturnCallIndirect { type_index, .. } => Effect::TailCall { n_params: type_params(*type_index).unwrap_or(0) },
        LocalSet { local_index } | LocalTee { local_index } => Effect::LocalSet(*local_index),
        GlobalSet { global_index } => Effect::GlobalSet(*global_index),
        MemoryFill { mem } | MemoryInit { mem, .. } => Effect::Bulk { memory: *mem },
        MemoryCopy { dst_mem, .. } => Effect::Bulk { memory: *dst_mem },
        _ => match memarg_access(op) {
            Some((m, bytes, true)) => Effect::Store { memory: mem_idx(&m), offset: m.offset, bytes },
            Some((m, bytes, false)) => Effect::Load { memory: mem_idx(&m), offset: m.offset, bytes },
            None => Effect::Plain,
        },
    }
}

fn analyze_body(
    fv: &mut FuncValidator<ValidatorResources>,
    body: &wasmparser::FunctionBody<'_>,
    defined_idx: u32,
    out: &mut Analysis,
) -> wasmparser::Result<()> {
    let func_idx = out.n_imported_funcs + defined_idx;
    let ty = func_type(fv, func_idx).cloned();
    let mut shape = FuncShape { first_site: out.sites.len() as u32, ..FuncShape::default() };
    if let Some(ty) = &ty {
        shape.params = ty.params().to_vec();
        shape.results = ty.results().to_vec();
    }
    for local in body.get_locals_reader()? {
        let (count, ty) = local?;
        fv.define_locals(body.get_locals_reader()?.original_position(), count, ty)?;
        shape.locals.extend(std::iter::repeat_n(ty, count.min(1 << 16) as usize));
    }
    let n_results = shape.results.len() as u32;
    let mut reader = body.get_operators_reader()?;
    let mut op_idx = 0;
    while !reader.eof() {
        let (op, offset) = reader.read_with_offset()?;
        let reachable = fv.get_control_frame(0).is_some_and(|f| !f.unreachable);
        let (pops, n_push) = op.operator_arity(&*fv).unwrap_or((0, 0));
        let effect = effect_of(fv, &op, n_results);
        fv.op(offset, &op)?;
        let reports = matches!(
            effect,
            Effect::Plain | Effect::Call { .. } | Effect::LocalSet(_) | Effect::Load { .. } | Effect::Bulk { .. }
        ) && !matches!(op, Operator::LocalSet { .. });
        let mut pushes = Vec::new();
        if reports {
            for depth in (0..n_push as usize).rev() {
                match fv.get_operand_type(depth) {
                    Some(Some(t)) => pushes.push(t),
                    _ => break,
                }
            }
        }
        let reachable = reachable && pushes.len() == if reports { n_push as usize } else { 0 };
        let pops = match effect {
            Effect::Branch { conditional: true, .. } | Effect::Branch { table: true, .. } | Effect::If => 1,
            Effect::Branch { .. } | Effect::Structure | Effect::Return(_) => 0,
            Effect::TailCall { n_params } => n_params,
            _ => pops,
        };
        if pushes.len() > 1 {
            let mut need = [0u32; 4];
            for t in &pushes {
                if let Some(s) = type_slot(*t) {
                    need[s] += 1;
                }
            }
            for (have, need) in shape.scratch.iter_mut().zip(need) {
                *have = (*have).max(need);
            }
        }
        out.sites.push(Site { defined_idx, op_idx, offset, pops, pushes, effect, reachable });
        op_idx += 1;
    }
    out.funcs.push(shape);
    Ok(())
}

/// Reads the whole module once with the validator.
pub fn analyze(bytes: &[u8]) -> Option<Analysis> {
    let mut validator = Validator::new_with_features(crate::validate::features());
    let mut out = Analysis::default();
    let mut defined_idx = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.ok()?;
        if let Payload::ImportSection(reader) = &payload {
            for import in reader.clone().into_imports() {
                match import.ok()?.ty {
                    wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_) => out.n_imported_funcs += 1,
                    wasmparser::TypeRef::Memory(_) => out.n_memories += 1,
                    wasmparser::TypeRef::Global(_) => out.n_globals += 1,
                    wasmparser::TypeRef::Table(_) => out.n_tables += 1,
                    _ => {}
                }
            }
        }
        match &payload {
            Payload::MemorySection(r) => out.n_memories += r.count(),
            Payload::GlobalSection(r) => out.n_globals += r.count(),
            Payload::TableSection(r) => out.n_tables += r.count(),
            _ => {}
        }
        if let ValidPayload::Func(to_validate, body) = validator.payload(&payload).ok()? {
            let mut fv = to_validate.into_validator(Default::default());
            analyze_body(&mut fv, &body, defined_idx, &mut out).ok()?;
            defined_idx += 1;
        }
    }
    Some(out)
}

/// The recording copy and its analysis.
#[derive(Debug)]
pub struct Probed {
    /// The rewritten binary.
    pub bytes: Vec<u8>,
    /// What its probes mean.
    pub analysis: Analysis,
}

struct Rewriter<'a> {
    analysis: &'a Analysis,
    /// Type indices of the hooks: (i32)->(), and T->T for the four number types.
    hook_types: [u32; 5],
    n_types: u32,
    imports_done: bool,
    exports_done: bool,
    body_idx: u32,
}

impl Rewriter<'_> {
    fn step_func(&self) -> u32 {
        self.analysis.n_imported_funcs
    }
    fn enter_func(&self) -> u32 {
        self.analysis.n_imported_funcs + 1
    }
    fn val_func(&self, slot: usize) -> u32 {
        self.analysis.n_imported_funcs + 2 + slot as u32
    }

    fn add_imports(&mut self, imports: &mut ImportSection) {
        let names = ["step", "enter", "val_i32", "val_i64", "val_f32", "val_f64"];
        let types = [0, 0, 1, 2, 3, 4];
        for (name, t) in names.iter().zip(types) {
            imports.import(MODULE, name, EntityType::Function(self.hook_types[t]));
        }
        self.imports_done = true;
    }

    fn add_exports(&mut self, exports: &mut ExportSection) {
        let a = self.analysis;
        for (kind, noun, n) in [
            (ExportKind::Memory, "memory", a.n_memories),
            (ExportKind::Global, "global", a.n_globals),
            (ExportKind::Table, "table", a.n_tables),
        ] {
            for i in 0..n {
                exports.export(&format!("watlab:{noun}:{i}"), kind, i);
            }
        }
        self.exports_done = true;
    }

    /// The reports after an instruction that pushed `pushes`; `scratch` is the first scratch
    /// local of each type.
    fn report(&self, f: &mut Function, pushes: &[ValType], scratch: [u32; 4]) {
        if let [one] = pushes {
            if let Some(s) = type_slot(*one) {
                f.instruction(&Instruction::Call(self.val_func(s)));
            }
            return;
        }
        let mut used = [0u32; 4];
        let mut slots = Vec::with_capacity(pushes.len());
        for t in pushes {
            slots.push(type_slot(*t).map(|s| {
                used[s] += 1;
                (s, scratch[s] + used[s] - 1)
            }));
        }
        if slots.iter().any(Option::is_none) {
            // A vector or reference among several results: leave them alone (placeholders).
            return;
        }
        for &(_, local) in slots.iter().rev().flatten() {
            f.instruction(&Instruction::LocalSet(local));
        }
        for &(s, local) in slots.iter().flatten() {
            f.instruction(&Instruction::LocalGet(local));
            f.instruction(&Instruction::Call(self.val_func(s)));
        }
    }
}

fn encoder_type(t: ValType) -> wasm_encoder::ValType {
    match t {
        ValType::I64 => wasm_encoder::ValType::I64,
        ValType::F32 => wasm_encoder::ValType::F32,
        ValType::F64 => wasm_encoder::ValType::F64,
        _ => wasm_encoder::ValType::I32,
    }
}

impl Reencode for Rewriter<'_> {
    type Error = Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, Error<Infallible>> {
        Ok(if func < self.analysis.n_imported_funcs { func } else { func + N_HOOKS })
    }

    fn parse_type_section(
        &mut self,
        types: &mut TypeSection,
        section: wasmparser::TypeSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        utils::parse_type_section(self, types, section)?;
        self.n_types = types.len();
        let base = self.n_types;
        types.ty().function([wasm_encoder::ValType::I32], []);
        for t in [ValType::I32, ValType::I64, ValType::F32, ValType::F64] {
            types.ty().function([encoder_type(t)], [encoder_type(t)]);
        }
        self.hook_types = [base, base + 1, base + 2, base + 3, base + 4];
        Ok(())
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

    fn parse_export_section(
        &mut self,
        exports: &mut ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        utils::parse_export_section(self, exports, section)?;
        self.add_exports(exports);
        Ok(())
    }

    fn intersperse_section_hook(
        &mut self,
        module: &mut wasm_encoder::Module,
        after: Option<SectionId>,
        before: Option<SectionId>,
    ) -> Result<(), Error<Infallible>> {
        if !self.imports_done && after == Some(SectionId::Type) && before != Some(SectionId::Import) {
            let mut imports = ImportSection::new();
            self.add_imports(&mut imports);
            module.section(&imports);
        }
        let past_exports = matches!(
            before,
            None | Some(
                SectionId::Start | SectionId::Element | SectionId::DataCount | SectionId::Code | SectionId::Data
            )
        );
        if !self.exports_done && past_exports && after.is_some() {
            let mut exports = ExportSection::new();
            self.add_exports(&mut exports);
            module.section(&exports);
        }
        Ok(())
    }

    fn parse_function_body(
        &mut self,
        code: &mut wasm_encoder::CodeSection,
        func: wasmparser::FunctionBody<'_>,
    ) -> Result<(), Error<Infallible>> {
        let analysis = self.analysis;
        let shape = &analysis.funcs[self.body_idx as usize];
        let mut locals = Vec::new();
        for local in func.get_locals_reader()? {
            let (count, ty) = local?;
            locals.push((count, self.val_type(ty)?));
        }
        let mut next_local = (shape.params.len() + shape.locals.len()) as u32;
        let mut scratch = [0u32; 4];
        for (s, t) in [ValType::I32, ValType::I64, ValType::F32, ValType::F64].into_iter().enumerate() {
            scratch[s] = next_local;
            if shape.scratch[s] > 0 {
                locals.push((shape.scratch[s], encoder_type(t)));
                next_local += shape.scratch[s];
            }
        }
        let mut f = Function::new(locals);
        f.instruction(&Instruction::I32Const(self.body_idx as i32));
        f.instruction(&Instruction::Call(self.enter_func()));
        let mut reader = func.get_operators_reader()?;
        let mut site_idx = shape.first_site as usize;
        while !reader.eof() {
            let op = reader.read()?;
            let site = &analysis.sites[site_idx];
            if site.reachable {
                f.instruction(&Instruction::I32Const(site_idx as i32));
                f.instruction(&Instruction::Call(self.step_func()));
            }
            f.instruction(&self.instruction(op)?);
            if site.reachable && !site.pushes.is_empty() {
                self.report(&mut f, &site.pushes, scratch);
            }
            site_idx += 1;
        }
        code.function(&f);
        self.body_idx += 1;
        Ok(())
    }

    fn parse_custom_section(
        &mut self,
        _module: &mut wasm_encoder::Module,
        _section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), Error<Infallible>> {
        Ok(())
    }
}

/// Analyzes and rewrites a valid module. `None` when it has no defined functions, no type
/// section, or cannot be read.
pub fn probe(bytes: &[u8]) -> Option<Probed> {
    let analysis = analyze(bytes)?;
    if analysis.funcs.is_empty() {
        return None;
    }
    let mut rw = Rewriter {
        analysis: &analysis,
        hook_types: [0; 5],
        n_types: 0,
        imports_done: false,
        exports_done: false,
        body_idx: 0,
    };
    let mut module = wasm_encoder::Module::new();
    rw.parse_core_module(&mut module, Parser::new(0), bytes).ok()?;
    if !rw.imports_done {
        return None;
    }
    let bytes = module.finish();
    wasmparser::Validator::new_with_features(crate::validate::features()).validate_all(&bytes).ok()?;
    Some(Probed { bytes, analysis })
}
