// gzip for Node: Node's own zlib, all members. Damaged or truncated data is an input error.
import { Readable, pipeline } from "node:stream";
import * as zlib from "node:zlib";
import { damagedGzip, truncatedGzip } from "../core/input/compression";
import { HighestError } from "../core/model/errors";
import { Decompress } from "../core/input/gzip-sniff";
import { inputError } from "./os-errors";

/** A decompressor whose errors name the input. */
export function gunzipFor(name: string): Decompress {
  return (compressed) => gunzip(Readable.from(compressed, { objectMode: false }), name);
}

/** Decompresses a readable stream of gzip bytes; the returned iterable destroys both streams when left. */
export async function* gunzip(compressed: Readable, name: string): AsyncGenerator<Uint8Array> {
  // Large output chunks: each one is a round trip to the thread pool, and fewer of them let two
  // participants decompress in parallel as well as two processes do (bench: 64 gzip files).
  const inflater = zlib.createGunzip({ chunkSize: 2 << 20 });
  let failure: unknown;
  pipeline(compressed, inflater, (error) => { if (error) failure ??= error; });
  // zlib ends its output, with no error, at a zero byte after a member, leaving what follows
  // unread: compressed bytes fed that it did not consume (bytesWritten) are bytes after the last member.
  let fed = 0;
  compressed.on("data", (chunk: Uint8Array) => { fed += chunk.length; });
  try {
    for await (const chunk of inflater) yield chunk as Uint8Array;
    if (inflater.bytesWritten < fed) failure = damagedGzip(name); // whatever the pipeline says of it
    if (failure) throw failure;
  } catch (error) {
    throw gzipError(name, failure ?? error);
  } finally {
    inflater.destroy();
    compressed.destroy();
    // A file's descriptor closes asynchronously: the input is released only once it has.
    if (!compressed.closed) await new Promise((resolve) => compressed.once("close", resolve));
  }
}

function gzipError(name: string, error: unknown): HighestError {
  if (error instanceof HighestError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "Z_BUF_ERROR" || /unexpected end of file/i.test(String((error as Error)?.message))) return truncatedGzip(name);
  // Z_*: zlib's own verdict; output pushed after zlib ended its output: input after a member that it would not read.
  if ((typeof code === "string" && code.startsWith("Z_")) || code === "ERR_STREAM_PUSH_AFTER_EOF") return damagedGzip(name);
  return inputError(name, error);
}
