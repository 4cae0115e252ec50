// A large result printed by several threads: each helper that checked exactly its own rows
// keeps them and formats them (fragments, see format.ts FormatPieces) while this thread formats
// its own; this thread then joins the fragments in rank order by copying runs of bytes, and the
// output still streams out block by block. All of it starts only after every winner is valid.
import { ByteWriter } from "./byte-writer";
import { OutputFormat, OutputRows, formatPieces, writeFragment } from "./format";
import { MergeOrder } from "../columns/merge-order";
import type { CheckRange } from "../check/share-checks";

/** Rows per chunk of fragments (~1.4 MB of pretty JSON for short ids). */
export const CHUNK_ROWS = 1 << 14;
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
 * The output of `order`'s rows: each list's rows written here from `lists`, or, for the lists
 * with a source in `remote`, copied from the fragments it gives, in order.
 */
export async function* joinFragments(
  order: MergeOrder, format: OutputFormat, lists: OutputRows[], remote: Array<FragmentSource | undefined>,
): AsyncGenerator<Uint8Array> {
  const p = formatPieces(format);
  const n = order.size;
  const { from, at } = order;
  const chunks: Array<FragmentChunk | undefined> = lists.map(() => undefined);
  const next = new Uint32Array(lists.length); // each remote list's next row in its current chunk
  const out = new ByteWriter();
  out.piece(p.open);
  for (let r = 0; r < n;) {
    const list = from[r];
    const source = remote[list];
    if (source === undefined) {
      // This thread's rows are written straight into the output.
      const rows = lists[list];
      for (const stop = Math.min(n, r + 256); r < stop && from[r] === list; r++) writeFragment(rows, at[r], format, p, out);
      if (r === n) out.drop(p.separator);
    } else {
      let chunk = chunks[list];
      let k = next[list];
      if (chunk === undefined || k === chunk.ends.length) {
        chunk = chunks[list] = await source();
        k = 0;
      }
      // Consecutive rows of one list are consecutive fragments of its chunk: one copy.
      const last = Math.min(n, r + chunk.ends.length - k);
      let end = r + 1;
      while (end < last && from[end] === list) end++;
      const start = k === 0 ? 0 : chunk.ends[k - 1];
      const stop = chunk.ends[k + end - r - 1] - (end === n ? p.separator : 0);
      out.bytes(chunk.bytes, start, stop);
      next[list] = k + end - r;
      r = end;
    }
    if (out.full) yield* out.take();
  }
  out.piece(p.close);
  yield* out.take(true);
}

/**
 * Does participant p check exactly its own rows, all of them, and no one else any of them?
 * Then it can keep them and format them itself.
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
