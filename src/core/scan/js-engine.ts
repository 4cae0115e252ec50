// The same scan-and-heap algorithm as assembly/, in TypeScript, function for function:
// scanLines ~ assembly/scan.ts, the heap (js-heap.ts) ~ assembly/heap.ts. Kept for comparison and as a fallback.
import {
  CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT,
} from "../columns/score-class";
import { printedDecimal } from "../columns/decimal-score";
import { DECIMAL_EXPONENT, DECIMAL_OK, DecimalReader, isDecimalMark } from "../columns/decimal-reader";
import { EngineKind } from "../model/options";
import { FIT_DIGITS } from "./core-abi";
import { FinishOptions, FramingFault, FramingKind, MAX_LINE_BYTES, ScanEngine } from "./engine";
import { KeptColumns, gatherColumns, negateScores } from "../columns/kept";
import { rowGet } from "../columns/row-map";
import { BoundedHeap } from "./js-heap";

const NEWLINE = 10, RETURN = 13, SPACE = 32, TAB = 9, COLON = 58, PLUS = 43, MINUS = 45, ZERO = 48;
/**
 * Scores of at most FIT_DIGITS digits are CLASS_FIT, as in the core. Those below 2^53 in magnitude
 * (at most 16 digits) are exact JS numbers: the hot loop's fast path. Those from 2^53 to 10^18 hold
 * a correctly rounded number (the order, but for ties) and their digits, which decide ties.
 */
const SAFE_DIGITS = 16;
const SLACK = 128;
const latin1 = new TextDecoder("latin1");

/** A line that starts like a blank one but holds a '\r' (rare): blank if only [ \t\r] up to its '\n'. */
function restIsBlank(buf: Uint8Array, at: number): boolean {
  let c = buf[at];
  while (c === SPACE || c === TAB || c === RETURN) c = buf[++at];
  return c === NEWLINE;
}

/** Is the line [p, newline) longer than MAX_LINE_BYTES once a final '\r' is left out? */
function lineTooLong(buf: Uint8Array, p: number, newline: number): boolean {
  return newline - p - (buf[newline - 1] === RETURN ? 1 : 0) > MAX_LINE_BYTES;
}

/** The scan and the heap in plain TypeScript. */
export class JsEngine implements ScanEngine {
  readonly name: EngineKind = "js";
  private buffer = new Uint8Array(0);
  private capacity = 0;
  private readonly heap = new BoundedHeap();
  private keepLines = false;
  private lines = 0;
  private unit = 0;
  /** --lowest: scores are read negated (as the core does, assembly/scan.ts); finish() negates them back. */
  private lowest = false;
  /** --decimal: scores may have a fraction and an exponent (read as the core does, assembly/decimal.ts). */
  private decimal = false;
  private readonly reader = new DecimalReader();
  /** After finish(): the heap's slot of each row. */
  private slotOfRow: Uint32Array = new Uint32Array(0);

  configure(count: number, lowest = false, decimal = false): void {
    this.lowest = lowest;
    this.decimal = decimal;
    this.heap.reset(count);
    this.beginUnit(0, false);
  }

  beginUnit(unit: number, keepLines: boolean): void {
    this.lines = 0;
    this.unit = unit;
    this.keepLines = keepLines;
  }

  reserve(bytes: number): Uint8Array {
    if (bytes > this.capacity) {
      const capacity = Math.max(bytes, this.capacity * 2);
      const grown = new Uint8Array(capacity + SLACK);
      grown.set(this.buffer.subarray(0, this.capacity));
      this.buffer = grown;
      this.capacity = capacity;
    }
    return this.buffer.subarray(0, this.capacity);
  }

  linesSeen(): number { return this.lines; }

  scan(start: number, end: number, offset: number): FramingFault | null {
    const buf = this.buffer;
    const heap = this.heap;
    const flip = this.lowest;
    const reader = this.reader;
    // A sentinel newline at `end` ends every inner loop without bounds checks.
    const savedByte = buf[end];
    buf[end] = NEWLINE;
    let line = this.lines;
    let p = start;
    let fault: FramingFault | null = null;
    while (p < end) {
      line++;
      let q = p;
      let c = buf[q];
      while (c === SPACE || c === TAB) c = buf[++q];
      if (c === NEWLINE || (c === RETURN && restIsBlank(buf, q))) {
        const newline = c === NEWLINE ? q : buf.indexOf(NEWLINE, q);
        if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long", start: p }; break; }
        p = newline + 1;
        continue;
      }

      let negative = flip;
      if (c === PLUS || c === MINUS) { negative = (c === MINUS) !== flip; c = buf[++q]; }
      const firstDigit = q;
      while (c === ZERO) c = buf[++q];
      const significant = q;
      let value = 0;
      while (c >= ZERO && c <= ZERO + 9) { value = value * 10 + (c - ZERO); c = buf[++q]; }
      let digitCount = q - significant;

      if (q === firstDigit) { fault = { line, kind: "score", start: p }; break; }
      let decimal = false;
      if (c !== COLON) {
        if (c !== SPACE && c !== TAB) {
          // Off the integer path: a decimal score (--decimal), or a framing error.
          if (!isDecimalMark(c)) {
            const atLineEnd = c === NEWLINE || (c === RETURN && buf[q + 1] === NEWLINE);
            fault = { line, kind: atLineEnd ? "colon" : "score", start: p };
            break;
          }
          if (!this.decimal) { fault = { line, kind: this.decimalHint(buf, firstDigit), start: p }; break; }
          const read = reader.read(buf, firstDigit);
          if (read !== DECIMAL_OK) { fault = { line, kind: read === DECIMAL_EXPONENT ? "exponent" : "score", start: p }; break; }
          q = reader.end;
          c = buf[q];
          // Every zero is the fitting 0 (it prints 0); any other decimal score is compared by its normal form.
          decimal = reader.count !== 0;
          value = 0;
          digitCount = decimal ? SAFE_DIGITS + 1 : 0;
        }
        if (c !== COLON) {
          if (c !== SPACE && c !== TAB) { // only after a decimal score
            const atLineEnd = c === NEWLINE || (c === RETURN && buf[q + 1] === NEWLINE);
            fault = { line, kind: atLineEnd ? "colon" : "score", start: p };
            break;
          }
          while (c === SPACE || c === TAB) c = buf[++q];
          if (c !== COLON) { fault = { line, kind: "colon", start: p }; break; }
        }
      }

      // q is at the colon. Most lines lose here, before their record is touched.
      let scoreClass = CLASS_FIT;
      let digits = "";
      // Rounding is monotonic, so a 16-digit value of 2^53 or more never computes below 2^53.
      if (digitCount <= SAFE_DIGITS && value <= Number.MAX_SAFE_INTEGER) {
        if (negative) value = value === 0 ? 0 : -value;
        if (value <= heap.minFit) {
          const newline = buf.indexOf(NEWLINE, q + 1);
          if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long", start: p }; break; }
          p = newline + 1;
          continue;
        }
      } else if (decimal) {
        scoreClass = negative ? CLASS_DECIMAL_NEGATIVE : CLASS_DECIMAL_POSITIVE;
        if (heap.full() && !heap.decimalBeatsRoot(reader, buf, negative)) {
          const newline = buf.indexOf(NEWLINE, q + 1);
          if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long", start: p }; break; }
          p = newline + 1;
          continue;
        }
        value = reader.exponent;
        digits = reader.digitString(buf);
      } else {
        // Off the fast path: a FIT score of 2^53 or more (its rounded number and digits), or a big one.
        digits = latin1.decode(buf.subarray(significant, significant + digitCount));
        if (digitCount <= FIT_DIGITS) value = negative ? -Number(digits) : Number(digits);
        else {
          scoreClass = negative ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
          value = 0;
        }
        if (heap.full() && !heap.beatsRoot(scoreClass, value, digits)) {
          const newline = buf.indexOf(NEWLINE, q + 1);
          if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long", start: p }; break; }
          p = newline + 1;
          continue;
        }
      }

      const newline = buf.indexOf(NEWLINE, q + 1);
      if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long", start: p }; break; }
      let length = newline - p;
      if (buf[newline - 1] === RETURN) length--;
      // A decimal score as printed: from its sign, if it has one (blanks may stand before it).
      const text = decimal
        ? printedDecimal(buf, firstDigit > p && (buf[firstDigit - 1] === PLUS || buf[firstDigit - 1] === MINUS) ? firstDigit - 1 : firstDigit, reader.end)
        : undefined;
      heap.offer(
        scoreClass, value, digits, this.unit, line, offset + (p - start), length, this.keepLines ? buf.slice(p, p + length) : undefined, text,
      );
      p = newline + 1;
    }
    buf[end] = savedByte;
    this.lines = line;
    if (fault && this.decimal && fault.kind === "score") fault.kind = "number";
    return fault;
  }

  /** Without --decimal, a score that stops at '.', 'e' or 'E': "decimal" when it is a decimal score before blanks or the colon. */
  private decimalHint(buf: Uint8Array, firstDigit: number): FramingKind {
    const read = this.reader.read(buf, firstDigit);
    const next = buf[this.reader.end];
    return (read === DECIMAL_OK || read === DECIMAL_EXPONENT) && (next === COLON || next === SPACE || next === TAB) ? "decimal" : "score";
  }

  finish(options: FinishOptions = {}): KeptColumns {
    const { columns, order, inFileOrder, scoresRanked } = this.heap.finish(options.shared === true);
    this.slotOfRow = order;
    this.buffer = new Uint8Array(0); // the read buffer is not needed any more
    if (this.heap.bytes.size === 0) this.heap.reset(0); // nor the slots, unless they hold kept bytes
    const ranked = gatherColumns(columns, order, options.shared, scoresRanked);
    if (inFileOrder) ranked.fileRows = order;
    if (this.lowest) {
      negateScores(ranked);
      ranked.lowestFirst = true;
    }
    return ranked;
  }

  appendedRows(): number {
    return this.heap.isHeap ? -1 : this.heap.size;
  }

  appendedLines(from: number, to: number, offsets: Float64Array, lengths: Int32Array): void {
    // Appended slots are rows in file order.
    offsets.set(this.heap.offsets.subarray(from, to));
    lengths.set(this.heap.lengths.subarray(from, to));
  }

  keptBytes(row: number): Uint8Array | undefined {
    return rowGet(this.heap.bytes, this.slotOfRow[row]);
  }
}
