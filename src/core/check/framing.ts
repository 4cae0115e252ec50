// Framing of a single line, off the hot path: used to re-check a winner's line when it is
// re-read and by --strict. The hot loops (assembly/scan.ts, js-engine.ts) do the same inline.
// A decimal score is framed whether or not --decimal is on: without it the scan has reported
// the line already, and a winner's score is compared with what the scan kept (same-score.ts).
import { DECIMAL_OK, DecimalReader, isDecimalMark } from "../columns/decimal-reader";

/** A framed line: where its score's digits are and where its record starts. */
export interface FramedLine {
  negative: boolean;
  /** The integer digits (of a decimal score: those before its '.' or exponent). */
  digitsFrom: number;
  digitsTo: number;
  recordStart: number;
  /** A decimal score (a fraction or an exponent): it is bytes[scoreFrom, scoreTo), its sign included. */
  decimal?: { scoreFrom: number; scoreTo: number };
}

const reader = new DecimalReader();

const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Parses `<blanks><sign?><digits><blanks>:` at the start of `line`; null if it is not framed. */
export function parseFraming(line: Uint8Array): FramedLine | null {
  let i = 0;
  while (i < line.length && isBlank(line[i])) i++;
  const scoreFrom = i;
  const negative = line[i] === 0x2d;
  if (negative || line[i] === 0x2b) i++;
  const digitsFrom = i;
  while (i < line.length && isDigit(line[i])) i++;
  const digitsTo = i;
  if (digitsTo === digitsFrom) return null;
  let decimal: FramedLine["decimal"];
  if (i < line.length && isDecimalMark(line[i])) {
    if (reader.read(line, digitsFrom) !== DECIMAL_OK || reader.end > line.length) return null;
    i = reader.end;
    decimal = { scoreFrom, scoreTo: i };
  }
  while (i < line.length && isBlank(line[i])) i++;
  if (line[i] !== 0x3a) return null;
  return decimal ? { negative, digitsFrom, digitsTo, recordStart: i + 1, decimal } : { negative, digitsFrom, digitsTo, recordStart: i + 1 };
}

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

/** Where the record starts in a framed line bytes[from, to): just past the first ':'. */
export function recordStartIn(bytes: Uint8Array, from: number, to: number): number {
  return bytes.subarray(from, to).indexOf(0x3a) + from + 1;
}

/**
 * True for a line that is skipped: empty, or only spaces, tabs and '\r' in any order (SPEC 2:
 * " \r \n" and "\r\r\n" are blank), as the scan engines skip them. Not so, --strict took such a
 * line for a framing error the scan would report, and stopped checking the rest of its read.
 */
export function isBlankLine(line: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) if (!isBlank(line[i]) && line[i] !== 0x0d) return false;
  return true;
}
