// A worker thread: one more participant in a run (see core/participant.ts), then a checker
// of a share of the winners. Everything it opens it closes itself.
import { parentPort, workerData } from "node:worker_threads";
import { Claims } from "../core/claims";
import { toErrorData } from "../core/errors";
import { ParticipantResult, scanUnits } from "../core/participant";
import { CheckedRows, checkedBuffers } from "../core/check";
import { checkTask } from "../core/share-checks";
import { ScanEngine } from "../core/engine";
import { NodeAccess } from "./access";
import { createEngine } from "./core-file";
import type { WorkerCommand, WorkerJob, WorkerMessage } from "./workers";

/** Posts a message; the typed arrays in `transfer` move without a copy. */
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

async function main(job: WorkerJob): Promise<void> {
  const access = NodeAccess.forPaths(job.plan.inputs);
  let engine: ScanEngine;
  let result: ParticipantResult;
  let claims: Claims;
  try {
    engine = createEngine(job.engine, job.build, job.module);
    engine.configure(job.limit);
    claims = new Claims(job.plan.units.length, job.claims);
    result = await scanUnits(engine, job.plan, claims, job.id, access, {
      strict: job.strict, chunkSize: job.chunkSize, shareKept: true,
      accepts: (unit) => job.plan.inputs[unit.input].path !== undefined,
    });
    // The columns are in shared memory: the calling thread reads them where they are, and this
    // worker still checks its own winners from them.
    post({ type: "scanned", result });
  } catch (thrown) {
    post({ type: "failed", error: toErrorData(thrown) });
    return;
  }
  parentPort!.once("message", async (command: WorkerCommand) => {
    try {
      const checks: CheckedRows[] = [];
      // The board's stop flag (the run failed, or is over) ends the check at its next read.
      const context = { engine, plan: job.plan, access, keepText: command.keepText, shouldStop: () => claims.stopped() };
      for (const task of command.tasks) checks.push(await checkTask(task, result.kept, context));
      post({ type: "checked", checks }, checks.flatMap(checkedBuffers));
    } catch (thrown) {
      post({ type: "failed", error: toErrorData(thrown) });
    }
  });
}

void main(workerData as WorkerJob);
