// A worker thread: one more participant in a threaded run (see segments.ts).
import { parentPort, workerData } from "node:worker_threads";
import { createEngine } from "./engines";
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
}

void main(workerData as WorkerJob);
