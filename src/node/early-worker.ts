// The command line starts a helper worker before its run is planned when the run will
// clearly want one (workers.ts says why): a regular file among the inputs, whose sizes reach
// what makes a run use threads, and more than one thread. The run still decides, on the plan;
// a worker it does not take is ended after it.
import { statSync } from "node:fs";
import { MIN_THREADED_BYTES } from "../core/run/run";
import { defaultThreads } from "./platform";

/** Starts a worker ahead for a run of these inputs when it will want one; true if it did. */
export function startWorkerEarly(inputs: string[], threads: number | undefined, minThreadedBytes = MIN_THREADED_BYTES): boolean {
  if ((threads ?? defaultThreads()) < 2) return false;
  let bytes = 0;
  for (const input of inputs) {
    if (input === "-") continue;
    try {
      const stat = statSync(input, { throwIfNoEntry: false });
      if (stat?.isFile()) bytes += stat.size;
    } catch {
      // the run reports what is wrong with the input
    }
  }
  if (bytes < minThreadedBytes) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("./workers") as typeof import("./workers")).prestartWorker();
  return true;
}

/** Ends the worker started ahead if the run did not take it. */
export async function dropEarlyWorker(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await (require("./workers") as typeof import("./workers")).dropSpareWorker();
}
