// The browser library's entries with test knobs (tiny reads, small segments, threads for small
// inputs), bundled apart as build/browser/highest-internal.mjs for the browser tests. Not the
// package's API: it is neither exported nor shipped, and index.ts refuses the knobs as unknown options.
import { TestKnobs } from "../core/model/options";
import { rank, winnersOf, withKnobs } from "../core/run/rank";
import { DecimalWinner } from "../core/model/winner";
import { BrowserInput } from "./access";
import { BrowserRankOptions } from "./index";
import { BROWSER_PLATFORM } from "./platform";
import { WorkerInput } from "./worker-protocol";
import { WorkerRankOptions, runInWorker } from "./worker-client";

export * from "./index";

/** highest() of index.ts, taking knobs. */
export async function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions & TestKnobs = {}): Promise<DecimalWinner[]> {
  return winnersOf(await rank(withKnobs(BROWSER_PLATFORM), input, count, options), options);
}

/** highestInWorker() of index.ts, the knobs passed to the worker's run. */
export function highestInWorker(
  worker: Worker, input: WorkerInput | WorkerInput[], count: number | bigint, options: WorkerRankOptions & TestKnobs = {},
): Promise<DecimalWinner[]> {
  const { chunkSize, tuning, ...rest } = options;
  return runInWorker(worker, input, count, rest, { chunkSize, tuning });
}
