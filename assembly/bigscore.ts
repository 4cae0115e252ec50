// Exact score comparison. A score is held as a class plus either an i64 value (the fast
// path, |score| < 10^18) or a pointer to its decimal digits (no leading zeros, 19 or more).
// Integer classes order themselves: every big negative < every fitting score < every big
// positive. Decimal scores (--decimal, a fraction or an exponent) fall anywhere among them:
// a comparison with one goes through their normal forms (normal.ts).
import { compareAcross } from "./normal";

/** |score| >= 10^18 and negative. */
export const CLASS_BIG_NEGATIVE: i32 = 0;
/** |score| < 10^18: the value is exact in an i64. */
export const CLASS_FIT: i32 = 1;
/** |score| >= 10^18 and positive. */
export const CLASS_BIG_POSITIVE: i32 = 2;

/** A decimal score below 0: the value is the exponent of its first significant digit (normal.ts). */
export const CLASS_DECIMAL_NEGATIVE: i32 = 3;
/** A decimal score above 0 (a zero is CLASS_FIT 0, however written). */
export const CLASS_DECIMAL_POSITIVE: i32 = 4;

/** Scores with at most this many significant digits take the i64 fast path. */
export const FIT_DIGITS: i32 = 18;

/** Compares two digit strings of big magnitudes: -1, 0 or 1. */
@inline
function compareMagnitude(digitsA: usize, lengthA: i32, digitsB: usize, lengthB: i32): i32 {
  if (lengthA != lengthB) return lengthA < lengthB ? -1 : 1;
  for (let i = 0; i < lengthA; i++) {
    const a = load<u8>(digitsA + <usize>i);
    const b = load<u8>(digitsB + <usize>i);
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Compares score A with score B exactly: -1 if A < B, 0 if equal, 1 if A > B. */
export function compareScores(
  classA: i32, valueA: i64, digitsA: usize, lengthA: i32,
  classB: i32, valueB: i64, digitsB: usize, lengthB: i32,
): i32 {
  if (classA == classB) {
    if (classA == CLASS_FIT) return valueA < valueB ? -1 : (valueA > valueB ? 1 : 0);
    if (classA <= CLASS_BIG_POSITIVE) {
      const magnitude = compareMagnitude(digitsA, lengthA, digitsB, lengthB);
      return classA == CLASS_BIG_POSITIVE ? magnitude : -magnitude;
    }
  } else if (classA <= CLASS_BIG_POSITIVE && classB <= CLASS_BIG_POSITIVE) {
    return classA < classB ? -1 : 1;
  }
  return compareAcross(classA, valueA, digitsA, lengthA, classB, valueB, digitsB, lengthB);
}
