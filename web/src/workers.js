// The page's side of the core's Workers: requests as promises, a fresh Worker when one is
// stopped or crashes.
//
// The core's wasm is compiled once (`WebAssembly.compileStreaming`) and the compiled module is
// handed to each Worker, so starting a fresh one after Stop or a crash costs an instantiation,
// not a download.

let modulePromise = null;

/** The compiled core, fetched and compiled once for every Worker. */
export function coreModule() {
  modulePromise ??= WebAssembly.compileStreaming(fetch("watlab.wasm"));
  return modulePromise;
}

/** Thrown by `request` when the core panicked; a fresh Worker has been started. */
export class Crashed extends Error {}
/** Thrown by `request` when the Worker was stopped while the request ran. */
export class Stopped extends Error {}

/** One core Worker that can be restarted. After each fresh start, `onRestart(send)` may send
 * requests (through `send`) before any other request reaches the new Worker. */
export class CoreWorker {
  constructor(name, { onRestart = async () => {} } = {}) {
    this.name = name;
    this.onRestart = onRestart;
    this.nextId = 1;
    this.pending = new Map();
    this.started = this.start();
    this.ready = this.started;
  }

  async start() {
    const module = await coreModule();
    const worker = new Worker("worker.js", { type: "module", name: this.name });
    this.worker = worker;
    await new Promise((resolve, reject) => {
      worker.onmessage = (event) => (event.data.ready ? resolve() : this.receive(event.data));
      worker.onerror = (event) => reject(new Error(event.message || "the Worker failed to start"));
      worker.postMessage({ init: module });
    });
    worker.onmessage = (event) => this.receive(event.data);
  }

  receive({ id, answer, progress, crash }) {
    const entry = this.pending.get(id);
    if (!entry) return;
    if (progress) {
      entry.onProgress?.(progress);
      return;
    }
    this.pending.delete(id);
    if (crash !== undefined) {
      entry.reject(new Crashed(crash));
      this.restart();
    } else {
      entry.resolve(answer);
    }
  }

  /** Sends a request; `onProgress` receives a run's output while it runs. */
  async request(request, onProgress) {
    await this.ready;
    return this.send(request, onProgress);
  }

  async send(request, onProgress) {
    await this.started;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, request });
    });
  }

  /** Ends whatever runs by terminating the Worker, and starts a fresh one. */
  stop() {
    for (const entry of this.pending.values()) entry.reject(new Stopped("stopped"));
    this.pending.clear();
    this.restart();
  }

  restart() {
    this.worker?.terminate();
    this.started = this.start();
    this.ready = this.started.then(() => this.onRestart((r) => this.send(r))).catch(() => {});
    return this.ready;
  }
}
