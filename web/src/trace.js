// The Trace pane: the Run tab's export run under the core's tracer (the lines of
// `watlab run --trace`), in the runner Worker and stopped at a line limit, so a runaway loop
// ends in a moment and Stop still works. Every line comes with its instruction's place in the
// editor's text and the calls, stack and locals at that point, so stepping forward and back
// (and Continue to the cursor's line) moves along the recorded rows without running anything
// again: the program is deterministic, and what it did is all here.

import { EditorView } from "@codemirror/view";

const $ = (id) => document.getElementById(id);

/** deps: {view, runner, currentExport, argValues, checkNow, setTraceMark, isBusy, Stopped, Crashed} */
export function setupTrace(deps) {
  const { view } = deps;
  const trace = { rows: [], at: -1, text: null, busy: false };

  const status = (text) => ($("trace-status").textContent = text);
  const lines = () => trace.rows.map((r, i) => [r, i]).filter(([r]) => !r.output);
  const stale = () => trace.text !== null && trace.text !== view.state.doc.toString();

  function drawControls() {
    const usable = trace.rows.length && !stale() && !trace.busy;
    const list = lines();
    const pos = list.findIndex(([, i]) => i === trace.at);
    $("trace-back").disabled = !usable || pos <= 0;
    $("trace-step").disabled = !usable || pos >= list.length - 1;
    $("trace-continue").disabled = !usable || pos >= list.length - 1;
  }

  function draw(answer) {
    const box = $("trace-lines");
    const frag = document.createDocumentFragment();
    trace.rows.forEach((r, i) => {
      const div = document.createElement("div");
      div.className = r.output ? "row output" : "row linked";
      div.textContent = r.output ? r.text.replace(/\n$/, "") : r.text;
      div.dataset.index = i;
      if (!r.output) div.setAttribute("role", "option");
      frag.append(div);
    });
    const end = document.createElement("div");
    end.className = "row closing";
    end.textContent = answer.closing ?? "";
    frag.append(end);
    for (const r of answer.results ?? []) {
      const div = document.createElement("div");
      div.className = "row result";
      div.textContent = r;
      frag.append(div);
    }
    for (const d of answer.diagnostics ?? []) {
      const pre = document.createElement("pre");
      pre.className = "row error";
      pre.textContent = d.rendered;
      frag.append(pre);
    }
    if (answer.message) {
      const div = document.createElement("div");
      div.className = "row error";
      div.textContent = answer.message;
      frag.append(div);
    }
    box.replaceChildren(frag);
  }

  /** Makes row `i` the current one: its line selected in the list, its instruction in the
   * editor, its calls, stack and locals shown. */
  function go(i) {
    const r = trace.rows[i];
    if (!r || r.output || stale()) return;
    trace.at = i;
    $("trace-lines").querySelectorAll(".row.current").forEach((d) => {
      d.classList.remove("current");
      d.setAttribute("aria-selected", "false");
    });
    const div = $("trace-lines").querySelector(`.row[data-index="${i}"]`);
    div?.classList.add("current");
    div?.setAttribute("aria-selected", "true");
    div?.scrollIntoView({ block: "nearest" });
    $("trace-state").hidden = false;
    $("trace-calls").textContent = r.calls.length ? r.calls.join(" → ") : "(no function)";
    $("trace-stack").textContent = `[${r.stack.join(", ")}]`;
    $("trace-locals").textContent = r.locals.length ? r.locals.map((l) => `${l.name} = ${l.value}`).join(", ") : "(none)";
    const list = lines();
    const pos = list.findIndex(([, k]) => k === i);
    status(`line ${pos + 1} of ${list.length}${r.line ? `, at line ${r.line} of the text` : ""}`);
    if (r.from != null) {
      const len = view.state.doc.length;
      const from = Math.min(r.from, len);
      const to = Math.min(r.to, len);
      view.dispatch({
        selection: { anchor: from, head: to },
        effects: [deps.setTraceMark.of({ from, to }), EditorView.scrollIntoView(from, { y: "nearest" })],
      });
    } else {
      view.dispatch({ effects: deps.setTraceMark.of(null) });
    }
    drawControls();
  }

  function step(delta) {
    const list = lines();
    const pos = list.findIndex(([, i]) => i === trace.at);
    const next = list[Math.max(0, Math.min(list.length - 1, pos + delta))];
    if (next) go(next[1]);
  }

  /** On to the next row whose instruction is on the editor cursor's line, else the last row. */
  function continueToCursor() {
    const cursorLine = view.state.doc.lineAt(view.state.selection.main.head).number;
    const list = lines();
    const pos = list.findIndex(([, i]) => i === trace.at);
    const hit = list.slice(pos + 1).find(([r]) => r.line === cursorLine);
    go((hit ?? list.at(-1))[1]);
  }

  async function run() {
    if (trace.busy) return;
    if (deps.isBusy()) {
      status("a run is in progress: stop it or let it finish first");
      return;
    }
    await deps.checkNow();
    const e = deps.currentExport();
    if (!e) {
      status("Nothing to trace: export a function, e.g. (func (export \"main\") ...).");
      return;
    }
    trace.busy = true;
    $("trace-run").disabled = true;
    $("trace-stop").disabled = false;
    drawControls();
    drawCall();
    status(`tracing ${e.name}…`);
    const text = view.state.doc.toString();
    try {
      const asked = Number.parseInt($("trace-limit").value, 10);
      const limit = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), 20000) : 2000;
      $("trace-limit").value = String(limit);
      const answer = await deps.runner.request({ op: "trace", text, export: e.name, args: deps.argValues(), limit });
      trace.rows = answer.rows;
      trace.text = text;
      trace.at = -1;
      $("trace-state").hidden = true;
      view.dispatch({ effects: deps.setTraceMark.of(null) });
      draw(answer);
      const n = lines().length;
      if (answer.state === "failed") status(`${e.name} could not start`);
      else if (n) {
        trace.busy = false;
        go(lines()[0][1]);
        const how = { finished: "returned", trapped: "trapped", limited: "stopped at the line limit" }[answer.state];
        status(`${$("trace-status").textContent} — ${e.name} ${how}`);
      } else status(`${e.name} ran no instructions`);
    } catch (err) {
      if (err instanceof deps.Stopped) status("stopped; the REPL's session was restored");
      else if (err instanceof deps.Crashed) status(`the core crashed (${err.message}); a fresh one was started`);
      else throw err;
    } finally {
      trace.busy = false;
      $("trace-run").disabled = false;
      $("trace-stop").disabled = true;
      drawControls();
    }
  }

  function onDocChanged() {
    if (!trace.rows.length) return;
    const isStale = stale();
    $("trace-lines").classList.toggle("stale", isStale);
    if (isStale) {
      status("the text changed since this trace: Trace again to follow it");
      view.dispatch({ effects: deps.setTraceMark.of(null) });
    }
    drawControls();
  }

  /** Which call Trace runs: the Run tab's export and arguments. */
  function drawCall() {
    const e = deps.currentExport();
    $("trace-call").textContent = e
      ? `Traces ${e.name}(${deps.argValues().join(", ")}), the Run tab's export and arguments.`
      : "Export a function to trace it; the Run tab picks which one and its arguments.";
  }

  $("trace-run").addEventListener("click", run);
  $("trace-stop").addEventListener("click", () => deps.runner.stop());
  $("trace-back").addEventListener("click", () => step(-1));
  $("trace-step").addEventListener("click", () => step(1));
  $("trace-continue").addEventListener("click", continueToCursor);
  $("trace-lines").addEventListener("click", (ev) => {
    const row = ev.target.closest(".row.linked");
    if (row) go(Number(row.dataset.index));
  });
  $("trace-lines").addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      step(ev.key === "ArrowDown" ? 1 : -1);
    }
  });

  return {
    onDocChanged,
    drawCall,
    run,
    get busy() {
      return trace.busy;
    },
  };
}
