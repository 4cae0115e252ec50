// A worker thread: scans one byte range of a file with its own engine and posts back its
// kept lines, its line count and its first fault, all with line numbers local to the range.
import { parentPort, workerData } from "node:worker_threads";
import { asHighestError } from "../core/errors";
import { scanSource } from "../core/line-buffer";
import { StrictChecker } from "../core/strict";
import { createEngine } from "./engines";
import { FileSource } from "./file-source";
import type { RangeJob, RangeResult } from "./threads";

async function main(): Promise<void> {
  const job = workerData as RangeJob;
  const engine = createEngine(job.engine);
  engine.configure(job.limit, false);
  const strict = job.strict ? new StrictChecker() : undefined;
  const source = FileSource.range(job.fd, job.name, job.start, job.end);
  let result: RangeResult;
  try {
    await scanSource(engine, source, { chunkSize: job.chunkSize, startOffset: job.start, visitor: strict?.visit });
    result = { lines: engine.linesSeen(), winners: engine.finish(), recordFault: strict?.firstFault };
  } catch (thrown) {
    const error = asHighestError(thrown);
    result = { lines: engine.linesSeen(), winners: [], error: { kind: error.kind, detail: error.detail, line: error.line } };
  }
  parentPort!.postMessage(result);
}

void main();
