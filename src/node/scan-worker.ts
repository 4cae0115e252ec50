// A worker thread: one more participant in a run, then a checker of the winners it found.
// The work is core/threads/helper-worker.ts; this file connects it to worker_threads. Its job
// is its first message (it may be started before the run has one: workers.ts).
import { parentPort } from "node:worker_threads";
import { serveHelper } from "../core/threads/helper-worker";
import { NodeAccess } from "./access";
import { createEngine } from "./core-file";
import type { WorkerCommand, WorkerJob, WorkerMessage } from "./workers";

function main(job: WorkerJob): Promise<void> {
  const access = NodeAccess.forPaths(job.plan.inputs); // a job it cannot start on: the worker exits
  return serveHelper(job, {
    post: (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer),
    nextCommand: (listener: (command: WorkerCommand) => void) => parentPort!.once("message", listener),
  }, access, () => createEngine(job.engine, job.build, job.module));
}

parentPort!.once("message", (job: WorkerJob) => void main(job));
