// The Course pane in headless Chromium: a lesson's check failing, then passing with the
// solution; hints, Reset and its Restore, Next; progress in the browser's storage surviving a
// reload, a corrupt stored value, and export and import of progress as a file. This file has
// a browser profile (and so a storage) of its own; the tests run in order and share it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { here, open, setText, shot, tab, text, timings, timingsIn } from "./harness.mjs";

timingsIn("timings-course.json");

const lessonFile = (dir, file) => readFileSync(join(here, "..", "..", "lessons", dir, file), "utf8");
const headline = (page) => page.textContent("#lesson-headline");

async function check(page, timing) {
  const t0 = Date.now();
  await page.click("#lesson-check");
  await page.waitForFunction(() => /^(PASSED|NOT YET)/.test(document.querySelector("#lesson-headline").textContent));
  if (timing) timings[timing] = Date.now() - t0;
}

test("a lesson check fails and then passes", async () => {
  const page = await open();
  await tab(page, "course");
  await page.waitForFunction(() => document.querySelectorAll("#lesson option").length > 30);
  await page.selectOption("#lesson", "stack-machine");
  const starter = lessonFile("01-stack-machine", "exercise.wat");
  await page.waitForFunction((s) => window.watlab.view.state.doc.toString() === s, starter);
  assert.match(await page.textContent("#lesson-text h2"), /Numbers on a stack/);
  assert.ok(await page.locator("#lesson-text table, #lesson-text pre code").count(), "the text's code blocks are drawn");

  // The starter fails its check: the assertion with expected and actual values, as in the terminal.
  await check(page, "lesson_check_failing_ms");
  assert.equal(await headline(page), "NOT YET stack-machine: 0 of 1 checks passed");
  const failed = await page.textContent("#lesson-diagnostic");
  assert.match(failed, /checks\.wast/, failed);
  assert.match(failed, /42 : i32/, failed);
  assert.match(failed, /0 : i32/, failed);
  assert.match(failed, /Stuck\? Hint gives a hint \(0 of 3 seen\)/, failed);
  await shot(page, "light-course-failed");

  // A trap is located in the learner's text and underlined in the editor.
  await setText(page, '(module\n  (func (export "answer") (result i32)\n    unreachable))\n');
  await check(page);
  await page.waitForSelector(".cm-lintRange-error");
  assert.equal(await page.locator(".cm-lintRange-error").first().textContent(), "unreachable");
  // The live check of the same text, coming later, keeps the check's underline.
  await page.waitForTimeout(600);
  assert.equal(await page.locator(".cm-lintRange-error").first().textContent(), "unreachable");
  assert.match(await page.textContent("#lesson-diagnostic"), /exercise\.wat:3:/);

  // A check that loops forever can be stopped, and the next check works.
  await setText(page, '(module\n  (func (export "answer") (result i32)\n    (loop br 0) i32.const 0))\n');
  await page.click("#lesson-check");
  await page.waitForFunction(() => !document.querySelector("#lesson-stop").disabled);
  await page.click("#lesson-stop");
  await page.waitForFunction(() => document.querySelector("#lesson-headline").textContent === "stopped");
  assert.ok(await page.isEnabled("#lesson-check"));

  // Hints, one at a time.
  await page.click("#lesson-hint");
  await page.click("#lesson-hint");
  assert.equal(await page.locator("#lesson-hints li").count(), 2);
  assert.match(await page.textContent("#lesson-hint"), /2 of 3/);

  // After the last hint, the learner's run beside the solution's: where their values part.
  await page.click("#lesson-hint");
  assert.equal(await page.textContent("#lesson-hint"), "Compare");
  assert.match(await page.textContent("#lesson-note"), /^That was the last hint\. Compare runs your module beside the solution/);
  const wrong = '(module\n  (func (export "answer") (result i32)\n    i32.const 4\n    i32.const 3\n    i32.add\n    i32.const 5\n    i32.mul))\n';
  await setText(page, wrong);
  await page.click("#lesson-hint");
  await page.waitForSelector("#lesson-note .lesson-compare");
  const compared = await page.textContent("#lesson-note .lesson-compare");
  assert.match(compared, /^Your code and the reference solution, both run on \(invoke "answer"\)/, compared);
  assert.match(compared, /yours: +`i32\.const 5` at 01-stack-machine\/exercise\.wat:6:5 pushed 5 : i32/, compared);
  const selected = await page.evaluate(() => {
    const { from, to } = window.watlab.view.state.selection.main;
    return [window.watlab.view.state.sliceDoc(from, to), window.watlab.view.state.doc.lineAt(from).number];
  });
  assert.deepEqual(selected, ["i32.const", 6], "the differing instruction is selected in the editor");
  await shot(page, "light-course-compare");

  // The solution passes; Next becomes possible and the picker marks the lesson.
  // Ctrl-Enter in the editor checks too.
  const solution = lessonFile("01-stack-machine", "solution.wat");
  await setText(page, solution);
  const t0 = Date.now();
  await page.click(".cm-content");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => /^PASSED/.test(document.querySelector("#lesson-headline").textContent));
  timings.lesson_check_passing_ms = Date.now() - t0;
  assert.equal(await text(page), solution, "Ctrl-Enter inserted nothing");
  assert.match(await headline(page), /^PASSED stack-machine: 1 check passed/);
  assert.equal(await page.locator("#lesson-result.passed").count(), 1);
  assert.ok(await page.isEnabled("#lesson-next"));
  assert.match(await page.textContent("#lesson option[value=stack-machine]"), /^✓ 1\./);
  assert.match(await page.textContent("#course-progress"), /^1 of \d+ passed$/);
  await shot(page, "light-course-passed");

  // The solution, after a confirmation; the learner's text is kept and comes back.
  await setText(page, `${starter};; mine\n`);
  page.once("dialog", (d) => d.accept());
  await page.click("#lesson-solution");
  await page.waitForFunction((s) => window.watlab.view.state.doc.toString() === s, solution);
  await page.click("#lesson-restore");
  assert.equal(await text(page), `${starter};; mine\n`);
  await setText(page, solution);

  // Reset puts the starter back; Restore brings the learner's text back.
  await page.click("#lesson-reset");
  assert.equal(await text(page), starter);
  await page.click("#lesson-restore");
  assert.equal(await text(page), solution);

  // A runnable example of the text types itself into the REPL, input by input.
  await page.locator("#lesson-text .md-try").first().click();
  await page.waitForFunction(() => document.querySelector("#repl-log").textContent.includes("[5 : i32]"));
  const repl = await page.locator("#repl-log > div").allTextContents();
  assert.deepEqual(repl.slice(0, 6), ["i32.const 2", "[2 : i32]", "i32.const 3", "[2 : i32, 3 : i32]", "i32.add", "[5 : i32]"]);
  await tab(page, "course");

  // Next opens lesson 2 with its starter.
  await page.click("#lesson-next");
  const second = lessonFile("02-operand-order", "exercise.wat");
  await page.waitForFunction((s) => window.watlab.view.state.doc.toString() === s, second);
  assert.equal(await page.inputValue("#lesson"), "operand-order");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("progress survives a reload", async () => {
  const page = await open();
  // The learner left in lesson 2: the page comes back to it, with the Course tab open.
  await page.waitForFunction(() => document.querySelector("#lesson").value === "operand-order");
  assert.equal(await page.getAttribute(".tabs [data-tab=course]", "aria-selected"), "true");
  const mine = `${await text(page)}\n;; my work in progress\n`;
  // Reloaded at once: the edit is saved as the page is left, not only after a pause.
  await setText(page, mine);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction((m) => window.watlab.view.state.doc.toString() === m, mine);
  assert.match(await page.textContent("#lesson option[value=stack-machine]"), /^✓/);
  assert.match(await page.textContent("#lesson option[value=operand-order]"), /^◐/);
  // Lesson 1 remembers its hints (all three) and its passing text.
  await page.selectOption("#lesson", "stack-machine");
  await page.waitForFunction(() => document.querySelectorAll("#lesson-hints li").length === 3);
  assert.equal(await text(page), lessonFile("01-stack-machine", "solution.wat"));

  // An example takes the editor over; the lesson's text (edited just before) is kept and comes back.
  const edited = `${lessonFile("01-stack-machine", "solution.wat")};; one more line\n`;
  await setText(page, edited);
  await page.selectOption("#examples", "gcd");
  await page.waitForSelector("#course-detached:not([hidden])");
  assert.ok(await page.isDisabled("#lesson-check"));
  await page.click("#lesson-resume");
  assert.equal(await text(page), edited);
  await setText(page, lessonFile("01-stack-machine", "solution.wat"));

  // Export, then import: a bad file is refused with a message, the exported one restores.
  const download = page.waitForEvent("download");
  await page.click("#progress-export");
  const file = await download;
  assert.equal(file.suggestedFilename(), "watlab-progress.json");
  const exported = readFileSync(await file.path(), "utf8");
  assert.equal(JSON.parse(exported).lessons["stack-machine"].passed, true);
  const importFile = async (name, body) => {
    const chooser = page.waitForEvent("filechooser");
    await page.click("#progress-import");
    await (await chooser).setFiles({ name, mimeType: "application/json", buffer: Buffer.from(body) });
  };
  await importFile("notes.json", "{ this is not json");
  await page.waitForFunction(() => /notes\.json is not a watlab progress file \(it is not JSON/.test(document.querySelector("#banner").textContent));
  await importFile("other.json", '{"format": "something-else"}');
  await page.waitForFunction(() => /other\.json is not a watlab progress file/.test(document.querySelector("#banner").textContent));
  assert.match(await page.textContent("#lesson option[value=stack-machine]"), /^✓/, "a refused file changes nothing");

  // A corrupt stored value: reported, kept aside, rebuilt; the page works. (Corrupted from a
  // document of the same origin that is not the page, which would save over it as it is left.)
  const pageUrl = page.url();
  await page.goto(new URL("style.css", pageUrl).href);
  await page.evaluate(() => localStorage.setItem("watlab-course", "{half a value"));
  await page.goto(pageUrl);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => /progress could not be read/.test(document.querySelector("#banner").textContent));
  assert.equal(await page.evaluate(() => localStorage.getItem("watlab-course-unreadable")), "{half a value");
  await tab(page, "course");
  assert.match(await page.textContent("#lesson option[value=stack-machine]"), /^○/);
  // The import restores the marks and opens the file's current lesson with its text; the text
  // this browser had for a lesson the file also has is kept among that lesson's earlier texts.
  await page.selectOption("#lesson", "operand-order");
  const starter2 = lessonFile("02-operand-order", "exercise.wat");
  await page.waitForFunction((m) => window.watlab.view.state.doc.toString() === m, starter2);
  await setText(page, ";; typed after the value was lost\n");
  await page.waitForFunction(() => localStorage.getItem("watlab-course").includes("typed after"));
  await importFile("watlab-progress.json", exported);
  await page.waitForFunction(() => /^✓/.test(document.querySelector("#lesson option[value=stack-machine]").textContent));
  assert.match(await page.textContent("#banner"), /Progress imported from watlab-progress\.json/);
  assert.equal(await page.inputValue("#lesson"), "stack-machine");
  assert.equal(await text(page), lessonFile("01-stack-machine", "solution.wat"));
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("watlab-course")).lessons["operand-order"].kept);
  assert.equal(kept.at(-1).text, ";; typed after the value was lost\n");
  await page.selectOption("#lesson", "operand-order");
  await page.waitForFunction((m) => window.watlab.view.state.doc.toString() === m, mine);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the course pane looks finished: dark, narrow and wide", async () => {
  const page = await open({ query: "?theme=dark" });
  await tab(page, "course");
  await page.selectOption("#lesson", "locals");
  await page.waitForFunction(() => /^Locals/.test(document.querySelector("#lesson-text h2")?.textContent));
  await check(page);
  // The problems panel has checked the lesson's text too (it follows the editor 250 ms behind).
  await page.waitForFunction(() => window.watlab.state.lastCheckedText === window.watlab.view.state.doc.toString());
  await shot(page, "dark-course");
  await page.setViewportSize({ width: 760, height: 1100 });
  await shot(page, "dark-course-narrow");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.click("#lesson-hint");
  await shot(page, "dark-course-wide");
  assert.deepEqual(page.errors, []);
  await page.close();
});
