// How a Node participant reaches its inputs: regular files by path (positional reads, each
// unit opens and closes its own descriptor; gzip decoded by the core's inflate), and, on the
// calling thread only, standard input, FIFOs, streams and bytes given to the library.
import { type BigIntStats, closeSync, fstatSync, openSync, readSync } from "node:fs";
import { BytesAccess, InputAccess, RandomAccess, ReadAtAccess, changedError } from "../core/input/access";
import { HighestError } from "../core/model/errors";
import { SniffingSource } from "../core/input/gzip-sniff";
import type { ReadCompression } from "../core/input/compression";
import { decodedSource } from "../core/input/decoded";
import { InflateExports, instantiateInflate } from "../core/input/inflate-core";
import { InputCompression, PlannedInput, messageName } from "../core/model/plan";
import { ByteSource, BytesSource, ChunkStreamSource } from "../core/input/source";
import { coreModule } from "./core-file";
import { inputError } from "./os-errors";
import { openerForThisThread } from "./test-pause";
import { IndexRecorder } from "../core/input/index-recorder";
import { writeTemporaryIndex } from "./index-writes";

/** Where the bytes of an input come from, on the calling thread. */
export type NodeInputSource =
  | { kind: "path"; path: string | Buffer; compression?: InputCompression }
  | { kind: "pipe"; fd?: number; path?: string }
  | { kind: "chunks"; chunks: AsyncIterable<Uint8Array> }
  | { kind: "bytes"; bytes: Uint8Array; compression?: ReadCompression }
  | { kind: "custom"; source: ByteSource };

/** Access for one participant. Workers build theirs from the plan's paths alone. */
export class NodeAccess implements InputAccess {
  private inflate: Promise<InflateExports> | undefined;
  /** How this participant opens files: FileAccess.open, or with the tests' pause (test-pause.ts) when it is asked for. */
  private readonly openFile = openerForThisThread(FileAccess.open, (file) => file.close());
  constructor(private readonly inputs: PlannedInput[], private readonly sources: NodeInputSource[]) {}

  inflater(): Promise<InflateExports> {
    this.inflate ??= instantiateInflate(coreModule());
    return this.inflate;
  }

  /** Access to the inputs that have paths (a worker's). */
  static forPaths(inputs: PlannedInput[]): NodeAccess {
    return new NodeAccess(inputs, inputs.map((input) => ({ kind: "path", path: pathOf(input.path), compression: input.compression })));
  }

  async openIndex(index: number): Promise<RandomAccess> {
    const planned = this.inputs[index].index;
    if (planned?.path === undefined) throw new HighestError("internal", "internal error: no index to open");
    return FileAccess.open(pathOf(planned.path), planned.name, planned.stamp);
  }

  async openRandom(index: number): Promise<RandomAccess> {
    const source = this.sources[index];
    const name = messageName(this.inputs[index]);
    if (source.kind === "path") return withTurns(this.openFile(source.path, name, this.inputs[index].stamp));
    if (source.kind === "bytes") return new BytesAccess(source.bytes);
    if (source.kind === "custom" && source.source.readAt) return new ReadAtAccess(source.source);
    throw new HighestError("internal", `internal error: ${name} cannot be read by position`);
  }

  async openSequential(index: number): Promise<ByteSource> {
    const source = this.sources[index];
    const name = messageName(this.inputs[index]);
    switch (source.kind) {
      case "path": {
        // A gzip or zstd file read whole (only BGZF is cut into units): in order from its start.
        const file = FileAccess.open(source.path, name, this.inputs[index].stamp);
        let position = 0;
        const compressed: ByteSource = {
          read: (target) => {
            const n = file.readInto(target, position);
            position += n;
            return afterTurn(n);
          },
          close: () => file.close(),
        };
        const input = this.inputs[index];
        const recorder = input.writeIndex ? new IndexRecorder((bytes) => writeTemporaryIndex(source.path, bytes), input.writeIndex) : undefined;
        return decodedSource(source.compression === "zstd" ? "zstd" : "gzip", () => this.inflater(), compressed, name, { recorder });
      }
      case "pipe": {
        let fd = source.fd;
        if (fd === undefined) {
          try { fd = openSync(source.path!, "r"); } catch (error) { throw inputError(name, error); }
        }
        return new SniffingSource(new PipeSource(fd, name, fd !== source.fd), () => this.inflater(), name);
      }
      case "chunks":
        return new SniffingSource(new ChunkStreamSource(checkedChunks(source.chunks, name)), () => this.inflater(), name);
      case "bytes":
        return source.compression ? decodedSource(source.compression, () => this.inflater(), new BytesSource(source.bytes), name) : new BytesSource(source.bytes);
      case "custom": {
        // The caller's source: read here, closed once the whole run is over (it may be re-read).
        const custom = source.source;
        return { read: (target) => custom.read(target) };
      }
    }
  }
}

/** A path of bytes crosses to a worker as a plain Uint8Array. */
const pathOf = (path: string | Uint8Array = "") => (typeof path === "string" ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength));

/** Chunks of a library stream, refusing text: a stream of strings is a usage error, not `[]`. */
async function* checkedChunks(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) {
      const value = chunk as unknown;
      if (value instanceof Uint8Array) yield value;
      else if (value instanceof ArrayBuffer) yield new Uint8Array(value);
      else throw new HighestError("usage", `${name}: the stream gives text, not bytes (open it without an encoding)`);
    }
  } catch (error) {
    throw inputError(name, error);
  }
}

/**
 * Reads of files and pipes are synchronous: a scan gives the event loop a turn at least this
 * often, so that a signal listener runs (the CLI's progress bar erases itself on Ctrl-C) instead
 * of waiting for the end of the run.
 */
const TURN_MS = 50;
let lastTurn = 0;

/** `value`, after a turn of the event loop when TURN_MS have passed since the last one. */
function afterTurn<T>(value: T): T | Promise<T> {
  const now = Date.now();
  if (now - lastTurn < TURN_MS) return value;
  lastTurn = now;
  return new Promise((resolve) => setImmediate(resolve, value));
}

/** `file`, its scan reads with turns of the event loop (re-reads of winners stay as they are). */
function withTurns(file: FileAccess): RandomAccess {
  return {
    readInto: (target, position) => afterTurn(file.readInto(target, position)),
    readAt: (offset, length, scratch) => file.readAt(offset, length, scratch),
    close: () => file.close(),
  };
}

/** What tells a version of a file from another: device, inode, size, modification and change times (ns). */
export function stampOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/**
 * A regular file: positional reads on one descriptor, closed by whoever opened it. With the
 * stamp the plan took, the file must be the same when it is opened and when it is closed: units
 * read at different moments then never mix two versions of it (gzip lines are not re-read).
 */
export class FileAccess implements RandomAccess {
  private constructor(private readonly fd: number, private readonly name: string, private readonly stamp?: string) {}

  static open(path: string | Buffer, name: string, stamp?: string): FileAccess {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      throw inputError(name, error);
    }
    const file = new FileAccess(fd, name, stamp);
    try {
      file.checkStamp();
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return file;
  }

  /** Throws that the file changed if it is no longer the version the run planned. */
  private checkStamp(): void {
    if (this.stamp !== undefined && stampOf(fstatSync(this.fd, { bigint: true })) !== this.stamp) throw changedError(this.name);
  }

  readInto(target: Uint8Array, position: number): number {
    try {
      return readSync(this.fd, target, 0, target.length, position);
    } catch (error) {
      throw inputError(this.name, error);
    }
  }

  readAt(offset: number, length: number, scratch?: Uint8Array): Uint8Array {
    // Winners are re-read one by one: a buffer each cost more in allocation and GC than the read.
    const bytes = scratch && scratch.length >= length ? scratch.subarray(0, length) : new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const n = this.readInto(bytes.subarray(filled), offset + filled);
      if (n === 0) break;
      filled += n;
    }
    return bytes.subarray(0, filled);
  }

  close(): void {
    try {
      this.checkStamp();
    } finally {
      closeSync(this.fd);
    }
  }
}

/** A pipe, FIFO or terminal: read once, in order. */
export class PipeSource implements ByteSource {
  constructor(private readonly fd: number, private readonly name: string, private readonly owned: boolean) {}

  async read(target: Uint8Array): Promise<number> {
    for (;;) {
      try {
        return await afterTurn(readSync(this.fd, target, 0, target.length, null));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EOF") return 0;
        // A non-blocking descriptor with nothing to read yet: wait a little, try again.
        if (code === "EAGAIN") { await new Promise((resolve) => setTimeout(resolve, 2)); continue; }
        throw inputError(this.name, error);
      }
    }
  }

  close(): void {
    if (this.owned) closeSync(this.fd);
  }
}
