// How a browser run reaches its inputs: Blobs and Files (read once with Blob.stream(), which
// ran about five times faster in Chromium than successive slices; winners re-read by slicing),
// gzip through DecompressionStream, streams and bytes. One participant: the calling thread.
import { BytesAccess, InputAccess, RandomAccess } from "../core/access";
import { HighestError } from "../core/errors";
import { Decompress, SniffingSource, isGzipMagic } from "../core/gzip-sniff";
import { PlannedInput } from "../core/plan";
import { ByteSource, BytesSource, ChunkStreamSource } from "../core/source";
import { streamChunks } from "./stream-chunks";

/** What a browser run can read: a Blob or File, a stream of bytes, or bytes in memory. */
export type BrowserInput = Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer | ByteSource;

type Held =
  | { kind: "blob"; blob: Blob; gzip: boolean }
  | { kind: "stream"; stream: ReadableStream<Uint8Array> }
  | { kind: "bytes"; bytes: Uint8Array }
  | { kind: "custom"; source: ByteSource };

/** A File's name (its path within a picked folder when there is one), else "input N". */
function nameOf(input: BrowserInput, index: number): string {
  const file = input as Partial<File>;
  return file.webkitRelativePath || file.name || `input ${index + 1}`;
}

/** The inputs of a browser run, planned, and the access to them. */
export async function browserInputs(given: BrowserInput[]): Promise<{ inputs: PlannedInput[]; access: InputAccess }> {
  const inputs: PlannedInput[] = [];
  const held: Held[] = [];
  for (const [i, input] of given.entries()) {
    const name = nameOf(input, i);
    if (typeof input !== "object" || input === null) throw unsupported();
    if (input instanceof Blob) {
      const gzip = isGzipMagic(new Uint8Array(await input.slice(0, 2).arrayBuffer()));
      inputs.push({ name, size: input.size, segmentable: false, rereadable: !gzip });
      held.push({ kind: "blob", blob: input, gzip });
    } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
      const gzip = isGzipMagic(bytes);
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
  return { inputs, access: new BrowserAccess(inputs, held) };
}

class BrowserAccess implements InputAccess {
  constructor(private readonly inputs: PlannedInput[], private readonly held: Held[]) {}

  async openSequential(index: number): Promise<ByteSource> {
    const item = this.held[index];
    const name = this.inputs[index].name;
    switch (item.kind) {
      case "blob":
        return item.gzip
          ? new ChunkStreamSource(decompressFor(name)(streamChunks(item.blob.stream())))
          : new ChunkStreamSource(readErrors(streamChunks(item.blob.stream()), name), item.blob.size);
      case "stream":
        return new SniffingSource(new ChunkStreamSource(readErrors(streamChunks(item.stream), name)), decompressFor(name));
      case "bytes":
        return new BytesSource(item.bytes);
      case "custom": {
        // The caller's source: read here, never closed by the run (it may be re-read).
        const custom = item.source;
        return { read: (target) => custom.read(target) };
      }
    }
  }

  async openRandom(index: number): Promise<RandomAccess> {
    const item = this.held[index];
    if (item.kind === "bytes") return new BytesAccess(item.bytes);
    if (item.kind === "blob") return new BlobAccess(item.blob, this.inputs[index].name);
    if (item.kind === "custom" && item.source.readAt) {
      const source = item.source;
      return { readInto: () => 0, readAt: (offset, length) => source.readAt!(offset, length), close: () => {} };
    }
    throw new HighestError("internal", `internal error: ${this.inputs[index].name} cannot be read by position`);
  }
}

/** Re-reads of a Blob by slicing, which a Blob allows at any offset. */
class BlobAccess implements RandomAccess {
  constructor(private readonly blob: Blob, private readonly name: string) {}
  async readInto(target: Uint8Array, position: number): Promise<number> {
    const bytes = await this.readAt(position, target.length);
    target.set(bytes);
    return bytes.length;
  }
  async readAt(offset: number, length: number): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.blob.slice(offset, offset + length).arrayBuffer());
    } catch (error) {
      throw readError(this.name, error);
    }
  }
  close(): void {}
}

/** DecompressionStream("gzip"): all members; damaged or truncated data rejects. */
function decompressFor(name: string): Decompress {
  return (compressed) => {
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          for await (const chunk of compressed) controller.enqueue(chunk);
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
    }).pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    return gzipErrors(streamChunks(stream), name);
  };
}

async function* gzipErrors(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    if (error instanceof HighestError) throw error;
    if ((error as { name?: string })?.name === "TypeError") throw new HighestError("input", `${name}: damaged or truncated gzip data`);
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
