// What the browser tests share: the built page served on 127.0.0.1, one headless Chromium
// (the system's: /usr/bin/chromium, or $CHROMIUM; a missing browser fails the run) with a
// profile of its own per test file, and helpers to drive the page as a learner would.
// Screenshots go to $WATLAB_WEB_SHOTS (default test-results/); the timings a file measures go
// to timings.json there (timings-course.json, timings-trace.json for those files).

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serve } from "../serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.WATLAB_WEB_DIST ?? join(here, "..", "dist");
const shots = process.env.WATLAB_WEB_SHOTS ?? join(here, "..", "test-results");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** Figures measured by the tests, written to timings.json (or the file named by
 * `timingsIn`) when a file recorded any. */
export const timings = {};
let timingsFile = "timings.json";
/** Where this test file's timings go. */
export const timingsIn = (name) => (timingsFile = name);
export { here };

let server;
let context;
let profile;

before(async () => {
  assert.ok(existsSync(join(dist, "watlab.wasm")), `no built page in ${dist}: run \`cargo xtask web build\` first`);
  assert.ok(existsSync(browserPath), `no Chromium at ${browserPath}: install it (apt-get install chromium) or set CHROMIUM`);
  mkdirSync(shots, { recursive: true });
  server = await serve(dist);
  profile = mkdtempSync(join(tmpdir(), "watlab-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  if (Object.keys(timings).length) writeFileSync(join(shots, timingsFile), `${JSON.stringify(timings, null, 2)}\n`);
});

/** A fresh tab on the page (with `fragment`, `query`), ready when the core has checked once. */
export async function open({ fragment = "", query = "" } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  page.errors = errors;
  await page.goto(`${server.url}${query}${fragment}`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => window.watlab.state.lastCheckedText !== null);
  return page;
}

export const text = (page) => page.evaluate(() => window.watlab.view.state.doc.toString());

export async function setText(page, value) {
  await page.evaluate((v) => {
    const { view } = window.watlab;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: v } });
  }, value);
}

export async function tab(page, name) {
  await page.click(`.tabs [data-tab=${name}]`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}


/** The page's server (its `url`) and the browser's context, once `before` has run. */
export const env = () => ({ server, context });
