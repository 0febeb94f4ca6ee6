//! Function bodies: the body size, local declarations, and one line per instruction, indented by
//! block depth, with the learner's source line above the instructions it produced. Keeps the
//! stack of open control frames so `end` and branches can say what they close or target. The WAT
//! spelling of operators is in instr_text.rs.

use wasmparser::{BlockType, FunctionBody, Operator, OperatorsReader, ValType};

use super::instr_text::{op_details, plain_op_text, wat_name};
use super::notes::{blocktype_text, count_note, hex_list, leb_suffix, name_suffix, plural, sig_text, valtype_text};
use super::walk::{next_idx, Annotator};
use super::{pos, to_usize, Result};

/// What an open control frame is, for indenting and for saying where a branch goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FrameKind {
    Function,
    Expression,
    Block,
    Loop,
    If,
    Try,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) kind: FrameKind,
    pub(super) offset: usize,
}

impl<'a, 's> Annotator<'a, 's> {
    pub(super) fn body(&mut self, body: FunctionBody<'a>) -> Result<()> {
        let func_idx = self.counts.imported_funcs.saturating_add(next_idx(&mut self.counts.bodies));
        let range = body.range();
        let (start, end) = (to_usize(range.start), to_usize(range.end));
        let leb = self.slice(self.pos, start).to_vec();
        let sig = self.func_sig(func_idx).map(|s| format!(" {}", sig_text(s))).unwrap_or_default();
        let size = end.saturating_sub(start) as u64;
        let note =
            format!("{}{sig}: body size {}{}", self.func_text(func_idx), plural(size, "byte"), leb_suffix(&leb, size));
        self.emit(start, 1, note);

        // Locals are read by hand rather than through LocalsReader so that each declaration's
        // type bytes can be named in the note.
        let mut r = body.get_binary_reader();
        let count = r.read_var_u32()?;
        let leb = self.slice(self.pos, pos(&r)).to_vec();
        self.emit_to(&r, 2, count_note(count, "local declaration", &leb));
        let mut next_local = self.func_sig(func_idx).map_or(0, |s| s.params.len() as u64);
        for _ in 0..count {
            let n = r.read_var_u32()?;
            let ty_start = pos(&r);
            let ty = r.read::<ValType>()?;
            let legend = hex_list(self.slice(ty_start, pos(&r)));
            let range = match n {
                0 => "no locals".to_string(),
                1 => format!("local {next_local}"),
                _ => format!("locals {next_local}-{}", next_local + u64::from(n) - 1),
            };
            next_local += u64::from(n);
            self.emit_to(&r, 2, format!("{range}: {n} × {} — {legend} = {}", valtype_text(ty), valtype_text(ty)));
        }

        let mut ops = OperatorsReader::new(r);
        let mut frames = vec![Frame { kind: FrameKind::Function, offset: self.pos }];
        let mut last_line = None;
        while !ops.eof() {
            let (op, offset) = ops.read_with_offset()?;
            let depth = 2 + frames.len().saturating_sub(1);
            let depth = if matches!(
                op,
                Operator::End
                    | Operator::Else
                    | Operator::Catch { .. }
                    | Operator::CatchAll
                    | Operator::Delegate { .. }
            ) {
                depth.saturating_sub(1).max(2)
            } else {
                depth
            };
            match self.source.and_then(|f| f(offset)) {
                Some(src) if last_line != Some(src.line) => {
                    // One output line per heading, whatever the callback hands back.
                    let text = src.text.lines().next().unwrap_or("").trim();
                    self.heading(depth, format!(";; line {}: {text}", src.line));
                    last_line = Some(src.line);
                }
                Some(_) => {}
                None => last_line = None,
            }
            let end = to_usize(ops.original_position());
            self.instr(&op, end, depth, &mut frames, Some(func_idx));
        }
        ops.finish()?;
        Ok(())
    }

    /// One instruction line; keeps `frames` in step so that `end` and branches can say what
    /// they close or target.
    pub(super) fn instr(
        &mut self,
        op: &Operator<'_>,
        end: usize,
        depth: usize,
        frames: &mut Vec<Frame>,
        func: Option<u32>,
    ) {
        let start = self.pos;
        let bytes = self.bytes.get(start..end).unwrap_or(&[]);
        let mut text = self.op_text(op, func);
        let mut details = op_details(op, bytes);
        match op {
            Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::TryTable { .. }
            | Operator::Try { .. } => {
                let kind = match op {
                    Operator::Block { .. } => FrameKind::Block,
                    Operator::Loop { .. } => FrameKind::Loop,
                    Operator::If { .. } => FrameKind::If,
                    _ => FrameKind::Try,
                };
                frames.push(Frame { kind, offset: start });
            }
            Operator::End => {
                text = match frames.pop() {
                    Some(Frame { kind: FrameKind::Function, .. }) => match func {
                        Some(f) => format!("end of {}", self.func_text(f)),
                        None => "end of function".to_string(),
                    },
                    Some(Frame { kind: FrameKind::Expression, .. }) => "end of expression".to_string(),
                    Some(Frame { kind, offset }) => {
                        format!("end of {} ({})", frame_noun(kind), self.offset_text(offset))
                    }
                    None => "end".to_string(),
                };
            }
            Operator::Br { relative_depth }
            | Operator::BrIf { relative_depth }
            | Operator::BrOnNull { relative_depth }
            | Operator::BrOnNonNull { relative_depth } => {
                text.push_str(&format!(" ({})", self.branch_target(frames, *relative_depth)));
            }
            Operator::Delegate { .. } => {
                frames.pop();
            }
            Operator::BrTable { targets } => {
                details.push(format!("vec length {} + default", targets.len()));
            }
            _ => {}
        }
        if !details.is_empty() {
            text = format!("{text} — {}", details.join("; "));
        }
        self.emit(end, depth, text);
    }

    pub(super) fn branch_target(&self, frames: &[Frame], relative_depth: u32) -> String {
        let Some(frame) =
            frames.len().checked_sub((relative_depth as usize).saturating_add(1)).and_then(|i| frames.get(i))
        else {
            return "no such label".to_string();
        };
        match frame.kind {
            FrameKind::Function | FrameKind::Expression => "returns from the function".to_string(),
            FrameKind::Loop => format!("back to the start of loop {}", self.offset_text(frame.offset)),
            kind => format!("out of {} {}", frame_noun(kind), self.offset_text(frame.offset)),
        }
    }

    /// WAT spelling of an instruction, with names from the name section after indices.
    pub(super) fn op_text(&self, op: &Operator<'_>, func: Option<u32>) -> String {
        let local = |i: &u32| func.and_then(|f| self.names.locals.get(&f)).and_then(|m| m.get(i));
        match op {
            Operator::Call { function_index }
            | Operator::ReturnCall { function_index }
            | Operator::RefFunc { function_index } => {
                format!("{} {function_index}{}", wat_name(op), name_suffix(self.names.funcs.get(function_index)))
            }
            Operator::LocalGet { local_index }
            | Operator::LocalSet { local_index }
            | Operator::LocalTee { local_index } => {
                format!("{} {local_index}{}", wat_name(op), name_suffix(local(local_index)))
            }
            Operator::GlobalGet { global_index } | Operator::GlobalSet { global_index } => {
                format!("{} {global_index}{}", wat_name(op), name_suffix(self.names.globals.get(global_index)))
            }
            Operator::CallIndirect { type_index, table_index }
            | Operator::ReturnCallIndirect { type_index, table_index } => {
                let table = if *table_index == 0 { String::new() } else { format!(" {table_index}") };
                let sig = match self.types.get(*type_index as usize) {
                    Some(Some(sig)) => format!(" {}", sig_text(sig)),
                    _ => String::new(),
                };
                format!("{}{table} (type {type_index}){sig}", wat_name(op))
            }
            Operator::Block { blockty }
            | Operator::Loop { blockty }
            | Operator::If { blockty }
            | Operator::Try { blockty } => {
                let mut s = format!("{}{}", wat_name(op), blocktype_text(*blockty));
                if let BlockType::FuncType(i) = blockty {
                    if let Some(Some(sig)) = self.types.get(*i as usize) {
                        s.push_str(&format!(" {}", sig_text(sig)));
                    }
                }
                s
            }
            _ => plain_op_text(op),
        }
    }
}

pub(super) fn frame_noun(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Function => "function",
        FrameKind::Expression => "expression",
        FrameKind::Block => "block",
        FrameKind::Loop => "loop",
        FrameKind::If => "if",
        FrameKind::Try => "try",
    }
}
