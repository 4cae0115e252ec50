// The messages between a page and worker.ts. Everything here survives structured clone:
// Blobs and Files are passed by reference, bigint scores arrive exact.
import { ErrorData } from "../core/model/errors";
import { HighestOptions, Progress, TestKnobs } from "../core/model/options";
import { DecimalWinner } from "../core/model/winner";

/** What may be sent to the worker (a ByteSource object cannot be cloned). */
export type WorkerInput = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer;

/** The options that cross to the worker: highest()'s, but callbacks and the signal (they stay on the page) and with absolute URLs. */
export type WorkerRunOptions = Omit<HighestOptions, "onProgress" | "onThreads" | "onWarning" | "signal" | "wasmUrl" | "helperUrl"> & { wasmUrl?: string; helperUrl?: string };

/** Page → worker; `knobs` only from the internal entry tests use (internal.ts). */
export type WorkerRequest =
  | { type: "run"; id: number; input: WorkerInput | WorkerInput[]; count: number | bigint; options: WorkerRunOptions; knobs?: TestKnobs }
  | { type: "abort"; id: number };

/** Worker → page. */
export type WorkerReply =
  | { type: "progress"; id: number; progress: Progress }
  | { type: "threads"; id: number; threads: number }
  | { type: "warning"; id: number; warning: string }
  | { type: "done"; id: number; winners: DecimalWinner[] }
  | { type: "failed"; id: number; error: ErrorData };

/** What a helper worker (helper.ts) posts first, once its script runs and has its job: it is a thread of the run now. */
export const HELPER_READY = "highest helper ready";
