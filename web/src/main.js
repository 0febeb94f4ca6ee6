// The playground page: the editor with live diagnostics, and the Course, Run, REPL, Trace,
// Bytes, Browser engine and Explain panes. Every WebAssembly question goes to the core in a Worker (see
// workers.js); this file draws answers and keeps the editor's text safe.

import { EditorView, basicSetup } from "codemirror";
import { Compartment, EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, hoverTooltip, keymap, tooltips } from "@codemirror/view";
import { wast } from "@codemirror/lang-wast";
import { linter, lintGutter, forceLinting, setDiagnostics } from "@codemirror/lint";
import { oneDark } from "@codemirror/theme-one-dark";

import examples from "virtual:examples";
import { CoreWorker, Crashed, Stopped } from "./workers.js";
import { decodeShare, encodeShare } from "./share.js";
import { setupCourse } from "./course.js";
import { setupTrace } from "./trace.js";

const $ = (id) => document.getElementById(id);
/** The Course and Trace panes (course.js, trace.js), set up once the editor exists. */
let course = null;
let tracePane = null;

const state = {
  exports: [],
  diagnostics: [],
  /** The REPL's requests that changed its session, replayed into a fresh Worker. */
  replHistory: [],
  lastCheckedText: null,
  rows: [],
  bytesFor: null,
};

// ---- Banner: messages that are not about the program (a bad link, a crash) ----

function banner(text, kind = "error") {
  const b = $("banner");
  b.textContent = text;
  b.className = `banner ${kind}`;
  b.hidden = !text;
}

// ---- The two core Workers ----

const checker = new CoreWorker("checker", {
  onRestart: async () => banner("The core crashed while checking and was restarted; your text is unchanged."),
});
const runner = new CoreWorker("runner", {
  // A stopped or crashed REPL comes back with its inputs replayed, so its definitions survive.
  onRestart: async (send) => {
    for (const request of state.replHistory) await send(request);
  },
});

/** Asks the checker, turning a crash into a message. */
async function ask(request) {
  try {
    return await checker.request(request);
  } catch (e) {
    if (e instanceof Crashed) {
      banner(`The core crashed (${e.message}). That instance was discarded and a fresh one started; your text is unchanged.`);
      return null;
    }
    throw e;
  }
}

// ---- The editor ----

const theme = new Compartment();
const setRowSource = StateEffect.define();
const rowSource = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setRowSource)) {
        const { from, to } = e.value ?? {};
        deco = e.value && to > from ? Decoration.set([Decoration.mark({ class: "cm-row-source" }).range(from, to)]) : Decoration.none;
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The instruction of the Trace pane's current line. */
const setTraceMark = StateEffect.define();
const traceMark = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setTraceMark)) {
        const { from, to } = e.value ?? {};
        deco = e.value && to > from ? Decoration.set([Decoration.mark({ class: "cm-trace-current" }).range(from, to)]) : Decoration.none;
      }
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Core labels (UTF-16 offsets of the text that was checked) as CodeMirror diagnostics. */
function lintFromCore(answer, doc) {
  const out = [];
  for (const d of answer.diagnostics ?? []) {
    const labels = d.labels.length ? d.labels : [];
    for (const l of labels) {
      let from = Math.min(l.from, doc.length);
      let to = Math.min(Math.max(l.to, from), doc.length);
      if (to === from) {
        if (to < doc.length) to += 1;
        else if (from > 0) from -= 1;
      }
      const message = l.primary ? `${d.message}${l.message ? ` — ${l.message}` : ""}` : l.message || d.message;
      out.push({ from, to, severity: l.primary ? d.severity : "info", source: d.code, message });
    }
  }
  return out;
}

/** Diagnostics from elsewhere for one text (a lesson's Check): kept among the live ones while
 * the editor holds that text, so a check of the text that lands later does not drop them. */
const extraLint = { text: null, answer: null };

function setExtraLint(text, answer) {
  extraLint.text = text;
  extraLint.answer = answer;
  if (view.state.doc.toString() !== text) return;
  const live = state.lastCheckedText === text ? { diagnostics: state.diagnostics } : { diagnostics: [] };
  view.dispatch(setDiagnostics(view.state, [...lintFromCore(live, view.state.doc), ...lintFromCore(answer, view.state.doc)]));
}

const coreLinter = linter(
  async (view) => {
    const text = view.state.doc.toString();
    const answer = await ask({ op: "check", text });
    if (!answer || view.state.doc.toString() !== text) return [];
    showCheck(text, answer);
    const extra = extraLint.text === text ? lintFromCore(extraLint.answer, view.state.doc) : [];
    return [...lintFromCore(answer, view.state.doc), ...extra];
  },
  { delay: 250 },
);

// ---- Explain on hover: the core's explanation of the instruction under the pointer ----

/** Answers of `explain` by word (null: nothing to say), asked once per word. */
const explained = new Map();

/** The word at `pos` in `state` and where it starts and ends (instruction names hold dots). */
function wordRange(state, pos) {
  const line = state.doc.lineAt(pos);
  const text = line.text;
  const isWord = (c) => /[A-Za-z0-9_.$]/.test(c);
  let s = pos - line.from;
  let e = s;
  while (s > 0 && isWord(text[s - 1])) s--;
  while (e < text.length && isWord(text[e])) e++;
  // Not in a comment, a string, a $name or a number.
  const before = text.slice(0, s);
  const inString = (before.match(/"/g) ?? []).length % 2 === 1;
  const word = text.slice(s, e);
  if (!word || before.includes(";;") || inString || /^[$\d+-]/.test(word)) return null;
  return { from: line.from + s, to: line.from + e, word };
}

const explainHover = hoverTooltip(
  async (_view, pos) => {
    const range = wordRange(_view.state, pos);
    if (!range) return null;
    if (!explained.has(range.word)) {
      const answer = await ask({ op: "explain", word: range.word });
      if (!answer) return null;
      explained.set(range.word, answer.text ?? null);
    }
    const text = explained.get(range.word);
    if (!text) return null;
    return {
      pos: range.from,
      end: range.to,
      above: true,
      create() {
        const dom = document.createElement("pre");
        dom.className = "cm-explain-tooltip";
        dom.textContent = text.replace(/\n+$/, "");
        return { dom };
      },
    };
  },
  { hoverTime: 350 },
);

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      basicSetup,
      wast(),
      coreLinter,
      lintGutter(),
      rowSource,
      traceMark,
      explainHover,
      // Ctrl-Enter (Cmd-Enter): Check while a lesson holds the editor, else Run.
      Prec.highest(
        keymap.of([
          {
            key: "Mod-Enter",
            run: () => {
              if (course?.attached) course.check();
              else runExport();
              return true;
            },
          },
        ]),
      ),
      // Tooltips live on the page's body: the editor's frame clips what overflows it.
      tooltips({ parent: document.body }),
      theme.of([]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          state.bytesFor = null;
          course?.onDocChanged();
          tracePane?.onDocChanged();
          scheduleShareUpdate();
          if (currentTab() === "bytes") scheduleBytes();
        }
        if (u.selectionSet || u.docChanged) onCursor();
      }),
    ],
  }),
});

function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// ---- Problems panel and exports ----

function showCheck(text, answer) {
  state.lastCheckedText = text;
  state.diagnostics = answer.diagnostics;
  const status = $("status");
  if (answer.diagnostics.length) {
    const d = answer.diagnostics[0];
    const where = d.labels[0] ? ` at line ${d.labels[0].line}` : "";
    status.textContent = `error[${d.code}]${where}: ${d.message}`;
    status.className = "status error";
    $("diagnostic").textContent = d.rendered;
  } else {
    status.textContent = `OK: ${answer.summary}`;
    status.className = "status ok";
    $("diagnostic").textContent = "";
    setExports(answer.exports);
  }
}

function setExports(exports) {
  const select = $("export");
  const previous = select.value;
  const same = JSON.stringify(exports) === JSON.stringify(state.exports);
  state.exports = exports;
  if (same) return;
  select.replaceChildren(
    ...exports.map((e) => new Option(e.name, e.name)),
  );
  if (!exports.length) select.append(new Option("(no exported functions)", ""));
  const keep = exports.find((e) => e.name === previous) ?? exports.find((e) => ["main", "_start"].includes(e.name));
  if (keep) select.value = keep.name;
  showArgs();
}

function currentExport() {
  return state.exports.find((e) => e.name === $("export").value);
}

function showArgs() {
  const e = currentExport();
  const box = $("args");
  const old = new Map([...box.querySelectorAll("input")].map((i) => [i.dataset.key, i.value]));
  box.replaceChildren();
  $("signature").textContent = e ? `[${e.params.join(" ")}] -> [${e.results.join(" ")}]` : "";
  if (!e) return;
  if (!e.params.length) {
    const none = document.createElement("span");
    none.className = "none";
    none.textContent = "no arguments";
    box.append(none);
  }
  e.params.forEach((type, i) => {
    const label = document.createElement("label");
    label.textContent = `${i + 1}: ${type}`;
    const input = document.createElement("input");
    input.dataset.key = `${e.name}/${i}`;
    input.value = old.get(input.dataset.key) ?? "0";
    input.spellcheck = false;
    input.setAttribute("aria-label", `argument ${i + 1} (${type})`);
    input.addEventListener("keydown", (ev) => ev.key === "Enter" && runExport());
    label.append(input);
    box.append(label);
  });
}

$("export").addEventListener("change", showArgs);

function argValues() {
  return [...$("args").querySelectorAll("input")].map((i) => i.value.trim());
}

// ---- Run ----

function appendTo(pre, text, cls) {
  const span = document.createElement("span");
  if (cls) span.className = cls;
  span.textContent = text;
  pre.append(span);
  pre.scrollTop = pre.scrollHeight;
}

let running = false;

/** Checks the editor's text now unless the last check saw it, so the exports are current. */
async function checkNow() {
  const text = view.state.doc.toString();
  if (state.lastCheckedText === text) return;
  const answer = await ask({ op: "check", text });
  if (answer && view.state.doc.toString() === text) showCheck(text, answer);
}

// One run at a time in the runner: Run and the engine comparison share it.
async function runExport() {
  if (running || comparing || tracePane?.busy) return;
  await checkNow();
  const e = currentExport();
  const out = $("run-output");
  out.replaceChildren();
  if (!e) {
    appendTo(out, "Nothing to run: export a function, e.g. (func (export \"main\") ...).", "note");
    return;
  }
  running = true;
  $("run").disabled = true;
  $("stop").disabled = false;
  $("run-status").textContent = `running ${e.name}…`;
  const request = { op: "run", text: view.state.doc.toString(), export: e.name, args: argValues() };
  let fuel = 0;
  try {
    const answer = await runner.request(request, (p) => {
      if (p.output) appendTo(out, p.output);
      fuel = p.fuel_used;
      $("run-status").textContent = `running ${e.name}… ${formatFuel(fuel)} fuel`;
    });
    if (answer.output) appendTo(out, answer.output);
    if (answer.state === "finished") {
      if (out.textContent && !out.textContent.endsWith("\n")) appendTo(out, "\n");
      appendTo(out, answer.results.map((r) => `${r}\n`).join(""), "result");
      // The fuel count is known from the slices that paused; a call that ended within its first
      // slice reports none.
      const fuelNote = answer.fuel_used ? `, more than ${formatFuel(answer.fuel_used)} fuel` : "";
      $("run-status").textContent = `${e.name} returned in ${formatMillis(answer.millis)}${fuelNote}`;
    } else {
      if (out.textContent && !out.textContent.endsWith("\n")) appendTo(out, "\n");
      for (const d of answer.diagnostics ?? []) appendTo(out, d.rendered, "error");
      $("run-status").textContent = answer.state === "trapped" ? `${e.name} trapped` : `${e.name} could not start`;
    }
  } catch (err) {
    if (err instanceof Stopped) {
      appendTo(out, `\n${e.name} stopped after ${formatFuel(fuel)} fuel. The REPL's session was restored.\n`, "note");
      $("run-status").textContent = "stopped";
    } else if (err instanceof Crashed) {
      appendTo(out, `\nThe core crashed (${err.message}). That instance was discarded and a fresh one started; your text is unchanged.\n`, "error");
      $("run-status").textContent = "the core crashed";
    } else {
      throw err;
    }
  } finally {
    running = false;
    $("run").disabled = false;
    $("stop").disabled = true;
  }
}

function formatFuel(n) {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n ?? 0);
}

function formatMillis(ms) {
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

$("run").addEventListener("click", runExport);
$("run-trace").addEventListener("click", () => {
  showTab("trace");
  tracePane.run();
});
$("stop").addEventListener("click", () => runner.stop());

// ---- REPL ----

const replLog = $("repl-log");
const replInput = $("repl-input");
let replBusy = false;

function replRow(text, kind) {
  const div = document.createElement("div");
  div.className = kind;
  div.textContent = text;
  replLog.append(div);
  replLog.scrollTop = replLog.scrollHeight;
}

async function replShow(events) {
  for (const ev of events) {
    if (ev.kind === "save") {
      download(baseName(ev.path), new Blob([ev.text], { type: "text/plain" }));
      replRow(`saved the session as ${baseName(ev.path)} (a download)`, "info");
    } else if (ev.kind === "load") {
      replRow(`choose ${ev.path ? `a file (${ev.path})` : "a file"} to load`, "info");
      $("repl-file").click();
    } else {
      replRow(ev.text.replace(/\n$/, ""), ev.kind);
    }
  }
}

function baseName(path) {
  const name = (path || "session.wat").split(/[\\/]/).pop();
  return name || "session.wat";
}

async function replEval(input) {
  if (!input.trim() || replBusy) return;
  replBusy = true;
  $("repl-stop").disabled = false;
  replRow(input, "input");
  try {
    const answer = await runner.request({ op: "repl_eval", input });
    // Replayed after a Stop or a crash: an input that failed changed nothing, and replaying
    // one that ran out of fuel would only wait for it again.
    if (!answer.events.some((e) => e.kind === "error")) state.replHistory.push({ op: "repl_eval", input });
    await replShow(answer.events);
  } catch (err) {
    if (err instanceof Stopped) replRow("stopped; the session's earlier inputs were restored", "note");
    else if (err instanceof Crashed) replRow(`The core crashed (${err.message}). A fresh session was started with your earlier inputs.`, "error");
    else throw err;
  } finally {
    replBusy = false;
    $("repl-stop").disabled = true;
  }
}

replInput.addEventListener("keydown", async (ev) => {
  if (ev.key !== "Enter" || ev.shiftKey) return;
  const input = replInput.value;
  ev.preventDefault();
  const answer = await ask({ op: "repl_complete", input });
  if (answer && !answer.complete) {
    const at = replInput.selectionStart;
    replInput.setRangeText("\n", at, at, "end");
    replInput.rows = Math.min(8, replInput.value.split("\n").length);
    return;
  }
  replInput.value = "";
  replInput.rows = 1;
  await replEval(input);
});

$("repl-stop").addEventListener("click", () => runner.stop());

$("repl-file").addEventListener("change", async (ev) => {
  const file = ev.target.files[0];
  ev.target.value = "";
  if (!file) return;
  const text = await file.text();
  let answer;
  try {
    answer = await runner.request({ op: "repl_load", name: file.name, text });
  } catch (err) {
    if (err instanceof Stopped || err instanceof Crashed) {
      replRow(`loading ${file.name} did not finish (${err instanceof Stopped ? "stopped" : err.message})`, "error");
      return;
    }
    throw err;
  }
  // Replaying `:load` after a restart cannot reopen the file: the text itself is replayed.
  if (!answer.events.some((e) => e.kind === "error")) state.replHistory.push({ op: "repl_load", name: file.name, text });
  await replShow(answer.events);
});

// ---- Bytes ----

let bytesTimer = null;
function scheduleBytes() {
  clearTimeout(bytesTimer);
  bytesTimer = setTimeout(showBytes, 300);
}

async function showBytes() {
  const text = view.state.doc.toString();
  if (state.bytesFor === text) return;
  const answer = await ask({ op: "annotate", text });
  if (!answer || view.state.doc.toString() !== text) return;
  state.bytesFor = text;
  const box = $("bytes");
  if (answer.diagnostics?.length) {
    state.rows = [];
    const p = document.createElement("div");
    p.className = "row heading";
    p.textContent = "The module does not build yet: fix the problem shown under the editor.";
    box.replaceChildren(p);
    return;
  }
  state.rows = answer.rows;
  const frag = document.createDocumentFragment();
  answer.rows.forEach((r, i) => {
    const div = document.createElement("div");
    div.className = "row";
    div.textContent = r.text || " ";
    div.dataset.index = i;
    if (r.len === 0) div.classList.add("heading");
    if (r.from != null) {
      div.classList.add("linked");
      div.setAttribute("role", "option");
    }
    frag.append(div);
  });
  box.replaceChildren(frag);
  onCursor();
}

$("bytes").addEventListener("click", (ev) => {
  const row = ev.target.closest(".row");
  if (!row) return;
  const r = state.rows[row.dataset.index];
  selectRows((x) => x === r || (r.len > 0 && x.offset === r.offset && x.len === r.len));
  if (r.from == null) {
    view.dispatch({ effects: setRowSource.of(null) });
    return;
  }
  view.dispatch({
    effects: [setRowSource.of({ from: r.from, to: r.to }), EditorView.scrollIntoView(r.from, { y: "center" })],
  });
});

function selectRows(test) {
  let first = null;
  $("bytes").querySelectorAll(".row").forEach((div) => {
    const on = test(state.rows[div.dataset.index]);
    div.classList.toggle("selected", on);
    div.setAttribute("aria-selected", on ? "true" : "false");
    if (on && !first) first = div;
  });
  return first;
}

// ---- The cursor: rows for its instruction, and its word for Explain ----

let explainTimer = null;
function onCursor() {
  const at = view.state.selection.main.head;
  if (currentTab() === "bytes" && state.rows.length && document.activeElement?.closest?.(".editor")) {
    const hit = state.rows.filter((r) => r.from != null && r.len > 0 && r.from <= at && at <= r.to);
    // The narrowest span is the instruction itself rather than the field around it.
    const best = hit.reduce((a, r) => (!a || r.to - r.from < a.to - a.from ? r : a), null);
    if (best) {
      const first = selectRows((r) => r.from === best.from && r.to === best.to && r.len > 0);
      first?.scrollIntoView({ block: "nearest" });
      view.dispatch({ effects: setRowSource.of(null) });
    }
  }
  if (currentTab() === "explain") {
    clearTimeout(explainTimer);
    explainTimer = setTimeout(showExplain, 150);
  }
}

function wordAt(pos) {
  const line = view.state.doc.lineAt(pos);
  const text = line.text;
  let s = pos - line.from;
  let e = s;
  const isWord = (c) => /[A-Za-z0-9_.$]/.test(c);
  while (s > 0 && isWord(text[s - 1])) s--;
  while (e < text.length && isWord(text[e])) e++;
  return text.slice(s, e);
}

async function showExplain() {
  let word = wordAt(view.state.selection.main.head);
  const d = state.diagnostics[0];
  if (!word && d) word = d.code;
  const out = $("explain");
  if (!word || word.startsWith("$") || /^-?[0-9]/.test(word)) {
    out.textContent = d
      ? `Put the cursor on an instruction, or see the current problem: ${d.code}.`
      : "Put the cursor on an instruction (i32.add, local.get, br_if, …).";
    if (d) word = d.code;
    else return;
  }
  const answer = await ask({ op: "explain", word });
  if (answer?.text) out.textContent = answer.text;
  else out.textContent = `No explanation for \`${word}\`: put the cursor on an instruction.`;
}

// ---- Browser engine ----

function engineSource(exportName, args) {
  const shown = args.map((a) => (a.type === "i64" ? `${a.text}n` : a.text)).join(", ");
  return `// Load the module with the browser's own engine, supplying watlab's
// env.print_* imports from JavaScript.
const bytes = await (await fetch("module.wasm")).arrayBuffer();
let memory = null;
const decoder = new TextDecoder();
const imports = {
  env: {
    print_i32: (v) => console.log(v),
    print_i64: (v) => console.log(v),      // a BigInt
    print_f32: (v) => console.log(v),
    print_f64: (v) => console.log(v),
    print_char: (c) => console.log(String.fromCodePoint(c)),
    print_str: (ptr, len) =>
      console.log(decoder.decode(new Uint8Array(memory.buffer, ptr, len))),
  },
};
const { instance } = await WebAssembly.instantiate(bytes, imports);
memory = instance.exports.memory;          // for print_str
const result = instance.exports.${/^[A-Za-z_$][\w$]*$/.test(exportName) ? exportName : `[${JSON.stringify(exportName)}]`}(${shown});
console.log(result);`;
}

let engineWorker = null;

function runOnBrowser(bytes, exportName, args, repeat) {
  engineWorker?.terminate();
  engineWorker = new Worker("engine-worker.js", { type: "module", name: "engine" });
  return new Promise((resolve) => {
    engineWorker.onmessage = ({ data }) => resolve(data);
    engineWorker.onerror = (e) => resolve({ error: e.message || "the engine Worker failed" });
    engineWorker.postMessage({ bytes, exportName, args, repeat });
  });
}

let comparing = false;
async function compare() {
  if (comparing) return;
  if (running || tracePane?.busy || course?.checking) {
    $("compare-status").textContent = "a run is in progress in the Run tab: stop it or let it finish first";
    return;
  }
  await checkNow();
  const e = currentExport();
  const status = $("compare-status");
  status.textContent = "assembling…";
  for (const id of ["cmp-wasmi-result", "cmp-js-result", "cmp-wasmi-output", "cmp-js-output", "cmp-wasmi-time", "cmp-js-time"]) {
    $(id).textContent = "";
  }
  if (!e) {
    status.textContent = "Nothing to run: export a function first.";
    return;
  }
  const text = view.state.doc.toString();
  const args = argValues();
  const values = await ask({ op: "js_values", text, export: e.name, args });
  if (!values) return;
  if (values.diagnostics?.length) {
    status.textContent = values.diagnostics[0].message;
    return;
  }
  if (values.unsupported) {
    status.textContent = values.unsupported;
    return;
  }
  $("engine-js").textContent = engineSource(e.name, values.values);
  const wasm = await ask({ op: "wasm", text });
  if (!wasm?.bytes) return;
  comparing = true;
  $("compare").disabled = true;
  $("compare-stop").disabled = false;
  try {
    status.textContent = "running on watlab…";
    let wasmiOut = "";
    const w = await runner.request({ op: "run", text, export: e.name, args }, (p) => (wasmiOut += p.output ?? ""));
    wasmiOut += w.output ?? "";
    $("cmp-wasmi-output").textContent = wasmiOut;
    if (w.state === "finished") {
      $("cmp-wasmi-result").textContent = w.results.join(", ") || "(no results)";
      $("cmp-wasmi-time").textContent = formatMillis(w.millis);
    } else {
      $("cmp-wasmi-result").textContent = w.diagnostics?.[0]?.message ?? w.state;
    }
    status.textContent = "running on this browser's engine…";
    // One call of a short export is below the clock's resolution, and the first includes the
    // engine's tiering up: a call that prints nothing is repeated (1000 times when it took
    // wasmi under 50 ms, else 5) and the mean shown.
    const repeat = w.state !== "finished" || wasmiOut ? 1 : w.millis < 50 ? 1000 : 5;
    const j = await runOnBrowser(new Uint8Array(wasm.bytes), e.name, values.values, repeat);
    $("cmp-js-output").textContent = j.output ?? "";
    if (j.error) {
      $("cmp-js-result").textContent = j.error;
    } else {
      const shown = await ask({
        op: "format_values",
        values: j.results.map((r, i) => ({ type: e.results[i] ?? "i32", text: r.text })),
      });
      $("cmp-js-result").textContent = shown?.values.join(", ") || "(no results)";
      $("cmp-js-time").textContent = `${formatMillis(j.millis)}${repeat > 1 ? ` (mean of ${repeat} calls)` : ""}`;
    }
    const ratio = w.state === "finished" && !j.error && j.millis > 0 ? w.millis / j.millis : null;
    status.textContent = ratio ? `the interpreter took ${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}× as long` : "done";
  } catch (err) {
    if (err instanceof Stopped) status.textContent = "stopped";
    else if (err instanceof Crashed) status.textContent = `the core crashed (${err.message}); a fresh one was started`;
    else throw err;
  } finally {
    comparing = false;
    $("compare").disabled = false;
    $("compare-stop").disabled = true;
  }
}

$("compare").addEventListener("click", compare);
$("compare-stop").addEventListener("click", () => {
  engineWorker?.terminate();
  engineWorker = null;
  runner.stop();
});

// ---- Tabs ----

function currentTab() {
  return document.querySelector(".tabs [aria-selected=true]").dataset.tab;
}

function showTab(name) {
  document.querySelectorAll(".tabs button").forEach((x) => x.setAttribute("aria-selected", x.dataset.tab === name ? "true" : "false"));
  document.querySelectorAll(".pane").forEach((p) => (p.hidden = p.dataset.pane !== name));
  if (name === "bytes") showBytes();
  if (name === "explain") showExplain();
  if (name === "trace") tracePane?.drawCall();
  if (name === "engine" && !$("engine-js").textContent) $("engine-js").textContent = engineSource(currentExport()?.name ?? "main", []);
}

document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));

// ---- Examples, share links, download, theme ----

function loadExample(name) {
  const ex = examples.find((e) => e.name === name);
  if (!ex) return;
  course?.detach();
  setText(ex.text);
  $("examples").value = name;
  $("run-output").replaceChildren();
}

$("examples").append(new Option("(your program)", ""), ...examples.map((e) => new Option(e.name, e.name)));
$("examples").addEventListener("change", (ev) => ev.target.value && loadExample(ev.target.value));

let shareTimer = null;
function scheduleShareUpdate() {
  clearTimeout(shareTimer);
  const text = view.state.doc.toString();
  const ex = examples.find((e) => e.text === text);
  if (!ex && $("examples").value) $("examples").value = "";
}

$("share").addEventListener("click", async () => {
  const fragment = await encodeShare(view.state.doc.toString());
  const url = `${location.origin}${location.pathname}#${fragment}`;
  history.replaceState(null, "", `#${fragment}`);
  try {
    await navigator.clipboard.writeText(url);
    banner("Link copied: it carries the whole program.", "info");
  } catch {
    banner(`The link is in the address bar (${url.length} characters): copy it from there.`, "info");
  }
});

function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

$("download").addEventListener("click", async () => {
  const answer = await ask({ op: "wasm", text: view.state.doc.toString() });
  if (!answer) return;
  if (answer.diagnostics?.length) {
    banner(`Nothing to download yet: ${answer.diagnostics[0].message}.`);
    return;
  }
  const name = `${$("examples").value || "program"}.wasm`;
  download(name, new Blob([new Uint8Array(answer.bytes)], { type: "application/wasm" }));
});

function applyTheme(dark) {
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  view.dispatch({ effects: theme.reconfigure(dark ? oneDark : []) });
}

$("theme").addEventListener("click", () => {
  const dark = document.documentElement.dataset.theme !== "dark";
  try {
    localStorage.setItem("watlab-theme", dark ? "dark" : "light");
  } catch {
    // Storage may be off; the choice then lasts for this visit.
  }
  applyTheme(dark);
});

function initialTheme() {
  const asked = new URLSearchParams(location.search).get("theme");
  let stored = null;
  try {
    stored = localStorage.getItem("watlab-theme");
  } catch {
    stored = null;
  }
  const choice = asked ?? stored;
  if (choice) return choice === "dark";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

// ---- The course ----

/** Types a lesson's `repl` example into the REPL pane, one input at a time (an input spanning
 * lines is sent when its parentheses close, as the REPL reads it). */
async function replType(body) {
  showTab("repl");
  let input = "";
  for (const line of body.split("\n")) {
    input = input ? `${input}\n${line}` : line;
    if (!input.trim()) {
      input = "";
      continue;
    }
    const answer = await ask({ op: "repl_complete", input });
    if (answer && !answer.complete) continue;
    await replEval(input);
    input = "";
  }
  if (input.trim()) await replEval(input);
}

course = setupCourse({
  view,
  ask,
  runner,
  setText,
  banner,
  download,
  setExtraLint,
  showTab,
  replType,
  isBusy: () => running || comparing || tracePane?.busy,
  Stopped,
  Crashed,
  onAttach: () => {
    $("examples").value = "";
    $("run-output").replaceChildren();
  },
});

tracePane = setupTrace({
  view,
  runner,
  currentExport,
  argValues,
  checkNow,
  setTraceMark,
  isBusy: () => running || comparing || course?.checking,
  Stopped,
  Crashed,
});

// ---- Start ----

async function openFragment() {
  const hash = location.hash.slice(1);
  if (!hash) return false;
  const result = await decodeShare(hash);
  if (result.error) {
    banner(`This link's program could not be read (${result.error}); showing an example instead.`);
    return false;
  }
  course?.detach();
  setText(result.text);
  $("examples").value = "";
  return true;
}

window.addEventListener("hashchange", async () => {
  if (await openFragment()) banner("");
});

async function start() {
  applyTheme(initialTheme());
  const linked = await openFragment();
  if (!linked) loadExample(examples.find((e) => e.name === "factorial") ? "factorial" : examples[0].name);
  try {
    await checker.ready;
    forceLinting(view);
    // A learner who left in the middle of a lesson comes back to it (unless a link was opened).
    await course.start({ resume: !linked });
  } catch (e) {
    $("status").textContent = `The core could not start: ${e.message}`;
    $("status").className = "status error";
  }
  document.body.dataset.ready = "true";
}

start();

// For the browser tests: the editor view, to place the cursor and read the text.
window.watlab = { view, ask, runner, state, course };
