// Kept lines in columns (typed arrays), never an object per line: what an engine hands back,
// what threads send each other (the arrays transfer), and what the merge, the check and the
// output read. A count of millions costs tens of bytes per line, not hundreds, and no GC.
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT } from "./score-class";
import { ExactScore, compareExact, negateExact } from "./decimal-score";
import { TWO_32 } from "../model/numbers";
import { identityOrder, sortByKey64 } from "./radix";
import { RowMap, newRowMap, rowGet, rowSet } from "./row-map";

/** Kept lines, one row per line. Rows are best first unless an engine says otherwise. */
export interface KeptColumns {
  count: number;
  /** Score class (CLASS_*): a FIT score is high·2^32 + low (a 64-bit integer); the others are in `big`. */
  classes: Uint8Array;
  high: Int32Array;
  low: Uint32Array;
  /** Exact scores of the rows whose class is not FIT (rare; decimal scores under --decimal), by row. */
  big: RowMap<ExactScore>;
  /** The unit the line is in (see plan.ts), and its 1-based line number there. */
  units: Int32Array;
  lines: Float64Array;
  /** Byte offset of the line in its (decompressed) input, and its length without the line ending. */
  offsets: Float64Array;
  lengths: Int32Array;
  /**
   * Where each row is in file order (rows sorted by it are in file order), when the engine
   * knows it without sorting; else the check sorts by unit and offset.
   */
  fileRows?: Uint32Array;
  /** Rows are ranked lowest score first (--lowest), ties still to the earlier unit and line: the merge follows it. */
  lowestFirst?: boolean;
}

/** The score columns alone. */
export type ScoreColumns = Pick<KeptColumns, "count" | "classes" | "high" | "low" | "big">;

/** A length, or shared memory of that many elements (see newColumns). */
function columnMemory(count: number, shared: boolean): (bytes: number) => number | SharedArrayBuffer {
  return (bytes) => (shared && typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(bytes * count) : count);
}

/** Empty score columns for `count` rows (shared: as in newColumns). */
export function newScoreColumns(count: number, shared = false): ScoreColumns {
  const memory = columnMemory(count, shared);
  return {
    count, classes: new Uint8Array(memory(1) as never), high: new Int32Array(memory(4) as never), low: new Uint32Array(memory(4) as never),
    big: newRowMap(),
  };
}

/**
 * Empty columns for `count` rows (with `scores`' score columns, when given); `shared`: in SharedArrayBuffers
 * (where there are any), so a worker's columns reach the calling thread without a copy (both read them; neither writes).
 */
export function newColumns(count: number, shared = false, scores?: ScoreColumns): KeptColumns {
  const memory = columnMemory(count, shared);
  const { classes, high, low, big } = scores ?? newScoreColumns(count, shared);
  return {
    count, classes, high, low, big,
    units: new Int32Array(memory(4) as never), lines: new Float64Array(memory(8) as never),
    offsets: new Float64Array(memory(8) as never), lengths: new Int32Array(memory(4) as never),
  };
}

/** Sets row i's score from a JS number (an exact integer below 2^53 in magnitude). */
export function setFitNumber(columns: ScoreColumns, i: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  columns.classes[i] = CLASS_FIT;
  columns.high[i] = high;
  columns.low[i] = value - high * TWO_32;
}

/** Row i's exact score. */
export function scoreAt(columns: ScoreColumns, i: number): ExactScore {
  if (columns.classes[i] !== CLASS_FIT) return rowGet(columns.big, i)!;
  return (BigInt(columns.high[i]) << 32n) + BigInt(columns.low[i]);
}

/** Row i's score as a JS number when that is exact (|score| ≤ 2^53), else undefined. */
export function safeScoreAt(columns: KeptColumns, i: number): number | undefined {
  if (columns.classes[i] !== CLASS_FIT) return undefined;
  const value = columns.high[i] * TWO_32 + columns.low[i];
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * -1 when row i of a ranks above row j of b (higher score, or lower when the lists are ranked
 * lowestFirst, then earlier unit, then earlier line), 1 below, 0 same.
 */
export function compareRows(a: KeptColumns, i: number, b: KeptColumns, j: number): number {
  const above = a.lowestFirst === true ? 1 : -1; // what a higher score gives
  if (a.classes[i] === CLASS_FIT && b.classes[j] === CLASS_FIT) {
    if (a.high[i] !== b.high[j]) return a.high[i] > b.high[j] ? above : -above;
    if (a.low[i] !== b.low[j]) return a.low[i] > b.low[j] ? above : -above;
  } else {
    const order = compareExact(scoreAt(a, i), scoreAt(b, j));
    if (order !== 0) return order > 0 ? above : -above;
  }
  if (a.units[i] !== b.units[j]) return a.units[i] < b.units[j] ? -1 : 1;
  return a.lines[i] < b.lines[j] ? -1 : a.lines[i] > b.lines[j] ? 1 : 0;
}

/**
 * Negates every row's score in place (--lowest: the engines rank negated scores, the highest of
 * which are the lowest, and hand back the scores as written). A 64-bit score below 10^18 in
 * magnitude negates in two's complement without overflow; the others change class (their sign).
 */
export function negateScores(columns: ScoreColumns): void {
  const { classes, high, low } = columns;
  for (let i = 0; i < columns.count; i++) {
    if (classes[i] === CLASS_FIT) {
      const l = low[i];
      low[i] = (~l + 1) >>> 0;
      high[i] = ~high[i] + (l === 0 ? 1 : 0);
    } else {
      classes[i] = classes[i] <= CLASS_BIG_POSITIVE
        ? CLASS_BIG_NEGATIVE + CLASS_BIG_POSITIVE - classes[i]
        : CLASS_DECIMAL_NEGATIVE + CLASS_DECIMAL_POSITIVE - classes[i];
      rowSet(columns.big, i, negateExact(rowGet(columns.big, i)!));
    }
  }
}

/**
 * The columns' rows in `order` (row r of the result is row order[r]), column by column;
 * `scoresRanked`: the score columns are in that order already (rankScoresInPlace), and are kept.
 */
export function gatherColumns(columns: KeptColumns, order: Uint32Array, shared = false, scoresRanked = false): KeptColumns {
  const n = order.length;
  const to = newColumns(n, shared, scoresRanked ? columns : undefined);
  // One tight loop per column (and per array type): the reads are random, and overlap only there.
  const { classes, high, low, units, lines, offsets, lengths } = columns;
  if (!scoresRanked) {
    for (let r = 0; r < n; r++) to.classes[r] = classes[order[r]];
    for (let r = 0; r < n; r++) to.high[r] = high[order[r]];
    for (let r = 0; r < n; r++) to.low[r] = low[order[r]];
  }
  for (let r = 0; r < n; r++) to.units[r] = units[order[r]];
  for (let r = 0; r < n; r++) to.lines[r] = lines[order[r]];
  for (let r = 0; r < n; r++) to.offsets[r] = offsets[order[r]];
  for (let r = 0; r < n; r++) to.lengths[r] = lengths[order[r]];
  if (columns.big.size > 0 && !scoresRanked) {
    for (let r = 0; r < n; r++) if (classes[order[r]] !== CLASS_FIT) rowSet(to.big, r, rowGet(columns.big, order[r])!);
  }
  return to;
}

/** The rows' rank order by score alone, stable: keys that sort the highest score first. */
function byScoreDescending(columns: ScoreColumns, rows: Uint32Array): Uint32Array {
  const n = rows.length;
  const low = new Uint32Array(n);
  const high = new Uint32Array(n);
  for (let i = 0; i < n; i++) low[i] = columns.low[rows[i]];
  for (let i = 0; i < n; i++) high[i] = columns.high[rows[i]];
  flipScores(high, low);
  return sortByKey64(rows, high, low);
}

/**
 * The rank order (best first) of rows that are in file order, (unit, line) ascending: a
 * stable radix sort on the 64-bit scores keeps ties in file order, which is their rank. The
 * rare rows outside 64 bits are compared one by one and go above or below all the others;
 * decimal scores (--decimal), sorted apart, are merged in by value.
 */
export function rankOrderOfFileOrder(columns: ScoreColumns): Uint32Array {
  const n = columns.count;
  if (columns.big.size === 0) return byScoreDescending(columns, identityOrder(n));
  const fits: number[] = [];
  const above: number[] = [];
  const below: number[] = [];
  const decimals: number[] = [];
  for (let i = 0; i < n; i++) {
    const scoreClass = columns.classes[i];
    if (scoreClass === CLASS_FIT) fits.push(i);
    else if (scoreClass === CLASS_BIG_POSITIVE) above.push(i);
    else if (scoreClass === CLASS_BIG_NEGATIVE) below.push(i);
    else decimals.push(i);
  }
  // Equal scores keep file order: the sort is stable.
  const byRank = (i: number, j: number) => -compareExact(scoreAt(columns, i), scoreAt(columns, j));
  const integers = new Uint32Array(n - decimals.length);
  integers.set(above.sort(byRank));
  integers.set(byScoreDescending(columns, Uint32Array.from(fits)), above.length);
  integers.set(below.sort(byRank), above.length + fits.length);
  if (decimals.length === 0) return integers;
  return mergeByRank(integers, decimals.sort(byRank), byRank);
}

/** Two lists of rows, each in rank order, merged: on equal scores the earlier row (file order) first. */
function mergeByRank(a: Uint32Array, b: number[], byRank: (i: number, j: number) => number): Uint32Array {
  const order = new Uint32Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    const rank = byRank(a[i], b[j]);
    order[k++] = rank < 0 || (rank === 0 && a[i] < b[j]) ? a[i++] : b[j++];
  }
  while (i < a.length) order[k++] = a[i++];
  while (j < b.length) order[k++] = b[j++];
  return order;
}

/** Keys that sort a 64-bit score highest first, and back: the same involution (~x with the sign bit flipped, as unsigned). */
function flipScores(high: Uint32Array, low: Uint32Array): void {
  for (let i = 0; i < low.length; i++) low[i] = ~low[i] >>> 0;
  for (let i = 0; i < high.length; i++) high[i] = (~high[i] ^ 0x80000000) >>> 0;
}

/**
 * rankOrderOfFileOrder when every score fits 64 bits (no `big`), with the score columns put in
 * rank order where they are: the sort moves the keys with the rows, so they need no gather and
 * no copy. Returns undefined (and changes nothing) when some score does not fit.
 */
export function rankScoresInPlace(columns: ScoreColumns): Uint32Array | undefined {
  if (columns.big.size > 0) return undefined; // every row is CLASS_FIT: `classes` is already in any order
  const n = columns.count;
  const high = new Uint32Array(columns.high.buffer, columns.high.byteOffset, n);
  const low = columns.low.subarray(0, n);
  flipScores(high, low);
  const order = sortByKey64(identityOrder(n), high, low);
  flipScores(high, low);
  return order;
}

/** A copy of rows [from, to) (a compact copy: a view would carry its whole buffer to another thread). */
export function sliceColumns(columns: KeptColumns, from: number, to: number): KeptColumns {
  const big = newRowMap<bigint>();
  if (columns.big.size > 0) {
    for (let r = from; r < to; r++) if (columns.classes[r] !== CLASS_FIT) rowSet(big, r - from, rowGet(columns.big, r)!);
  }
  return {
    count: to - from,
    classes: columns.classes.slice(from, to), high: columns.high.slice(from, to), low: columns.low.slice(from, to), big,
    units: columns.units.slice(from, to), lines: columns.lines.slice(from, to),
    offsets: columns.offsets.slice(from, to), lengths: columns.lengths.slice(from, to),
    fileRows: columns.fileRows?.slice(from, to),
  };
}

