//! The `name` custom section: collecting its names up front so notes elsewhere can say
//! `func 3 ($fac)`, and splitting its own bytes into subsections and name maps. A malformed name
//! section is never an error: it yields fewer names and unannotated lines.

use std::collections::HashMap;

use wasmparser::{BinaryReader, KnownCustom, Name, Parser, Payload};

use super::notes::{count_note, leb_suffix, plural, wat_string};
use super::walk::Annotator;
use super::{pos, Detail, Result, Skip};

/// Names from the `name` section. It comes last in the module, so a first pass collects it before
/// the code section needs it.
#[derive(Default)]
pub(crate) struct Names {
    pub(crate) funcs: HashMap<u32, String>,
    pub(crate) locals: HashMap<u32, HashMap<u32, String>>,
    pub(crate) globals: HashMap<u32, String>,
}

impl Names {
    /// Best effort: a malformed name section just yields fewer names.
    pub(crate) fn collect(bytes: &[u8]) -> Names {
        let mut names = Names::default();
        for payload in Parser::new(0).parse_all(bytes) {
            let Ok(payload) = payload else { break };
            let Payload::CustomSection(custom) = payload else {
                continue;
            };
            let KnownCustom::Name(reader) = custom.as_known() else {
                continue;
            };
            for sub in reader.into_iter().map_while(|s| s.ok()) {
                let owned = |m: wasmparser::NameMap<'_>| -> HashMap<u32, String> {
                    m.map_while(|n| n.ok()).map(|n| (n.index, n.name.to_string())).collect()
                };
                match sub {
                    Name::Function(m) => names.funcs = owned(m),
                    Name::Global(m) => names.globals = owned(m),
                    Name::Local(m) => {
                        for f in m.map_while(|n| n.ok()) {
                            names.locals.insert(f.index, owned(f.names));
                        }
                    }
                    _ => {}
                }
            }
        }
        names
    }
}

impl<'a, 's> Annotator<'a, 's> {
    /// The `name` section: subsection id, size, then name maps. A subsection that does not parse
    /// is shown as one unannotated line rather than failing the whole view.
    pub(super) fn name_section(&mut self, end: usize) {
        while self.pos < end {
            let mut r = self.reader(self.pos, end);
            let header = (|| -> Result<(u8, u32)> { Ok((r.read_u8()?, r.read_var_u32()?)) })();
            let size_end = pos(&r);
            let (id, size) = match header {
                Ok((id, size)) if size_end.saturating_add(size as usize) <= end => (id, size as usize),
                _ => {
                    self.emit(end, 1, "rest of the name section (malformed, not annotated)");
                    return;
                }
            };
            let what = match id {
                0 => "module name",
                1 => "function names",
                2 => "local names",
                3 => "label names",
                4 => "type names",
                5 => "table names",
                6 => "memory names",
                7 => "global names",
                8 => "elem segment names",
                9 => "data segment names",
                10 => "field names",
                11 => "tag names",
                12 => "parameter names of function types",
                13 => "parameter names of tags",
                _ => "unknown",
            };
            let id_end = self.pos + 1;
            self.emit(id_end, 1, format!("subsection {id}: {what}"));
            let leb = self.slice(id_end, size_end).to_vec();
            self.emit(size_end, 2, format!("size: {}{}", plural(size as u64, "byte"), leb_suffix(&leb, size as u64)));
            let sub_end = size_end + size;
            self.detailed(
                sub_end,
                2,
                || "contents (not annotated)".to_string(),
                |a, r| match id {
                    0 => {
                        let (name, len) = a.read_str(r)?;
                        a.emit_to(r, 2, format!("module {} ({len})", wat_string(name.as_bytes())));
                        Ok(())
                    }
                    1 => a.name_map(r, 2, "func"),
                    2 => a.indirect_name_map(r, "func", "local"),
                    3 => a.indirect_name_map(r, "func", "label"),
                    4 => a.name_map(r, 2, "type"),
                    5 => a.name_map(r, 2, "table"),
                    6 => a.name_map(r, 2, "memory"),
                    7 => a.name_map(r, 2, "global"),
                    8 => a.name_map(r, 2, "elem"),
                    9 => a.name_map(r, 2, "data"),
                    10 => a.indirect_name_map(r, "type", "field"),
                    11 => a.name_map(r, 2, "tag"),
                    12 => a.indirect_name_map(r, "type", "param"),
                    13 => a.indirect_name_map(r, "tag", "param"),
                    _ => Err(Skip),
                },
            );
        }
    }

    /// A vec of (index, name) pairs, one line each.
    pub(super) fn name_map(&mut self, r: &mut BinaryReader<'a>, depth: usize, noun: &str) -> Detail {
        let start = pos(r);
        let n = r.read_var_u32()?;
        let leb = self.slice(start, pos(r)).to_vec();
        self.emit_to(r, depth, count_note(n, "name", &leb));
        for _ in 0..n {
            let idx = r.read_var_u32()?;
            let (name, len) = self.read_str(r)?;
            self.emit_to(r, depth, format!("{noun} {idx}: {} ({len})", wat_string(name.as_bytes())));
        }
        Ok(())
    }

    /// A vec of (outer index, name map), e.g. the local names of each function.
    pub(super) fn indirect_name_map(&mut self, r: &mut BinaryReader<'a>, outer: &str, inner: &str) -> Detail {
        let start = pos(r);
        let n = r.read_var_u32()?;
        let leb = self.slice(start, pos(r)).to_vec();
        let outer_noun = if outer == "func" { "function" } else { outer };
        let note =
            format!("{} with {inner} names (vec length){}", plural(n.into(), outer_noun), leb_suffix(&leb, n.into()));
        self.emit_to(r, 2, note);
        for _ in 0..n {
            let idx = r.read_var_u32()?;
            let label = if outer == "func" { self.func_text(idx) } else { format!("{outer} {idx}") };
            self.emit_to(r, 2, format!("{label}:"));
            self.name_map(r, 3, inner)?;
        }
        Ok(())
    }
}
