// The library for browsers: highest(inputs, count, options) resolves to the winners.
// It runs in the thread that calls it; pages should call it from a Web Worker
// (see worker.ts and highestInWorker in worker-client.ts) so the page never freezes.
import { HighestOptions } from "../core/model/options";
import { rank, winnersOf } from "../core/run/rank";
import { DecimalWinner, Winner } from "../core/model/winner";
import { BrowserInput } from "./access";
import { BROWSER_PLATFORM } from "./platform";

export * from "../core/index";
export { type BrowserInput } from "./access";
export { highestInWorker, type WorkerRankOptions } from "./worker-client";
export { threadsAvailable } from "./helpers";

/** Options for browser runs: the options of every platform (follow is a usage error here). */
export type BrowserRankOptions = HighestOptions;

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. Rejects with HighestError. */
export function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options?: BrowserRankOptions & { decimal?: false }): Promise<Winner[]>;
/** With `decimal: true`, a score written with a fraction or an exponent is its printed text. */
export function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions): Promise<DecimalWinner[]>;
export async function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions = {}): Promise<DecimalWinner[]> {
  return winnersOf(await rank(BROWSER_PLATFORM, input, count, options), options);
}
