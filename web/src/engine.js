// The imports a watlab program may use, written for the browser's `WebAssembly` API. The page
// shows this same pattern to the learner (see `engineSource` in main.js): it is the loading
// code a web developer writes.

/** `env.print_*` as the terminal prints them; `write` receives the text. */
export function makeImports(write, memory) {
  const decoder = new TextDecoder();
  return {
    env: {
      print_i32: (v) => write(`${v}\n`),
      print_i64: (v) => write(`${v}\n`),
      print_f32: (v) => write(`${v}\n`),
      print_f64: (v) => write(`${v}\n`),
      print_char: (c) => write(String.fromCodePoint(c)),
      print_str: (ptr, len) => {
        // A start function runs inside instantiation, before JavaScript can see the instance's
        // exported memory.
        if (!memory.current) throw new Error("print_str ran before the instance existed (in a start function), so its memory could not be read");
        const bytes = new Uint8Array(memory.current.buffer, ptr >>> 0, len >>> 0);
        write(`${decoder.decode(bytes)}\n`);
      },
    },
  };
}
