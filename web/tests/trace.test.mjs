// The Trace pane in headless Chromium: a trace of an example, a click on a line selecting its
// instruction in the editor, Step and Back changing the stack and locals shown, Continue to the
// cursor's line, and a runaway loop under trace ending at the line limit with the tab
// responsive.

import { test } from "node:test";
import assert from "node:assert/strict";

import { open, setText, shot, tab, text, timings, timingsIn } from "./harness.mjs";

timingsIn("timings-trace.json");

const selected = (page) =>
  page.evaluate(() => {
    const { view } = window.watlab;
    const { from, to } = view.state.selection.main;
    return view.state.doc.sliceString(from, to);
  });

async function traceExport(page, name, args) {
  await page.waitForFunction((e) => [...document.querySelectorAll("#export option")].some((o) => o.value === e), name);
  await page.selectOption("#export", name);
  const fields = page.locator("#args input");
  for (const [i, a] of args.entries()) await fields.nth(i).fill(a);
  await tab(page, "trace");
  await page.click("#trace-run");
  await page.waitForFunction(() => !document.querySelector("#trace-run").disabled && document.querySelector("#trace-lines .row"));
}

test("a trace of an example: click a line to see its instruction; step forward and back", async () => {
  const page = await open();
  await page.selectOption("#examples", "factorial");
  const t0 = Date.now();
  await traceExport(page, "fac_iter", ["4"]);
  timings.trace_fac_iter_4_ms = Date.now() - t0;
  const closing = await page.textContent("#trace-lines .row.closing");
  assert.match(closing, /^-- \d+ instructions ran$/, closing);
  assert.equal(await page.textContent("#trace-lines .row.result"), "24 : i64");
  // The first line is current: its instruction is selected in the editor.
  assert.match(await page.textContent("#trace-status"), /^line 1 of \d+, at line 17 of the text — fac_iter returned$/);
  assert.equal(await selected(page), "i64.const");

  // A click on the first i64.mul line selects that i64.mul in the editor and shows its state.
  const mul = page.locator("#trace-lines .row.linked", { hasText: "i64.mul" }).first();
  await mul.click();
  assert.equal(await selected(page), "i64.mul");
  assert.equal(await page.locator(".cm-trace-current").first().textContent(), "i64.mul");
  const source = await text(page);
  const at = await page.evaluate(() => window.watlab.view.state.selection.main.from);
  assert.equal(source.slice(at, at + 7), "i64.mul");
  assert.equal(source.slice(0, at).split("\n").length, 22);
  assert.equal(await page.textContent("#trace-calls"), 'func 1 (export "fac_iter")');
  assert.equal(await page.textContent("#trace-stack"), "[4 : i64]");
  assert.equal(await page.textContent("#trace-locals"), "$n = 4 : i64, $acc = 1 : i64");
  await shot(page, "light-trace");

  // Step: local.set $acc pops the product into $acc. Back: the stack is the product again.
  await page.click("#trace-step");
  assert.match(await page.textContent("#trace-lines .row.current"), /local\.set \$acc/);
  assert.equal(await page.textContent("#trace-stack"), "[]");
  assert.equal(await page.textContent("#trace-locals"), "$n = 4 : i64, $acc = 4 : i64");
  assert.equal(await selected(page), "local.set");
  await page.click("#trace-back");
  assert.equal(await page.textContent("#trace-stack"), "[4 : i64]");
  assert.equal(await selected(page), "i64.mul");
  // Keys in the list step too.
  await page.focus("#trace-lines");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.textContent("#trace-locals"), "$n = 4 : i64, $acc = 4 : i64");
  await page.keyboard.press("ArrowUp");

  // Continue runs on to the next time the cursor's line runs: with the cursor on the line of
  // the count-down (line 23), its first instruction in this iteration.
  await page.evaluate(() => {
    const { view } = window.watlab;
    view.dispatch({ selection: { anchor: view.state.doc.line(23).from + 8 } });
  });
  await page.click("#trace-continue");
  assert.match(await page.textContent("#trace-lines .row.current"), /^23:\d+ +local\.get \$n/);
  assert.equal(await page.textContent("#trace-locals"), "$n = 4 : i64, $acc = 4 : i64");
  // The line has four instructions; the fourth Continue from here is the next iteration's first.
  for (let i = 0; i < 4; i++) await page.click("#trace-continue");
  assert.match(await page.textContent("#trace-lines .row.current"), /^23:\d+ +local\.get \$n/);
  assert.equal(await page.textContent("#trace-locals"), "$n = 3 : i64, $acc = 12 : i64");

  // An edit makes the trace stale: the controls wait for a fresh trace.
  await setText(page, `${source}\n;; edited`);
  await page.waitForFunction(() => /text changed/.test(document.querySelector("#trace-status").textContent));
  assert.ok(await page.isDisabled("#trace-step"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a recursive trace shows the calls; a runaway loop under trace stops at the line limit", async () => {
  const page = await open({ query: "?theme=dark" });
  await page.selectOption("#examples", "factorial");
  await traceExport(page, "fac_rec", ["3"]);
  const deep = page.locator("#trace-lines .row.linked", { hasText: "i64.const 1" }).last();
  await deep.click();
  assert.equal(await page.textContent("#trace-calls"), "$fac_rec → $fac_rec → $fac_rec");
  assert.equal(await page.textContent("#trace-locals"), "$n = 1 : i64");
  assert.equal(await page.textContent("#trace-call"), "Traces fac_rec(3), the Run tab's export and arguments.");
  await shot(page, "dark-trace");
  await page.setViewportSize({ width: 760, height: 1000 });
  await shot(page, "dark-trace-narrow");
  await page.setViewportSize({ width: 1280, height: 800 });

  await tab(page, "run");
  await setText(page, '(module (import "env" "print_i32" (func $p (param i32)))\n  (func (export "spin") (loop i32.const 7 call $p br 0)))');
  const t0 = Date.now();
  // From the Run tab: Trace it opens the Trace tab and traces the same call.
  await page.waitForFunction(() => document.querySelector("#export").value === "spin");
  await page.click("#run-trace");
  await page.waitForFunction(() => /stopped at the line limit/.test(document.querySelector("#trace-status").textContent));
  timings.runaway_loop_trace_to_limit_ms = Date.now() - t0;
  assert.ok(Date.now() - t0 < 20_000, "the trace of a runaway loop took too long");
  assert.match(await page.textContent("#trace-status"), /stopped at the line limit/);
  assert.match(await page.textContent("#trace-lines .row.closing"), /^-- stopped after 2,000 lines, the limit/);
  assert.ok((await page.locator("#trace-lines .row.output").count()) > 100, "the program's output is among the lines");
  // A smaller limit, asked for: the trace stops there; a nonsense one is read as the largest.
  await page.fill("#trace-limit", "30");
  await page.click("#trace-run");
  await page.waitForFunction(() => /stopped after 30 lines/.test(document.querySelector("#trace-lines .row.closing")?.textContent));
  assert.equal(await page.locator("#trace-lines .row.linked").count(), 30);
  await page.fill("#trace-limit", "999999");
  await page.click("#trace-run");
  await page.waitForFunction(() => /stopped after 20,000 lines/.test(document.querySelector("#trace-lines .row.closing")?.textContent), null, { timeout: 60_000 });
  assert.equal(await page.inputValue("#trace-limit"), "20000");
  assert.equal(await selected(page), "loop");
  // The page answers: a check of new text still comes.
  await setText(page, "(module (func i32.ad))");
  await page.locator(".cm-lintRange-error").first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});
