// Helper Web Workers for a threaded browser run (the client side; the worker is helper.ts).
// Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages
// (COOP: same-origin and COEP: require-corp): elsewhere a run uses one thread, and never fails.
import { HelperClientPort, HelperMessage, helperOver } from "../core/threads/helper-client";
import { Helper, HelperJob } from "../core/run/helper";
import type { SharedBlob } from "./access";

/** Where the helper script is when no helperUrl is given: what `npm run web` serves. */
export const DEFAULT_HELPER_URL = "/browser/highest.helper.mjs";

/** What a helper worker is sent: the run's job, the Blobs it may read, the compiled core (wasm). */
export interface BrowserHelperJob extends HelperJob {
  /** Per input: its Blob when helpers may read it (a clone of a Blob is a reference, not a copy). */
  shared: SharedBlob[];
  module?: WebAssembly.Module;
}

/** Whether this thread can start helpers at all: shared memory (cross-origin isolation) and workers. */
export function threadsAvailable(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true
    && typeof SharedArrayBuffer === "function" && typeof Worker === "function";
}

/** The helper script's URL, resolved against this thread's location. */
export function helperScriptUrl(helperUrl: string | URL = DEFAULT_HELPER_URL): URL {
  return new URL(helperUrl, globalThis.location?.href);
}

/** Starts one helper Web Worker. */
export function startBrowserHelper(url: URL, job: BrowserHelperJob): Helper {
  const worker = new Worker(url, { type: "module", name: `highest helper ${job.id}` });
  let gone = false;
  let onGone: (reason?: string) => void = () => {};
  const end = (reason: string) => {
    if (gone) return;
    gone = true;
    onGone(reason);
  };
  const port: HelperClientPort = {
    post: (command) => worker.postMessage(command),
    listen(onMessage, onEnd) {
      onGone = onEnd;
      worker.addEventListener("message", (event: MessageEvent<HelperMessage>) => onMessage(event.data));
      // A script that fails to load, or throws outside the protocol: the helper is gone.
      worker.addEventListener("error", (event: ErrorEvent) => {
        event.preventDefault();
        worker.terminate();
        end(event.message || `cannot start ${url.href}`);
      });
      worker.addEventListener("messageerror", () => {
        worker.terminate();
        end("a message could not be read");
      });
    },
    // A Web Worker stops at once: nothing to wait for.
    async terminate() {
      worker.terminate();
      end("terminated"); // what still waits for it is answered
    },
  };
  const helper = helperOver(port);
  worker.postMessage(job);
  return helper;
}
