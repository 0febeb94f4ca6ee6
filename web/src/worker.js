// A Web Worker holding one instance of the core. The page keeps two: one checks and annotates
// as the learner types, the other runs programs and the REPL, so a long run never delays a
// diagnostic. A run is stepped one fuel slice per call, and between slices the Worker returns
// to its event loop, so output streams to the page while the program runs.
//
// Messages in: {init: WebAssembly.Module} once, then {id, request}, where a request with
// op "run" starts a run (the core's run_start, then run_step until it ends). Messages out:
// {ready}, {id, answer}, {id, progress} during a run, and {id, crash} when the core panicked
// (the page then discards this Worker and starts a fresh one).

import { CoreCrash, loadCore } from "./core.js";

let core = null;

const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

// `millis` is the time of the steps alone (assembling and instantiating are not counted), so
// the page can set it beside the browser engine's time for the same call.
async function run(id, request) {
  let answer = core.call({ ...request, op: "run_start" });
  if (answer.state !== "running") return answer;
  let millis = 0;
  for (;;) {
    const started = performance.now();
    answer = core.call({ op: "run_step" });
    millis += performance.now() - started;
    if (answer.state !== "running") break;
    self.postMessage({ id, progress: { output: answer.output, fuel_used: answer.fuel_used } });
    await yieldToEventLoop();
  }
  answer.millis = millis;
  return answer;
}

self.onmessage = async (event) => {
  const { init, id, request } = event.data;
  if (init) {
    core = await loadCore(init);
    self.postMessage({ ready: true });
    return;
  }
  try {
    const answer = request.op === "run" ? await run(id, request) : core.call(request);
    self.postMessage({ id, answer });
  } catch (e) {
    const crash = e instanceof CoreCrash ? e.message : String(e);
    self.postMessage({ id, crash });
  }
};
