//! A binary module back to WAT text, through wasmprinter: what `watlab print` shows.
//!
//! Reading the file and deciding what to show after a failed load are the caller's; this only
//! turns bytes into text with the chosen options.

/// How the text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// Fold instructions into nested s-expressions.
    pub fold: bool,
    /// Prefix each item with its byte offset.
    pub offsets: bool,
    /// Show the operand stack's types after each instruction (valid modules only).
    pub stack: bool,
}

/// `bytes` as WAT text.
///
/// The operand-stack view needs a module that validates: on an invalid body wasmprinter's own
/// stack tracking reaches an assertion, so pass `valid = false` for a module that failed
/// validation and the stack view is left out.
///
/// # Errors
/// wasmprinter's message when the bytes are malformed.
pub fn print(bytes: &[u8], options: PrintOptions, valid: bool) -> Result<String, String> {
    let mut config = wasmprinter::Config::new();
    config.fold_instructions(options.fold).print_offsets(options.offsets).print_operand_stack(options.stack && valid);
    let mut text = String::new();
    config.print(bytes, &mut wasmprinter::PrintFmtWrite(&mut text)).map_err(|e| e.to_string())?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module_with_body(body: &[u8]) -> Vec<u8> {
        let mut bytes = vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10];
        bytes.extend([body.len() as u8 + 3, 1, body.len() as u8 + 1, 0]);
        bytes.extend(body);
        bytes
    }

    #[test]
    fn invalid_bodies_print_without_the_stack_view() {
        let stack = PrintOptions { stack: true, ..PrintOptions::default() };
        // Issue 9: `end end` reached an assertion in wasmprinter's stack tracking.
        assert!(print(&module_with_body(&[0x0b, 0x0b]), stack, false).is_err());
        // `i32.const 1` left over in a function without results: well formed, not valid.
        let text = print(&module_with_body(&[0x41, 1, 0x0b]), stack, false).unwrap();
        assert!(text.contains("i32.const 1") && !text.contains(";; ["), "{text}");
        let valid = print(&module_with_body(&[0x41, 1, 0x1a, 0x0b]), stack, true).unwrap();
        assert!(valid.contains(";; [i32]"), "{valid}");
    }
}
