// A large result printed by several threads: each helper that checked exactly its own rows
// holds them and formats them (fragments, see format.ts FormatPieces) while this thread formats
// its own; this thread then joins the fragments in rank order by copying runs of bytes (join.ts),
// and the output still streams out block by block. All of it starts only after every winner is valid.
import { ByteWriter } from "./byte-writer";
import { OutputFormat, OutputRows, formatPieces, writeFragment } from "./format";
import type { CheckRange } from "../check/share-checks";

/** Rows per chunk of fragments (~1.4 MB of pretty JSON for short ids). */
const CHUNK_ROWS = 1 << 14;
/** Chunks a helper may format ahead of the writing: bounds what waits in memory when stdout is slow. */
export const CHUNKS_AHEAD = 3;

/** Rows [from, from + ends.length) of a list as fragments: the k-th ends at ends[k] in bytes. */
export interface FragmentChunk {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** Gives a list's chunks, in order, one per call. */
export type FragmentSource = () => FragmentChunk | Promise<FragmentChunk>;

/** Formats rows [from, to) as fragments, in one array. */
export function formatChunk(rows: OutputRows, from: number, to: number, format: OutputFormat): FragmentChunk {
  const p = formatPieces(format);
  const out = new ByteWriter(1 << 21);
  const ends = new Uint32Array(to - from);
  for (let row = from; row < to; row++) {
    writeFragment(rows, row, format, p, out);
    ends[row - from] = out.length;
  }
  const length = out.length;
  const blocks = out.take(true);
  if (blocks.length === 1) return { bytes: blocks[0], ends };
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const block of blocks) {
    bytes.set(block, at);
    at += block.length;
  }
  return { bytes, ends };
}

/**
 * Does participant p check exactly its own rows, all of them, and no one else any of them?
 * Then it can hold them and format them itself.
 */
export function checksOwnRows(ranges: CheckRange[][], p: number): boolean {
  const mine = ranges[p];
  if (mine.length !== 1 || mine[0].list !== p || mine[0].from !== 0) return false;
  return ranges.every((theirs, q) => q === p || theirs.every((range) => range.list !== p));
}

/**
 * A helper's side: formats its rows chunk by chunk and posts each, waiting while it has no
 * credit (the calling thread gives one per chunk it takes); returns early once `stopped`.
 */
export function formatAhead(
  rows: OutputRows, format: OutputFormat, credits: Int32Array, stopped: () => boolean, post: (chunk: FragmentChunk) => void,
): void {
  for (let from = 0; from < rows.size; from += CHUNK_ROWS) {
    while (Atomics.load(credits, 0) <= 0) {
      if (stopped()) return;
      Atomics.wait(credits, 0, 0, 50);
    }
    if (stopped()) return;
    Atomics.sub(credits, 0, 1);
    post(formatChunk(rows, from, Math.min(rows.size, from + CHUNK_ROWS), format));
  }
}
