// How a browser run reaches its inputs: Blobs and Files (read with Blob.stream(), which ran
// about five times faster in Chromium than successive slices; winners re-read by slicing),
// gzip through DecompressionStream, streams and bytes. A plain Blob is cut into segments, as a
// plain file is, whatever the threads (so a --shard part is the same on any thread count). A
// Blob is cloned into a worker by reference, so every Blob has a `path`: helper Web Workers
// (helper.ts) of a threaded run may take its units; streams, bytes and callers' sources stay
// with the calling thread.
import { BytesAccess, InputAccess, RandomAccess, ReadAtAccess } from "../core/input/access";
import { HighestError } from "../core/model/errors";
import { MAGIC_BYTES, damagedGzip, isGzipInput, truncatedGzip } from "../core/input/compression";
import { Decompress, SniffingSource } from "../core/input/gzip-sniff";
import { PlannedInput } from "../core/model/plan";
import { ByteSource, BytesSource, ChunkCounter, ChunkStreamSource } from "../core/input/source";
import { streamChunks } from "./stream-chunks";

/** What a browser run can read: a Blob or File, a stream of bytes, or bytes in memory. */
export type BrowserInput = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer | ByteSource;

type Held =
  | { kind: "blob"; blob: Blob; gzip: boolean }
  | { kind: "stream"; stream: ReadableStream<Uint8Array> }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "custom"; source: ByteSource }
  | { kind: "absent" };

/** A File's name (its path within a picked folder when there is one), else "input N". */
function nameOf(input: BrowserInput, index: number): string {
  const file = input as Partial<File>;
  return file.webkitRelativePath || file.name || `input ${index + 1}`;
}

/** A Blob input as a helper worker gets it (null for inputs only the calling thread reads). */
export type SharedBlob = { blob: Blob; gzip: boolean } | null;

/** The inputs of a browser run, planned, and the access to them; `shared` is what helpers are given. */
export async function browserInputs(given: BrowserInput[]): Promise<{ inputs: PlannedInput[]; access: InputAccess; shared: SharedBlob[] }> {
  const inputs: PlannedInput[] = [];
  const held: Held[] = [];
  for (const [i, input] of given.entries()) {
    if (typeof input !== "object" || input === null) throw unsupported();
    const name = nameOf(input, i);
    if (input instanceof Blob) {
      const gzip = isGzipInput(name, new Uint8Array(await input.slice(0, MAGIC_BYTES).arrayBuffer()));
      inputs.push({ name, size: input.size, segmentable: !gzip, rereadable: !gzip, path: name });
      held.push({ kind: "blob", blob: input, gzip });
    } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
      const gzip = isGzipInput(name, bytes);
      if (gzip) {
        inputs.push({ name, size: bytes.length, segmentable: false, rereadable: false });
        held.push({ kind: "blob", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), gzip });
      } else {
        inputs.push({ name, size: bytes.length, segmentable: true, rereadable: true });
        held.push({ kind: "bytes", bytes });
      }
    } else if (typeof ReadableStream !== "undefined" && input instanceof ReadableStream) {
      inputs.push({ name, size: 0, segmentable: false, rereadable: false });
      held.push({ kind: "stream", stream: input });
    } else if (typeof (input as ByteSource).read === "function") {
      const source = input as ByteSource;
      inputs.push({ name, size: source.size ?? 0, segmentable: false, rereadable: source.readAt !== undefined });
      held.push({ kind: "custom", source });
    } else {
      throw unsupported();
    }
  }
  const shared = held.map((item, i): SharedBlob => (item.kind === "blob" && inputs[i].path !== undefined ? { blob: item.blob, gzip: item.gzip } : null));
  return { inputs, access: new BrowserAccess(inputs, held), shared };
}

/** A helper worker's access: the shared Blobs of the plan (it takes no other units). */
export function helperAccess(inputs: PlannedInput[], shared: SharedBlob[]): InputAccess {
  return new BrowserAccess(inputs, shared.map((item): Held => (item ? { kind: "blob", ...item } : { kind: "absent" })));
}

class BrowserAccess implements InputAccess {
  constructor(private readonly inputs: PlannedInput[], private readonly held: Held[]) {}

  async openSequential(index: number): Promise<ByteSource> {
    const item = this.held[index];
    const name = this.inputs[index].name;
    switch (item.kind) {
      case "blob":
        if (item.gzip) {
          const counter = new ChunkCounter();
          const compressed = counter.count(readErrors(streamChunks(item.blob.stream()), name));
          return new ChunkStreamSource(decompressFor(name, item.blob)(compressed), undefined, () => counter.bytes);
        }
        return new ChunkStreamSource(readErrors(streamChunks(item.blob.stream()), name), item.blob.size);
      case "stream":
        return new SniffingSource(new ChunkStreamSource(readErrors(streamChunks(item.stream), name)), decompressFor(name), name);
      case "bytes":
        return new BytesSource(item.bytes);
      case "custom": {
        // The caller's source: read here, closed once the whole run is over (it may be re-read).
        const custom = item.source;
        return { read: (target) => custom.read(target) };
      }
      case "absent":
        throw new HighestError("internal", `internal error: ${name} is not readable in this worker`);
    }
  }

  async openRandom(index: number): Promise<RandomAccess> {
    const item = this.held[index];
    if (item.kind === "bytes") return new BytesAccess(item.bytes);
    if (item.kind === "blob") return new BlobAccess(item.blob, this.inputs[index].name);
    if (item.kind === "custom" && item.source.readAt) return new ReadAtAccess(item.source);
    throw new HighestError("internal", `internal error: ${this.inputs[index].name} cannot be read by position`);
  }
}

/** A sequential read opens a stream over at most this many bytes (what it may read ahead of a segment's end is one stream chunk). */
const STREAM_WINDOW = 64 * 1024 * 1024;

/**
 * Positional reads of a Blob. A read that continues the previous one (a segment being scanned)
 * is served by a Blob.stream() over the bytes from there, kept open while reads continue; any
 * other read (a segment's first line start, a winner re-read) slices.
 */
class BlobAccess implements RandomAccess {
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** The end of the reader's window. */
  private windowEnd = 0;
  /** Bytes the reader gave that no read took yet. */
  private pending: Uint8Array = new Uint8Array(0);
  /** Where the next continuing read starts (-1: none yet). */
  private next = -1;

  constructor(private readonly blob: Blob, private readonly name: string) {}

  async readInto(target: Uint8Array, position: number): Promise<number> {
    if (position !== this.next || target.length === 0) {
      await this.close();
      const bytes = await this.readAt(position, target.length);
      target.set(bytes);
      this.next = position + bytes.length;
      return bytes.length;
    }
    let filled = 0;
    try {
      while (filled < target.length && this.next < this.blob.size) {
        if (this.pending.length === 0) {
          if (!this.reader) {
            this.windowEnd = Math.min(this.blob.size, this.next + STREAM_WINDOW);
            this.reader = this.blob.slice(this.next, this.windowEnd).stream().getReader() as ReadableStreamDefaultReader<Uint8Array>;
          }
          const chunk = await this.reader.read();
          if (chunk.done) {
            this.reader = undefined;
            if (this.next < this.windowEnd) break; // shorter than it was: the caller tells
            continue;
          }
          this.pending = chunk.value;
        }
        const n = Math.min(target.length - filled, this.pending.length);
        target.set(this.pending.subarray(0, n), filled);
        this.pending = this.pending.subarray(n);
        filled += n;
        this.next += n;
      }
    } catch (error) {
      await this.close();
      throw readError(this.name, error);
    }
    return filled;
  }

  async readAt(offset: number, length: number): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
    } catch (error) {
      throw readError(this.name, error);
    }
  }

  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    this.pending = new Uint8Array(0);
    this.next = -1;
    if (reader) await reader.cancel().catch(() => {});
  }
}

/** DecompressionStream("gzip"): all members; damaged or truncated data rejects. `blob` (when the input is one) re-reads a member. */
function decompressFor(name: string, blob?: Blob): Decompress {
  return (compressed) => gzipErrors(gunzipMembers(compressed, name, blob), name);
}

/** Bytes written to a DecompressionStream at a time: what an error can take from its output stays small. */
const GZIP_PIECE = 64 * 1024;
/** A stream's member is kept (to decompress it again at its end) up to this size. */
const GZIP_KEEP = 256 * 1024 * 1024;

/**
 * Decompresses gzip members one after another. Chromium's DecompressionStream takes one member
 * and rejects the bytes after it ("junk"), dropping output it had not yet handed over. So when a
 * member's stream fails, the next member starts in the piece written last (at gzip's magic bytes);
 * the member is decompressed again up to each such place until one gives a whole member, and
 * its output beyond what was already yielded is yielded. No place works: the data is damaged.
 * So bytes after the last member that do not begin another (zero bytes too) are damage, as the
 * standard's DecompressionStream rejects them; a failure once all input is written (at close) is
 * truncation.
 */
async function* gunzipMembers(chunks: AsyncIterable<Uint8Array>, name: string, blob?: Blob): AsyncGenerator<Uint8Array> {
  const source = chunks[Symbol.asyncIterator]();
  let carry: Uint8Array | undefined; // the next member's first bytes, not yet written
  let at = 0; // offset in the compressed input of the next byte to write
  let memberStart = 0;
  let kept: Uint8Array[] | undefined = blob ? undefined : []; // a stream's current member, to read it again
  let keptBytes = 0;
  let last: { piece: Uint8Array; from: number; chunk: Uint8Array; chunkFrom: number } | undefined; // the piece written last, in its chunk
  try {
    for (;;) {
      const stream = new DecompressionStream("gzip");
      let closed = false; // all input written: what fails now is the end of the data
      const writer = stream.writable.getWriter();
      const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
      const feeding = (async () => {
        try {
          for (;;) {
            let chunk = carry;
            carry = undefined;
            if (!chunk) {
              const next = await source.next();
              if (next.done) {
                closed = true;
                return await writer.close();
              }
              chunk = next.value;
            }
            const chunkFrom = at;
            for (let i = 0; i < chunk.length; i += GZIP_PIECE) {
              const piece = chunk.subarray(i, i + GZIP_PIECE);
              last = { piece, from: at, chunk, chunkFrom };
              at += piece.length;
              if (kept) {
                kept.push(piece);
                keptBytes += piece.length;
                if (keptBytes > GZIP_KEEP) kept = undefined;
              }
              await writer.write(piece as Uint8Array<ArrayBuffer>);
            }
          }
        } catch (error) {
          await writer.abort(error).catch(() => {}); // the reader then fails with this error
          throw error;
        }
      })();
      feeding.catch(() => {}); // awaited below, or its error reaches the reader
      let size = 0;
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) break;
          size += next.value.length;
          yield next.value;
        }
        await feeding;
        return;
      } catch (error) {
        if ((error as { name?: string })?.name !== "TypeError" || !last) throw error;
        if (closed) throw truncatedGzip(name);
        const end = await memberEnd(last, memberStart, size, blob, kept);
        if (!end) {
          if (!blob && !kept) throw new HighestError("input", `${name}: a gzip member over ${GZIP_KEEP / 2 ** 20} MiB in a stream of several members cannot be read here: give a Blob or a File`);
          throw error;
        }
        yield* end.rest;
        carry = last.chunk.subarray(end.at - last.chunkFrom); // the rest of the chunk: the next member's start and what follows
        at = end.at;
        memberStart = end.at;
        kept = blob ? undefined : [];
        keptBytes = 0;
        last = undefined;
      } finally {
        void reader.cancel().catch(() => {}); // a consumer that stops early also stops the feeding
        reader.releaseLock();
      }
    }
  } finally {
    await source.return?.();
  }
}

/** Where the member that began at `memberStart` ends within `last`, and its output beyond the first `yielded` bytes. */
async function memberEnd(
  last: { piece: Uint8Array; from: number }, memberStart: number, yielded: number, blob?: Blob, kept?: Uint8Array[],
): Promise<{ at: number; rest: Uint8Array[] } | undefined> {
  if (!blob && !kept) return undefined;
  const { piece, from } = last;
  for (let i = 0; i < piece.length; i++) {
    const at = from + i;
    if (at <= memberStart || piece[i] !== 0x1f || (i + 1 < piece.length && piece[i + 1] !== 0x8b) || (i + 2 < piece.length && piece[i + 2] !== 8)) continue;
    const bytes = blob ? blob.slice(memberStart, at) : new Blob(kept as Uint8Array<ArrayBuffer>[]).slice(0, at - memberStart);
    const rest: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of streamChunks(bytes.stream().pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>))) {
        if (size + chunk.length > yielded) rest.push(chunk.subarray(Math.max(0, yielded - size)));
        size += chunk.length;
      }
    } catch {
      continue; // not the end: too short or too long a member
    }
    if (size >= yielded) return { at, rest };
  }
  return undefined;
}

async function* gzipErrors(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof HighestError) throw error;
    if ((error as { name?: string })?.name === "TypeError") throw damagedGzip(name);
    throw readError(name, error);
  }
}

async function* readErrors(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    throw readError(name, error);
  }
}

/** Errors a browser raises while reading a file (it was changed or removed) are input errors. */
function readError(name: string, error: unknown): HighestError {
  if (error instanceof HighestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HighestError("input", `${name}: cannot read the input: ${message}`);
}

function unsupported(): HighestError {
  return new HighestError("usage", "unsupported input: give a Blob, a File, a ReadableStream or bytes");
}
