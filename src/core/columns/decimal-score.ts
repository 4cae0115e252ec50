// Decimal scores (--decimal) as the host holds them, and exact comparison of any two scores.
// Every score has a normal form: a sign, the power of ten of its first significant digit, and
// its significant digits (a missing digit counts as 0). Comparing sign, exponent, then digits
// is exact for integers and decimals alike, never through a binary float (assembly/normal.ts
// does the same in the core).

/** A score written with a fraction or an exponent, other than zero (a zero is the integer 0). */
export interface DecimalScore {
  negative: boolean;
  /** The power of ten of the first significant digit. */
  exponent: number;
  /** The significant digits, without leading or trailing zeros. */
  digits: string;
  /** The score as printed (SPEC): as written, less a leading '+' and the integer part's leading zeros. */
  text: string;
}

/** A score exactly: an integer, or a decimal score. */
export type ExactScore = bigint | DecimalScore;

interface Normal { sign: number; exponent: number; digits: string }

function normalOf(score: ExactScore): Normal {
  if (typeof score !== "bigint") return { sign: score.negative ? -1 : 1, exponent: score.exponent, digits: score.digits };
  if (score === 0n) return { sign: 0, exponent: 0, digits: "" };
  const digits = (score < 0n ? -score : score).toString();
  return { sign: score < 0n ? -1 : 1, exponent: digits.length - 1, digits };
}

/** -1, 0, 1 as digits a compares to digits b, both read as 0.d1d2… (a missing digit is 0). */
export function compareDigitStrings(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) return x < y ? -1 : 1;
  }
  const longer = a.length > b.length ? a : b;
  for (let i = common; i < longer.length; i++) {
    if (longer.charCodeAt(i) !== 0x30) return longer === a ? 1 : -1;
  }
  return 0;
}

/** -1, 0, 1 as normal form a compares to normal form b. */
export function compareNormal(signA: number, exponentA: number, digitsA: string, signB: number, exponentB: number, digitsB: string): number {
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  const magnitude = exponentA !== exponentB ? (exponentA < exponentB ? -1 : 1) : compareDigitStrings(digitsA, digitsB);
  return signA > 0 ? magnitude : -magnitude;
}

/** -1, 0, 1 as score x compares to score y, exactly. */
export function compareExact(x: ExactScore, y: ExactScore): number {
  if (typeof x === "bigint" && typeof y === "bigint") return x === y ? 0 : x < y ? -1 : 1;
  const a = normalOf(x);
  const b = normalOf(y);
  return compareNormal(a.sign, a.exponent, a.digits, b.sign, b.exponent, b.digits);
}

/** -score (--lowest: the engines rank negated scores). The printed text stays as written. */
export function negateExact(score: ExactScore): ExactScore {
  return typeof score === "bigint" ? -score : { ...score, negative: !score.negative };
}

/** The score as printed: the integer's digits, or the decimal's text. */
export function printedScore(score: ExactScore): string {
  return typeof score === "bigint" ? score.toString() : score.text;
}

/**
 * The printed text of a nonzero decimal score written in bytes[from, to) (sign included):
 * a leading '+' dropped, and the integer part's leading zeros, one kept before a '.'.
 */
export function printedDecimal(bytes: Uint8Array, from: number, to: number): string {
  let text = "";
  let i = from;
  if (bytes[i] === 0x2b) i++;
  else if (bytes[i] === 0x2d) { text = "-"; i++; }
  while (bytes[i] === 0x30 && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) i++;
  for (; i < to; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

/** The greatest integer not above a decimal score, as a JS number, or ±Infinity when its magnitude is 10^16 or more. */
export function decimalFloor(score: { negative: boolean; exponent: number; digits: string }): number {
  if (score.exponent >= 16) return score.negative ? -Infinity : Infinity;
  if (score.exponent < 0) return score.negative ? -1 : 0;
  const integer = Number(score.digits.slice(0, score.exponent + 1).padEnd(score.exponent + 1, "0"));
  return score.negative ? -integer - (score.digits.length > score.exponent + 1 ? 1 : 0) : integer;
}
