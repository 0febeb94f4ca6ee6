//! Where a course comes from: the copy built into the binary (`lessons/`, embedded by
//! `build.rs`), or a course folder on disk (a teacher's own, `--pack DIR`), read into the
//! core's [`Pack`].

use std::path::Path;

use anyhow::{bail, Context};
use watlab_core::course::{Course, Pack};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}

/// The course built into this binary.
pub fn embedded() -> Pack {
    let mut pack = Pack::default();
    for (path, text) in embedded::FILES {
        pack.files.insert((*path).to_string(), (*text).to_string());
    }
    pack.dirs.extend(embedded::DIRS.iter().map(|d| d.to_string()));
    pack
}

/// Larger files are not course text.
const MAX_FILE: u64 = 4 << 20;

/// Reads a course folder: every `.md`, `.toml`, `.wat` and `.wast` file in it and in its
/// folders one level down.
///
/// # Errors
/// The folder cannot be read, or a file in it is not UTF-8 text.
pub fn from_dir(root: &Path) -> anyhow::Result<Pack> {
    let mut pack = Pack::default();
    if !root.is_dir() {
        bail!("`{}` is not a folder: give the course folder (the one holding course.toml)", root.display());
    }
    read_files(root, "", &mut pack)?;
    let entries = std::fs::read_dir(root).with_context(|| format!("cannot read the folder `{}`", root.display()))?;
    let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        read_files(&dir, &format!("{name}/"), &mut pack)?;
        pack.dirs.insert(name);
    }
    Ok(pack)
}

fn read_files(dir: &Path, prefix: &str, pack: &mut Pack) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read the folder `{}`", dir.display()))?;
    for path in entries.flatten().map(|e| e.path()) {
        let is_course_file =
            path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "md" | "toml" | "wat" | "wast"));
        if !path.is_file() || !is_course_file {
            continue;
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE {
            bail!("`{}` is larger than a course file can be (4 MiB)", path.display());
        }
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("`{}` is not UTF-8 text", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        pack.files.insert(format!("{prefix}{name}"), text);
    }
    Ok(())
}

/// The course of `pack`, for the learner's commands: problems in it are the tool's, not the
/// learner's, and are reported as one error.
///
/// # Errors
/// `course.toml` missing or broken, a lesson that does not load, or no lessons at all.
pub fn course(pack: &Pack, origin: &str) -> anyhow::Result<Course> {
    let (course, problems) = Course::parse(pack);
    let Some(course) = course else {
        let why = problems.first().map_or_else(String::new, |p| format!(": {p}"));
        bail!("{origin} has no readable course.toml{why}");
    };
    if let Some(p) = problems.first() {
        bail!("{origin} has a broken lesson: {p} (`watlab learn check-pack` lists every problem)");
    }
    if course.lessons.is_empty() {
        bail!("{origin} holds no lessons yet");
    }
    Ok(course)
}
