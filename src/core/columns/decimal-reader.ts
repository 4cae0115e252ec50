// Reading a decimal score (--decimal) in place, as assembly/decimal.ts does in the core:
// `[+-]? digits ("." digits)? (("e" | "E") [+-]? digits)?` into its normal form, held as
// positions in the bytes (no string, no object per line: the js engine reads every decimal
// line this way and makes strings only for a line it keeps).
import { DecimalScore, printedDecimal } from "./decimal-score";

/** Read: the reader's fields hold the score. */
export const DECIMAL_OK = 0;
/** Not the grammar (`5.`, `1e`, …). */
export const DECIMAL_SYNTAX = 1;
/** The normalised exponent needs more than 9 digits (SPEC). */
export const DECIMAL_EXPONENT = 2;

const ZERO = 0x30, DOT = 0x2e, PLUS = 0x2b, MINUS = 0x2d, LOWER_E = 0x65;
const MAX_EXPONENT = 999_999_999;
/** Exponent digits (past leading zeros) beyond which a written exponent is out of range whatever the mantissa. */
const EXPONENT_DIGITS = 12;

const isDigit = (c: number) => c >= ZERO && c <= ZERO + 9;

/** Is `c` the byte after an integer's digits that makes the score a decimal one? */
export const isDecimalMark = (c: number): boolean => c === DOT || (c | 0x20) === LOWER_E;

/** One reader, used again for every score it reads. */
export class DecimalReader {
  /** Just past the score. */
  end = 0;
  /** The power of ten of the first significant digit. */
  exponent = 0;
  /** Where the significant digits start, and how many (0: the value is zero). */
  digits = 0;
  count = 0;
  /** The '.' among the significant digits' bytes, else -1. */
  dot = -1;

  /** Reads the unsigned score at bytes[first] (past any sign): DECIMAL_OK or why not. */
  read(bytes: Uint8Array, first: number): number {
    let q = first;
    while (isDigit(bytes[q])) q++;
    if (q === first) return DECIMAL_SYNTAX;
    const integerEnd = q;
    let dot = -1;
    if (bytes[q] === DOT) {
      dot = q++;
      if (!isDigit(bytes[q])) return DECIMAL_SYNTAX;
      while (isDigit(bytes[q])) q++;
    }
    const mantissaEnd = q;
    let exponent = 0;
    let exponentTooLong = false;
    if ((bytes[q] | 0x20) === LOWER_E) {
      q++;
      let negative = false;
      if (bytes[q] === PLUS || bytes[q] === MINUS) negative = bytes[q++] === MINUS;
      const exponentFirst = q;
      while (bytes[q] === ZERO) q++;
      const significant = q;
      while (isDigit(bytes[q])) {
        if (q - significant < EXPONENT_DIGITS) exponent = exponent * 10 + (bytes[q] - ZERO);
        q++;
      }
      if (q === exponentFirst) return DECIMAL_SYNTAX;
      exponentTooLong = q - significant >= EXPONENT_DIGITS;
      if (negative) exponent = -exponent;
    }
    this.end = q;
    let from = first;
    while (from < mantissaEnd && (from === dot || bytes[from] === ZERO)) from++;
    let to = mantissaEnd;
    while (to > from && (to - 1 === dot || bytes[to - 1] === ZERO)) to--;
    const dotInside = dot > from && dot < to;
    this.digits = from;
    this.dot = dotInside ? dot : -1;
    this.count = to - from - (dotInside ? 1 : 0);
    // A zero has no exponent to normalise: every zero is 0, whatever its exponent says.
    if (this.count === 0) { this.exponent = 0; return DECIMAL_OK; }
    if (exponentTooLong) return DECIMAL_EXPONENT;
    const point = dot >= 0 ? dot : integerEnd;
    this.exponent = (from < point ? point - from - 1 : -(from - point)) + exponent;
    return Math.abs(this.exponent) > MAX_EXPONENT ? DECIMAL_EXPONENT : DECIMAL_OK;
  }

  /** The significant digits as a string (for a line that is kept). */
  digitString(bytes: Uint8Array): string {
    let text = "";
    for (let i = this.digits, n = 0; n < this.count; i++) {
      if (i === this.dot) continue;
      text += String.fromCharCode(bytes[i]);
      n++;
    }
    return text;
  }

  /** The score read last, nonzero, written from bytes[scoreStart] (its sign, if any), with the sign `negative`. */
  score(bytes: Uint8Array, scoreStart: number, negative: boolean): DecimalScore {
    return { negative, exponent: this.exponent, digits: this.digitString(bytes), text: printedDecimal(bytes, scoreStart, this.end) };
  }

  /**
   * -1, 0, 1 as the score read last, with the sign `negative`, compares to the normal form
   * (sign, exponent, digits) of a held score: what a line is asked against the heap's root,
   * without a string made of it.
   */
  compareWith(bytes: Uint8Array, negative: boolean, sign: number, exponent: number, digits: string): number {
    const mySign = negative ? -1 : 1;
    if (mySign !== sign) return mySign < sign ? -1 : 1;
    let magnitude = 0;
    if (this.exponent !== exponent) magnitude = this.exponent < exponent ? -1 : 1;
    else {
      const longest = Math.max(this.count, digits.length);
      for (let i = 0, at = this.digits; i < longest; i++, at++) {
        if (at === this.dot) at++;
        const a = i < this.count ? bytes[at] : ZERO;
        const b = i < digits.length ? digits.charCodeAt(i) : ZERO;
        if (a !== b) { magnitude = a < b ? -1 : 1; break; }
      }
    }
    return mySign > 0 ? magnitude : -magnitude;
  }
}
