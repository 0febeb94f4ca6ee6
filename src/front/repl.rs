//! `watlab repl` (and `watlab` with no command): the interactive session.

use super::{Status, Ui};
use crate::runtime::Limits;

/// Starts the REPL; `plain` reads lines without line editing.
pub fn run(ui: &Ui, plain: bool, limits: Limits) -> Status {
    crate::repl::run(crate::repl::Options { plain, color: ui.out_color, err_style: ui.err_style, limits })
}
