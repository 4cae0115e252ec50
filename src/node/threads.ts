// Both cores at work: a regular file is split into byte ranges on line boundaries, each
// scanned by a worker thread with its own engine instance; the kept lines are merged
// here and line numbers made absolute (each worker counts its own lines).
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { CoreWinner } from "../core/engine";
import { ErrorKind, HighestError } from "../core/errors";
import { RankOptions, countLimit } from "../core/rank";
import { RecordFault, Winner, resolveWinners } from "../core/winners";
import { FileSource } from "./file-source";
import { splitOnLines } from "./split";

/** Files smaller than this stay on one thread: starting workers would cost more than it saves. */
export const MIN_BYTES_PER_THREAD = 32 * 1024 * 1024;

/** What a worker is asked to do. */
export interface RangeJob {
  fd: number;
  name: string;
  start: number;
  end: number;
  limit: number;
  engine: "wasm" | "js";
  strict: boolean;
  chunkSize?: number;
}

/** What a worker answers; line numbers are local to its range. */
export interface RangeResult {
  lines: number;
  winners: CoreWinner[];
  recordFault?: RecordFault;
  error?: { kind: ErrorKind; detail: string; line?: number };
}

const WORKER_SCRIPT = path.resolve(__dirname, "..", "..", "build", "node", "scan-worker.js");

/** How many threads to use for a file of `size` bytes. */
export function threadsFor(size: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(size / MIN_BYTES_PER_THREAD)));
}

function runWorker(job: RangeJob): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: job });
    worker.once("message", (result: RangeResult) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new HighestError("internal", `internal error: a worker thread exited with code ${code}`));
    });
  });
}

/** Ranks a regular file with `threads` workers. */
export async function rankFileThreaded(
  source: FileSource, count: number | bigint, threads: number, options: RankOptions,
): Promise<Winner[]> {
  const limit = countLimit(count);
  const ranges = splitOnLines(source.fd, source.size, threads);
  const results = await Promise.all(ranges.map(([start, end]) => runWorker({
    fd: source.fd, name: source.name, start, end, limit,
    engine: options.engine ?? "wasm", strict: options.strict === true, chunkSize: options.chunkSize,
  })));
  options.onProgress?.({ bytesRead: source.size, totalBytes: source.size });

  let firstLine = 0; // lines before the current range
  let recordFault: RecordFault | undefined;
  const kept: CoreWinner[] = [];
  for (const result of results) {
    if (result.error) {
      const { kind, detail, line } = result.error;
      throw new HighestError(kind, detail, line === undefined ? undefined : firstLine + line);
    }
    if (result.recordFault && !recordFault) {
      recordFault = { line: firstLine + result.recordFault.line, problem: result.recordFault.problem };
    }
    for (const winner of result.winners) kept.push({ ...winner, line: firstLine + winner.line });
    firstLine += result.lines;
  }
  kept.sort((a, b) => (a.score > b.score ? -1 : a.score < b.score ? 1 : a.line - b.line));
  return resolveWinners(kept.slice(0, limit), source, recordFault);
}
