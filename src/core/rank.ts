// One run, shared by Node and the browser: read everything through an engine, then
// resolve and validate the winners. Platform code supplies the engine factory and source.
import { EngineFactory } from "./engine";
import { HighestError } from "./errors";
import { scanSource } from "./line-buffer";
import { ByteSource } from "./source";
import { StrictChecker } from "./strict";
import { resolveWinners, Winner } from "./winners";

/** Progress of a run. */
export interface Progress {
  bytesRead: number;
  /** Known for files and Blobs, not for streams. */
  totalBytes?: number;
}

/** Options of a run. */
export interface RankOptions {
  /** Validate every record's JSON and id, not only the winners'. */
  strict?: boolean;
  /** "wasm" (default) or "js", the pure-JavaScript engine of the same algorithm. */
  engine?: "wasm" | "js";
  /** Bytes per read (tests use tiny ones). */
  chunkSize?: number;
  /** Called after each chunk. */
  onProgress?: (progress: Progress) => void;
  /** Stops the run; it then rejects with kind "aborted". */
  signal?: AbortSignal;
}

/** The heap limit for a count: a non-negative integer of any size. */
export function countLimit(count: number | bigint): number {
  if (typeof count === "bigint") {
    if (count < 0n) throw new HighestError("usage", "count must be a non-negative integer");
    return Number(count);
  }
  if (!Number.isInteger(count) && count !== Infinity) {
    throw new HighestError("usage", "count must be a non-negative integer");
  }
  if (count < 0) throw new HighestError("usage", "count must be a non-negative integer");
  return count;
}

/** Ranks a source: the best `count` records, best first, validated. */
export async function rankSource(
  createEngine: EngineFactory, source: ByteSource, count: number | bigint, options: RankOptions = {},
): Promise<Winner[]> {
  const limit = countLimit(count);
  const engine = createEngine(options.engine ?? "wasm");
  engine.configure(limit, source.readAt === undefined);
  const strict = options.strict ? new StrictChecker() : undefined;
  const totalBytes = source.size;
  await scanSource(engine, source, {
    chunkSize: options.chunkSize,
    visitor: strict?.visit,
    signal: options.signal,
    onProgress: options.onProgress && ((bytesRead) => options.onProgress!({ bytesRead, totalBytes })),
  });
  return resolveWinners(engine.finish(), source, strict?.firstFault);
}
