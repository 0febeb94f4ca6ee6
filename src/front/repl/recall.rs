//! Walking the history without losing edits. rustyline keeps the line being typed when Up
//! leaves it, but an edit made to a recalled entry is dropped as soon as Up or Down moves on.
//! Here the history the editor reads ([`Recalled`]) shows, per entry, the text as the learner
//! left it, so coming back to an entry shows their edit, as readline does. The saved history
//! never changes: what is accepted is added as a new entry, and the edits are forgotten when
//! the next prompt starts.
//!
//! Up, Down, Ctrl-P and Ctrl-N keep rustyline's own behaviour (in a buffer of several lines Up
//! and Down move between its lines first); a handler on them only notes the edit of the entry
//! being left before rustyline moves on, against the entries as the prompt started.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rustyline::history::{DefaultHistory, History, SearchDirection, SearchResult};
use rustyline::{Cmd, ConditionalEventHandler, Event, EventContext, KeyCode, KeyEvent, Modifiers, RepeatCount};

/// Which entry is shown, and the edits left behind in this prompt.
#[derive(Debug, Default)]
struct Walk {
    /// The entry on screen (`None`: the new line).
    at: Option<usize>,
    edits: HashMap<usize, String>,
    /// The entries as this prompt started (the key handlers cannot reach the history).
    entries: Vec<String>,
}

impl Walk {
    /// Notes that the entry on screen now reads `line`, before Up or Down leaves it; `down`
    /// from the newest entry returns to the new line.
    fn leaving(&mut self, line: &str, down: bool) {
        let Some(at) = self.at else { return };
        if self.entries.get(at).is_some_and(|e| e == line) {
            self.edits.remove(&at);
        } else {
            self.edits.insert(at, line.to_string());
        }
        if down && at + 1 == self.entries.len() {
            self.at = None;
        }
    }
}

/// The editor's history: rustyline's own, showing this prompt's edits over its entries.
pub struct Recalled {
    inner: DefaultHistory,
    walk: Arc<Mutex<Walk>>,
}

impl Recalled {
    /// An empty history with the editor's settings.
    pub fn new(config: &rustyline::Config) -> Recalled {
        Recalled { inner: DefaultHistory::with_config(config), walk: Arc::default() }
    }

    fn walk(&self) -> std::sync::MutexGuard<'_, Walk> {
        self.walk.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new prompt starts: at the new line, with no edits.
    pub fn start(&self) {
        let entries = self.inner.iter().cloned().collect();
        let mut walk = self.walk();
        walk.at = None;
        walk.edits.clear();
        walk.entries = entries;
    }

    #[cfg(test)]
    fn leaving(&self, line: &str, down: bool) {
        self.walk().leaving(line, down);
    }

    /// Binds Up, Down, Ctrl-P and Ctrl-N of `rl` to note edits before moving.
    pub fn bind<H: rustyline::Helper>(rl: &mut rustyline::Editor<H, Recalled>) {
        let keys = [
            (KeyEvent(KeyCode::Up, Modifiers::NONE), false, true),
            (KeyEvent(KeyCode::Down, Modifiers::NONE), true, true),
            (KeyEvent(KeyCode::Char('P'), Modifiers::CTRL), false, false),
            (KeyEvent(KeyCode::Char('N'), Modifiers::CTRL), true, false),
        ];
        let walk = rl.history().walk_handle();
        for (key, down, by_line) in keys {
            let handler = Leave { walk: walk.clone(), down, by_line };
            rl.bind_sequence(key, rustyline::EventHandler::Conditional(Box::new(handler)));
        }
    }

    fn walk_handle(&self) -> Arc<Mutex<Walk>> {
        self.walk.clone()
    }
}

/// Up or Down: note the edit, then let rustyline move.
struct Leave {
    walk: Arc<Mutex<Walk>>,
    down: bool,
    /// Up and Down first move between the lines of a multi-line buffer; Ctrl-P / Ctrl-N never.
    by_line: bool,
}

impl ConditionalEventHandler for Leave {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext<'_>) -> Option<Cmd> {
        let (line, pos) = (ctx.line(), ctx.pos().min(ctx.line().len()));
        let within = if self.down { line[pos..].contains('\n') } else { line[..pos].contains('\n') };
        if !(self.by_line && within) {
            self.walk.lock().unwrap_or_else(PoisonError::into_inner).leaving(line, self.down);
        }
        None
    }
}

impl History for Recalled {
    fn get(&self, index: usize, dir: SearchDirection) -> rustyline::Result<Option<SearchResult<'_>>> {
        let found = self.inner.get(index, dir)?;
        let mut walk = self.walk();
        Ok(found.map(|r| {
            walk.at = Some(r.idx);
            match walk.edits.get(&r.idx) {
                Some(edit) => SearchResult { entry: Cow::Owned(edit.clone()), idx: r.idx, pos: edit.len() },
                None => r,
            }
        }))
    }
    fn add(&mut self, line: &str) -> rustyline::Result<bool> {
        self.inner.add(line)
    }
    fn add_owned(&mut self, line: String) -> rustyline::Result<bool> {
        self.inner.add_owned(line)
    }
    fn len(&self) -> usize {
        self.inner.len()
    }
    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
    fn set_max_len(&mut self, len: usize) -> rustyline::Result<()> {
        self.inner.set_max_len(len)
    }
    fn ignore_dups(&mut self, yes: bool) -> rustyline::Result<()> {
        self.inner.ignore_dups(yes)
    }
    fn ignore_space(&mut self, yes: bool) {
        self.inner.ignore_space(yes);
    }
    fn save(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.save(path)
    }
    fn append(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.append(path)
    }
    fn load(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.load(path)
    }
    fn clear(&mut self) -> rustyline::Result<()> {
        self.inner.clear()
    }
    fn search(&self, term: &str, start: usize, dir: SearchDirection) -> rustyline::Result<Option<SearchResult<'_>>> {
        self.inner.search(term, start, dir)
    }
    fn starts_with(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        self.inner.starts_with(term, start, dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(h: &Recalled, i: usize) -> String {
        h.get(i, SearchDirection::Reverse).unwrap().unwrap().entry.into_owned()
    }

    #[test]
    fn edits_to_recalled_entries_are_kept_until_the_next_prompt() {
        let mut h = Recalled::new(&rustyline::Config::default());
        h.add("i32.const 1").unwrap();
        h.add("i32.const 2").unwrap();
        h.start();
        assert_eq!(shown(&h, 1), "i32.const 2");
        h.leaving("i32.const 2 i32.add", false);
        assert_eq!(shown(&h, 0), "i32.const 1");
        h.leaving("i32.const 1", true);
        assert_eq!(shown(&h, 1), "i32.const 2 i32.add", "the edit is back");
        h.leaving("i32.const 2 i32.add", true);
        assert_eq!(h.walk().at, None, "down from the newest entry is the new line");
        h.start();
        assert_eq!(shown(&h, 1), "i32.const 2", "a new prompt forgets the edits");
        assert_eq!(h.inner.len(), 2, "the history itself never changes");
    }
}
