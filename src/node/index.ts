// The library for Node.js: highest(inputs, count, options) resolves to the winners.
import { availableParallelism } from "node:os";
import { HighestError } from "../core/model/errors";
import { OptionCheck, booleanOption } from "../core/model/option-checks";
import { HighestOptions } from "../core/model/options";
import { LibraryPlatform, rank } from "../core/run/rank";
import { RunResult } from "../core/run/result";
import { DecimalWinner, Winner } from "../core/model/winner";
import { releaseGiven } from "../core/input/source";
import { NodeAccess } from "./access";
import { coreModule, createEngine } from "./core-file";
import { noInputFilesWarning } from "./directories";
import { NodeInput, expandInputs, isReadable } from "./inputs";
import { settleWrittenIndexes } from "./index-writes";
import type { Readable } from "node:stream";

export * from "../core/index";
export { type NodeInput } from "./inputs";

/** Options for Node runs: the options of every platform (wasmUrl, helperUrl and onThreads are usage errors here). */
export type NodeRankOptions = HighestOptions;

/** The options only Node takes (beyond RankOptions, threads and tuning). */
const NODE_OPTION_CHECKS: Record<string, OptionCheck> = {
  follow: booleanOption,
  writeIndex: booleanOption,
  index: (value, name) => (value === false || typeof value === "string" ? undefined : `${name} must be false or a path`),
};

/** How a run tells its caller what is not an error: the CLI prints "highest: warning: …" lines. */
export interface RunHost {
  /** A warning (without "highest: "); how the option that helps is spelled in it ("--follow"). */
  warn: (message: string, code?: string) => void;
  followName: string;
}

/** A library caller gets Node's process warnings (printed on stderr unless the program listens for them). */
const LIBRARY_HOST: RunHost = {
  warn: (message, code = "HIGHEST_NO_INPUT_FILES") => process.emitWarning(message, { code }),
  followName: "follow: true",
};

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. */
export function highest(input: NodeInput | NodeInput[], count: number | bigint, options?: NodeRankOptions & { decimal?: false }): Promise<Winner[]>;
/** With `decimal: true`, a score written with a fraction or an exponent is its printed text. */
export function highest(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions): Promise<DecimalWinner[]>;
export async function highest(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {}): Promise<DecimalWinner[]> {
  const result = await rankInputs(input, count, options);
  try {
    return await result.winners({ text: options.lineTexts === true, record: options.records === true });
  } finally {
    await result.close();
  }
}

/** The same run, its result in columns (the CLI prints it without an object per record); close it. */
export function rankInputs(input: NodeInput | NodeInput[], count: number | bigint, options: NodeRankOptions = {},
  host: RunHost = LIBRARY_HOST): Promise<RunResult> {
  return rank(nodePlatform(host), input, count, options);
}

/** Node's inputs: paths (directories walked), "-", streams and bytes; workers for threads. */
function nodePlatform(host: RunHost): LibraryPlatform<NodeInput> {
  return {
    optionChecks: NODE_OPTION_CHECKS,
    async open(given, options) {
      if (typeof options.index === "string" && given.length !== 1) throw new HighestError("usage", "an index path is for a run of one input");
      const expanded = await expandInputs(given, options.follow === true, {
        use: options.index !== false, given: typeof options.index === "string" ? options.index : undefined, write: options.writeIndex === true,
        spacing: options.tuning?.indexSpacing,
      });
      for (const warning of expanded.warnings) host.warn(warning, "HIGHEST_INDEX_LEFT_OUT");
      // Directories that found no file but left entries out: say why the result is [] (a folder of links).
      const warning = expanded.inputs.length === 0 ? noInputFilesWarning(expanded.directories, host.followName) : undefined;
      if (warning) host.warn(warning);
      if (options.shard && expanded.sources.some((source) => source.kind !== "path")) {
        throw new HighestError("usage", "--shard needs files: standard input and streams cannot be split");
      }
      const build = options.tuning?.build;
      return {
        inputs: expanded.inputs,
        settled: (succeeded) => settleWrittenIndexes(expanded.inputs, succeeded),
        tuning: {
          ...options.tuning,
          threads: options.threads ?? defaultThreads(), // the CLI's default: a large file is as fast from here
          nameInputs: expanded.nameInputs,
        },
        platform: {
          createEngine: async (kind) => createEngine(kind, build),
          access: new NodeAccess(expanded.inputs, expanded.sources),
          startHelper: (job) => {
            // Loaded only here: worker_threads costs start-up time that small runs should not pay.
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { startWorker } = require("./workers") as typeof import("./workers");
            return startWorker({ ...job, build, module: job.engine === "wasm" ? coreModule(build) : undefined });
          },
        },
      };
    },
    // A path needs nothing, and does not load node:stream to be told from a stream.
    release: (item) => (typeof item === "object" && item !== null && isReadable(item) ? destroyReadable(item) : releaseGiven(item)),
  };
}

/** Destroys a caller's stream (a no-op once it ended) and waits until its descriptor, if any, is closed. */
async function destroyReadable(stream: Readable): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { finished } = require("node:stream/promises") as typeof import("node:stream/promises");
  stream.destroy();
  await finished(stream).catch(() => {}); // a stream destroyed early "closes prematurely": that is the point
}

/** The threads a Node run uses when not told (the CLI's and the library's): the available cores. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
