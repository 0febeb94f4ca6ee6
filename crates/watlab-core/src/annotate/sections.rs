//! Entries of the known sections (type, import, function, table, memory, global, tag, export,
//! element, data), split into lines with a note each, plus the pieces they share: strings,
//! limits, table and global types, constant expressions. Each detailed split may give up
//! (`Skip`); the walk then shows the entry as one summarized line.

use wasmparser::{
    BinaryReader, ConstExpr, Data, DataKind, Element, Export, ExternalKind, Global, Imports, MemoryType, RecGroup,
    RefType, Table, TagType, TypeRef, ValType,
};

use super::code::{Frame, FrameKind};
use super::notes::{
    count_note, hex_list, leb_suffix, name_suffix, plural, reftype_text, sig_text, sub_text, types_text, valtype_text,
    wat_string, FuncSig,
};
use super::walk::{next_idx, Annotator};
use super::{pos, to_usize, Detail, Result, Skip};
use crate::words::DisplayName;

impl<'a, 's> Annotator<'a, 's> {
    pub(super) fn type_entry(&mut self, _: u32, group: RecGroup, end: usize) -> Result<()> {
        let first = self.types.len();
        let explicit = group.is_explicit_rec_group();
        let subtypes: Vec<_> = group.into_types().collect();
        let mut texts = Vec::new();
        for (k, st) in subtypes.iter().enumerate() {
            let sig = match &st.composite_type.inner {
                wasmparser::CompositeInnerType::Func(f) => {
                    Some(FuncSig { params: f.params().to_vec(), results: f.results().to_vec() })
                }
                _ => None,
            };
            let text = match &sig {
                Some(sig) => format!("type {}: {}func {}", first + k, sub_text(st), sig_text(sig)),
                None => format!("type {}: {}", first + k, st),
            };
            texts.push(text);
            self.types.push(sig);
        }
        let plain_func = !explicit
            && subtypes.len() == 1
            && subtypes[0].is_final
            && subtypes[0].supertype_idxs.is_empty()
            && !subtypes[0].composite_type.shared
            && subtypes[0].composite_type.descriptor_idx.is_none()
            && subtypes[0].composite_type.describes_idx.is_none()
            && self.types[first].is_some();
        if !plain_func {
            let summary = if explicit {
                format!("rec group of {}: {}", plural(subtypes.len() as u64, "type"), texts.join("; "))
            } else {
                texts.join("; ")
            };
            self.emit(end, 1, summary);
            return Ok(());
        }
        let head = texts.remove(0);
        self.detailed(
            end,
            1,
            || head.clone(),
            |a, r| {
                r.read_u8()?;
                a.emit_to(r, 1, format!("{head} — 0x60 = func type"));
                a.valtype_vec(r, 2, "param")?;
                a.valtype_vec(r, 2, "result")
            },
        );
        Ok(())
    }

    /// A vec of value types on one line: `params [i32 i32]: vec length 2; 0x7f = i32`.
    pub(super) fn valtype_vec(&mut self, r: &mut BinaryReader<'a>, depth: usize, noun: &str) -> Detail {
        let n = r.read_var_u32()?;
        let mut tys = Vec::new();
        let mut legend: Vec<String> = Vec::new();
        for _ in 0..n {
            let start = pos(r);
            let ty = r.read::<ValType>()?;
            let entry = format!("{} = {}", hex_list(self.slice(start, pos(r))), valtype_text(ty));
            if !legend.contains(&entry) {
                legend.push(entry);
            }
            tys.push(ty);
        }
        let note = if n == 0 {
            format!("no {noun}s (vec length 0)")
        } else {
            format!("{noun}s {}: vec length {n}; {}", types_text(&tys), legend.join(", "))
        };
        self.emit_to(r, depth, note);
        Ok(())
    }

    pub(super) fn import_entry(&mut self, _: u32, group: Imports<'a>, end: usize) -> Result<()> {
        let import = match group {
            Imports::Single(_, import) => import,
            group => {
                // The compact-imports encoding groups several imports under one module name.
                let mut defined = Vec::new();
                for item in group.clone() {
                    let (_, import) = item?;
                    next_idx(&mut self.counts.imports);
                    defined.push(format!("\"{}\" {}", DisplayName(import.name), self.declare_import(&import.ty)));
                }
                let module = match &group {
                    Imports::Compact1 { module, .. } | Imports::Compact2 { module, .. } => *module,
                    Imports::Single(_, imp) => imp.module,
                };
                let note =
                    format!("imports from \"{}\" (compact encoding): {}", DisplayName(module), defined.join(", "));
                self.emit(end, 1, note);
                return Ok(());
            }
        };
        let i = next_idx(&mut self.counts.imports);
        let defines = self.declare_import(&import.ty);
        let summary =
            format!("import {i}: \"{}\" \"{}\" -> {defines}", DisplayName(import.module), DisplayName(import.name));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let (module, len) = a.read_str(r)?;
                a.emit_to(r, 1, format!("import {i}: module {} ({len})", wat_string(module.as_bytes())));
                let (name, len) = a.read_str(r)?;
                a.emit_to(r, 2, format!("name {} ({len})", wat_string(name.as_bytes())));
                let kind = r.read_u8()?;
                match (kind, import.ty) {
                    (0x00, TypeRef::Func(ty)) => {
                        r.read_var_u32()?;
                        a.emit_to(r, 2, format!("0x00 = func of {}; this is {defines}", a.type_text(ty)));
                    }
                    (0x20, TypeRef::FuncExact(ty)) => {
                        r.read_var_u32()?;
                        a.emit_to(r, 2, format!("0x20 = func of exactly {}; this is {defines}", a.type_text(ty)));
                    }
                    (0x01, TypeRef::Table(_)) => {
                        a.emit_to(r, 2, format!("0x01 = table; this is {defines}"));
                        a.table_type(r, 3, "")?;
                    }
                    (0x02, TypeRef::Memory(_)) => {
                        a.emit_to(r, 2, format!("0x02 = memory; this is {defines}"));
                        a.limits(r, 3, "", true)?;
                    }
                    (0x03, TypeRef::Global(_)) => {
                        a.emit_to(r, 2, format!("0x03 = global; this is {defines}"));
                        a.global_type(r, 3, "")?;
                    }
                    (0x04, TypeRef::Tag(t)) => {
                        a.emit_to(r, 2, format!("0x04 = tag; this is {defines}"));
                        a.tag_type(r, 3, "", t)?;
                    }
                    _ => return Err(Skip),
                }
                Ok(())
            },
        );
        Ok(())
    }

    /// Gives an import the next index in its space and names it: "func 0 ($log)".
    pub(super) fn declare_import(&mut self, ty: &TypeRef) -> String {
        let c = &mut self.counts;
        match ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                let idx = next_idx(&mut c.funcs);
                next_idx(&mut c.imported_funcs);
                self.func_types.push(*t);
                self.func_text(idx)
            }
            TypeRef::Table(_) => format!("table {}", next_idx(&mut c.tables)),
            TypeRef::Memory(_) => format!("memory {}", next_idx(&mut c.memories)),
            TypeRef::Global(_) => {
                let idx = next_idx(&mut c.globals);
                format!("global {idx}{}", name_suffix(self.names.globals.get(&idx)))
            }
            TypeRef::Tag(_) => format!("tag {}", next_idx(&mut c.tags)),
        }
    }

    pub(super) fn function_entry(&mut self, _: u32, ty: u32, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.funcs);
        self.func_types.push(ty);
        let leb = self.slice(self.pos, end);
        let note = format!("{}: {}{}", self.func_text(idx), self.type_text(ty), leb_suffix(leb, ty.into()));
        self.emit(end, 1, note);
        Ok(())
    }

    pub(super) fn table_entry(&mut self, _: u32, table: Table<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.tables);
        let summary = format!("table {idx}: {}", reftype_text(table.ty.element_type));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let label = format!("table {idx}: ");
                if a.bytes.get(pos(r)) == Some(&0x40) {
                    r.read_u8()?;
                    r.read_u8()?;
                    a.emit_to(r, 1, format!("{label}0x40 0x00 = table with an initializer expression"));
                    a.table_type(r, 2, "")?;
                    a.const_expr(r, 2)
                } else {
                    a.table_type(r, 1, &label)
                }
            },
        );
        Ok(())
    }

    pub(super) fn memory_entry(&mut self, _: u32, _: MemoryType, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.memories);
        let label = format!("memory {idx}: ");
        self.detailed(end, 1, || format!("memory {idx}"), |a, r| a.limits(r, 1, &label, true));
        Ok(())
    }

    pub(super) fn global_entry(&mut self, _: u32, global: Global<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.globals);
        let label = format!("global {idx}{}: ", name_suffix(self.names.globals.get(&idx)));
        let summary = format!("{label}{}", valtype_text(global.ty.content_type));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                a.global_type(r, 1, &label)?;
                a.const_expr(r, 2)
            },
        );
        Ok(())
    }

    pub(super) fn tag_entry(&mut self, _: u32, tag: TagType, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.tags);
        let label = format!("tag {idx}: ");
        self.detailed(end, 1, || format!("tag {idx}"), |a, r| a.tag_type(r, 1, &label, tag));
        Ok(())
    }

    pub(super) fn export_entry(&mut self, i: u32, export: Export<'a>, end: usize) -> Result<()> {
        let target_name = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => name_suffix(self.names.funcs.get(&export.index)),
            ExternalKind::Global => name_suffix(self.names.globals.get(&export.index)),
            _ => String::new(),
        };
        let target = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => self.func_text(export.index),
            ExternalKind::Table => format!("table {}", export.index),
            ExternalKind::Memory => format!("memory {}", export.index),
            ExternalKind::Global => {
                format!("global {}{}", export.index, name_suffix(self.names.globals.get(&export.index)))
            }
            ExternalKind::Tag => format!("tag {}", export.index),
        };
        let summary = format!("export {i}: \"{}\" -> {target}", DisplayName(export.name));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let (name, len) = a.read_str(r)?;
                a.emit_to(r, 1, format!("export {i}: name {} ({len})", wat_string(name.as_bytes())));
                let kind = r.read_u8()?;
                let kind_name = match kind {
                    0x00 => "func",
                    0x01 => "table",
                    0x02 => "memory",
                    0x03 => "global",
                    0x04 => "tag",
                    _ => "kind",
                };
                let start = pos(r);
                r.read_var_u32()?;
                let leb = leb_suffix(a.slice(start, pos(r)), export.index.into());
                a.emit_to(r, 2, format!("0x{kind:02x} = {kind_name}, index {}{leb}{target_name}", export.index));
                Ok(())
            },
        );
        Ok(())
    }

    pub(super) fn elem_entry(&mut self, _: u32, elem: Element<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.elems);
        let (n, what) = match &elem.items {
            wasmparser::ElementItems::Functions(f) => (f.count(), "function index"),
            wasmparser::ElementItems::Expressions(_, e) => (e.count(), "expression"),
        };
        let summary = format!("elem {idx}: {}", plural(n.into(), what));
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let flags = r.read_var_u32()?;
                let mode = match flags & 0b011 {
                    0b000 => "active in table 0",
                    0b010 => "active, table index follows",
                    0b001 => "passive",
                    _ => "declarative",
                };
                let items = if flags & 0b100 == 0 { "function indices" } else { "expressions" };
                a.emit_to(r, 1, format!("elem {idx}: flags 0x{flags:02x} = {mode}; {items}"));
                if flags & 0b011 == 0b010 {
                    let table = r.read_var_u32()?;
                    a.emit_to(r, 2, format!("table {table}"));
                }
                if flags & 0b001 == 0 {
                    a.heading(2, "offset expression:");
                    a.const_expr(r, 3)?;
                }
                if flags & 0b011 != 0 {
                    let start = pos(r);
                    if flags & 0b100 == 0 {
                        r.read_u8()?;
                        a.emit_to(r, 2, format!("{} = elemkind funcref", hex_list(a.slice(start, pos(r)))));
                    } else {
                        let ty = r.read::<RefType>()?;
                        a.emit_to(r, 2, format!("{} = {}", hex_list(a.slice(start, pos(r))), reftype_text(ty)));
                    }
                }
                let start = pos(r);
                let count = r.read_var_u32()?;
                let leb = a.slice(start, pos(r)).to_vec();
                a.emit_to(
                    r,
                    2,
                    count_note(count, if flags & 0b100 == 0 { "function index" } else { "expression" }, &leb),
                );
                if flags & 0b100 == 0 {
                    let mut shown = Vec::new();
                    for k in 0..count {
                        let f = r.read_var_u32()?;
                        if k < 16 {
                            shown.push(a.func_text(f));
                        }
                    }
                    if count > 16 {
                        shown.push(format!("… ({} more)", count - 16));
                    }
                    a.emit_to(r, 2, shown.join(", "));
                } else {
                    for k in 0..count {
                        let expr = r.read::<ConstExpr<'a>>()?;
                        let mut ops = expr.get_operators_reader();
                        let mut texts = Vec::new();
                        while !ops.eof() {
                            let op = ops.read()?;
                            texts.push(a.op_text(&op, None));
                        }
                        a.emit_to(r, 2, format!("item {k}: {}", texts.join(", ")));
                    }
                }
                Ok(())
            },
        );
        Ok(())
    }

    pub(super) fn data_entry(&mut self, _: u32, data: Data<'a>, end: usize) -> Result<()> {
        let idx = next_idx(&mut self.counts.datas);
        let summary = format!("data {idx}: {} {}", plural(data.data.len() as u64, "byte"), wat_string(data.data));
        let active_mem = match &data.kind {
            DataKind::Active { memory_index, .. } => Some(*memory_index),
            DataKind::Passive => None,
        };
        self.detailed(
            end,
            1,
            || summary,
            |a, r| {
                let flags = r.read_var_u32()?;
                let mode = match (flags, active_mem) {
                    (0, _) => "active in memory 0".to_string(),
                    (1, _) => "passive (copied in by memory.init)".to_string(),
                    (_, Some(m)) => format!("active in memory {m}, index follows"),
                    _ => "flags".to_string(),
                };
                a.emit_to(r, 1, format!("data {idx}: flags 0x{flags:02x} = {mode}"));
                if flags == 2 {
                    let m = r.read_var_u32()?;
                    a.emit_to(r, 2, format!("memory {m}"));
                }
                if flags != 1 {
                    a.heading(2, "offset expression:");
                    a.const_expr(r, 3)?;
                }
                let start = pos(r);
                let n = r.read_var_u32()?;
                let leb = a.slice(start, pos(r)).to_vec();
                a.emit_to(r, 2, format!("{} of data{}", plural(n.into(), "byte"), leb_suffix(&leb, n.into())));
                let bytes = r.read_bytes(n as usize)?;
                a.emit_to(r, 2, format!("data {}", wat_string(bytes)));
                Ok(())
            },
        );
        Ok(())
    }

    // --- shared pieces of entries ---

    /// A string: LEB128 length then UTF-8 bytes. Returns the string and "length 3".
    pub(super) fn read_str(&self, r: &mut BinaryReader<'a>) -> Result<(&'a str, String)> {
        let start = pos(r);
        let s = r.read_unlimited_string()?;
        let leb = self.slice(start, pos(r).saturating_sub(s.len()));
        Ok((s, format!("length {}{}", s.len(), leb_suffix(leb, s.len() as u64))))
    }

    pub(super) fn table_type(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str) -> Detail {
        let start = pos(r);
        let ty = r.read::<RefType>()?;
        let legend = hex_list(self.slice(start, pos(r)));
        self.emit_to(r, depth, format!("{label}{legend} = {}", reftype_text(ty)));
        self.limits(r, depth + usize::from(!label.is_empty()), "", false)
    }

    /// Limits: a flags byte, then min, then max when flag 0x01 is set (and a page size for
    /// memories with flag 0x08). All on one line; multi-byte LEB128s are spelled out.
    pub(super) fn limits(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str, memory: bool) -> Detail {
        let flags = r.read_u8()?;
        let valid = if memory { 0b1111 } else { 0b111 };
        if flags & !valid != 0 {
            return Err(Skip);
        }
        let mut what = vec![if flags & 0x01 != 0 { "min and max" } else { "min only" }];
        if flags & 0x02 != 0 {
            what.push("shared");
        }
        if flags & 0x04 != 0 {
            what.push("64-bit");
        }
        if flags & 0x08 != 0 {
            what.push("custom page size");
        }
        // wasmparser reads limits as u64 LEB128 once memory64 is known; so do we, so that the
        // byte split agrees with its parse.
        let start = pos(r);
        let min = r.read_var_u64()?;
        let mut parts = vec![format!("min {min}{}", leb_suffix(self.slice(start, pos(r)), min))];
        if flags & 0x01 != 0 {
            let start = pos(r);
            let max = r.read_var_u64()?;
            parts.push(format!("max {max}{}", leb_suffix(self.slice(start, pos(r)), max)));
        }
        let unit = if !memory {
            "elements".to_string()
        } else if flags & 0x08 != 0 {
            let log2 = r.read_var_u32()?;
            format!("pages of 2^{log2} bytes")
        } else {
            "pages of 64 KiB".to_string()
        };
        let note = format!("{label}limits 0x{flags:02x} = {}; {} ({unit})", what.join(", "), parts.join(", "));
        self.emit_to(r, depth, note);
        Ok(())
    }

    pub(super) fn global_type(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str) -> Detail {
        let start = pos(r);
        let ty = r.read::<ValType>()?;
        let legend = hex_list(self.slice(start, pos(r)));
        let flags = r.read_u8()?;
        let mutability = match flags {
            0x00 => "const",
            0x01 => "var (mutable)",
            0x02 => "shared const",
            0x03 => "shared var",
            _ => return Err(Skip),
        };
        self.emit_to(r, depth, format!("{label}{legend} = {}, 0x{flags:02x} = {mutability}", valtype_text(ty)));
        Ok(())
    }

    pub(super) fn tag_type(&mut self, r: &mut BinaryReader<'a>, depth: usize, label: &str, t: TagType) -> Detail {
        r.read_u8()?;
        r.read_var_u32()?;
        let note = format!("{label}0x00 = exception, {}", self.type_text(t.func_type_idx));
        self.emit_to(r, depth, note);
        Ok(())
    }

    /// A constant expression (global init, segment offset), one line per instruction.
    pub(super) fn const_expr(&mut self, r: &mut BinaryReader<'a>, depth: usize) -> Detail {
        let expr = r.read::<ConstExpr<'a>>()?;
        let mut ops = expr.get_operators_reader();
        let mut frames = vec![Frame { kind: FrameKind::Expression, offset: self.pos }];
        while !ops.eof() {
            let (op, _) = ops.read_with_offset()?;
            let end = to_usize(ops.original_position());
            self.instr(&op, end, depth, &mut frames, None);
        }
        Ok(())
    }
}
