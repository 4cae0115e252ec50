// The page's side of worker.ts: the same call as highest(), answered by a worker.
import { HighestError, fromErrorData } from "../core/model/errors";
import { RankOptions } from "../core/model/options";
import { Winner } from "../core/model/winner";
import { WorkerInput, WorkerReply, WorkerRequest } from "./worker-protocol";

/** Options of a run in a worker. */
export interface WorkerRankOptions extends RankOptions {
  /** The folder with the .wasm builds, resolved against the page (default "/wasm/"). */
  wasmUrl?: string | URL;
  /**
   * Threads: the worker + helper workers it starts, for large Blobs and Files (see
   * BrowserRankOptions.threads); default 1. Needs a cross-origin isolated page.
   */
  threads?: number;
  /** highest.helper.mjs, resolved against the page (default "/browser/highest.helper.mjs"). */
  helperUrl?: string | URL;
  /** Called when a helper worker starts, with the threads the run has now (2, 3, …). */
  onThreads?: (threads: number) => void;
  /** For tests: small segments, threads for small runs. */
  tuning?: { segmentBytes?: number; minThreadedBytes?: number };
}

let nextId = 1;

/**
 * Runs highest() in `worker` (a module worker made from worker.js) and resolves to the
 * winners, or rejects with HighestError. Aborting `signal` stops the run in the worker.
 */
export function highestInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options: WorkerRankOptions = {},
): Promise<Winner[]> {
  const id = nextId++;
  const { onProgress, onThreads, signal } = options;
  return new Promise<Winner[]>((resolve, reject) => {
    if (signal?.aborted) return reject(new HighestError("aborted", "aborted"));
    const onAbort = () => worker.postMessage({ type: "abort", id } satisfies WorkerRequest);
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.id !== id) return;
      if (reply.type === "progress") return onProgress?.(reply.progress);
      if (reply.type === "threads") return onThreads?.(reply.threads);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      signal?.removeEventListener("abort", onAbort);
      if (reply.type === "done") resolve(reply.winners);
      else reject(fromErrorData(reply.error));
    };
    // A worker that fails to load or throws outside a run reports here.
    const onError = (event: ErrorEvent) => {
      worker.removeEventListener("message", onMessage);
      signal?.removeEventListener("abort", onAbort);
      reject(new HighestError("internal", `internal error: worker failed: ${event.message || "could not start"}`));
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    signal?.addEventListener("abort", onAbort, { once: true });
    const absolute = (url: string | URL | undefined) => (url === undefined ? undefined : new URL(url, location.href).href);
    const request: WorkerRequest = {
      type: "run", id, input, count,
      options: {
        strict: options.strict, engine: options.engine, chunkSize: options.chunkSize, wasmUrl: absolute(options.wasmUrl),
        threads: options.threads, helperUrl: absolute(options.helperUrl), tuning: options.tuning,
      },
    };
    // A stream moves to the worker; bytes and Blobs are cloned (a Blob's clone is a reference).
    worker.postMessage(request, (Array.isArray(input) ? input : [input]).filter((item) => item instanceof ReadableStream));
  });
}
