// The library for Node.js: highest(inputs, count, options) resolves to the winners.
import { HighestOptions } from "../core/model/options";
import { rank, winnersOf } from "../core/run/rank";
import { RunResult } from "../core/run/result";
import { DecimalWinner, Winner } from "../core/model/winner";
import { NodeInput } from "./inputs";
import { LIBRARY_HOST, nodePlatform } from "./platform";

export * from "../core/index";
export { type NodeInput } from "./inputs";

/** Options for Node runs: the options of every platform (wasmUrl, helperUrl and onThreads are usage errors here). */
export type NodeRankOptions = HighestOptions;

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. */
export function highest(input: NodeInput | NodeInput[], count: number | bigint, options?: NodeRankOptions & { decimal?: false }): Promise<Winner[]>;
/** With `decimal: true`, a score written with a fraction or an exponent is its printed text. */
export function highest(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions): Promise<DecimalWinner[]>;
export async function highest(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {}): Promise<DecimalWinner[]> {
  return winnersOf(await rankInputs(input, count, options), options);
}

/** The same run, its result in columns (the CLI prints it without an object per record); close it. */
export function rankInputs(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {}): Promise<RunResult> {
  return rank(nodePlatform(LIBRARY_HOST), input, count, options);
}
