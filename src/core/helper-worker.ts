// A helper participant's own side, the same in a Node worker thread and a browser Web Worker:
// it scans the units it claims (participant.ts), posts "scanned", waits for "check", checks
// the first `take` of the lines it kept (check.ts) and posts them back, moved, not copied.
// Failures are posted as ErrorData. Everything it opens it closes itself.
import { InputAccess } from "./access";
import { checkKept, checkedBuffers } from "./check";
import { Claims } from "./claims";
import { ScanEngine } from "./engine";
import { toErrorData } from "./errors";
import type { HelperCommand, HelperMessage } from "./helper-client";
import { ParticipantResult, scanUnits } from "./participant";
import { HelperJob } from "./run";

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
  try {
    engine = await createEngine();
    engine.configure(job.limit);
    const claims = new Claims(job.plan.units.length, job.claims);
    result = await scanUnits(engine, job.plan, claims, job.id, access, {
      strict: job.strict, chunkSize: job.chunkSize,
      accepts: (unit) => job.plan.inputs[unit.input].path !== undefined,
    });
    // The columns are copied, not moved: this worker still checks its own winners from them.
    port.post({ type: "scanned", result });
  } catch (thrown) {
    port.post({ type: "failed", error: toErrorData(thrown) });
    return;
  }
  port.nextCommand(async (command) => {
    try {
      const checks = await checkKept(result.kept, command.take, engine, job.plan, access, command.keepText);
      port.post({ type: "checked", checks }, checkedBuffers(checks));
    } catch (thrown) {
      port.post({ type: "failed", error: toErrorData(thrown) });
    }
  });
}
