// A worker thread: one more participant in a run (see core/participant.ts), then a checker
// of a share of the winners. Everything it opens it closes itself.
import { parentPort, workerData } from "node:worker_threads";
import { Claims } from "../core/claims";
import { toErrorData } from "../core/errors";
import { scanUnits } from "../core/participant";
import { checkWinners } from "../core/winners";
import { NodeAccess } from "./access";
import { createEngine } from "./core-file";
import type { WorkerCommand, WorkerJob, WorkerMessage } from "./workers";

const post = (message: WorkerMessage) => parentPort!.postMessage(message);

async function main(job: WorkerJob): Promise<void> {
  const access = NodeAccess.forPaths(job.plan.inputs);
  try {
    const engine = createEngine(job.engine, job.build, job.module);
    engine.configure(job.limit);
    const claims = new Claims(job.plan.units.length, job.claims);
    const result = await scanUnits(engine, job.plan, claims, job.id, access, {
      strict: job.strict, chunkSize: job.chunkSize,
      accepts: (unit) => job.plan.inputs[unit.input].path !== undefined,
    });
    post({ type: "scanned", result });
  } catch (thrown) {
    post({ type: "failed", error: toErrorData(thrown) });
    return;
  }
  parentPort!.once("message", async (command: WorkerCommand) => {
    try {
      post({ type: "checked", checks: await checkWinners(command.kept, job.plan, access, command.keepText) });
    } catch (thrown) {
      post({ type: "failed", error: toErrorData(thrown) });
    }
  });
}

void main(workerData as WorkerJob);
