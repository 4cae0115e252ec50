// Helper participants for Node: worker threads (scan-worker.ts) that claim units from the
// same shared board, then check a share of the winners. The protocol is core/threads/helper-client.ts;
// this file adapts a worker_threads Worker to it. Loaded only by runs that use them:
// worker_threads costs start-up time that small runs should not pay.
//
// A worker takes longer to boot (a Node environment, its bundle) than this thread takes from its
// own start to the run's plan, so the command line may start one before the plan exists
// (prestartWorker): its job comes as its first message, and it joins the scan that much earlier.
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { HelperCommand, HelperMessage, helperOver } from "../core/threads/helper-client";
import { Helper, HelperJob } from "../core/run/helper";
import { CoreBuild } from "../core/model/options";

const WORKER_SCRIPT = path.resolve(__dirname, "..", "..", "build", "node", "scan-worker.js");

/** What a worker is started with. */
export interface WorkerJob extends HelperJob {
  build?: CoreBuild;
  /** The compiled core (wasm runs): a worker that gets it compiles nothing, and shares the code V8 has optimised. */
  module?: WebAssembly.Module;
}

/** Messages a worker sends. */
export type WorkerMessage = HelperMessage;

/** Messages a worker receives: its job first, then the helper's commands. */
export type WorkerCommand = HelperCommand;

/** A worker started ahead of its job, not yet given one; it does not keep the process alive. */
let spare: Worker | undefined;

function newWorker(): Worker {
  // A small young generation: the worker makes little garbage, and RSS is part of the contract.
  // stdout/stderr: true keeps the workers' (unused) output off ours.
  return new Worker(WORKER_SCRIPT, { stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
}

/** Starts a worker now, for the next startWorker to take; it waits for its job. */
export function prestartWorker(): void {
  if (spare) return;
  const worker = (spare = newWorker());
  worker.on("error", () => {}); // reported as the exit that follows
  worker.once("exit", () => { if (spare === worker) spare = undefined; }); // a run takes a new one then
  worker.unref();
}

/** Ends a worker started ahead that no run took. */
export async function dropSpareWorker(): Promise<void> {
  const worker = spare;
  spare = undefined;
  await worker?.terminate();
}

/** Starts one worker thread as a helper participant (the one started ahead, if any). */
export function startWorker(job: WorkerJob): Helper {
  const worker = spare ?? newWorker();
  spare = undefined;
  worker.ref();
  const exit = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.postMessage(job);
  return helperOver({
    post: (command) => worker.postMessage(command),
    listen(onMessage, onEnd) {
      worker.on("message", onMessage);
      worker.on("error", () => {}); // reported as the exit that follows
      worker.once("exit", () => onEnd());
    },
    async terminate() {
      await worker.terminate();
      await exit;
    },
  });
}
