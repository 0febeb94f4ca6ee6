// The browser's own engine, in a Worker of its own so that a loop that never exits can be
// stopped (by terminating this Worker) without freezing the tab. It instantiates the bytes the
// core assembled with the `WebAssembly` API, supplying the `env.print_*` imports from
// JavaScript, calls one export and reports the results, the output and the time.
//
// Message in: {bytes, exportName, args: [{type, text}], repeat}. Out: {results: [{type, text}],
// output, millis} or {error}.

import { makeImports } from "./engine.js";

self.onmessage = async ({ data }) => {
  const { bytes, exportName, args, repeat } = data;
  let output = "";
  try {
    const memory = { current: null };
    const imports = makeImports((text) => (output += text), memory);
    const { instance } = await WebAssembly.instantiate(bytes, imports);
    memory.current = instance.exports.memory ?? null;
    const f = instance.exports[exportName];
    if (typeof f !== "function") throw new Error(`the module has no function export named \`${exportName}\``);
    const values = args.map(({ type, text }) => (type === "i64" ? BigInt(text) : Number(text)));
    const started = performance.now();
    let result;
    for (let i = 0; i < repeat; i++) result = f(...values);
    const millis = (performance.now() - started) / repeat;
    const list = result === undefined ? [] : Array.isArray(result) ? result : [result];
    self.postMessage({ results: list.map((v) => ({ text: String(v) })), output, millis });
  } catch (e) {
    self.postMessage({ error: `${e.name ?? "Error"}: ${e.message}`, output });
  }
};
