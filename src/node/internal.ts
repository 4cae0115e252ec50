// The library's entries with test knobs (tiny reads, small segments, threads for small inputs, a
// core build): what the CLI's hidden flags and the tests use. Not the package's API: index.ts
// does not export this file, and the library's own entries refuse the knobs as unknown options.
import { TestKnobs } from "../core/model/options";
import { rank, winnersOf, withKnobs } from "../core/run/rank";
import { RunResult } from "../core/run/result";
import { DecimalWinner } from "../core/model/winner";
import { NodeRankOptions } from "./index";
import { NodeInput } from "./inputs";
import { LIBRARY_HOST, RunHost, nodePlatform } from "./platform";

export * from "./index";

/** Options and knobs. */
export type KnobbedOptions = NodeRankOptions & TestKnobs;

/** highest() of index.ts, taking knobs. */
export async function highest(input: NodeInput | NodeInput[], count: number | bigint, options: KnobbedOptions = {}): Promise<DecimalWinner[]> {
  return winnersOf(await rankInputs(input, count, options), options);
}

/** rankInputs() of index.ts, taking knobs, and telling warnings to `host` (the CLI prints them). */
export function rankInputs(input: NodeInput | NodeInput[], count: number | bigint, options: KnobbedOptions = {},
  host: RunHost = LIBRARY_HOST): Promise<RunResult> {
  return rank(withKnobs(nodePlatform(host)), input, count, options);
}
