// Embeds the course (`lessons/`) in the binary, so an installed `watlab learn` works in any
// directory: writes `$OUT_DIR/lessons.rs` with every text file of the course folder as an
// `include_str!` and the list of its lesson folders. A build script rather than a crate
// (such as include_dir): the list is small and plain, and cargo re-runs the script when
// anything under `lessons/` changes. The playground's binding (crates/watlab-web) embeds the
// same course with this same code: its build script includes this file and calls
// `embed_course` (so these are plain comments, not inner doc comments).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The files a course is made of; anything else (editor backups, notes) stays out.
const EXTENSIONS: &[&str] = &["md", "toml", "wat", "wast"];

fn main() {
    embed_course(&PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("lessons"));
}

/// Writes `$OUT_DIR/lessons.rs` for the course folder `root`.
pub fn embed_course(root: &Path) {
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    if root.is_dir() {
        walk(root, root, &mut files, &mut dirs);
    }
    files.sort();
    dirs.sort();
    let mut out = String::from("/// The course's files: path relative to `lessons/`, text.\n");
    out.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        writeln!(out, "    ({rel:?}, include_str!({abs:?})),").expect("writing to a String");
    }
    out.push_str("];\n/// The course's top-level folders.\npub static DIRS: &[&str] = &[\n");
    for dir in &dirs {
        writeln!(out, "    {dir:?},").expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("lessons.rs");
    std::fs::write(&dest, out).expect("OUT_DIR is writable");
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, String)>, dirs: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = path.strip_prefix(root).expect("under root").to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if dir == root {
                dirs.push(rel.clone());
            }
            println!("cargo::rerun-if-changed={}", path.display());
            walk(root, &path, files, dirs);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) {
            files.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
