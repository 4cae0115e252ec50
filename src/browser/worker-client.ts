// The page's side of worker.ts: the same call as highest(), answered by a worker.
import { HighestError, fromErrorData } from "../core/model/errors";
import { HighestOptions, TestKnobs } from "../core/model/options";
import { DecimalWinner, Winner } from "../core/model/winner";
import { WorkerInput, WorkerReply, WorkerRequest } from "./worker-protocol";

/** Options of a run in a worker: those of highest() (threads: the worker + the helper workers it starts). */
export type WorkerRankOptions = HighestOptions;

let nextId = 1;

/**
 * Runs highest() in `worker` (a module worker made from worker.js) and resolves to the
 * winners, or rejects with HighestError. Aborting `signal` stops the run in the worker.
 */
export function highestInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options?: WorkerRankOptions & { decimal?: false },
): Promise<Winner[]>;
/** With `decimal: true`, a score written with a fraction or an exponent is its printed text. */
export function highestInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options: WorkerRankOptions,
): Promise<DecimalWinner[]>;
export function highestInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options: WorkerRankOptions = {},
): Promise<DecimalWinner[]> {
  return runInWorker(worker, input, count, options);
}

/** highestInWorker, with test knobs for the worker's run when the internal entry passes them. */
export function runInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options: WorkerRankOptions, knobs?: TestKnobs,
): Promise<DecimalWinner[]> {
  const id = nextId++;
  // Callbacks and the signal stay here (the worker calls back through messages); the rest crosses.
  const { onProgress, onThreads, onWarning, signal, wasmUrl, helperUrl, ...rest } = options;
  return new Promise<DecimalWinner[]>((resolve, reject) => {
    if (signal?.aborted) return reject(new HighestError("aborted", "aborted"));
    const onAbort = () => worker.postMessage({ type: "abort", id } satisfies WorkerRequest);
    const onMessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.id !== id) return;
      if (reply.type === "progress") return onProgress?.(reply.progress);
      if (reply.type === "threads") return onThreads?.(reply.threads);
      if (reply.type === "warning") return onWarning ? onWarning(reply.warning) : console.warn(reply.warning);
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
      options: { ...rest, wasmUrl: absolute(wasmUrl), helperUrl: absolute(helperUrl) }, knobs,
    };
    // A stream moves to the worker; bytes and Blobs are cloned (a Blob's clone is a reference).
    worker.postMessage(request, (Array.isArray(input) ? input : [input]).filter((item) => item instanceof ReadableStream));
  });
}
