// The library for browsers: highest(source, count, options) resolves to the winners.
// It runs in the thread that calls it; pages should call it from a Web Worker
// (see worker.ts and highestInWorker in worker-client.ts) so the page never freezes.
import { asHighestError, HighestError } from "../core/errors";
import { countLimit, RankOptions, rankSource } from "../core/rank";
import { ByteSource, BytesSource, ChunkStreamSource } from "../core/source";
import { Winner } from "../core/winners";
import { BlobSource } from "./blob-source";
import { engineFactory } from "./engines";
import { streamChunks } from "./stream-chunks";

export * from "../core/index";
export { BlobSource } from "./blob-source";
export { highestInWorker, type WorkerRankOptions } from "./worker-client";

/** What a run can read in a browser: a Blob or File, a stream of bytes, or bytes in memory. */
export type BrowserInput = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer | ByteSource;

/** Options for browser runs. */
export interface BrowserRankOptions extends RankOptions {
  /** The folder holding highest.simd.wasm and highest.scalar.wasm (default "/wasm/" on this origin). */
  wasmUrl?: string | URL;
}

/** The best `count` records of the input, best first, with exact scores. Rejects with HighestError. */
export async function highest(input: BrowserInput, count: number | bigint, options: BrowserRankOptions = {}): Promise<Winner[]> {
  let source: ByteSource | undefined;
  try {
    countLimit(count); // a bad count fails before anything is loaded
    source = toSource(input);
    const createEngine = await engineFactory(options.engine ?? "wasm", options.wasmUrl);
    return await rankSource(createEngine, source, count, options);
  } catch (thrown) {
    throw toHighestError(thrown);
  } finally {
    await source?.close?.();
  }
}

function toSource(input: BrowserInput): ByteSource {
  if (typeof input !== "object" || input === null) throw unsupported();
  if (input instanceof Blob) return new BlobSource(input);
  if (input instanceof Uint8Array) return new BytesSource(input);
  if (input instanceof ArrayBuffer) return new BytesSource(new Uint8Array(input));
  if (typeof ReadableStream !== "undefined" && input instanceof ReadableStream) {
    return new ChunkStreamSource(streamChunks(input));
  }
  if (typeof (input as ByteSource).read === "function") return input as ByteSource;
  throw unsupported();
}

function unsupported(): HighestError {
  return new HighestError("usage", "unsupported input: give a Blob, a File, a ReadableStream or bytes");
}

/** Errors a browser raises while reading a file (it was changed or removed) are input errors. */
function toHighestError(thrown: unknown): HighestError {
  const name = (thrown as { name?: unknown } | null)?.name;
  if (name === "NotReadableError" || name === "NotFoundError") {
    return new HighestError("input", `cannot read the input: ${(thrown as Error).message}`);
  }
  return asHighestError(thrown);
}
