// The same scan-and-heap algorithm as assembly/, in TypeScript, function for function:
// scanLines ~ assembly/scan.ts, the heap ~ assembly/heap.ts. Kept for comparison and as a fallback.
import {
  CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_FIT, EngineKind, FramingFault, KeptLine, MAX_LINE_BYTES, ScanEngine,
} from "./engine";

const NEWLINE = 10, RETURN = 13, SPACE = 32, TAB = 9, COLON = 58, PLUS = 43, MINUS = 45, ZERO = 48;
/** Scores below 2^53 in magnitude are exact JS numbers: the fast path. They have at most 16 digits. */
const FIT_DIGITS = 16;
const SLACK = 128;
const latin1 = new TextDecoder("latin1");

interface Entry {
  scoreClass: number;
  value: number;      // exact score when scoreClass is CLASS_FIT
  digits: string;     // significant digits otherwise
  unit: number;
  line: number;
  offset: number;
  length: number;
  bytes: Uint8Array | undefined;
}

/** -1, 0, 1 as score a (class, value, digits) compares to entry b's (see assembly/bigscore.ts). */
function compareScores(aClass: number, aValue: number, aDigits: string, b: Entry): number {
  if (aClass !== b.scoreClass) return aClass < b.scoreClass ? -1 : 1;
  if (aClass === CLASS_FIT) return aValue < b.value ? -1 : aValue > b.value ? 1 : 0;
  let magnitude = aDigits.length - b.digits.length;
  if (magnitude === 0) magnitude = aDigits < b.digits ? -1 : aDigits > b.digits ? 1 : 0;
  const sign = Math.sign(magnitude);
  return aClass === CLASS_BIG_POSITIVE ? sign : -sign;
}

/** Does a rank below b? Lower score, or equal score and later line. */
function ranksBelow(a: Entry, b: Entry): boolean {
  const order = compareScores(a.scoreClass, a.value, a.digits, b);
  if (order !== 0) return order < 0;
  return a.unit !== b.unit ? a.unit > b.unit : a.line > b.line;
}

/** The bounded min-heap of the best `limit` lines (root = weakest). */
class BoundedHeap {
  entries: Entry[] = [];
  limit = 0;
  /** A fitting score must exceed this to enter (see heapMinFit in assembly/heap.ts). */
  minFit = -Infinity;

  reset(limit: number): void {
    this.entries = [];
    this.limit = limit;
    this.updateMin();
  }

  full(): boolean { return this.entries.length >= this.limit; }

  /** Does a big score beat the root? Only asked when the heap is full. */
  bigBeatsRoot(scoreClass: number, digits: string): boolean {
    if (this.entries.length === 0) return false;
    return compareScores(scoreClass, 0, digits, this.entries[0]) > 0;
  }

  offer(entry: Entry): void {
    const heap = this.entries;
    if (this.full()) {
      this.siftDown(entry, 0, heap.length);
    } else {
      heap.push(entry);
      this.siftUp(entry, heap.length - 1);
    }
    this.updateMin();
  }

  private updateMin(): void {
    if (!this.full()) { this.minFit = -Infinity; return; }
    if (this.entries.length === 0) { this.minFit = Infinity; return; }
    const root = this.entries[0];
    if (root.scoreClass === CLASS_FIT) this.minFit = root.value;
    else this.minFit = root.scoreClass === CLASS_BIG_NEGATIVE ? -Infinity : Infinity;
  }

  private siftUp(entry: Entry, hole: number): void {
    const heap = this.entries;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      if (!ranksBelow(entry, heap[parent])) break;
      heap[hole] = heap[parent];
      hole = parent;
    }
    heap[hole] = entry;
  }

  private siftDown(entry: Entry, hole: number, end: number): void {
    const heap = this.entries;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= end) break;
      if (child + 1 < end && ranksBelow(heap[child + 1], heap[child])) child++;
      if (!ranksBelow(heap[child], entry)) break;
      heap[hole] = heap[child];
      hole = child;
    }
    heap[hole] = entry;
  }

  /** Sorts in place, best first. */
  sortDescending(): Entry[] {
    const heap = this.entries;
    for (let end = heap.length - 1; end > 0; end--) {
      const last = heap[end];
      heap[end] = heap[0];
      this.siftDown(last, 0, end);
    }
    return heap;
  }
}

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

  configure(count: number): void {
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
        if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long" }; break; }
        p = newline + 1;
        continue;
      }

      let negative = false;
      if (c === PLUS || c === MINUS) { negative = c === MINUS; c = buf[++q]; }
      const firstDigit = q;
      while (c === ZERO) c = buf[++q];
      const significant = q;
      let value = 0;
      while (c >= ZERO && c <= ZERO + 9) { value = value * 10 + (c - ZERO); c = buf[++q]; }
      const digitCount = q - significant;

      if (q === firstDigit) { fault = { line, kind: "score" }; break; }
      if (c !== COLON) {
        if (c !== SPACE && c !== TAB) {
          const atLineEnd = c === NEWLINE || (c === RETURN && buf[q + 1] === NEWLINE);
          fault = { line, kind: atLineEnd ? "colon" : "score" };
          break;
        }
        while (c === SPACE || c === TAB) c = buf[++q];
        if (c !== COLON) { fault = { line, kind: "colon" }; break; }
      }

      // q is at the colon. Most lines lose here, before their record is touched.
      let scoreClass = CLASS_FIT;
      let digits = "";
      // Rounding is monotonic, so a 16-digit value of 2^53 or more never computes below 2^53.
      if (digitCount <= FIT_DIGITS && value <= Number.MAX_SAFE_INTEGER) {
        if (negative) value = value === 0 ? 0 : -value;
        if (value <= heap.minFit) {
          const newline = buf.indexOf(NEWLINE, q + 1);
          if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long" }; break; }
          p = newline + 1;
          continue;
        }
      } else {
        scoreClass = negative ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
        digits = latin1.decode(buf.subarray(significant, significant + digitCount));
        value = 0;
        if (heap.full() && !heap.bigBeatsRoot(scoreClass, digits)) {
          const newline = buf.indexOf(NEWLINE, q + 1);
          if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long" }; break; }
          p = newline + 1;
          continue;
        }
      }

      const newline = buf.indexOf(NEWLINE, q + 1);
      if (newline - p > MAX_LINE_BYTES && lineTooLong(buf, p, newline)) { fault = { line, kind: "long" }; break; }
      let length = newline - p;
      if (buf[newline - 1] === RETURN) length--;
      heap.offer({
        scoreClass, value, digits, unit: this.unit, line, offset: offset + (p - start), length,
        bytes: this.keepLines ? buf.slice(p, p + length) : undefined,
      });
      p = newline + 1;
    }
    buf[end] = savedByte;
    this.lines = line;
    return fault;
  }

  finish(): KeptLine[] {
    return this.heap.sortDescending().map((entry) => {
      const winner: KeptLine = {
        score: entry.scoreClass === CLASS_FIT
          ? BigInt(entry.value)
          : BigInt(entry.scoreClass === CLASS_BIG_NEGATIVE ? `-${entry.digits}` : entry.digits),
        unit: entry.unit,
        line: entry.line,
        offset: entry.offset,
        length: entry.length,
      };
      if (entry.bytes) winner.bytes = entry.bytes;
      return winner;
    });
  }
}
