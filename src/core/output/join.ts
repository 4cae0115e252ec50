// The one way rows become output: fragments (format.ts writeFragment) joined in rank order.
// Rows of lists formatted here are written straight in; rows of a list formatted by another
// thread are copied from the fragment chunks it gives (fragments.ts), runs of them at once.
// One thread, or the library's winners, is the same path with one list in row order.
import { ByteWriter } from "./byte-writer";
import { OutputFormat, OutputRows, formatPieces, winnerRows, writeFragment } from "./format";
import { FragmentChunk, FragmentSource } from "./fragments";
import { DecimalWinner } from "../model/winner";
import { MergeOrder } from "../columns/merge-order";

/** The rank order over several lists: rank r is row at[r] of list[r] (what output needs of a MergeOrder). */
type RankOrder = Pick<MergeOrder, "size" | "list" | "at">;

/** With no rows, JSON is "[]\n" (and --lines prints nothing). */
const EMPTY_JSON = Uint8Array.of(0x5b, 0x5d, 0x0a);

/**
 * The joining itself, as steps: a block of output, or the number of a remote list whose next
 * chunk it needs (handed back by next()). `order` undefined: one list (lists[0]), in row order.
 */
function* joinSteps(
  order: RankOrder | undefined, format: OutputFormat, lists: OutputRows[], remote: boolean[],
): Generator<Uint8Array | number, void, FragmentChunk | undefined> {
  const n = order ? order.size : lists[0].size;
  if (n === 0 && !format.lines) {
    yield EMPTY_JSON;
    return;
  }
  const p = formatPieces(format);
  const chunks: Array<FragmentChunk | undefined> = lists.map(() => undefined);
  const next = new Uint32Array(lists.length); // each remote list's next row in its current chunk
  const out = new ByteWriter();
  out.piece(p.open);
  for (let r = 0; r < n;) {
    const list = order ? order.list[r] : 0;
    if (!remote[list]) {
      // Rows formatted here are written straight into the output.
      const rows = lists[list];
      const stop = Math.min(n, r + 256);
      if (order) for (; r < stop && order.list[r] === list; r++) writeFragment(rows, order.at[r], format, p, out);
      else for (; r < stop; r++) writeFragment(rows, r, format, p, out);
      if (r === n) out.drop(p.separator);
    } else {
      let chunk = chunks[list];
      let k = next[list];
      if (chunk === undefined || k === chunk.ends.length) {
        chunk = chunks[list] = yield list;
        if (chunk === undefined) throw new Error("a remote list's chunk was not given");
        k = 0;
      }
      // Consecutive rows of one list are consecutive fragments of its chunk: one copy.
      const last = Math.min(n, r + chunk.ends.length - k);
      let end = r + 1;
      while (end < last && order!.list[end] === list) end++;
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

/** The output of rows, best first, in blocks of bytes ending in one newline (all formatted here). */
export function* outputBlocks(rows: OutputRows, format: OutputFormat): Generator<Uint8Array> {
  for (const step of joinSteps(undefined, format, [rows], [])) {
    if (typeof step === "number") throw new Error("no list is formatted elsewhere");
    yield step;
  }
}

/**
 * The output of `order`'s rows: each list's rows written here from `lists`, or, for the lists
 * with a source in `remote`, copied from the fragments it gives, in order.
 */
export async function* joinFragments(
  order: RankOrder, format: OutputFormat, lists: OutputRows[], remote: Array<FragmentSource | undefined>,
): AsyncGenerator<Uint8Array> {
  const steps = joinSteps(order, format, lists, lists.map((_, list) => remote[list] !== undefined));
  let given: FragmentChunk | undefined;
  for (;;) {
    const step = steps.next(given);
    if (step.done) return;
    given = undefined;
    if (typeof step.value === "number") given = await remote[step.value]!();
    else yield step.value;
  }
}

/** The whole output as one string (for small results; the CLI streams blocks). */
export function formatWinners(winners: DecimalWinner[], compact: boolean | OutputFormat = false): string {
  const format = typeof compact === "boolean" ? { compact } : compact;
  const decoder = new TextDecoder();
  let text = "";
  for (const block of outputBlocks(winnerRows(winners), format)) text += decoder.decode(block, { stream: true });
  return text + decoder.decode();
}
