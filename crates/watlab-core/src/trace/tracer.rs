//! The tracer: a [`Sink`] that turns the recorder's events into one line per executed
//! instruction, indented by call depth: the place, the instruction as written, and the value
//! stack after it in the REPL's notation. Calls show their arguments, returns their results.
//! Lines go to a writer the caller gives (the core prints nothing); after `limit` lines the
//! rest are only counted, so a run of billions of instructions streams in bounded memory.

use std::sync::Arc;

use wasmi::Val;

use super::listing::Listing;
use super::probes::Effect;
use super::record::{Event, Flow, Machine, Sink};
use crate::value::DisplayTyped;

/// Where trace lines go; `false` when the destination is closed (the trace then stops printing).
pub type LineWriter = Box<dyn FnMut(&str) -> bool + Send>;

/// `[3 : i32, 4 : i32]`.
pub fn stack_text(values: &[Val]) -> String {
    let items: Vec<String> = values.iter().map(|v| DisplayTyped(v).to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// `(5 : i64)`, `(1 : i32, 2 : i32)`, `()`.
pub fn values_text(values: &[Val]) -> String {
    let items: Vec<String> = values.iter().map(|v| DisplayTyped(v).to_string()).collect();
    format!("({})", items.join(", "))
}

/// `memory[12..16]: 00 00 00 00 -> 03 00 00 00` (the memory index only when not 0).
pub fn write_text(w: &super::record::Write) -> String {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(" ");
    let mem = if w.memory == 0 { String::new() } else { format!(" {}", w.memory) };
    format!("memory{mem}[{}..{}]: {} -> {}", w.addr, w.addr + w.new.len() as u64, hex(&w.old), hex(&w.new))
}

/// Counts of a finished trace, for its closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Instructions that ran.
    pub n_instrs: u64,
    /// Lines printed.
    pub n_shown: u64,
    /// Lines not printed (past the limit).
    pub n_hidden: u64,
}

impl Counts {
    /// The closing line: `-- 57 instructions ran`, or with lines not shown, `-- 12,345
    /// instructions ran; 1,000 lines shown, 11,400 not (the limit is 1,000: HOW shows more)`,
    /// where `how` names the option or command that raises the limit.
    pub fn closing_line(&self, limit: u64, how: &str) -> String {
        let n = crate::trap::group(self.n_instrs);
        let noun = if self.n_instrs == 1 { "instruction" } else { "instructions" };
        if self.n_hidden == 0 {
            format!("-- {n} {noun} ran")
        } else {
            format!(
                "-- {n} {noun} ran; {} lines shown, {} not (the limit is {}: {how} shows more)",
                crate::trap::group(self.n_shown),
                crate::trap::group(self.n_hidden),
                crate::trap::group(limit)
            )
        }
    }
}

/// The tracing sink.
pub struct Tracer {
    listing: Arc<Listing>,
    sites: Arc<super::probes::Probed>,
    /// Only frames of this defined function print, when set.
    only: Option<u32>,
    limit: u64,
    out: LineWriter,
    closed: bool,
    counts: Arc<std::sync::Mutex<Counts>>,
    width: usize,
    /// The write of the store being run, shown on its line.
    write: Option<super::record::Write>,
}

impl Tracer {
    /// A tracer printing at most `limit` lines through `out`, only inside defined function
    /// `only` when given. `counts` is updated as it goes, for the caller's closing line.
    pub fn new(
        listing: Arc<Listing>,
        sites: Arc<super::probes::Probed>,
        only: Option<u32>,
        limit: u64,
        out: LineWriter,
        counts: Arc<std::sync::Mutex<Counts>>,
    ) -> Tracer {
        let width = listing.sites.iter().map(|s| s.place.len()).max().unwrap_or(0);
        Tracer { listing, sites, only, limit, out, closed: false, counts, width, write: None }
    }

    fn line(&mut self, depth: usize, place: &str, text: &str) {
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if counts.n_shown >= self.limit || self.closed {
            counts.n_hidden += 1;
            return;
        }
        counts.n_shown += 1;
        drop(counts);
        let indent = "  ".repeat(depth.saturating_sub(1));
        let line = format!("{indent}{place:<w$}  {text}", w = self.width);
        if !(self.out)(line.trim_end()) {
            self.closed = true;
        }
    }

    /// What a write did, after the stack: `  $i = 1 : i32`, `  memory[12..16]: 00 00 00 00 -> 03 00 00 00`.
    fn side_effect(&mut self, effect: &Effect, machine: &Machine) -> String {
        match effect {
            Effect::LocalSet(idx) => {
                let Some(f) = machine.frames.last() else { return String::new() };
                let Some(v) = f.locals.get(*idx as usize) else { return String::new() };
                format!("  {} = {}", self.listing.local(f.defined_idx, *idx as usize), DisplayTyped(v))
            }
            Effect::GlobalSet(idx) => match machine.operands.first() {
                Some(v) => format!("  {} = {}", self.listing.global(*idx as usize), DisplayTyped(v)),
                None => String::new(),
            },
            Effect::Branch { conditional: true, .. } => match machine.operands.first() {
                Some(wasmi::Val::I32(0)) => "  not taken".to_string(),
                Some(_) => "  taken".to_string(),
                None => String::new(),
            },
            Effect::Store { .. } => match self.write.take() {
                Some(w) => format!("  {}", write_text(&w)),
                None => String::new(),
            },
            _ => String::new(),
        }
    }

    fn shown(&self, machine: &Machine) -> bool {
        match (self.only, machine.frames.last()) {
            (None, _) => true,
            (Some(d), Some(f)) => f.defined_idx == d,
            (Some(_), None) => false,
        }
    }
}

impl Sink for Tracer {
    fn event(&mut self, event: &Event<'_>, machine: &Machine) -> Flow {
        let depth = machine.frames.len();
        let site_of = |id: u32| (self.listing.sites.get(id as usize).cloned().unwrap_or_default(), id);
        match event {
            // Generated code (the REPL's stack set-up) has no place and is not counted.
            Event::Before { site } if self.listing.sites.get(*site as usize).is_some_and(|s| !s.place.is_empty()) => {
                self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).n_instrs += 1;
            }
            Event::After { site } if self.shown(machine) => {
                let (text, id) = site_of(*site);
                let sites = self.sites.clone();
                let effect = &sites.analysis.sites[id as usize].effect;
                if text.quiet || matches!(effect, Effect::Return(_) | Effect::TailCall { .. }) {
                    return Flow::Go;
                }
                let stack = machine.frames.last().map(|f| stack_text(&f.stack)).unwrap_or_default();
                let mut words = if matches!(effect, Effect::Call { .. }) {
                    format!("{:<24}  {stack}", format!("{} returned", text.text))
                } else {
                    format!("{:<24}  {stack}", text.text)
                };
                words.push_str(&self.side_effect(effect, machine));
                self.line(depth, &text.place, &words);
            }
            Event::Store(write) => self.write = Some((*write).clone()),
            Event::Call { site, args } if self.shown(machine) => {
                let (text, _) = site_of(*site);
                self.line(depth, &text.place, &format!("{} {}", text.text, values_text(args)));
            }
            Event::Leave { results } if self.shown(machine) => {
                let frame = machine.frames.last();
                let (text, _) = frame.and_then(|f| f.site).map(site_of).unwrap_or_default();
                let func = frame.map_or("?", |f| self.listing.func(f.defined_idx));
                // The REPL's input returns to the prompt, which shows the stack next.
                if !text.place.is_empty() {
                    self.line(depth, &text.place, &format!("{} returns {}", func, values_text(results)));
                }
            }
            _ => {}
        }
        Flow::Go
    }
}
