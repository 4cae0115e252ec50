// Helper participants for Node: worker threads (scan-worker.ts) that claim units from the
// same shared board, then check a share of the winners. Loaded only by runs that use them:
// worker_threads costs start-up time that small runs should not pay.
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { ErrorData, HighestError, fromErrorData } from "../core/errors";
import { ParticipantResult } from "../core/participant";
import { Helper, HelperJob } from "../core/run";
import { CheckTask } from "../core/share-checks";
import { CoreBuild } from "../core/engine";
import { CheckedRows } from "../core/check";

const WORKER_SCRIPT = path.resolve(__dirname, "..", "..", "build", "node", "scan-worker.js");

/** What a worker is started with. */
export interface WorkerJob extends HelperJob {
  build?: CoreBuild;
  /** The compiled core (wasm runs): a worker that gets it compiles nothing, and shares the code V8 has optimised. */
  module?: WebAssembly.Module;
}

/** Messages a worker sends. */
export type WorkerMessage =
  | { type: "scanned"; result: ParticipantResult }
  | { type: "checked"; checks: CheckedRows[] }
  | { type: "failed"; error: ErrorData };

/** Messages a worker receives. */
export type WorkerCommand = { type: "check"; tasks: CheckTask[]; keepText: boolean };

/** Starts one worker thread as a helper participant. */
export function startWorker(job: WorkerJob): Helper {
  // A small young generation: the worker makes little garbage, and RSS is part of the contract.
  // stdout/stderr: true keeps the workers' (unused) output off ours.
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: job, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 2 },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once("exit", () => { exited = true; resolve(); }));
  worker.on("error", () => {}); // reported through next() as an exit
  const next = <T extends WorkerMessage["type"]>(type: T) => new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
    if (exited) { reject(died()); return; }
    const onMessage = (message: WorkerMessage) => {
      worker.off("exit", onExit);
      if (message.type === "failed") reject(fromErrorData(message.error));
      else if (message.type === type) resolve(message as Extract<WorkerMessage, { type: T }>);
      else reject(new HighestError("internal", `internal error: unexpected ${message.type} from a worker`));
    };
    const onExit = () => { worker.off("message", onMessage); reject(died()); };
    worker.once("message", onMessage);
    worker.once("exit", onExit);
  });
  const result = next("scanned").then((message) => message.result);
  let checking: Promise<unknown> | undefined; // a check under way: it closes its files before the worker ends
  result.catch(() => {}); // observed by the run, or not needed
  return {
    result,
    async check(tasks, keepText) {
      const answer = next("checked");
      checking = answer;
      worker.postMessage({ type: "check", tasks, keepText } satisfies WorkerCommand);
      return (await answer).checks;
    },
    async close(busy) {
      // A busy worker stops at its next read (the board's stop flag) and closes its files first.
      if (busy) await result.catch(() => {});
      await checking?.catch(() => {});
      await worker.terminate();
      await exit;
    },
  };
}

function died(): HighestError {
  return new HighestError("internal", "internal error: a worker thread exited before it reported");
}
