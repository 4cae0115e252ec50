// Decimal numbers as exact rationals (BigInt numerator over a power of ten): an oracle for the
// decimal scores' comparisons, independent of their normal form.

/** A decimal number's value: numerator / 10^scale (scale may be negative: then a multiple of a power of ten). */
export interface Rational {
  numerator: bigint;
  scale: number;
}

/** The value of `[+-]?digits(.digits)?([eE][+-]?digits)?`. */
export function rational(text: string): Rational {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, integer, fraction = "", exponent = "0"] = match;
  const magnitude = BigInt(integer + fraction);
  return { numerator: sign === "-" ? -magnitude : magnitude, scale: fraction.length - Number(exponent) };
}

/** -1, 0, 1 as a compares to b, exactly. */
export function compareRational(a: Rational, b: Rational): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.numerator * 10n ** BigInt(scale - a.scale);
  const y = b.numerator * 10n ** BigInt(scale - b.scale);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** The greatest integer not above the value. */
export function floorRational(a: Rational): bigint {
  if (a.scale <= 0) return a.numerator * 10n ** BigInt(-a.scale);
  const d = 10n ** BigInt(a.scale);
  const q = a.numerator / d; // truncates toward zero
  return a.numerator < 0n && q * d !== a.numerator ? q - 1n : q;
}
