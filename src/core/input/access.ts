// How a participant reaches the bytes of an input. Platforms implement InputAccess (Node:
// files by path, standard input, streams; browsers: Blobs and streams); the core only reads
// through it. Whatever is opened here is closed by whoever opened it, in a finally.
import { HighestError } from "../model/errors";
import { ByteSource } from "./source";
import { InflateExports } from "./inflate-core";

/** Positional reads of one input (a plain file, a Blob, bytes). */
export interface RandomAccess {
  /** Reads up to target.length bytes at `position` into target; fewer only at the end. */
  readInto(target: Uint8Array, position: number): number | Promise<number>;
  /**
   * Reads `length` bytes at `offset` (fewer if the input is shorter now). It may put them in
   * `scratch` when that is long enough (then they are valid until the next read with it).
   */
  readAt(offset: number, length: number, scratch?: Uint8Array): Uint8Array | Promise<Uint8Array>;
  close(): void | Promise<void>;
}

/** Opens inputs of the plan (by their index) for one participant. */
export interface InputAccess {
  /** The whole input, in order, decompressed when it is gzip. */
  openSequential(input: number): Promise<ByteSource>;
  /** Positional reads (segmentable or rereadable inputs only). */
  openRandom(input: number): Promise<RandomAccess>;
  /** This participant's instance of the core's inflate (made at the first gzip input). */
  inflater(): Promise<InflateExports>;
  /** Positional reads of the index of an input planned with one (PlannedInput.index). */
  openIndex?(input: number): Promise<RandomAccess>;
}

/** The input changed under the run (it got shorter, or a line moved): never a wrong answer. */
export function changedError(name: string, line?: number): HighestError {
  return new HighestError("input", `${name}: the input changed while it was read${line === undefined ? "" : ` (line ${line})`}`);
}

const PROBE_BYTES = 64 * 1024;

/** The first line start at or after `at` (`size` if none): where a segment really begins. */
export async function lineStartAtOrAfter(file: RandomAccess, at: number, size: number, name: string, probe: Uint8Array): Promise<number> {
  if (at <= 0) return 0;
  if (at >= size) return size;
  // A line starts at `at` when the byte before it is a newline: search from at - 1.
  for (let position = at - 1; position < size; position += probe.length) {
    const n = await file.readInto(probe.subarray(0, Math.min(probe.length, size - position)), position);
    if (n === 0) throw changedError(name);
    const newline = probe.subarray(0, n).indexOf(10);
    if (newline >= 0) return position + newline + 1;
  }
  return size;
}

/** A new probe buffer (one per participant: a fresh one per segment made RSS grow with the file). */
export function newProbe(): Uint8Array {
  return new Uint8Array(PROBE_BYTES);
}

/** The byte range [start, end) of a file, read in order; it must hold all its bytes. */
export class RangeSource implements ByteSource {
  private position: number;
  readonly size: number;
  constructor(private readonly file: RandomAccess, start: number, private readonly end: number, private readonly name: string) {
    this.position = start;
    this.size = end - start;
  }

  async read(target: Uint8Array): Promise<number> {
    const wanted = Math.min(target.length, this.end - this.position);
    if (wanted <= 0) return 0;
    const n = await this.file.readInto(target.subarray(0, wanted), this.position);
    if (n === 0) throw changedError(this.name); // the file got shorter than the plan
    this.position += n;
    return n;
  }
}

/** Bytes in memory, read by position. */
export class BytesAccess implements RandomAccess {
  constructor(private readonly bytes: Uint8Array) {}
  readInto(target: Uint8Array, position: number): number {
    const n = Math.max(0, Math.min(target.length, this.bytes.length - position));
    target.set(this.bytes.subarray(position, position + n));
    return n;
  }
  readAt(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(offset + length, this.bytes.length));
  }
  close(): void {}
}

/** A caller's ByteSource that can re-read by offset: only winners are re-read (it is scanned in order). */
export class ReadAtAccess implements RandomAccess {
  constructor(private readonly source: ByteSource) {}
  readInto(): number { throw new HighestError("internal", "internal error: a caller's source is read in order"); }
  readAt(offset: number, length: number): Uint8Array | Promise<Uint8Array> { return this.source.readAt!(offset, length); }
  close(): void {}
}
