// Exact comparison across score classes once a decimal score is involved (--decimal). Every
// score has a normal form: a sign, the power of ten of its first significant digit, and its
// significant digits (a missing digit counts as 0, so trailing zeros never matter). Comparing
// sign, then exponent, then digits is exact for integers and decimals alike. The i64 fast path
// (bigscore.ts) is untouched: only comparisons with a decimal score come here.
import {
  CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT, FIT_DIGITS,
} from "./bigscore";

const ZERO: u8 = 48;

// A fitting score's digits, written out for the comparison (one buffer per side; 19 bytes hold 10^18 − 1).
const fitDigitsA: usize = memory.data(20);
const fitDigitsB: usize = memory.data(20);

// The normal form normalise() made last.
let normalSign: i32 = 0;
let normalExponent: i64 = 0;
let normalDigits: usize = 0;
let normalCount: i32 = 0;

/** Writes |value| (nonzero, below 10^18) as digits into `buffer`; returns how many. */
function writeDigits(value: i64, buffer: usize): i32 {
  let magnitude = value < 0 ? -value : value;
  let count = 0;
  for (let rest = magnitude; rest != 0; rest /= 10) count++;
  for (let i = count - 1; i >= 0; i--) {
    store<u8>(buffer + <usize>i, ZERO + <u8>(magnitude % 10));
    magnitude /= 10;
  }
  return count;
}

/** The normal form of a score as the heap holds it (decimal digits contiguous, no '.'). */
function normalise(scoreClass: i32, value: i64, digits: usize, count: i32, buffer: usize): void {
  if (scoreClass == CLASS_FIT) {
    normalSign = value < 0 ? -1 : (value > 0 ? 1 : 0);
    normalCount = value == 0 ? 0 : writeDigits(value, buffer);
    normalExponent = <i64>normalCount - 1;
    normalDigits = buffer;
  } else if (scoreClass == CLASS_BIG_NEGATIVE || scoreClass == CLASS_BIG_POSITIVE) {
    normalSign = scoreClass == CLASS_BIG_POSITIVE ? 1 : -1;
    normalExponent = <i64>count - 1;
    normalDigits = digits;
    normalCount = count;
  } else {
    normalSign = scoreClass == CLASS_DECIMAL_POSITIVE ? 1 : -1;
    normalExponent = value;
    normalDigits = digits;
    normalCount = count;
  }
}

/** Digit i of digits that may have a '.' at `dot` (0: none) to step over. */
@inline function digitAt(digits: usize, dot: usize, i: i32): u8 {
  const at = digits + <usize>i;
  return load<u8>(dot != 0 && at >= dot ? at + 1 : at);
}

/** Compares two digit sequences as the fractions 0.d1d2…: -1, 0 or 1 (a missing digit is 0). */
function compareDigits(digitsA: usize, countA: i32, dotA: usize, digitsB: usize, countB: i32, dotB: usize): i32 {
  const longest = countA > countB ? countA : countB;
  for (let i = 0; i < longest; i++) {
    const a = i < countA ? digitAt(digitsA, dotA, i) : ZERO;
    const b = i < countB ? digitAt(digitsB, dotB, i) : ZERO;
    if (a != b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Compares two normal forms: -1, 0 or 1. */
function compareNormal(
  signA: i32, exponentA: i64, digitsA: usize, countA: i32, dotA: usize,
  signB: i32, exponentB: i64, digitsB: usize, countB: i32, dotB: usize,
): i32 {
  if (signA != signB) return signA < signB ? -1 : 1;
  if (signA == 0) return 0;
  const magnitude = exponentA != exponentB
    ? (exponentA < exponentB ? -1 : 1)
    : compareDigits(digitsA, countA, dotA, digitsB, countB, dotB);
  return signA > 0 ? magnitude : -magnitude;
}

/** Compares two held scores of any classes exactly (at least one decimal): -1, 0 or 1. */
export function compareAcross(
  classA: i32, valueA: i64, digitsA: usize, countA: i32,
  classB: i32, valueB: i64, digitsB: usize, countB: i32,
): i32 {
  normalise(classA, valueA, digitsA, countA, fitDigitsA);
  const signA = normalSign, exponentA = normalExponent, normalA = normalDigits, normalCountA = normalCount;
  normalise(classB, valueB, digitsB, countB, fitDigitsB);
  return compareNormal(signA, exponentA, normalA, normalCountA, 0, normalSign, normalExponent, normalDigits, normalCount, 0);
}

/**
 * Compares a decimal score read in place (its digits may hold a '.' at `dot`) with a held one:
 * what the scan asks of a line against the heap's root, without copying the line.
 */
export function compareReadWith(
  negative: bool, exponent: i64, digits: usize, count: i32, dot: usize,
  scoreClass: i32, value: i64, heldDigits: usize, heldCount: i32,
): i32 {
  normalise(scoreClass, value, heldDigits, heldCount, fitDigitsB);
  return compareNormal(negative ? -1 : 1, exponent, digits, count, dot, normalSign, normalExponent, normalDigits, normalCount, 0);
}

/**
 * The greatest i64 not above a score that is not CLASS_FIT, clamped as heapMinFit wants it: a
 * fitting score enters only above it, and v > floor(s) is v > s for an integer v (ties lose:
 * the new line is later). i64.MAX_VALUE / MIN_VALUE when the score is beyond every fitting one.
 */
export function floorForFit(scoreClass: i32, value: i64, digits: usize, count: i32): i64 {
  const positive = scoreClass == CLASS_BIG_POSITIVE || scoreClass == CLASS_DECIMAL_POSITIVE;
  const exponent = scoreClass == CLASS_DECIMAL_NEGATIVE || scoreClass == CLASS_DECIMAL_POSITIVE ? value : <i64>count - 1;
  if (exponent >= <i64>FIT_DIGITS) return positive ? i64.MAX_VALUE : i64.MIN_VALUE;
  if (exponent < 0) return positive ? 0 : -1;
  let integer: i64 = 0;
  for (let i = 0; i <= <i32>exponent; i++) {
    integer = integer * 10 + (i < count ? <i64>(load<u8>(digits + <usize>i) - ZERO) : 0);
  }
  const fraction = <i64>count > exponent + 1;
  return positive ? integer : -integer - (fraction ? 1 : 0);
}
