//! Embeds the course (`lessons/` at the workspace root) for the playground's course pane, with
//! the same code that embeds it in the `watlab` binary: that build script, included here.
// The crate's clippy.toml keeps files, environment and printing out of the binding, which runs
// in a browser; a build script runs on the build machine, where reading the course folder and
// telling cargo what to watch is its job.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[allow(dead_code)] // its `main` is the binary's build script
mod course {
    include!("../../build.rs");
}

fn main() {
    let manifest = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let lessons = manifest.join("..").join("..").join("lessons");
    course::embed_course(&lessons.canonicalize().unwrap_or(lessons));
}
