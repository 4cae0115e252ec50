// A participant checks the winners it found itself: each winner's line, re-read (or taken from
// the bytes its engine kept), must still hold the score the scan saw, and its record goes into
// the check store (store.ts). Only these records are ever parsed as JSON. A store the precheck
// filled while scanning (large counts) is the same store: only its rows' scores are re-read.
import { InputAccess, changedError } from "../input/access";
import { CLASS_FIT } from "../columns/score-class";
import { TWO_32 } from "../model/numbers";
import { ScanEngine } from "../scan/engine";
import { Framing } from "./framing";
import { KeptColumns, scoreAt } from "../columns/kept";
import { messageName, RunPlan } from "../model/plan";
import { identityOrder, sortByKey64 } from "../columns/radix";
import { abortError } from "../model/errors";
import { fits64, hasScore, hasScore64 } from "./same-score";
import { CheckStore, CheckedRows } from "./store";

/** What a check works with. */
export interface CheckContext {
  /** The engine that kept the rows: the bytes of lines it kept (units that cannot be re-read) are there. */
  engine?: ScanEngine;
  plan: RunPlan;
  access: InputAccess;
  /** Keep each row's line (--lines). */
  keepText: boolean;
  /** Asked before each read: true stops the check (the run failed or was aborted). */
  shouldStop?: () => boolean;
}

/** Winners close together are re-read with one read of at most READ_SPAN bytes, wasting at most READ_GAP between lines. */
const READ_SPAN = 256 * 1024;
const READ_GAP = 4096;
/** Rows checked per window (see checkKept). */
const CHECK_WINDOW = 1 << 20;

/**
 * Checks rows 0..take-1 of `kept` (best first) into `store`: a new one, or the one the precheck
 * filled while scanning. Reads them in file order, an input at a time and near neighbours in
 * one read, so memory holds one block. Throws when a line no longer has the score the scan saw
 * (the input changed); records that are not valid are not errors here, the first one is
 * returned (the run decides which fault comes first).
 */
export async function checkKept(
  kept: KeptColumns, take: number, context: CheckContext, store = new CheckStore(take, context.keepText),
): Promise<CheckedRows> {
  const order = fileOrder(kept, take);
  const scratch = new Uint8Array(READ_SPAN);
  // The rows in file order, a window at a time, with what the check reads of them copied in that
  // order first: reading the rank-ordered columns in file order inside the check missed the
  // cache each time; a window, not all rows, keeps that copy small when the count is millions.
  for (let from = 0; from < take; from += CHECK_WINDOW) {
    const window = new WindowRows(kept, order.subarray(from, Math.min(take, from + CHECK_WINDOW)), context.plan);
    await checkWindow(window, store, context, scratch);
  }
  return store.rows(kept, take);
}

/** The columns the check reads of a window's rows, copied in file order: window row k is kept row rows[k]. */
class WindowRows {
  readonly size: number;
  readonly units: Int32Array;
  readonly offsets: Float64Array;
  readonly lengths: Int32Array;
  readonly high: Int32Array;
  readonly low: Uint32Array;

  constructor(readonly kept: KeptColumns, readonly rows: Uint32Array, private readonly plan: RunPlan) {
    const n = (this.size = rows.length);
    this.units = new Int32Array(n);
    this.offsets = new Float64Array(n);
    this.lengths = new Int32Array(n);
    this.high = new Int32Array(n);
    this.low = new Uint32Array(n);
    for (let k = 0; k < n; k++) this.units[k] = kept.units[rows[k]];
    for (let k = 0; k < n; k++) this.offsets[k] = kept.offsets[rows[k]];
    for (let k = 0; k < n; k++) this.lengths[k] = kept.lengths[rows[k]];
    for (let k = 0; k < n; k++) this.high[k] = kept.high[rows[k]];
    for (let k = 0; k < n; k++) this.low[k] = kept.low[rows[k]];
  }

  /** The input window row k is in. */
  input(k: number): number { return this.plan.units[this.units[k]].input; }

  /** The error for window row k's input: it changed while it was read. */
  changed(k: number): Error { return changedError(messageName(this.plan.inputs[this.input(k)])); }
}

/** Checks a window's rows (in file order): an input at a time. */
async function checkWindow(window: WindowRows, store: CheckStore, context: CheckContext, scratch: Uint8Array): Promise<void> {
  for (let first = 0; first < window.size;) {
    first = context.plan.inputs[window.input(first)].rereadable
      ? await checkReread(window, first, store, context, scratch)
      : checkInHand(window, first, store, context);
  }
}

/** Checks the window's rows from `first` on that are in the same input, one that cannot be re-read; returns the row after them. */
function checkInHand(window: WindowRows, first: number, store: CheckStore, context: CheckContext): number {
  const input = window.input(first);
  let k = first;
  for (; k < window.size && window.input(k) === input; k++) {
    if (store.filledByScan) continue; // the kept bytes are what the scan saw: nothing to compare them with
    const bytes = context.engine?.keptBytes(window.rows[k]);
    if (!bytes) throw new Error("a winner's line was not kept");
    if (bytes.length !== window.lengths[k]) throw window.changed(k);
    checkLine(window, k, bytes, 0, bytes.length, store);
  }
  return k;
}

/**
 * Checks the window's rows from `first` on that are in the same input, a re-readable one, near
 * neighbours in one read; returns the row after them.
 */
async function checkReread(
  window: WindowRows, first: number, store: CheckStore, context: CheckContext, scratch: Uint8Array,
): Promise<number> {
  const { offsets, lengths } = window;
  const input = window.input(first);
  if (context.shouldStop?.()) throw abortError();
  const file = await context.access.openRandom(input);
  try {
    while (first < window.size && window.input(first) === input) {
      if (context.shouldStop?.()) throw abortError();
      const start = offsets[first];
      let last = first;
      let end = start + lengths[first];
      while (last + 1 < window.size && window.input(last + 1) === input) {
        const nextEnd = Math.max(end, offsets[last + 1] + lengths[last + 1]);
        if (offsets[last + 1] - end > READ_GAP || nextEnd - start > READ_SPAN) break;
        end = nextEnd;
        last++;
      }
      // A file's reads are synchronous: no turn of the microtask queue for each of 10,000 winners.
      const read = file.readAt(start, end - start, scratch);
      checkBlock(window, first, last, read instanceof Uint8Array ? read : await read, start, store);
      first = last + 1;
    }
  } finally {
    await file.close();
  }
  return first;
}

/** Checks window rows first..last, whose lines are in `block`, read from offset `start`. */
function checkBlock(window: WindowRows, first: number, last: number, block: Uint8Array, start: number, store: CheckStore): void {
  const { offsets, lengths } = window;
  for (let k = first; k <= last; k++) {
    const at = offsets[k] - start;
    // A line the file no longer holds whole (it shrank) has changed.
    if (at + lengths[k] > block.length) throw window.changed(k);
    checkLine(window, k, block, at, at + lengths[k], store);
  }
}

/** One framing read again for every line checked. */
const framing = new Framing();

/**
 * Window row k's line, bytes[from, to), must still hold the score the scan saw; then its record
 * goes into the store (unless it is there already).
 */
function checkLine(window: WindowRows, k: number, bytes: Uint8Array, from: number, to: number, store: CheckStore): void {
  const { kept, rows, high, low } = window;
  const row = rows[k];
  // Every score a 64-bit one (the usual case): no read of the row's class, a cache miss in file order.
  const fit = kept.big.size === 0 || kept.classes[row] === CLASS_FIT;
  const same = framing.read(bytes, from, to) && (fit && fits64(framing)
    ? hasScore64(bytes, framing, high[k], low[k])
    : hasScore(bytes, framing, scoreAt(kept, row)));
  if (!same) throw window.changed(k);
  if (!store.filledByScan) store.add(row, bytes, from, framing.recordStart, to);
}

/**
 * Rows 0..take-1 in file order: by where the engine says they are, or by unit (units are in
 * input order) and offset, the offset first (the sort is stable).
 */
function fileOrder(kept: KeptColumns, take: number): Uint32Array {
  if (kept.fileRows) return sortByKey64(identityOrder(take), new Uint32Array(take), kept.fileRows.slice(0, take));
  const offsetLow = new Uint32Array(take);
  const offsetHigh = new Uint32Array(take);
  for (let r = 0; r < take; r++) offsetLow[r] = kept.offsets[r] % TWO_32;
  for (let r = 0; r < take; r++) offsetHigh[r] = Math.floor(kept.offsets[r] / TWO_32);
  const order = sortByKey64(identityOrder(take), offsetHigh, offsetLow);
  const units = new Uint32Array(take);
  for (let r = 0; r < take; r++) units[r] = kept.units[order[r]];
  return sortByKey64(order, new Uint32Array(take), units);
}
