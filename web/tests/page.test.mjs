// The playground in headless Chromium: the real page, served from the built folder, driven
// as a learner would. Run by `cargo xtask test` (after `cargo xtask web build`), or by hand:
//
//   WATLAB_WEB_DIST=path/to/built/page node --test tests/
//
// Chromium is the system's (/usr/bin/chromium, or $CHROMIUM); a missing browser fails the
// run. Screenshots go to $WATLAB_WEB_SHOTS (default test-results/), and the timings measured
// here (first usable editor, first diagnostic, both engines' run times) to timings.json there.
// The set-up they share is harness.mjs; the course pane's tests are course.test.mjs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { env, here, open, setText, shot, tab, text, timings } from "./harness.mjs";

test("the editor is usable and the first diagnostic comes quickly", async () => {
  const { context, server } = env();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(`${server.url}#wat=broken`);
  await page.waitForSelector(".cm-content");
  timings.first_editor_ms = Date.now() - t0;
  await page.waitForSelector("body[data-ready=true]");
  // Type a mistake as soon as the editor exists, and time its underline.
  const t1 = Date.now();
  await setText(page, "(module (func i32.const 1 i32.ad))");
  await page.waitForSelector(".cm-lintRange-error");
  timings.first_diagnostic_after_typing_ms = Date.now() - t1;
  timings.first_diagnostic_from_load_ms = Date.now() - t0;
  await page.close();
});

test("an example loads; a mistake is underlined at its line with the rich message", async () => {
  const page = await open();
  await page.selectOption("#examples", "factorial");
  const example = readFileSync(join(here, "..", "..", "examples", "factorial.wat"), "utf8");
  assert.equal(await text(page), example);
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("OK"));
  await shot(page, "light-example");

  // `i64.mull` on the line of the first i64.mul.
  const broken = example.replace("(i64.mul (local.get $n)", "(i64.mull (local.get $n)");
  const line = broken.slice(0, broken.indexOf("i64.mull")).split("\n").length;
  await setText(page, broken);
  const underlined = page.locator(".cm-lintRange-error");
  await underlined.first().waitFor();
  assert.equal(await underlined.first().textContent(), "i64.mull");
  const status = await page.textContent("#status");
  assert.match(status, new RegExp(`at line ${line}:`), status);
  const rich = await page.textContent("#diagnostic");
  assert.match(rich, /i64\.mul/, rich);
  assert.match(rich, new RegExp(`main\\.wat:${line}:`), rich);
  await shot(page, "light-diagnostic");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("diagnostics underline the right text after characters outside ASCII", async () => {
  const page = await open();
  await setText(page, ';; naïve 😀 comment\n(module (func (export "f") (result i32)\n  i32.const 1 i32.cosnt 2))');
  const underlined = page.locator(".cm-lintRange-error");
  await underlined.first().waitFor();
  assert.equal(await underlined.first().textContent(), "i32.cosnt");
  await page.close();
});

test("an export runs with typed arguments and shows results as the terminal does", async () => {
  const page = await open();
  await page.selectOption("#examples", "factorial");
  await page.waitForFunction(() => document.querySelectorAll("#export option").length === 2);
  await page.selectOption("#export", "fac_iter");
  await page.fill("#args input", "20");
  await page.click("#run");
  await page.waitForFunction(() => document.querySelector("#run-output").textContent.includes(": i64"));
  assert.equal((await page.textContent("#run-output")).trim(), "2432902008176640000 : i64");
  // Ctrl-Enter in the editor runs it again.
  await page.evaluate(() => document.querySelector("#run-output").replaceChildren());
  await page.click(".cm-content");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => document.querySelector("#run-output").textContent.includes(": i64"));

  // Program output, then a trap located in the text.
  await setText(
    page,
    '(module (import "env" "print_i32" (func $p (param i32)))\n  (func (export "go") (param i32)\n    local.get 0 call $p\n    unreachable))',
  );
  await page.waitForFunction(() => document.querySelector("#export").value === "go");
  await page.fill("#args input", "41");
  await page.click("#run");
  await page.waitForSelector("#run-output .error");
  const out = await page.textContent("#run-output");
  assert.match(out, /^41\n/, out);
  assert.match(out, /unreachable/, out);
  assert.match(out, /main\.wat:4:/, out);

  // A bad argument is a diagnostic, not a broken page.
  await page.fill("#args input", "forty");
  await page.click("#run");
  await page.waitForSelector("#run-output .error");
  assert.match(await page.textContent("#run-output"), /argument 1/);
  await shot(page, "light-run");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a start function that prints and then traps shows its output with the trap", async () => {
  const page = await open();
  await setText(
    page,
    '(module (import "env" "print_i32" (func $p (param i32)))\n  (func $init i32.const 5 call $p\n    unreachable)\n  (start $init)\n  (func (export "main")))',
  );
  await page.waitForFunction(() => document.querySelector("#export").value === "main");
  await page.click("#run");
  await page.waitForSelector("#run-output .error");
  const out = await page.textContent("#run-output");
  assert.match(out, /^5\n/, out);
  assert.match(out, /unreachable/, out);
  assert.match(out, /main\.wat:3:/, out);
  assert.match(await page.textContent("#run-status"), /could not start/);
  // The browser's engine shows the same output beside its own message.
  await tab(page, "engine");
  await page.click("#compare");
  await page.waitForFunction(() => /done|as long/.test(document.querySelector("#compare-status").textContent));
  assert.equal(await page.textContent("#cmp-js-output"), "5\n");
  assert.equal(await page.textContent("#cmp-wasmi-output"), "5\n");
  assert.match(await page.textContent("#cmp-js-result"), /unreachable/);
  await page.close();
});

test("Stop ends a runaway loop; the page stays responsive and the next run works", async () => {
  const page = await open();
  await setText(page, '(module\n  (func (export "spin") (loop br 0))\n  (func (export "two") (result i32) i32.const 2))');
  await page.waitForFunction(() => document.querySelectorAll("#export option").length === 2);
  await page.selectOption("#export", "spin");
  await page.click("#run");
  await page.waitForFunction(() => /fuel/.test(document.querySelector("#run-status").textContent));
  // The tab answers while the loop runs: typing reaches the editor and is checked.
  const t0 = Date.now();
  await page.evaluate(() => window.watlab.view.dispatch({ changes: { from: 0, insert: ";; typed\n" } }));
  await page.waitForFunction(() => window.watlab.state.lastCheckedText?.startsWith(";; typed"));
  assert.ok(Date.now() - t0 < 2000, "the check waited for the run");
  await page.click("#stop");
  await page.waitForFunction(() => document.querySelector("#run-status").textContent === "stopped");
  assert.match(await page.textContent("#run-output"), /stopped after/);
  await page.selectOption("#export", "two");
  await page.click("#run");
  await page.waitForFunction(() => document.querySelector("#run-output").textContent.includes("2 : i32"));
  await page.close();
});

test("a runaway loop left alone ends by itself with its location", async () => {
  const page = await open();
  await setText(page, '(module\n  (func (export "spin")\n    (loop br 0)))');
  await page.waitForFunction(() => document.querySelector("#export").value === "spin");
  const t0 = Date.now();
  await page.click("#run");
  await page.waitForSelector("#run-output .error", { timeout: 60_000 });
  timings.runaway_loop_ends_ms = Date.now() - t0;
  const out = await page.textContent("#run-output");
  assert.match(out, /fuel/, out);
  assert.match(out, /main\.wat:3:/, out);
  await page.close();
});

test("three REPL lines share one session; :save downloads", async () => {
  const page = await open();
  await tab(page, "repl");
  const enter = async (line) => {
    const n = await page.locator("#repl-log > div").count();
    await page.fill("#repl-input", line);
    await page.press("#repl-input", "Enter");
    await page.waitForFunction((n) => document.querySelectorAll("#repl-log > div").length > n + 1, n);
  };
  await enter("(func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)");
  await enter("i32.const 12 call $sq");
  await enter("i32.const 1 i64.const 2 i32.add");
  const rows = await page.locator("#repl-log > div").allTextContents();
  assert.match(rows[1], /defined func \$sq/, rows.join("\n"));
  assert.equal(rows[3], "[144 : i32]");
  assert.match(rows[5], /^\[E\d+\] Error: `i32.add` expects/, rows.join("\n"));
  const log = page.locator("#repl-log .error");
  assert.equal(await log.count(), 1);

  // An open paren continues the input instead of sending it.
  await page.fill("#repl-input", "(func $two (result i32)");
  await page.press("#repl-input", "Enter");
  // The page asks the core whether the input is complete, so the newline comes a moment later.
  await page.waitForFunction(() => document.querySelector("#repl-input").value.endsWith("\n"), null, {
    timeout: 10_000,
  });
  assert.equal(await page.inputValue("#repl-input"), "(func $two (result i32)\n");
  await page.fill("#repl-input", "");

  const download = page.waitForEvent("download");
  await enter(":save mine.wat");
  const file = await download;
  assert.equal(file.suggestedFilename(), "mine.wat");
  assert.match(readFileSync(await file.path(), "utf8"), /func \$sq/);

  // :load opens a file chooser; the file's definitions join the session.
  const chooser = page.waitForEvent("filechooser");
  await enter(":load more.wat");
  await (await chooser).setFiles({
    name: "more.wat",
    mimeType: "text/plain",
    buffer: Buffer.from("(func $cube (param i32) (result i32) local.get 0 local.get 0 call $sq i32.mul)"),
  });
  await page.waitForFunction(() => document.querySelector("#repl-log").textContent.includes("$cube"));
  await enter("i32.const 3 call $cube");
  assert.equal((await page.locator("#repl-log > div").allTextContents()).at(-1), "[144 : i32, 27 : i32]");
  await shot(page, "light-repl");
  await page.close();
});

test("Stop in the REPL ends a runaway input and keeps the session's definitions", async () => {
  const page = await open();
  await tab(page, "repl");
  const rows = () => page.locator("#repl-log > div").allTextContents();
  await page.fill("#repl-input", "(func $three (result i32) i32.const 3)");
  await page.press("#repl-input", "Enter");
  await page.waitForFunction(() => document.querySelectorAll("#repl-log > div").length === 2);
  await page.fill("#repl-input", "(loop br 0)");
  await page.press("#repl-input", "Enter");
  await page.waitForFunction(() => !document.querySelector("#repl-stop").disabled);
  await page.click("#repl-stop");
  await page.waitForFunction(() => document.querySelector("#repl-log").textContent.includes("stopped"));
  await page.fill("#repl-input", "call $three");
  await page.press("#repl-input", "Enter");
  await page.waitForFunction(() => document.querySelector("#repl-log").textContent.includes("[3 : i32]"));
  const log = await rows();
  assert.match(log.join("\n"), /stopped; the session's earlier inputs were restored/);
  await page.close();
});

test("Download .wasm gives the assembled module, and nothing while the text does not build", async () => {
  const page = await open();
  await page.selectOption("#examples", "gcd");
  const download = page.waitForEvent("download");
  await page.click("#download");
  const file = await download;
  assert.equal(file.suggestedFilename(), "gcd.wasm");
  const bytes = readFileSync(await file.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  assert.ok(WebAssembly.validate(bytes));
  await setText(page, "(module (func i32.add))");
  await page.click("#download");
  await page.waitForFunction(() => /Nothing to download yet/.test(document.querySelector("#banner").textContent));
  await page.close();
});

test("a share link opens its program; a bad one gives a message and a working page", async () => {
  const page = await open();
  const program = '(module (func (export "seven") (result i32) i32.const 7)) ;; ünïcode';
  await setText(page, program);
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#wat="));
  const fragment = await page.evaluate(() => location.hash);
  await page.close();

  const shared = await open({ fragment });
  assert.equal(await text(shared), program);
  await shared.waitForFunction(() => document.querySelector("#export").value === "seven");
  await shared.close();

  for (const bad of ["#wat=%%%", "#wat=AAAA", "#nothing", `${fragment.slice(0, -6)}`]) {
    const page = await open({ fragment: bad });
    const message = await page.textContent("#banner");
    assert.match(message, /could not be read/, `${bad}: ${message}`);
    assert.ok((await text(page)).includes("(module"), "an example is shown instead");
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test("selecting a byte row highlights its source, and the cursor finds its bytes", async () => {
  const page = await open();
  await page.selectOption("#examples", "factorial");
  await tab(page, "bytes");
  const row = page.locator(".bytes .row.linked", { hasText: "i64.le_u" }).first();
  await row.waitFor();
  await row.click();
  const highlighted = page.locator(".cm-row-source");
  await highlighted.first().waitFor();
  assert.equal(await highlighted.first().textContent(), "i64.le_u");
  assert.equal(await page.locator(".bytes .row.selected").count(), 1);
  await shot(page, "light-bytes");

  // The reverse: the cursor on `i64.sub` selects its row.
  await page.evaluate(() => {
    const { view } = window.watlab;
    view.focus();
    const at = view.state.doc.toString().indexOf("i64.sub") + 2;
    view.dispatch({ selection: { anchor: at } });
  });
  await page.waitForFunction(() => document.querySelector(".bytes .row.selected")?.textContent.includes("i64.sub"));
  await page.close();
});

test("the browser's engine runs the same export beside wasmi, and both are timed", async () => {
  const page = await open();
  await page.selectOption("#examples", "sieve");
  await page.waitForFunction(() => document.querySelector("#export").value === "primes");
  const exportName = "primes";
  await page.fill("#args input", "50");
  await tab(page, "engine");
  await page.click("#compare");
  await page.waitForFunction(() => /×|done|Nothing|cannot/.test(document.querySelector("#compare-status").textContent), null, {
    timeout: 60_000,
  });
  const wasmi = await page.textContent("#cmp-wasmi-result");
  const js = await page.textContent("#cmp-js-result");
  assert.equal(wasmi, js, `${exportName}: ${wasmi} vs ${js}`);
  assert.equal(await page.textContent("#cmp-wasmi-output"), await page.textContent("#cmp-js-output"));
  assert.match(await page.textContent("#engine-js"), /WebAssembly\.instantiate/);
  await shot(page, "light-engine");
  await page.close();
});

test("both engines timed on the benchmark kernels", async () => {
  const page = await open();
  // benches/kernels at the sizes benches/instructions.sh uses (wasmi in the page is slower).
  const kernels = [
    ["fib", ["27"]],
    ["sieve", ["100000", "10"]],
    ["matmul", ["96"]],
  ];
  timings.kernels = {};
  for (const [name, args] of kernels) {
    await tab(page, "run");
    await setText(page, readFileSync(join(here, "..", "..", "benches", "kernels", `${name}.wat`), "utf8"));
    await page.waitForFunction((e) => document.querySelector("#export").value === e, name);
    const fields = page.locator("#args input");
    for (const [i, a] of args.entries()) await fields.nth(i).fill(a);
    await tab(page, "engine");
    await page.click("#compare");
    await page.waitForFunction(() => /as long|failed|stopped/.test(document.querySelector("#compare-status").textContent), null, {
      timeout: 120_000,
    });
    const wasmi = await page.textContent("#cmp-wasmi-time");
    const js = await page.textContent("#cmp-js-time");
    const result = await page.textContent("#cmp-wasmi-result");
    assert.match(result, /: (i32|i64|f64)$/, result);
    assert.equal(result, await page.textContent("#cmp-js-result"));
    timings.kernels[`${name} ${args.join(" ")}`] = { wasmi, browser: js, status: await page.textContent("#compare-status") };
  }
  await page.close();
});

test("a panic in the core discards that instance and starts a fresh one; the text stays", async () => {
  const page = await open();
  await page.selectOption("#examples", "gcd");
  const before = await text(page);
  await page.evaluate(() => window.watlab.ask({ op: "panic" }));
  const message = await page.textContent("#banner");
  assert.match(message, /crashed .*asked for by the page's tests.*fresh one/s, message);
  assert.equal(await text(page), before);
  // The fresh instance checks again.
  await setText(page, `${before}\n(oops)`);
  await page.locator(".cm-lintRange-error").first().waitFor();
  await page.close();
});

test("hovering an instruction shows its explanation; a comment or a $name shows none", async () => {
  const page = await open();
  await page.selectOption("#examples", "factorial");
  // The pointer on the third character of `needle` (the first time it occurs).
  const pointAt = async (needle) => {
    const { x, y } = await page.evaluate((n) => {
      const { view } = window.watlab;
      const c = view.coordsAtPos(view.state.doc.toString().indexOf(n) + 3);
      return { x: c.left + 2, y: (c.top + c.bottom) / 2 };
    }, needle);
    await page.mouse.move(x, y);
  };
  await pointAt("(i64.mul (local.get $n)");
  const tip = page.locator(".cm-explain-tooltip");
  await tip.waitFor();
  const shown = await tip.textContent();
  assert.match(shown, /^i64\.mul  \[i64 i64\] -> \[i64\]/, shown);
  await shot(page, "light-hover");
  // Away from it, the tooltip goes; over a $name none comes.
  await page.mouse.move(5, 5);
  await tip.waitFor({ state: "detached" });
  await pointAt("$fac_rec");
  await page.waitForTimeout(800);
  assert.equal(await tip.count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the page looks finished: dark theme, narrow and wide windows", async () => {
  const page = await open({ query: "?theme=dark" });
  await page.selectOption("#examples", "fizzbuzz");
  await page.waitForFunction(() => document.querySelector("#export").value === "main");
  await page.click("#run");
  await page.waitForFunction(() => !document.querySelector("#run").disabled && document.querySelector("#run-output").textContent);
  await shot(page, "dark-run");
  await setText(page, (await text(page)).replace("(i32.rem_u", "(i32.rem"));
  await page.locator(".cm-lintRange-error").first().waitFor();
  await shot(page, "dark-diagnostic");
  await tab(page, "explain");
  await page.evaluate(() => {
    const { view } = window.watlab;
    const at = view.state.doc.toString().indexOf("br_if") + 1;
    view.dispatch({ selection: { anchor: at } });
  });
  await page.waitForFunction(() => document.querySelector("#explain").textContent.includes("br_if"));
  await shot(page, "dark-explain");
  await page.setViewportSize({ width: 760, height: 1000 });
  await shot(page, "dark-narrow");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.selectOption("#examples", "fizzbuzz");
  await tab(page, "bytes");
  await page.locator(".bytes .row").first().waitFor();
  await shot(page, "dark-wide-bytes");
  assert.deepEqual(page.errors, []);
  await page.close();
});
