// A helper Web Worker of a threaded browser run (bundled as build/browser/highest.helper.mjs,
// and embedded in the library, which starts it from a Blob URL; a module worker). Its first message is the job, with the Blobs it may read and
// the compiled core; then it does what core/threads/helper-worker.ts says, as Node's worker threads do.
import { serveHelper } from "../core/threads/helper-worker";
import type { HelperCommand, HelperMessage } from "../core/threads/helper-client";
import { JsEngine } from "../core/scan/js-engine";
import { WasmEngine } from "../core/scan/wasm-engine";
import { helperAccess } from "./access";
import type { BrowserHelperJob } from "./helpers";
import { HELPER_READY } from "./worker-protocol";

interface HelperScope {
  postMessage(message: HelperMessage | typeof HELPER_READY, transfer?: ArrayBuffer[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}
const scope = self as unknown as HelperScope;

let job: BrowserHelperJob | undefined;
/** Commands that came before anyone waited for them, and the one waiting. */
const commands: HelperCommand[] = [];
let waiting: ((command: HelperCommand) => void) | undefined;

scope.addEventListener("message", (event) => {
  if (!job) {
    job = event.data as BrowserHelperJob;
    scope.postMessage(HELPER_READY); // the caller counts this thread from now (onThreads)
    start(job);
    return;
  }
  const command = event.data as HelperCommand;
  const listener = waiting;
  waiting = undefined;
  if (listener) listener(command);
  else commands.push(command);
});

function start(job: BrowserHelperJob): void {
  void serveHelper(job, {
    post: (message, transfer = []) => scope.postMessage(message, transfer),
    nextCommand(listener) {
      const command = commands.shift();
      if (command) listener(command);
      else waiting = listener;
    },
  }, helperAccess(job.plan.inputs, job.shared, async () => {
    if (!job.module) throw new Error("no compiled core in the job");
    return job.module;
  }), () => {
    if (job.engine === "js") return new JsEngine();
    // A worker may instantiate synchronously; the module was compiled once, by the calling thread.
    if (!job.module) throw new Error("no compiled core in the job");
    return WasmEngine.create(job.module);
  });
}
