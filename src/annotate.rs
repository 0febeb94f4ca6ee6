//! TEMPORARY stub until the annotated byte view lands.
#![allow(missing_docs)]
pub struct SourceLine { pub line: usize, pub text: String }
#[derive(Default)] pub struct AnnotateOptions;
#[derive(Debug)] pub struct AnnotateError { pub message: String, pub offset: usize }
impl std::fmt::Display for AnnotateError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}", self.message) } }
pub fn annotate(_b: &[u8], _s: Option<&dyn Fn(u64) -> Option<SourceLine>>, _o: &AnnotateOptions) -> Result<String, AnnotateError> { Ok(String::new()) }
