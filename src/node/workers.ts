// Helper participants for Node: worker threads (scan-worker.ts) that claim units from the
// same shared board, then check a share of the winners. The protocol is core/threads/helper-client.ts;
// this file adapts a worker_threads Worker to it. Loaded only by runs that use them:
// worker_threads costs start-up time that small runs should not pay.
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

/** Messages a worker receives. */
export type WorkerCommand = HelperCommand;

/** Starts one worker thread as a helper participant. */
export function startWorker(job: WorkerJob): Helper {
  // A small young generation: the worker makes little garbage, and RSS is part of the contract.
  // stdout/stderr: true keeps the workers' (unused) output off ours.
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: job, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 2 },
  });
  const exit = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
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
