// A worker thread: one more participant in a threaded run (see segments.ts).
import { parentPort, workerData } from "node:worker_threads";
import { CoreWinner } from "../core/engine";
import { toErrorData } from "../core/errors";
import { checkWinners } from "../core/winners";
import { createEngine } from "./engines";
import { FileSource } from "./file-source";
import { SegmentPlan, scanSegments } from "./segments";

/** What a worker is started with. */
export interface WorkerJob {
  plan: SegmentPlan;
  id: number;
  limit: number;
  engine: "wasm" | "js";
  strict: boolean;
  chunkSize?: number;
}

async function main(job: WorkerJob): Promise<void> {
  const engine = createEngine(job.engine);
  engine.configure(job.limit, false);
  const result = await scanSegments(engine, job.plan, job.id, { strict: job.strict, chunkSize: job.chunkSize });
  parentPort!.postMessage(result);
  // Then, once the main thread has merged, check a share of the final winners in parallel.
  parentPort!.once("message", async (share: CoreWinner[]) => {
    try {
      parentPort!.postMessage({ checks: await checkWinners(share, new FileSource(job.plan.fd, job.plan.name, job.plan.size)) });
    } catch (thrown) {
      parentPort!.postMessage({ error: toErrorData(thrown) });
    }
    parentPort!.close();
  });
}

void main(workerData as WorkerJob);
