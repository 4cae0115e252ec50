// The plan of a run: the inputs in order, cut into units. An input that allows positional
// reads is cut into segments (nominal byte ranges): a plain one really starts at the first line
// start at or after its nominal start, a BGZF one at the first member start (input/bgzf.ts).
// A gzip file with an index is cut at its points (input/gzip-index-unit.ts). Any other input (a
// stream, bytes, a gzip file that is not BGZF) is one unit: a deflate stream can only be decoded
// from its start, or from a point whose window is known. Units are numbered in input order, then byte order, so
// (unit, line) is file order.
// --shard I/K keeps the units of the I-th of K byte-balanced parts; a gzip file that is not
// BGZF and has no index is never split between parts (a part would decode all before its own),
// it goes whole to the part that holds its first byte.

/** How an input is compressed: BGZF (members with their sizes: cut at members), any other gzip (one unit), zstd (cut at frame ends). */
export type InputCompression = "gzip" | "bgzf" | "zstd";

/** One input of a run. */
export interface PlannedInput {
  /** Its name in messages and --locations: the path as given or found, "-" for standard input. */
  name: string;
  /** Bytes, compressed for gzip (0 when unknown: a stream). */
  size: number;
  /** Positional reads work: the input can be cut into segments and re-read by offset. */
  segmentable: boolean;
  /** gzip or zstd (decoded by the core), or undefined: plain bytes. */
  compression?: InputCompression;
  /** Lines can be re-read by offset (else their bytes are kept while scanning). */
  rereadable: boolean;
  /** A path any thread can open (workers only take units of such inputs): its bytes when it is not UTF-8. */
  path?: string | Uint8Array;
  /**
   * The file as it was when planned (device, inode, size, change times): every open and close
   * of it during the run must find the same, else it changed while it was read (Node files).
   */
  stamp?: string;
  /** gzip that is not BGZF: the index beside it (X.gzidx) that matched it when planned: it is cut at its points. */
  index?: PlannedIndex;
  /** --write-index: a decode of it from its start also writes its index, a point every this many compressed bytes. */
  writeIndex?: number;
}

/** An index of a gzip file's points (input/gzip-index.ts) as a plan carries it: where it is, and its points. */
export interface PlannedIndex {
  /** Its name in messages. */
  name: string;
  /** A path any thread can open (Node), and its stamp when planned (see PlannedInput.stamp). */
  path?: string | Uint8Array;
  stamp?: string;
  /** Block starts, in order: bit offset in the file, decoded offset, offset of their window in the index. */
  points: Array<{ bit: number; out: number; window: number }>;
}

/** How messages name an input: standard input is "-" in --locations but "standard input" here. */
export function messageName(input: PlannedInput): string {
  return input.name === "-" && input.path === undefined ? "standard input" : input.name;
}

/** A unit of work: a segment of a segmentable input, or a whole input. */
export interface Unit {
  input: number;
  /** Nominal byte range [from, to) of a segment; [0, size) for a whole input. */
  from: number;
  to: number;
  /** Read whole and in order (gzip, streams): not a segment. */
  whole: boolean;
  /** An indexed gzip file: the point it starts at (its input's index.points; -1: the file's start), and the point it ends at (undefined: the end). */
  point?: number;
  endPoint?: number;
}

/** Nominal bytes per segment (a thread claims one at a time). At most 1 GiB. */
export const SEGMENT_BYTES = 32 * 1024 * 1024;
const MAX_SEGMENT_BYTES = 2 ** 30;

/** The I-th of K parts (--shard I/K). */
export interface Shard {
  index: number;
  count: number;
}

/** Cuts the inputs into units; with a shard, only that part's units. */
export function planUnits(inputs: PlannedInput[], segmentBytes = SEGMENT_BYTES, shard?: Shard): Unit[] {
  const segment = Math.min(Math.max(1, Math.floor(segmentBytes)), MAX_SEGMENT_BYTES);
  const total = inputs.reduce((sum, input) => sum + input.size, 0);
  // Part I holds the lines that start at global byte positions in [cut(I), cut(I + 1)).
  const cutAt = (i: number) => (shard ? (i >= shard.count ? Infinity : Math.floor((i * total) / shard.count)) : i === 0 ? 0 : Infinity);
  const partLo = cutAt(shard?.index ?? 0);
  const partHi = cutAt((shard?.index ?? 0) + 1);
  const units: Unit[] = [];
  const segments = (from: number, to: number, size: number, input: number) => {
    for (let at = from; at < to; at += size) units.push({ input, from: at, to: Math.min(to, at + size), whole: false });
  };
  let position = 0; // global position of the input's first byte
  inputs.forEach((input, index) => {
    const start = position;
    position += input.size;
    if (input.index && input.segmentable) {
      indexedUnits(input.index.points, input.size, Math.max(0, partLo - start), Math.min(input.size, partHi - start), segment, index, units);
      return;
    }
    if (!input.segmentable || input.compression === "gzip") {
      // Never split between parts: it belongs to the part that holds its first byte.
      if (start >= partLo && start < partHi) units.push({ input: index, from: 0, to: input.size, whole: true });
      return;
    }
    const from = Math.max(0, partLo - start);
    const to = Math.min(input.size, partHi - start);
    if (from < to) segments(from, to, segment, index);
  });
  return units;
}

/**
 * The units of an indexed gzip file whose points start in [from, to) of it: one every `segment`
 * bytes, each from the first point at or after its nominal start to the next unit's. Parts ask
 * the same of the same points, so they tile the file.
 */
function indexedUnits(points: PlannedIndex["points"], size: number, from: number, to: number, segment: number, input: number, units: Unit[]): void {
  const byteOf = (p: number) => (p < 0 ? 0 : Math.floor(points[p].bit / 8));
  let next = 0; // points before it start before every position asked yet (positions only grow)
  /** The first point at or after byte `at` (-1: the file's start), or undefined. */
  const pointAt = (at: number) => {
    if (at <= 0) return -1;
    while (next < points.length && byteOf(next) < at) next++;
    return next < points.length ? next : undefined;
  };
  const starts: number[] = [];
  for (let at = from; at < to;) {
    const p = pointAt(at);
    if (p === undefined || byteOf(p) >= to) break;
    if (starts[starts.length - 1] !== p) starts.push(p);
    // The nominal starts up to the point's byte all find it: go on from the first one past it.
    at += Math.max(1, Math.ceil((byteOf(p) + 1 - at) / segment)) * segment;
  }
  starts.forEach((p, i) => {
    const endPoint = i + 1 < starts.length ? starts[i + 1] : pointAt(to);
    units.push({ input, from: byteOf(p), to: endPoint === undefined ? size : byteOf(endPoint), whole: false, point: p, endPoint });
  });
}

/** Parses "I/K" for --shard. */
export function parseShard(text: string): Shard | undefined {
  const match = /^([0-9]+)\/([0-9]+)$/.exec(text);
  const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
  return isShard(shard) ? shard : undefined;
}

/** The plan as every participant sees it. */
export interface RunPlan {
  inputs: PlannedInput[];
  units: Unit[];
}

/** The most parts --shard can make. */
export const MAX_SHARDS = 65536;

/** Part I of K with 0 <= I < K <= MAX_SHARDS, both integers. */
export function isShard(shard: unknown): shard is Shard {
  const { index, count } = (shard ?? {}) as Partial<Shard>;
  return typeof shard === "object" && Number.isInteger(index) && Number.isInteger(count)
    && index! >= 0 && index! < count! && count! <= MAX_SHARDS;
}
