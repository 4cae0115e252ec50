// How a browser run reaches its inputs: Blobs and Files (read with Blob.stream(), which ran
// about five times faster in Chromium than successive slices; winners re-read by slicing),
// gzip decoded by the core's inflate (as in Node; a BGZF Blob is cut at members), streams and bytes. A plain Blob is cut into segments, as a
// plain file is, whatever the threads (so a --shard part is the same on any thread count). A
// Blob is cloned into a worker by reference, so every Blob has a `path`: helper Web Workers
// (helper.ts) of a threaded run may take its units; streams, bytes and callers' sources stay
// with the calling thread.
import { BytesAccess, InputAccess, RandomAccess, ReadAtAccess } from "../core/input/access";
import { HighestError } from "../core/model/errors";
import { HEAD_BYTES, fileCompression, readCompression } from "../core/input/compression";
import { blobIndex } from "./blob-index";
import { SniffingSource } from "../core/input/gzip-sniff";
import { decodedSource } from "../core/input/decoded";
import { InflateExports, instantiateInflate } from "../core/input/inflate-core";
import { InputCompression, PlannedInput } from "../core/model/plan";
import { ByteSource, BytesSource, ChunkStreamSource } from "../core/input/source";
import { streamChunks } from "./stream-chunks";

/** What a browser run can read: a Blob or File, a stream of bytes, or bytes in memory. */
export type BrowserInput = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer | ByteSource;

type Held =
  | { kind: "blob"; blob: Blob; compression?: InputCompression; index?: Blob }
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
export type SharedBlob = { blob: Blob; compression?: InputCompression; index?: Blob } | null;

/** The core's module, for gzip inputs (fetched at the first one). */
export type CoreModuleOf = () => Promise<WebAssembly.Module>;

/** The inputs of a browser run, planned, and the access to them; `shared` is what helpers are given. */
export async function browserInputs(given: BrowserInput[], coreModule: CoreModuleOf, indexes?: Array<Blob | undefined>,
  warn: (line: string) => void = (line) => console.warn(line)):
  Promise<{ inputs: PlannedInput[]; access: InputAccess; shared: SharedBlob[] }> {
  const inputs: PlannedInput[] = [];
  const held: Held[] = [];
  for (const [i, input] of given.entries()) {
    if (typeof input !== "object" || input === null) throw unsupported();
    const name = nameOf(input, i);
    if (input instanceof Blob) {
      const compression = fileCompression(name, new Uint8Array(await input.slice(0, HEAD_BYTES).arrayBuffer()));
      // The index given for this input, used for a gzip Blob that is not BGZF when it matches it.
      const given = indexes?.[i];
      const index = compression === "gzip" && given ? await blobIndex(input, name, given, warn) : undefined;
      inputs.push({ name, size: input.size, segmentable: true, rereadable: compression === undefined, compression, path: name, index });
      held.push({ kind: "blob", blob: input, compression, index: index && given });
    } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
      const compression = readCompression(name, bytes);
      if (compression) {
        inputs.push({ name, size: bytes.length, segmentable: false, rereadable: false, compression });
        held.push({ kind: "blob", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), compression });
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
  const shared = held.map((item, i): SharedBlob => (item.kind === "blob" && inputs[i].path !== undefined
    ? { blob: item.blob, compression: item.compression, index: item.index } : null));
  return { inputs, access: new BrowserAccess(inputs, held, coreModule), shared };
}

/** A helper worker's access: the shared Blobs of the plan (it takes no other units). */
export function helperAccess(inputs: PlannedInput[], shared: SharedBlob[], coreModule: CoreModuleOf): InputAccess {
  return new BrowserAccess(inputs, shared.map((item): Held => (item ? { kind: "blob", ...item } : { kind: "absent" })), coreModule);
}

class BrowserAccess implements InputAccess {
  private inflate: Promise<InflateExports> | undefined;
  constructor(private readonly inputs: PlannedInput[], private readonly held: Held[], private readonly coreModule: CoreModuleOf) {}

  inflater(): Promise<InflateExports> {
    this.inflate ??= this.coreModule().then(instantiateInflate);
    return this.inflate;
  }

  async openSequential(index: number): Promise<ByteSource> {
    const item = this.held[index];
    const name = this.inputs[index].name;
    switch (item.kind) {
      case "blob":
        if (item.compression) {
          // A gzip or zstd Blob read whole (only BGZF is cut into units): in order from its start.
          const chunks = new ChunkStreamSource(readErrors(streamChunks(item.blob.stream()), name));
          return decodedSource(item.compression === "zstd" ? "zstd" : "gzip", () => this.inflater(), chunks, name);
        }
        return new ChunkStreamSource(readErrors(streamChunks(item.blob.stream()), name), item.blob.size);
      case "stream":
        return new SniffingSource(new ChunkStreamSource(readErrors(streamChunks(item.stream), name)), () => this.inflater(), name);
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

  async openIndex(index: number): Promise<RandomAccess> {
    const item = this.held[index];
    if (item.kind !== "blob" || !item.index) throw new HighestError("internal", "internal error: no index to open");
    return new BlobAccess(item.index, this.inputs[index].index!.name);
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
