// The library for Node.js: highest(inputs, count, options) resolves to the winners.
import { availableParallelism } from "node:os";
import { HighestError, asHighestError } from "../core/model/errors";
import { CoreBuild, RankOptions } from "../core/model/options";
import { RunTuning, countLimit, runRanking } from "../core/run/run";
import { RunResult } from "../core/run/result";
import { Winner } from "../core/model/winner";
import { ByteSource } from "../core/input/source";
import { NodeAccess } from "./access";
import { coreModule, createEngine } from "./core-file";
import { NodeInput, expandInputs } from "./inputs";

export * from "../core/index";
export { type NodeInput } from "./inputs";

/** Options for Node runs. */
export interface NodeRankOptions extends RankOptions {
  /** Threads (this one + workers) for large inputs; default 1 in the library (the CLI defaults to the cores). */
  threads?: number;
  /** For tests: small segments, threads for small runs, a given core build. */
  tuning?: Omit<RunTuning, "threads" | "nameInputs"> & { build?: CoreBuild };
}

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. */
export async function highest(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {}): Promise<Winner[]> {
  const result = await rankInputs(input, count, options);
  try {
    return await result.winners();
  } finally {
    await result.close();
  }
}

/** The same run, its result in columns (the CLI prints it without an object per record); close it. */
export async function rankInputs(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {}): Promise<RunResult> {
  const given = Array.isArray(input) ? input : [input];
  try {
    countLimit(count); // a bad count fails before anything is opened
    const expanded = await expandInputs(given);
    if (options.shard && expanded.sources.some((source) => source.kind !== "path")) {
      throw new HighestError("usage", "--shard needs files: standard input and streams cannot be split");
    }
    const build = options.tuning?.build;
    return await runRanking(expanded.inputs, count, options, {
      ...options.tuning,
      threads: options.threads ?? 1,
      nameInputs: expanded.nameInputs,
    }, {
      createEngine: async (kind) => createEngine(kind, build),
      access: new NodeAccess(expanded.inputs, expanded.sources),
      startHelper: (job) => {
        // Loaded only here: worker_threads costs start-up time that small runs should not pay.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { startWorker } = require("./workers") as typeof import("./workers");
        return startWorker({ ...job, build, module: job.engine === "wasm" ? coreModule(build) : undefined });
      },
    });
  } catch (thrown) {
    throw asHighestError(thrown);
  } finally {
    // ByteSources the caller made are released once the run is over, as before.
    for (const item of given) if (isByteSource(item)) await item.close?.();
  }
}

function isByteSource(item: NodeInput): item is ByteSource {
  return typeof item === "object" && item !== null && !(item instanceof Uint8Array) && typeof (item as ByteSource).read === "function"
    && !("pipe" in item);
}

/** The number of threads the CLI uses by default. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
