// A helper participant's own side, the same in a Node worker thread and a browser Web Worker:
// it scans the units it claims (participant.ts), posts "scanned", waits for "check", checks
// the rows it is given (share-checks.ts) and posts them back, moved, not copied; or, told to
// hold them, holds them and formats them when told "format" (output/fragments.ts).
// Failures are posted as ErrorData. Everything it opens it closes itself.
import { InputAccess } from "../input/access";
import { CheckedRows, checkedBuffers } from "../check/store";
import { Claims } from "../run/claims";
import { ScanEngine } from "../scan/engine";
import { toErrorData } from "../model/errors";
import type { HelperCommand, HelperMessage } from "./helper-client";
import { formatAhead } from "../output/fragments";
import { scanUnits } from "../run/participant";
import { ParticipantResult } from "../run/reports";
import { ListRows } from "../run/ranking";
import { Prechecked } from "../check/precheck";
import { HelperJob } from "../run/helper";
import { checkTask } from "../check/share-checks";
import { PlacedFault } from "../model/faults";

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
  let strictFault: PlacedFault | undefined;
  let claims: Claims;
  try {
    engine = await createEngine();
    engine.configure(job.limit, job.lowest === true, job.decimal === true);
    claims = new Claims(job.plan.units.length, job.claims);
    const board = claims;
    let reportedKib = 0; // what this helper added to the board's count of bytes read
    ({ result, prechecked, strictFault } = await scanUnits(engine, job.plan, claims, job.id, access, {
      strict: job.strict, chunkSize: job.chunkSize, shareKept: true, precheck: job.precheck,
      accepts: (unit) => job.plan.inputs[unit.input].path !== undefined,
      onProgress: (bytes) => {
        const kib = Math.floor(bytes / 1024);
        if (kib > reportedKib) board.addHelperRead(kib - reportedKib);
        reportedKib = Math.max(kib, reportedKib);
      },
    }));
    // The columns are in shared memory: the calling thread reads them where they are, and this
    // worker still checks its own winners from them.
    port.post({ type: "scanned", result });
  } catch (thrown) {
    port.post({ type: "failed", error: toErrorData(thrown) });
    return;
  }
  let held: CheckedRows | undefined; // its own rows, checked and held to be formatted
  const serve = async (command: HelperCommand): Promise<void> => {
    try {
      if (command.type === "rows") {
        port.post({ type: "rows", rows: held! }, checkedBuffers(held!));
        return;
      }
      if (command.type === "format") {
        const rows = new ListRows(result.kept, held!, job.plan, command.bases);
        formatAhead(rows, command.format, command.credits, () => claims.stopped(), (chunk) => {
          port.post({ type: "formatted", chunk }, [chunk.bytes.buffer as ArrayBuffer, chunk.ends.buffer as ArrayBuffer]);
        });
        return;
      }
      // The board's stop flag (the run failed, or is over) ends the check at its next read.
      const context = { engine, plan: job.plan, access, keepText: command.keepText, shouldStop: () => claims.stopped() };
      const checks: CheckedRows[] = [];
      for (const task of command.tasks) checks.push(await checkTask(task, result.kept, context, prechecked, strictFault));
      if (command.holdRows) {
        held = checks[0];
        port.nextCommand(serve); // before the answer: "format" may follow at once
        const stubs = checks.map((rows) => ({
          count: rows.count, idBytes: new Uint8Array(0), idStart: new Float64Array(0), idLength: new Int32Array(0), fault: rows.fault,
        }));
        port.post({ type: "checked", checks: stubs });
        return;
      }
      port.post({ type: "checked", checks }, checks.flatMap(checkedBuffers));
    } catch (thrown) {
      port.post({ type: "failed", error: toErrorData(thrown) });
    }
  };
  port.nextCommand(serve);
}
