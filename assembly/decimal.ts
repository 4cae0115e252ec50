// Decimal scores (--decimal): `[+-]? digits ("." digits)? (("e" | "E") [+-]? digits)?`.
// The scan comes here only when an integer's digits stop at '.', 'e' or 'E', so integer lines
// never pay for it. A score is read into its normal form without copying: the value is
// d1.d2d3… × 10^decimalExponent, the significant digits being bytes [decimalDigits, +count)
// of the line with the '.' at decimalDot skipped (0: none inside). Comparing normal forms
// (normal.ts) is exact, never through a binary float.

const ZERO: u32 = 48;
const DOT: u32 = 46;
const PLUS: u32 = 43;
const MINUS: u32 = 45;
const LOWER_E: u32 = 101;

/** Read; the results are in the decimal* globals. */
export const DECIMAL_OK: i32 = 0;
/** Not the grammar (e.g. `5.`, `1e`, `1.5.2`). */
export const DECIMAL_SYNTAX: i32 = 1;
/** The normalised exponent needs more than 9 digits (SPEC). */
export const DECIMAL_EXPONENT: i32 = 2;

/** The largest magnitude of a normalised exponent: 9 digits. */
const MAX_EXPONENT: i64 = 999_999_999;
/** Exponent digits read past leading zeros before a written exponent is out of range whatever the mantissa. */
const EXPONENT_DIGITS: i32 = 12;

/** Just past the score's last byte. */
export let decimalEnd: usize = 0;
/** The power of ten of the first significant digit. */
export let decimalExponent: i64 = 0;
/** The first significant digit's address. */
export let decimalDigits: usize = 0;
/** Significant digits (no leading or trailing zeros, the '.' not counted); 0: the value is zero. */
export let decimalCount: i32 = 0;
/** The '.' among the significant digits' bytes, else 0. */
export let decimalDot: usize = 0;

/** Is `c` the byte after an integer's digits that makes the score a decimal one? */
@inline export function isDecimalMark(c: u32): bool {
  return c == DOT || (c | 0x20) == LOWER_E;
}

/** Reads the unsigned decimal score at `first` (past any sign); DECIMAL_OK or why not. */
export function readDecimal(first: usize): i32 {
  let q = first;
  let c = <u32>load<u8>(q);
  while (c - ZERO < 10) c = <u32>load<u8>(++q);
  if (q == first) return DECIMAL_SYNTAX;
  const integerEnd = q;
  let dot: usize = 0;
  if (c == DOT) {
    dot = q;
    c = <u32>load<u8>(++q);
    if (c - ZERO >= 10) return DECIMAL_SYNTAX;
    while (c - ZERO < 10) c = <u32>load<u8>(++q);
  }
  const mantissaEnd = q;
  let exponent: i64 = 0;
  let exponentTooLong = false;
  if ((c | 0x20) == LOWER_E) {
    c = <u32>load<u8>(++q);
    let negative = false;
    if (c == PLUS || c == MINUS) { negative = c == MINUS; c = <u32>load<u8>(++q); }
    const exponentFirst = q;
    while (c == ZERO) c = <u32>load<u8>(++q);
    const significant = q;
    while (c - ZERO < 10) {
      if (<i32>(q - significant) < EXPONENT_DIGITS) exponent = exponent * 10 + <i64>(c - ZERO);
      c = <u32>load<u8>(++q);
    }
    if (q == exponentFirst) return DECIMAL_SYNTAX;
    exponentTooLong = <i32>(q - significant) >= EXPONENT_DIGITS;
    if (negative) exponent = -exponent;
  }
  decimalEnd = q;

  let from = first;
  while (from < mantissaEnd && (from == dot || <u32>load<u8>(from) == ZERO)) from++;
  let to = mantissaEnd;
  while (to > from && (to - 1 == dot || <u32>load<u8>(to - 1) == ZERO)) to--;
  const dotInside = dot > from && dot < to;
  decimalDigits = from;
  decimalDot = dotInside ? dot : 0;
  decimalCount = <i32>(to - from) - (dotInside ? 1 : 0);
  // A zero has no exponent to normalise: every zero is 0, whatever its exponent says.
  if (decimalCount == 0) { decimalExponent = 0; return DECIMAL_OK; }
  if (exponentTooLong) return DECIMAL_EXPONENT;
  const point = dot != 0 ? dot : integerEnd;
  const normalised = from < point ? <i64>(point - from) - 1 : -<i64>(from - point);
  decimalExponent = normalised + exponent;
  if (decimalExponent > MAX_EXPONENT || decimalExponent < -MAX_EXPONENT) return DECIMAL_EXPONENT;
  return DECIMAL_OK;
}

/**
 * An owned copy for a kept decimal line: [the line when `lineBytes` > 0][the score as written,
 * sign included, from `scoreStart` to decimalEnd][the significant digits without the '.'].
 * The heap compares the digits; the host reads the written score (it prints it) between the
 * line and the digits. Returns the block; the digits are at keptDigits.
 */
export let keptDigits: usize = 0;
export function keepDecimal(line: usize, lineBytes: i32, scoreStart: usize): usize {
  const written = decimalEnd - scoreStart;
  const block = heap.alloc(<usize>lineBytes + written + <usize>decimalCount);
  if (lineBytes > 0) memory.copy(block, line, <usize>lineBytes);
  memory.copy(block + <usize>lineBytes, scoreStart, written);
  keptDigits = block + <usize>lineBytes + written;
  const digits = decimalDigits;
  const dot = decimalDot;
  if (dot == 0) memory.copy(keptDigits, digits, <usize>decimalCount);
  else {
    const before = dot - digits;
    memory.copy(keptDigits, digits, before);
    memory.copy(keptDigits + before, dot + 1, <usize>decimalCount - before);
  }
  return block;
}
