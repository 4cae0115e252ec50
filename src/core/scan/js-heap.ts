// The js engine's bounded min-heap of the best `limit` lines (assembly/heap.ts in TypeScript):
// kept lines in typed columns by slot, scores compared exactly (integers, big integers, decimals).
import {
  CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT,
} from "../columns/score-class";
import { compareNormal, decimalFloor } from "../columns/decimal-score";
import { DecimalReader } from "../columns/decimal-reader";
import {
  KeptColumns, ScoreColumns, newScoreColumns, rankOrderOfFileOrder, rankScoresInPlace, setFitNumber,
} from "../columns/kept";
import { RowMap, newRowMap, rowDelete, rowGet, rowSet } from "../columns/row-map";

/**
 * The bounded min-heap of the best `limit` lines (root = weakest). Kept lines live in typed
 * columns by slot (no object per line: counts of millions); the heap orders slot numbers.
 * Until it is full, slots are only appended, in file order; it becomes a heap when it fills.
 */
export class BoundedHeap {
  classes = new Uint8Array(0);
  values = new Float64Array(0);     // the score when the class is CLASS_FIT (exact below 2^53, else rounded); a decimal's exponent
  units = new Int32Array(0);
  lines = new Float64Array(0);
  offsets = new Float64Array(0);
  lengths = new Int32Array(0);
  digits: RowMap<string> = newRowMap();     // significant digits of scores of 2^53 or more and of decimal scores, by slot
  texts: RowMap<string> = newRowMap();      // decimal scores as printed, by slot
  bytes: RowMap<Uint8Array> = newRowMap();  // kept lines of units that cannot be re-read, by slot
  heap = new Int32Array(0);                 // slot numbers
  size = 0;
  limit = 0;
  isHeap = false;
  /** A fitting score must exceed this to enter (see heapMinFit in assembly/heap.ts). */
  minFit = -Infinity;

  reset(limit: number): void {
    this.digits = newRowMap();
    this.texts = newRowMap();
    this.bytes = newRowMap();
    this.size = 0;
    this.isHeap = false;
    this.limit = limit;
    this.resize(Math.min(limit, 256));
    this.updateMin();
  }

  full(): boolean { return this.size >= this.limit; }

  /** -1, 0, 1 as score (class, value, digits) compares to slot b's. */
  private compareScore(aClass: number, aValue: number, aDigits: string | undefined, b: number): number {
    const bClass = this.classes[b];
    if (aClass >= CLASS_DECIMAL_NEGATIVE || bClass >= CLASS_DECIMAL_NEGATIVE) {
      const a = normalOf(aClass, aValue, aDigits);
      const { sign, exponent, digits } = this.normalAt(b);
      return compareNormal(a.sign, a.exponent, a.digits, sign, exponent, digits);
    }
    if (aClass !== bClass) return aClass < bClass ? -1 : 1;
    if (aClass === CLASS_FIT) {
      const bValue = this.values[b];
      if (aValue !== bValue) return aValue < bValue ? -1 : 1;
      // Equal numbers are equal scores below 2^53; above, both rounded (no safe number rounds to
      // an unsafe one), and the digits decide.
      if (!aDigits) return 0;
      const magnitude = compareDigits(aDigits, rowGet(this.digits, b)!);
      return aValue > 0 ? magnitude : -magnitude;
    }
    const magnitude = compareDigits(aDigits!, rowGet(this.digits, b)!);
    return aClass === CLASS_BIG_POSITIVE ? magnitude : -magnitude;
  }

  /** Slot b's score in normal form (see decimal-score.ts). */
  normalAt(b: number): Normal {
    return normalOf(this.classes[b], this.values[b], rowGet(this.digits, b));
  }

  /** Does slot a rank below slot b? Lower score, or equal score and later line. */
  private ranksBelow(a: number, b: number): boolean {
    const order = this.compareScore(this.classes[a], this.values[a], rowGet(this.digits, a), b);
    if (order !== 0) return order < 0;
    return this.units[a] !== this.units[b] ? this.units[a] > this.units[b] : this.lines[a] > this.lines[b];
  }

  /** Does a score off the fast path (2^53 or more in magnitude) beat the root? Only asked when the heap is full. */
  beatsRoot(scoreClass: number, value: number, digits: string): boolean {
    if (this.size === 0) return false;
    return this.compareScore(scoreClass, value, digits, this.heap[0]) > 0;
  }

  /** Does the decimal score `reader` read last (with the sign `negative`) beat the root? Only asked when the heap is full. */
  decimalBeatsRoot(reader: DecimalReader, bytes: Uint8Array, negative: boolean): boolean {
    if (this.size === 0) return false;
    const { sign, exponent, digits } = this.normalAt(this.heap[0]);
    return reader.compareWith(bytes, negative, sign, exponent, digits) > 0;
  }

  /** Keeps a line the caller has checked can enter (heap not full, or it beats the root); `text`: a decimal score as printed. */
  offer(
    scoreClass: number, value: number, digits: string, unit: number, line: number, offset: number, length: number,
    bytes: Uint8Array | undefined, text?: string,
  ): void {
    let slot: number;
    if (this.full()) {
      slot = this.heap[0]; // the weakest leaves; the new line takes its slot
      rowDelete(this.digits, slot);
      rowDelete(this.texts, slot);
      rowDelete(this.bytes, slot);
    } else {
      if (this.size === this.heap.length) this.resize(Math.min(this.limit, this.size * 2));
      slot = this.size;
      this.heap[this.size++] = slot;
    }
    this.classes[slot] = scoreClass;
    this.values[slot] = value;
    if (digits !== "") rowSet(this.digits, slot, digits);
    if (bytes) rowSet(this.bytes, slot, bytes);
    if (text !== undefined) rowSet(this.texts, slot, text);
    this.units[slot] = unit;
    this.lines[slot] = line;
    this.offsets[slot] = offset;
    this.lengths[slot] = length;
    if (this.isHeap) this.siftDown(0, this.size);
    else if (this.full()) this.heapify();
    this.updateMin();
  }

  private resize(capacity: number): void {
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old.subarray(0, this.size));
      return fresh;
    };
    this.classes = grow(this.classes, new Uint8Array(capacity));
    this.values = grow(this.values, new Float64Array(capacity));
    this.units = grow(this.units, new Int32Array(capacity));
    this.lines = grow(this.lines, new Float64Array(capacity));
    this.offsets = grow(this.offsets, new Float64Array(capacity));
    this.lengths = grow(this.lengths, new Int32Array(capacity));
    this.heap = grow(this.heap, new Int32Array(capacity));
  }

  private heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i, this.size);
    this.isHeap = true;
  }

  private updateMin(): void {
    if (!this.full()) { this.minFit = -Infinity; return; }
    if (this.size === 0) { this.minFit = Infinity; return; }
    const root = this.heap[0];
    // A rounded root still orders every number below 2^53 against it (they round to themselves).
    const rootClass = this.classes[root];
    if (rootClass === CLASS_FIT) this.minFit = this.values[root];
    else if (rootClass <= CLASS_BIG_POSITIVE) this.minFit = rootClass === CLASS_BIG_NEGATIVE ? -Infinity : Infinity;
    // A decimal root: a fast-path (safe) integer enters only above its floor (ties lose: the new line is later).
    else this.minFit = decimalFloor({ negative: rootClass === CLASS_DECIMAL_NEGATIVE, exponent: this.values[root], digits: rowGet(this.digits, root)! });
  }

  /** Moves the slot at `hole` down within [0, end), weaker children up. */
  private siftDown(hole: number, end: number): void {
    const heap = this.heap;
    const slot = heap[hole];
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= end) break;
      if (child + 1 < end && this.ranksBelow(heap[child + 1], heap[child])) child++;
      if (!this.ranksBelow(heap[child], slot)) break;
      heap[hole] = heap[child];
      hole = child;
    }
    heap[hole] = slot;
  }

  /** The kept lines as columns by slot, the slots best first, and whether slots are in file order. */
  finish(shared: boolean): { columns: KeptColumns; order: Uint32Array; inFileOrder: boolean; scoresRanked: boolean } {
    const n = this.size;
    // The score columns are new (shared: they may be handed back as they are); the others are
    // views of the slots' arrays, read once by the gather (which reset() does not disturb).
    const columns: KeptColumns = {
      ...newScoreColumns(n, shared),
      units: this.units.subarray(0, n), lines: this.lines.subarray(0, n), offsets: this.offsets.subarray(0, n), lengths: this.lengths.subarray(0, n),
    };
    for (let slot = 0; slot < n; slot++) {
      if (this.classes[slot] === CLASS_FIT) {
        const digits = this.digits.size > 0 ? rowGet(this.digits, slot) : undefined;
        if (digits === undefined) setFitNumber(columns, slot, this.values[slot]);
        else setFit64(columns, slot, BigInt(this.values[slot] < 0 ? `-${digits}` : digits));
      } else if (this.classes[slot] <= CLASS_BIG_POSITIVE) {
        const digits = rowGet(this.digits, slot)!;
        columns.classes[slot] = this.classes[slot];
        rowSet(columns.big, slot, BigInt(this.classes[slot] === CLASS_BIG_NEGATIVE ? `-${digits}` : digits));
      } else {
        columns.classes[slot] = this.classes[slot];
        rowSet(columns.big, slot, {
          negative: this.classes[slot] === CLASS_DECIMAL_NEGATIVE, exponent: this.values[slot],
          digits: rowGet(this.digits, slot)!, text: rowGet(this.texts, slot)!,
        });
      }
    }
    if (!this.isHeap) { // slots were appended: they are in file order
      const inPlace = rankScoresInPlace(columns);
      return { columns, order: inPlace ?? rankOrderOfFileOrder(columns), inFileOrder: true, scoresRanked: inPlace !== undefined };
    }
    // Heapsort: the weakest goes to the end each step, so the heap ends best first.
    const heap = this.heap;
    for (let end = n - 1; end > 0; end--) {
      const last = heap[end];
      heap[end] = heap[0];
      heap[0] = last;
      this.siftDown(0, end);
    }
    return { columns, order: Uint32Array.from(heap.subarray(0, n)), inFileOrder: false, scoresRanked: false };
  }
}

interface Normal { sign: number; exponent: number; digits: string }

/** A held score's normal form (sign, exponent of its first significant digit, digits): how decimal scores compare. */
function normalOf(scoreClass: number, value: number, digits: string | undefined): Normal {
  if (scoreClass >= CLASS_DECIMAL_NEGATIVE) return { sign: scoreClass === CLASS_DECIMAL_POSITIVE ? 1 : -1, exponent: value, digits: digits! };
  if (scoreClass !== CLASS_FIT) return { sign: scoreClass === CLASS_BIG_POSITIVE ? 1 : -1, exponent: digits!.length - 1, digits: digits! };
  if (value === 0) return { sign: 0, exponent: 0, digits: "" };
  const magnitude = digits ?? String(Math.abs(value)); // digits: at or past 2^53, where the number is rounded
  return { sign: value < 0 ? -1 : 1, exponent: magnitude.length - 1, digits: magnitude };
}

/** -1, 0, 1 as magnitude a (significant digits) compares to magnitude b. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sets slot i's score from an exact integer below 10^18 in magnitude (two's complement words). */
function setFit64(columns: ScoreColumns, i: number, value: bigint): void {
  const word64 = BigInt.asUintN(64, value);
  columns.classes[i] = CLASS_FIT;
  columns.high[i] = Number(BigInt.asIntN(32, word64 >> 32n));
  columns.low[i] = Number(word64 & 0xffffffffn);
}
