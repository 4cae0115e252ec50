// Both cores at work on a regular file: the main thread and worker threads share the
// segments of the file (segments.ts), each with its own engine instance; their kept lines
// are merged here and line numbers made absolute from the per-segment line counts.
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { CoreWinner } from "../core/engine";
import { ErrorData, HighestError, fromErrorData } from "../core/errors";
import { RankOptions, countLimit } from "../core/rank";
import { RecordCheck } from "../core/record";
import { RecordFault, Winner, assembleWinners, checkWinners } from "../core/winners";
import { createEngine } from "./engines";
import { FileSource } from "./file-source";
import type { WorkerJob } from "./scan-worker";
import { ThreadTuning } from "./thread-policy";
import { LINE_KEY, ParticipantResult, SegmentReport, makePlan, ownsAny, scanSegments } from "./segments";

const WORKER_SCRIPT = path.resolve(__dirname, "..", "..", "build", "node", "scan-worker.js");

/** A started worker: its scan result, then (askCheck) the check of a share of the winners. */
interface RunningWorker {
  worker: Worker;
  result: Promise<ParticipantResult>;
}

function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number) => reject(new HighestError("internal", `internal error: a worker thread exited (${code})`));
    worker.once("message", (message: T) => { worker.off("exit", onExit); resolve(message); });
    worker.once("error", reject);
    worker.once("exit", onExit);
  });
}

function startWorker(job: WorkerJob): RunningWorker {
  // A small young generation: the worker makes little garbage, and RSS is part of the contract.
  // stdout/stderr: true keeps the workers' (unused) output off ours: piping it costs listeners per worker.
  const worker = new Worker(WORKER_SCRIPT, {
    workerData: job, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 2 },
  });
  return { worker, result: nextMessage<ParticipantResult>(worker) };
}

/** Has a worker check a share of the winners (it then exits). */
async function askCheck(worker: Worker, share: CoreWinner[]): Promise<RecordCheck[]> {
  const answer = nextMessage<{ checks?: RecordCheck[]; error?: ErrorData }>(worker);
  worker.postMessage(share);
  const { checks, error } = await answer;
  if (error) throw fromErrorData(error);
  return checks!;
}

/** Ranks a regular file with the main thread and `threads - 1` workers. */
export async function rankFileThreaded(
  source: FileSource, count: number | bigint, threads: number, options: RankOptions, tuning: ThreadTuning = {},
): Promise<Winner[]> {
  const limit = countLimit(count);
  const plan = makePlan(source.fd, source.name, source.size, threads, tuning.segmentBytes);
  threads = Math.min(threads, plan.segments); // more threads than segments would only sit idle
  const common = { limit, engine: options.engine ?? "wasm", strict: options.strict === true, chunkSize: options.chunkSize };
  const workers = Array.from({ length: threads - 1 }, (_, i) => startWorker({ plan, id: i + 2, ...common }));

  const engine = createEngine(common.engine);
  engine.configure(limit, false);
  const own = await scanSegments(engine, plan, 1, {
    strict: common.strict,
    chunkSize: common.chunkSize,
    onChunk: options.onProgress && (() => {
      options.onProgress!({ bytesRead: plan.scanned.reduce((a, b) => a + b, 0), totalBytes: source.size });
    }),
  });
  // Every segment is claimed now: a worker that owns none is not needed (it may still be starting).
  const results = [own];
  const helpers: Worker[] = [];
  for (const [i, { worker, result }] of workers.entries()) {
    if (ownsAny(plan, i + 2)) {
      results.push(await result);
      helpers.push(worker);
    } else {
      result.catch(() => {}); // its exit after terminate() is expected
      void worker.terminate();
    }
  }
  try {
    const { winners, recordFault } = merge(results, plan.segments, limit);
    // The workers check the winners, each a share: checking makes garbage, and a worker's heap
    // is capped (resourceLimits) where the main thread's young generation would grow to 16 MB.
    const size = Math.ceil(winners.length / Math.max(1, helpers.length));
    const checks = helpers.length === 0
      ? [await checkWinners(winners, source)]
      : await Promise.all(helpers.map((worker, i) => askCheck(worker, winners.slice(i * size, (i + 1) * size))));
    return assembleWinners(winners, checks.flat(), recordFault);
  } finally {
    for (const worker of helpers) void worker.terminate();
  }
}

/** Merges the participants' results in file order: the best `limit` lines with absolute line numbers. */
function merge(
  results: ParticipantResult[], segments: number, limit: number,
): { winners: CoreWinner[]; recordFault?: RecordFault } {
  const reports: Array<SegmentReport | undefined> = new Array(segments);
  for (const result of results) for (const report of result.reports) reports[report.segment] = report;

  const firstLine: number[] = []; // lines before each segment
  let linesBefore = 0;
  let recordFault: RecordFault | undefined;
  for (let k = 0; k < segments; k++) {
    const report = reports[k];
    if (!report) throw new HighestError("internal", `internal error: segment ${k} was not scanned`);
    if (report.error) throw fromErrorData(report.error, linesBefore);
    if (report.recordFault && !recordFault) {
      recordFault = { line: linesBefore + report.recordFault.line, problem: report.recordFault.problem };
    }
    firstLine.push(linesBefore);
    linesBefore += report.lines;
  }

  const kept: CoreWinner[] = [];
  for (const result of results) {
    for (const winner of result.winners) {
      const segment = Math.floor(winner.line / LINE_KEY);
      winner.line = firstLine[segment] + (winner.line - segment * LINE_KEY); // made for this merge: ours to change
      kept.push(winner);
    }
  }
  kept.sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : a.line - b.line));
  return { winners: kept.slice(0, limit), recordFault };
}
