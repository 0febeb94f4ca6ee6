//! The playground's build and its browser tests: `cargo xtask web build`, `cargo xtask web
//! serve`, and the part of `cargo xtask test` that drives the page in headless Chromium.
//!
//! The core's wasm (crates/watlab-web, profile `web`) is built once per run; `web/build.mjs`
//! runs `wasm-opt -O1` on it (cached under the target directory by the input's hash), bundles
//! the JavaScript with esbuild and writes the static folder
//! `TARGET/web/dist`. What the page needs from outside is installed when missing: Node and npm
//! (apt-get), the npm packages (`npm ci` from the committed lock file), Chromium (apt-get).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{apt_install, step, succeeds};

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else `target/` in the workspace.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        }
        None => root().join("target"),
    }
}

/// The built page.
pub fn dist_dir() -> PathBuf {
    target_dir().join("web").join("dist")
}

fn path_arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Builds the core's wasm for the page. `cargo xtask test` runs this as its wasm32 step: it
/// also proves that the core builds for the browser.
pub fn build_wasm() -> Result<(), String> {
    step(
        "the core for the browser (crates/watlab-web, profile web)",
        "cargo",
        &["build", "--package", "watlab-web", "--target", "wasm32-unknown-unknown", "--profile", "web"],
    )
}

/// Node, npm and the page's npm packages.
fn install_node_packages() -> Result<(), String> {
    if !succeeds("node", &["--version"]) || !succeeds("npm", &["--version"]) {
        apt_install("nodejs and npm (the page's build and tests need them)", &["nodejs", "npm"])?;
    }
    let web = root().join("web");
    let lock = web.join("package-lock.json");
    let installed = web.join("node_modules").join(".package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(l), Ok(i)) => i.modified().ok() >= l.modified().ok(),
        _ => false,
    };
    if !fresh {
        in_dir(&web, "the page's npm packages", "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

/// Runs `program args` in `dir`, as a step.
fn in_dir(dir: &Path, what: &str, program: &str, args: &[&str]) -> Result<(), String> {
    let here = std::env::current_dir().map_err(|e| format!("no current directory: {e}"))?;
    std::env::set_current_dir(dir).map_err(|e| format!("cannot enter {}: {e}", dir.display()))?;
    let result = step(what, program, args);
    std::env::set_current_dir(here).map_err(|e| format!("cannot return to the start directory: {e}"))?;
    result
}

/// Bundles the page into [`dist_dir`] from a wasm already built by [`build_wasm`].
fn bundle() -> Result<(), String> {
    install_node_packages()?;
    let target = target_dir();
    let wasm = target.join("wasm32-unknown-unknown").join("web").join("watlab_web.wasm");
    let (wasm, out, cache) = (path_arg(&wasm), path_arg(&dist_dir()), path_arg(&target.join("web").join("cache")));
    in_dir(
        &root().join("web"),
        "the page (wasm-opt, esbuild)",
        "node",
        &["build.mjs", "--wasm", &wasm, "--out", &out, "--cache", &cache],
    )
}

/// `cargo xtask web build`: the static folder.
pub fn build() -> Result<(), String> {
    build_wasm()?;
    bundle()?;
    println!("xtask: the page is in {}; serve it with `cargo xtask web serve`", dist_dir().display());
    Ok(())
}

/// `cargo xtask web serve [PORT]`: builds, then serves on 127.0.0.1 until Ctrl-C.
pub fn serve(port: Option<&str>) -> Result<(), String> {
    build()?;
    let port = port.unwrap_or("8000");
    if port.parse::<u16>().is_err() {
        return Err(format!("`{port}` is not a port number"));
    }
    let dir = path_arg(&dist_dir());
    in_dir(&root().join("web"), "serving the page", "node", &["serve.mjs", &dir, port])
}

/// The browser tests, after [`build_wasm`] and the Rust tests: bundle, make sure Chromium is
/// there, and run `node --test` over web/tests.
pub fn test() -> Result<(), String> {
    bundle()?;
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if !Path::new(&chromium).exists() {
        apt_install("Chromium (the browser tests drive it)", &["chromium"])?;
    }
    let shots = target_dir().join("web").join("shots");
    let dist = dist_dir();
    let web = root().join("web");
    println!("xtask: browser tests: node --test (screenshots and timings in {})", shots.display());
    let start = std::time::Instant::now();
    let status = Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/"])
        .current_dir(&web)
        .env("WATLAB_WEB_DIST", &dist)
        .env("WATLAB_WEB_SHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .status()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let outcome = if status.success() { "done" } else { "FAILED" };
    println!("xtask: browser tests: {outcome} in {:.0} s", start.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err("the browser tests failed (node --test in web/)".to_string())
    }
}
