// A participant checks the winners it found itself: re-reads their lines (or takes the bytes
// its engine kept), checks each still says what the scan saw, and validates its record. Only
// these records are ever parsed as JSON. Results stay in columns: the ids' bytes back to back.
import { PlacedFault, firstFault } from "../model/faults";
import { InputAccess, changedError } from "../input/access";
import { ByteArena } from "../columns/byte-arena";
import { CLASS_FIT } from "../columns/score-class";
import { TWO_32 } from "../model/numbers";
import { ScanEngine } from "../scan/engine";
import { FIT_DIGITS } from "../scan/core-abi";
import { FramedLine, hasScore, parseFraming } from "./framing";
import { KeptColumns, scoreAt } from "../columns/kept";
import { messageName, RunPlan } from "../model/plan";
import { identityOrder, orderByPositions, radixSort } from "../columns/radix";
import { checkRecord } from "./record";
import { abortError } from "../model/errors";

/** The checked rows 0..count-1 of a participant's kept lines. */
export interface CheckedRows {
  count: number;
  /** Row r's id, its JSON text as written (UTF-8), is idBytes[idStart[r], idStart[r] + idLength[r]). */
  idBytes: Uint8Array;
  idStart: Float64Array;
  idLength: Int32Array;
  /** With --lines: row r's line is textBytes[textStart[r], textStart[r] + its length). */
  textBytes?: Uint8Array;
  textStart?: Float64Array;
  /** The first invalid record among them, in file order. */
  fault?: PlacedFault;
}

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

/** The typed arrays inside checked rows, to transfer them to another thread without a copy. */
export function checkedBuffers(rows: CheckedRows): ArrayBuffer[] {
  const arrays = [rows.idBytes, rows.idStart, rows.idLength, rows.textBytes, rows.textStart];
  return [...new Set(arrays.filter((array) => array !== undefined).map((array) => array!.buffer as ArrayBuffer))];
}

/**
 * Checks rows 0..take-1 of `kept` (best first): reads them in file order,
 * an input at a time and near neighbours in one read, so memory holds one block. Throws when
 * a line no longer has the score the scan saw (the input changed); records that are not valid
 * are not errors here, the first one is returned (the run decides which fault comes first).
 */
export async function checkKept(kept: KeptColumns, take: number, context: CheckContext): Promise<CheckedRows> {
  return readKept(kept, take, context, false);
}

/**
 * Re-reads rows 0..take-1 of `kept` that can be re-read and checks that each still holds the
 * score the scan saw (their records were checked from the bytes the scan read: precheck.ts).
 * Throws when one does not: a changed input is an error on every route, never an answer.
 */
export async function verifyKept(kept: KeptColumns, take: number, context: CheckContext): Promise<void> {
  await readKept(kept, take, context, true);
}

/** checkKept, or with `scoresOnly` the re-read and score check of verifyKept alone. */
async function readKept(kept: KeptColumns, take: number, context: CheckContext, scoresOnly: boolean): Promise<CheckedRows> {
  const ids = new ByteArena();
  const keepText = context.keepText && !scoresOnly;
  const texts = keepText ? new ByteArena() : undefined;
  const columns = scoresOnly ? 0 : take; // a score check fills no columns
  const rows: CheckedRows = {
    count: take, idBytes: new Uint8Array(0), idStart: new Float64Array(columns), idLength: new Int32Array(columns),
    textStart: keepText ? new Float64Array(columns) : undefined,
  };
  const order = fileOrder(kept, take);
  // The rows in file order, a window at a time, with what the check reads of them copied in that
  // order first: reading the rank-ordered columns in file order inside the check missed the
  // cache each time; a window, not all rows, keeps that copy small when the count is millions.
  for (let from = 0; from < take; from += CHECK_WINDOW) {
    const window = order.subarray(from, Math.min(take, from + CHECK_WINDOW));
    await checkWindow(window, kept, rows, ids, texts, context, scoresOnly);
  }
  rows.idBytes = ids.bytes();
  if (texts) rows.textBytes = texts.bytes();
  return rows;
}

/** Checks the rows `window` lists (in file order): an input at a time, near neighbours in one read. */
async function checkWindow(
  window: Uint32Array, kept: KeptColumns, rows: CheckedRows, ids: ByteArena, texts: ByteArena | undefined, context: CheckContext,
  scoresOnly: boolean,
): Promise<void> {
  const { engine, plan, access, shouldStop } = context;
  const n = window.length;
  const units = new Int32Array(n);
  const offsets = new Float64Array(n);
  const lengths = new Int32Array(n);
  const high = new Int32Array(n);
  const low = new Uint32Array(n);
  for (let k = 0; k < n; k++) units[k] = kept.units[window[k]];
  for (let k = 0; k < n; k++) offsets[k] = kept.offsets[window[k]];
  for (let k = 0; k < n; k++) lengths[k] = kept.lengths[window[k]];
  for (let k = 0; k < n; k++) high[k] = kept.high[window[k]];
  for (let k = 0; k < n; k++) low[k] = kept.low[window[k]];
  const inputOf = (k: number) => plan.units[units[k]].input;
  const scratch = new Uint8Array(READ_SPAN);
  // Every score a 64-bit one (the usual case): no read of each row's class, a cache miss in file order.
  const allFit = kept.big.size === 0;
  const check = (k: number, bytes: Uint8Array) => {
    const row = window[k];
    const framed = bytes.length === lengths[k] ? parseFraming(bytes) : null;
    const same = framed !== null && (kept.classes[row] === CLASS_FIT && framed.digitsTo - framed.digitsFrom <= FIT_DIGITS
      ? hasScore64(bytes, framed, high[k], low[k])
      : hasScore(bytes, framed, scoreAt(kept, row)));
    if (!same) throw changedError(messageName(plan.inputs[inputOf(k)]));
    if (scoresOnly) return;
    const record = checkRecord(bytes.subarray(framed.recordStart));
    if ("problem" in record) {
      // File order: the first invalid record found is the first there is.
      rows.fault ??= { unit: units[k], line: kept.lines[row], problem: record.problem };
      return;
    }
    rows.idStart[row] = ids.append(bytes, framed.recordStart + record.idFrom, framed.recordStart + record.idTo);
    rows.idLength[row] = record.idTo - record.idFrom;
    if (texts) rows.textStart![row] = texts.append(bytes, 0, bytes.length);
  };
  for (let first = 0; first < n;) {
    const input = inputOf(first);
    if (!plan.inputs[input].rereadable) {
      if (scoresOnly) { // kept bytes are what the scan saw: nothing to compare them with
        first++;
        continue;
      }
      const bytes = engine?.keptBytes(window[first]);
      if (!bytes) throw new Error("a winner's line was not kept");
      check(first, bytes);
      first++;
      continue;
    }
    if (shouldStop?.()) throw abortError();
    const file = await access.openRandom(input);
    try {
      while (first < n && inputOf(first) === input) {
        if (shouldStop?.()) throw abortError();
        const start = offsets[first];
        let last = first;
        let end = start + lengths[first];
        while (last + 1 < n && inputOf(last + 1) === input) {
          const nextEnd = Math.max(end, offsets[last + 1] + lengths[last + 1]);
          if (offsets[last + 1] - end > READ_GAP || nextEnd - start > READ_SPAN) break;
          end = nextEnd;
          last++;
        }
        const block = await file.readAt(start, end - start, scratch);
        for (let k = first; k <= last; k++) {
          const at = offsets[k] - start;
          // A score check of a 64-bit score reads the line where it is (no view, no framing object per row).
          if (scoresOnly && (allFit || kept.classes[window[k]] === CLASS_FIT) && at + lengths[k] <= block.length) {
            const same = sameScore64At(block, at, at + lengths[k], high[k], low[k]);
            if (same === 1) continue;
            if (same === 0) throw changedError(messageName(plan.inputs[inputOf(k)]));
          }
          check(k, block.subarray(at, Math.min(block.length, at + lengths[k])));
        }
        first = last + 1;
      }
    } finally {
      await file.close();
    }
  }
}

/** Rows 0..take-1 in file order: by where the engine says they are, or by unit (units are in input order) and offset. */
function fileOrder(kept: KeptColumns, take: number): Uint32Array {
  if (kept.fileRows) {
    const byPosition = orderByPositions(kept.fileRows, take);
    if (byPosition) return byPosition;
    return radixSort([kept.fileRows.slice(0, take)], identityOrder(take));
  }
  const offsetLow = new Uint32Array(take);
  const offsetHigh = new Uint32Array(take);
  for (let r = 0; r < take; r++) offsetLow[r] = kept.offsets[r] % TWO_32;
  for (let r = 0; r < take; r++) offsetHigh[r] = Math.floor(kept.offsets[r] / TWO_32);
  return radixSort([offsetLow, offsetHigh, Uint32Array.from(kept.units.subarray(0, take))], identityOrder(take));
}

const BILLION = 1_000_000_000;

/**
 * Does the framed line's score (at most FIT_DIGITS, 18, digits) equal high·2^32 + low exactly? Without a
 * BigInt: the digits give v = q·10^9 + r; it equals the kept t exactly when t ≡ v mod 2^32 and
 * |t − v| < 2^32, and doubles show the latter (each is within 2^11 of exact).
 */
export function hasScore64(line: Uint8Array, framed: FramedLine, high: number, low: number): boolean {
  return equals64(line, framed.negative, framed.digitsFrom, framed.digitsTo, high, low);
}

/**
 * hasScore64 on line [from, to) of `bytes`, framed in place: 1 when it is framed and has the
 * score, 0 when not (unframed, or another score), -1 when its score has more than FIT_DIGITS
 * digits (leading zeros counted, as the check does), left to hasScore.
 */
export function sameScore64At(bytes: Uint8Array, from: number, to: number, high: number, low: number): number {
  let i = from;
  while (i < to && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  const negative = i < to && bytes[i] === 0x2d;
  if (i < to && (negative || bytes[i] === 0x2b)) i++;
  const digitsFrom = i;
  while (i < to && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
  const digitsTo = i;
  if (digitsTo === digitsFrom) return 0;
  while (i < to && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  if (i >= to || bytes[i] !== 0x3a) return 0;
  if (digitsTo - digitsFrom > FIT_DIGITS) return -1;
  return equals64(bytes, negative, digitsFrom, digitsTo, high, low) ? 1 : 0;
}

/** Do the digits [digitsFrom, digitsTo) (at most 18), with their sign, equal high·2^32 + low? */
function equals64(line: Uint8Array, negative: boolean, digitsFrom: number, digitsTo: number, high: number, low: number): boolean {
  const split = Math.max(digitsFrom, digitsTo - 9);
  let q = 0;
  for (let i = digitsFrom; i < split; i++) q = q * 10 + (line[i] - 0x30);
  let r = 0;
  for (let i = split; i < digitsTo; i++) r = r * 10 + (line[i] - 0x30);
  const vLow = (Math.imul(q, BILLION) + r) >>> 0;
  const v = q * BILLION + r;
  const t = high * TWO_32 + low;
  if (negative) return ((-vLow) >>> 0) === low && Math.abs(t + v) < TWO_32 / 2;
  return vLow === low && Math.abs(t - v) < TWO_32 / 2;
}

/** One CheckedRows of consecutive parts (each for the rows after the previous part's), as if checked at once. */
export function joinChecked(parts: CheckedRows[]): CheckedRows {
  if (parts.length === 1) return parts[0];
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const keepText = parts.some((part) => part.textStart !== undefined);
  const joined: CheckedRows = {
    count,
    idBytes: new Uint8Array(parts.reduce((sum, part) => sum + part.idBytes.length, 0)),
    idStart: new Float64Array(count), idLength: new Int32Array(count),
    textBytes: keepText ? new Uint8Array(parts.reduce((sum, part) => sum + (part.textBytes?.length ?? 0), 0)) : undefined,
    textStart: keepText ? new Float64Array(count) : undefined,
  };
  let row = 0;
  let idAt = 0;
  let textAt = 0;
  for (const part of parts) {
    joined.idBytes.set(part.idBytes, idAt);
    joined.idLength.set(part.idLength, row);
    for (let r = 0; r < part.count; r++) joined.idStart[row + r] = part.idStart[r] + idAt;
    if (keepText) {
      joined.textBytes!.set(part.textBytes!, textAt);
      for (let r = 0; r < part.count; r++) joined.textStart![row + r] = part.textStart![r] + textAt;
      textAt += part.textBytes!.length;
    }
    joined.fault = firstFault(joined.fault, part.fault);
    idAt += part.idBytes.length;
    row += part.count;
  }
  return joined;
}
