// A helper participant's own side, the same in a Node worker thread and a browser Web Worker:
// it scans the units it claims (participant.ts), posts "scanned", waits for "check", checks
// the rows it is given (share-checks.ts) and posts them back, moved, not copied.
// Failures are posted as ErrorData. Everything it opens it closes itself.
import { InputAccess } from "./access";
import { CheckedRows, checkedBuffers } from "./check";
import { Claims } from "./claims";
import { ScanEngine } from "./engine";
import { toErrorData } from "./errors";
import type { HelperCommand, HelperMessage } from "./helper-client";
import { ParticipantResult, scanUnits } from "./participant";
import { Prechecked } from "./precheck";
import { HelperJob } from "./run";
import { checkTask } from "./share-checks";

/** The worker's end of its channel to the calling thread. */
export interface HelperWorkerPort {
  /** Posts a message; the buffers in `transfer` move without a copy. */
  post(message: HelperMessage, transfer?: ArrayBuffer[]): void;
  /** Calls `listener` with the next command that arrives. */
  nextCommand(listener: (command: HelperCommand) => void): void;
}

/**
 * Runs a helper's job. `access` opens the inputs this worker can reach: the ones with a
 * `path` (files in Node, Blobs in browsers); it takes no other units.
 */
export async function serveHelper(
  job: HelperJob, port: HelperWorkerPort, access: InputAccess, createEngine: () => ScanEngine | Promise<ScanEngine>,
): Promise<void> {
  let engine: ScanEngine;
  let result: ParticipantResult;
  let prechecked: Prechecked | undefined;
  let claims: Claims;
  try {
    engine = await createEngine();
    engine.configure(job.limit);
    claims = new Claims(job.plan.units.length, job.claims);
    ({ result, prechecked } = await scanUnits(engine, job.plan, claims, job.id, access, {
      strict: job.strict, chunkSize: job.chunkSize, shareKept: true, precheck: job.precheck,
      accepts: (unit) => job.plan.inputs[unit.input].path !== undefined,
    }));
    // The columns are in shared memory: the calling thread reads them where they are, and this
    // worker still checks its own winners from them.
    port.post({ type: "scanned", result });
  } catch (thrown) {
    port.post({ type: "failed", error: toErrorData(thrown) });
    return;
  }
  port.nextCommand(async (command) => {
    try {
      // The board's stop flag (the run failed, or is over) ends the check at its next read.
      const context = { engine, plan: job.plan, access, keepText: command.keepText, shouldStop: () => claims.stopped() };
      const checks: CheckedRows[] = [];
      for (const task of command.tasks) checks.push(await checkTask(task, result.kept, context, prechecked));
      port.post({ type: "checked", checks }, checks.flatMap(checkedBuffers));
    } catch (thrown) {
      port.post({ type: "failed", error: toErrorData(thrown) });
    }
  });
}
