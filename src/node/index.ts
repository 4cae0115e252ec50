// The library for Node.js: highest(source, count, options) resolves to the winners.
import { Readable } from "node:stream";
import { HighestError } from "../core/errors";
import { RankOptions, rankSource } from "../core/rank";
import { ByteSource, BytesSource, ChunkStreamSource } from "../core/source";
import { Winner } from "../core/winners";
import { createEngine } from "./engines";
import { FileSource, openInput } from "./file-source";
import { ThreadTuning, threadsFor } from "./thread-policy";

export * from "../core/index";

/** What a run can read in Node: a path ("-" for standard input), a readable stream, or bytes. */
export type NodeInput = string | Readable | AsyncIterable<Uint8Array> | Uint8Array | ByteSource;

/** Options for Node runs. */
export interface NodeRankOptions extends RankOptions {
  /** Worker threads for a file (default 1 in the library; the CLI defaults to the cores). */
  threads?: number;
  /** For tests: thread small files, in small segments. */
  threadTuning?: ThreadTuning;
}

/** The best `count` records of the input, best first, with exact scores. */
export async function highest(input: NodeInput, count: number | bigint, options: NodeRankOptions = {}): Promise<Winner[]> {
  const source = toSource(input);
  try {
    const threads = source instanceof FileSource ? threadsFor(source.size, options.threads ?? 1, options.threadTuning) : 1;
    if (threads > 1) {
      // Loaded only here: worker_threads costs start-up time that small files should not pay.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { rankFileThreaded } = require("./threads") as typeof import("./threads");
      return await rankFileThreaded(source as FileSource, count, threads, options, options.threadTuning);
    }
    return await rankSource(createEngine, source, count, options);
  } finally {
    await source.close?.();
  }
}

function toSource(input: NodeInput): ByteSource {
  if (typeof input === "string") return openInput(input);
  if (input instanceof Uint8Array) return new BytesSource(input);
  if (typeof (input as ByteSource).read === "function" && !(input instanceof Readable)) return input as ByteSource;
  if (Symbol.asyncIterator in (input as object)) return new ChunkStreamSource(input as AsyncIterable<Uint8Array>);
  throw new HighestError("usage", "unsupported input: give a path, a readable stream or bytes");
}
