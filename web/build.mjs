// Builds the playground into a static folder: the core's wasm through `wasm-opt -O1`, the
// page's JavaScript bundled by esbuild (the examples/ folder bundled in), the HTML and CSS.
//
//   node build.mjs --wasm PATH/watlab_web.wasm --out DIR [--cache DIR]
//
// `cargo xtask web build` runs it after building the wasm. Why -O1: measured on the core
// (8.4 MB from cargo, 3.2 MB of it the name section), -O1 gives 4.6 MB, 1.24 MB gzip in 26 s;
// -Oz gives 4.3 MB but 1.30 MB gzip (larger to transfer) in over two minutes, -Os 1.31 MB
// gzip in 107 s. Its output is kept in the cache folder under the input's hash and reused
// while the core is unchanged.

import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const wasmIn = option("wasm");
const out = resolve(option("out") ?? join(here, "dist"));
const cache = option("cache");
if (!wasmIn || !existsSync(wasmIn)) {
  console.error(`build.mjs: give the core's wasm with --wasm PATH (not found: ${wasmIn})`);
  process.exit(2);
}
// A fresh folder, so nothing stale from an earlier layout is served; but only one that holds
// a page already (or nothing), never a folder given by mistake.
if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, "index.html"))) {
  console.error(`build.mjs: ${out} is not empty and holds no page: give an empty or new folder`);
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// ---- the wasm ----
const raw = readFileSync(wasmIn);
const WASM_OPT_FLAGS = ["-O1"];
const hash = createHash("sha256").update(raw).update(WASM_OPT_FLAGS.join(" ")).digest("hex").slice(0, 16);
const cached = cache ? join(cache, `watlab-${hash}.wasm`) : null;
const wasmOut = join(out, "watlab.wasm");
if (cached && existsSync(cached)) {
  copyFileSync(cached, wasmOut);
  console.log(`wasm-opt: reused ${cached}`);
} else {
  const started = Date.now();
  // The features come from the module's target_features section.
  execFileSync(join(here, "node_modules", ".bin", "wasm-opt"), [...WASM_OPT_FLAGS, wasmIn, "-o", wasmOut], { stdio: "inherit" });
  console.log(`wasm-opt ${WASM_OPT_FLAGS.join(" ")}: ${raw.length} -> ${statSync(wasmOut).size} bytes in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (cached) {
    mkdirSync(cache, { recursive: true });
    copyFileSync(wasmOut, cached);
  }
}

// ---- the JavaScript ----
const examplesDir = join(here, "..", "examples");
const examples = {
  name: "examples",
  setup(build) {
    build.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: "examples", namespace: "examples" }));
    build.onLoad({ filter: /.*/, namespace: "examples" }, () => {
      const list = readdirSync(examplesDir)
        .filter((f) => f.endsWith(".wat"))
        .sort()
        .map((f) => ({ name: f.replace(/\.wat$/, ""), text: readFileSync(join(examplesDir, f), "utf8") }));
      return { contents: `export default ${JSON.stringify(list)};`, loader: "js", watchDirs: [examplesDir] };
    });
  },
};

await esbuild.build({
  entryPoints: ["src/main.js", "src/worker.js", "src/engine-worker.js", "src/style.css"].map((f) => join(here, f)),
  outdir: out,
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2022"],
  legalComments: "none",
  plugins: [examples],
  logLevel: "warning",
});
copyFileSync(join(here, "index.html"), join(out, "index.html"));

// ---- sizes ----
let total = 0;
let totalGz = 0;
const lines = [];
for (const f of readdirSync(out).sort()) {
  const bytes = readFileSync(join(out, f));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGz += gz;
  lines.push(`  ${f.padEnd(18)} ${String(bytes.length).padStart(9)} bytes, ${String(gz).padStart(8)} gzip`);
}
console.log(`built ${out}:\n${lines.join("\n")}\n  ${"total".padEnd(18)} ${String(total).padStart(9)} bytes, ${String(totalGz).padStart(8)} gzip`);
