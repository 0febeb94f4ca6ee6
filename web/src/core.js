// The loader of the core's wasm (crates/watlab-web): four exported functions and JSON.
//
// A request is an object with an `op` (see crates/watlab-web/src/api.rs for every op and its
// answer). `call` copies the request's UTF-8 JSON into memory the core allocates, lets the
// core answer, and copies the JSON answer out. The core imports nothing. A panic inside it
// becomes a trap here (wasm32 aborts); `call` then throws a `CoreCrash` with the panic's
// message, and the instance must be thrown away.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The core panicked; this instance is unusable. */
export class CoreCrash extends Error {}

/** Instantiates the core from a compiled `WebAssembly.Module`. */
export async function loadCore(module) {
  const instance = await WebAssembly.instantiate(module, {});
  const x = instance.exports;
  x.watlab_init();
  let crashed = null;

  const readResponse = (len) => decoder.decode(new Uint8Array(x.memory.buffer, x.watlab_response_ptr(), len));

  function panicMessage() {
    try {
      const len = x.watlab_panic_message();
      return len > 0 ? readResponse(len) : "no message";
    } catch {
      return "no message";
    }
  }

  return {
    /** Sends one request and returns the core's answer. */
    call(request) {
      if (crashed) throw new CoreCrash(crashed);
      const bytes = encoder.encode(JSON.stringify(request));
      let len;
      try {
        const ptr = x.watlab_alloc(bytes.length);
        new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
        len = x.watlab_call(ptr, bytes.length);
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) {
          crashed = panicMessage();
          throw new CoreCrash(crashed);
        }
        throw e;
      }
      return JSON.parse(readResponse(len));
    },
  };
}
