// Helper Web Workers for a threaded browser run (the client side; the worker is helper.ts).
// Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages
// (COOP: same-origin and COEP: require-corp): elsewhere a run uses one thread, and never fails.
import { HelperClientPort, HelperMessage, helperOver } from "../core/threads/helper-client";
import { Helper, HelperJob } from "../core/run/helper";
import type { SharedBlob } from "./access";
import { EMBEDDED } from "./embedded";
import { HELPER_READY } from "./worker-protocol";

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

let embeddedUrl: string | undefined;

/**
 * The helper script's URL: `helperUrl` resolved against this thread's location, else a Blob URL
 * of the script the bundle embeds (made once per thread, kept for its life). Undefined: no script.
 */
export function helperScriptUrl(helperUrl?: string | URL): string | undefined {
  if (helperUrl !== undefined) return new URL(helperUrl, globalThis.location?.href).href;
  if (embeddedUrl === undefined && EMBEDDED.helper !== undefined) {
    embeddedUrl = URL.createObjectURL(new Blob([EMBEDDED.helper], { type: "text/javascript" }));
  }
  return embeddedUrl;
}

let warned = false;

/** A helper that never started: the run goes on without it; said once per thread, not per helper. */
function warnNotStarted(url: string, reason: string): void {
  if (warned) return;
  warned = true;
  console.warn(`highest: a helper worker could not start from ${url} (${reason}); runs go on with the threads that did start (onThreads says how many)`);
}

/** How long ending a helper waits for its script to run or fail, so the run's onThreads is complete when it settles. */
const START_WAIT_MS = 10_000;

/** Starts one helper Web Worker; `onReady` once its script runs (a script that fails to load never calls it). */
export function startBrowserHelper(url: string, job: BrowserHelperJob, onReady: () => void): Helper {
  const worker = new Worker(url, { type: "module", name: `highest helper ${job.id}` });
  let gone = false;
  let ready = false;
  let known: () => void = () => {};
  const started = new Promise<void>((resolve) => (known = resolve)); // it ran, or failed to
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
      worker.addEventListener("message", (event: MessageEvent<HelperMessage | typeof HELPER_READY>) => {
        if (event.data !== HELPER_READY) return onMessage(event.data);
        ready = true;
        known();
        onReady();
      });
      // A script that fails to load, or throws outside the protocol: the helper is gone.
      worker.addEventListener("error", (event: ErrorEvent) => {
        event.preventDefault();
        worker.terminate();
        const reason = event.message || "the script did not load";
        if (!ready) warnNotStarted(url, reason);
        known();
        end(reason);
      });
      worker.addEventListener("messageerror", () => {
        worker.terminate();
        end("a message could not be read");
      });
    },
    // A Web Worker stops at once; one still loading is first let run (or fail), so it is counted (or warned of).
    async terminate() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([started, new Promise((resolve) => (timer = setTimeout(resolve, START_WAIT_MS)))]);
      clearTimeout(timer);
      worker.terminate();
      end("terminated"); // what still waits for it is answered
    },
  };
  const helper = helperOver(port);
  worker.postMessage(job);
  return helper;
}
