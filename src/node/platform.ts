// Node's side of a run (core/run/rank.ts): its inputs (paths, directories walked, "-", streams,
// bytes), workers for threads, and how what a caller handed over is released.
import { availableParallelism } from "node:os";
import { HighestError } from "../core/model/errors";
import { OptionCheck, booleanOption } from "../core/model/option-checks";
import { LibraryPlatform } from "../core/run/rank";
import { releaseGiven } from "../core/input/source";
import { NodeAccess } from "./access";
import { coreModule, createEngine } from "./core-file";
import { noInputFilesWarning } from "./directories";
import { NodeInput, expandInputs, isReadable } from "./inputs";
import { settleWrittenIndexes } from "./index-writes";
import type { Readable } from "node:stream";

/** How a run tells its caller what is not an error: the CLI prints "highest: warning: …" lines. */
export interface RunHost {
  /** A warning (without "highest: "), with the code a library caller's process warning gets; how the option that helps is spelled in it ("--follow"). */
  warn: (message: string, code?: string) => void;
  followName: string;
}

/** A library caller gets Node's process warnings (printed on stderr unless the program listens for them). */
export const LIBRARY_HOST: RunHost = {
  warn: (message, code = "HIGHEST_NO_INPUT_FILES") => process.emitWarning(message, { code }),
  followName: "follow: true",
};

/** The options only Node takes (beyond RankOptions and threads). */
const NODE_OPTION_CHECKS: Record<string, OptionCheck> = {
  follow: booleanOption,
  writeIndex: booleanOption,
  index: (value, name) => (value === false || typeof value === "string" ? undefined : `${name} must be false or a path`),
};

/** Node's inputs: paths (directories walked), "-", streams and bytes; workers for threads. */
export function nodePlatform(host: RunHost): LibraryPlatform<NodeInput> {
  return {
    optionChecks: NODE_OPTION_CHECKS,
    async open(given, options, knobs) {
      if (typeof options.index === "string" && given.length !== 1) throw new HighestError("usage", "an index path is for a run of one input");
      const expanded = await expandInputs(given, options.follow === true, {
        use: options.index !== false, given: typeof options.index === "string" ? options.index : undefined, write: options.writeIndex === true,
        spacing: knobs.indexSpacing,
      });
      for (const warning of expanded.warnings) host.warn(warning, "HIGHEST_INDEX_LEFT_OUT");
      // Directories that found no file but left entries out: say why the result is [] (a folder of links).
      const warning = expanded.inputs.length === 0 ? noInputFilesWarning(expanded.directories, host.followName) : undefined;
      if (warning) host.warn(warning);
      if (options.shard && expanded.sources.some((source) => source.kind !== "path")) {
        throw new HighestError("usage", "--shard needs files: standard input and streams cannot be split");
      }
      const build = knobs.build;
      return {
        inputs: expanded.inputs,
        settled: (succeeded) => settleWrittenIndexes(expanded.inputs, succeeded),
        tuning: {
          ...knobs,
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
