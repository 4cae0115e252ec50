// A worker thread: one more participant in a run, then a checker of the winners it found; or
// the decoder of one whole compressed input, beside the calling thread's scan.
// The work is core/threads/helper-worker.ts; this file connects it to worker_threads. Its job
// is its first message (it may be started before the run has one: workers.ts).
import { parentPort } from "node:worker_threads";
import { serveHelper } from "../core/threads/helper-worker";
import { serveDecoder } from "../core/threads/decoder-worker";
import { NodeAccess } from "./access";
import { createEngine } from "./core-file";
import type { WorkerCommand, WorkerDecoderJob, WorkerJob, WorkerMessage } from "./workers";

function main(job: WorkerJob): Promise<void> {
  const access = NodeAccess.forPaths(job.plan.inputs); // a job it cannot start on: the worker exits
  return serveHelper(job, {
    post: (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer),
    nextCommand: (listener: (command: WorkerCommand) => void) => parentPort!.once("message", listener),
  }, access, () => createEngine(job.engine, job.build, job.module));
}

/** A decoder of one whole compressed input (core/run/decode-beside.ts). */
function decode(job: WorkerDecoderJob): Promise<void> {
  return serveDecoder(job, { post: (message) => parentPort!.postMessage(message) }, NodeAccess.forPaths(job.plan.inputs));
}

parentPort!.once("message", (job: WorkerJob | WorkerDecoderJob) => void ("kind" in job && job.kind === "decode" ? decode(job) : main(job as WorkerJob)));
