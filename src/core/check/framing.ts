// Framing of a single line, off the hot path: a winner's line when it is re-read or kept, and
// every line under --strict. The hot loops (assembly/scan.ts, js-engine.ts) do the same inline.
// A decimal score is framed whether or not --decimal is on: without it the scan has reported
// the line already, and a winner's score is compared with what the scan kept (same-score.ts).
import { DECIMAL_OK, DecimalReader, isDecimalMark } from "../columns/decimal-reader";

/**
 * The one reader of a line's framing on the host (the re-check of a winner, the precheck, --strict,
 * --records): where its score's digits are and where its record starts, in the bytes it was given.
 * One instance is used again for every line: no object per line.
 */
export class Framing {
  negative = false;
  /** The score's text, its sign included: bytes[scoreFrom, scoreTo). */
  scoreFrom = 0;
  scoreTo = 0;
  /** The integer digits (of a decimal score: those before its '.' or exponent). */
  digitsFrom = 0;
  digitsTo = 0;
  /** A decimal score (a fraction or an exponent). */
  decimal = false;
  /** Just past the ':'. */
  recordStart = 0;

  /** Reads `<blanks><sign?><digits><blanks>:` at the start of bytes[from, to); false if it is not framed. */
  read(bytes: Uint8Array, from: number, to: number): boolean {
    let i = from;
    while (i < to && isBlank(bytes[i])) i++;
    this.scoreFrom = i;
    const negative = (this.negative = i < to && bytes[i] === 0x2d);
    if (i < to && (negative || bytes[i] === 0x2b)) i++;
    this.digitsFrom = i;
    while (i < to && isDigit(bytes[i])) i++;
    this.digitsTo = i;
    if (i === this.digitsFrom) return false;
    this.decimal = i < to && isDecimalMark(bytes[i]);
    if (this.decimal) {
      if (reader.read(bytes, this.digitsFrom) !== DECIMAL_OK || reader.end > to) return false;
      i = reader.end;
    }
    this.scoreTo = i;
    while (i < to && isBlank(bytes[i])) i++;
    if (i >= to || bytes[i] !== 0x3a) return false;
    this.recordStart = i + 1;
    return true;
  }
}

const reader = new DecimalReader();

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** JSON's whitespace (RFC 8259): what may stand around a record's text. */
const isJsonBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Where the record's JSON text is in a framed line's bytes[recordStart, lineEnd): [from, to)
 * without the whitespace around it (--records prints it as written, and it is valid JSON: only
 * checked records are printed).
 */
export function recordBounds(bytes: Uint8Array, recordStart: number, lineEnd: number): [number, number] {
  let from = recordStart;
  let to = lineEnd;
  while (from < to && isJsonBlank(bytes[from])) from++;
  while (to > from && isJsonBlank(bytes[to - 1])) to--;
  return [from, to];
}

/**
 * True for a line bytes[from, to) that is skipped: empty, or only spaces, tabs and '\r' in any
 * order (SPEC 2: " \r \n" and "\r\r\n" are blank), as the scan engines skip them.
 */
export function isBlankLine(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(bytes[i]) && bytes[i] !== 0x0d) return false;
  return true;
}
