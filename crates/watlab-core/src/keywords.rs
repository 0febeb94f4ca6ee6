//! The words of the text format that are not instructions, in one place: which start a module
//! field, which start a WAST command, which shape a module, which name a type.
//!
//! Classification (`session::shape`), did-you-mean, highlighting and completion all read these
//! lists, so a word added here is known to each of them.

/// Keywords that start a module field.
pub const FIELDS: &[&str] =
    &["func", "memory", "global", "table", "type", "import", "export", "data", "elem", "start", "rec", "tag"];

/// Keywords that start a WAST command (`module` included: a script's module is a command).
pub const WAST_COMMANDS: &[&str] = &[
    "module",
    "invoke",
    "get",
    "register",
    "assert_return",
    "assert_trap",
    "assert_exhaustion",
    "assert_invalid",
    "assert_malformed",
    "assert_unlinkable",
    "assert_uninstantiable",
    "assert_exception",
];

/// Words that open a form rather than name an instruction, for "did you mean" on misspellings.
pub const FORMS: &[&str] = &[
    "module",
    "func",
    "param",
    "result",
    "local",
    "export",
    "import",
    "type",
    "memory",
    "global",
    "table",
    "data",
    "elem",
    "start",
    "mut",
    "then",
    "else",
    "offset",
    "item",
    "funcref",
    "externref",
];

/// Keywords that shape a module rather than compute, coloured apart from instructions.
#[rustfmt::skip]
pub const STRUCTURE: &[&str] = &[
    "module", "func", "param", "result", "local", "export", "import", "memory", "global",
    "table", "type", "data", "elem", "start", "mut", "then", "else", "end", "block", "loop",
    "if", "offset", "item", "declare", "tag", "rec", "sub", "final", "field", "struct", "array",
    "try_table", "definition",
];

/// Value, reference and packed types.
#[rustfmt::skip]
pub const TYPES: &[&str] = &[
    "i32", "i64", "f32", "f64", "v128", "i8", "i16", "funcref", "externref", "anyref", "eqref",
    "i31ref", "structref", "arrayref", "exnref", "nullref", "nullfuncref", "nullexternref",
    "ref", "null",
];

/// Instructions that open a block with a label.
pub const LABELLED: &[&str] = &["block", "loop", "if", "try_table", "try"];

/// Words worth completing at the REPL besides instructions: the forms a learner types, the
/// types they write, and the WAST commands they use most.
#[rustfmt::skip]
pub const COMPLETED: &[&str] = &[
    "module", "func", "param", "result", "local", "memory", "global", "table", "type", "import", "export", "data",
    "elem", "start", "mut", "then", "else", "end", "offset", "item", "declare", "funcref", "externref", "i32", "i64",
    "f32", "f64", "v128", "invoke", "assert_return", "assert_trap", "get",
];
