// The hot loop: walks a run of whole lines, checks each non-empty line's framing
// (blanks, optional sign, digits, blanks, colon), and offers only lines that beat the
// heap's root. A losing line costs its score digits and one newline search, nothing more.
import {
  CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT, FIT_DIGITS,
} from "./bigscore";
import {
  DECIMAL_EXPONENT, DECIMAL_OK, decimalCount, decimalDigits, decimalDot, decimalEnd, decimalExponent, isDecimalMark,
  keepDecimal, keptDigits, readDecimal,
} from "./decimal";
import { bigBeatsRoot, decimalBeatsRoot, heapFull, heapMinFit, heapOffer } from "./heap";

const NEWLINE: u32 = 10;
const RETURN: u32 = 13;
const SPACE: u32 = 32;
const TAB: u32 = 9;
const COLON: u32 = 58;
const PLUS: u32 = 43;
const MINUS: u32 = 45;
const ZERO: u32 = 48;

/** No framing error. */
export const FRAMING_OK: i32 = 0;
/** The score is missing or is not a decimal integer (`12.5`, `1e5`, `abc`). */
export const FRAMING_BAD_SCORE: i32 = 1;
/** The score is not followed by a colon. */
export const FRAMING_NO_COLON: i32 = 2;
/** The line is longer than MAX_LINE_BYTES (without its line ending). */
export const FRAMING_TOO_LONG: i32 = 3;
/** Without --decimal: the score is a decimal one (`5.5`, `1e3`); the message says --decimal reads it. */
export const FRAMING_DECIMAL: i32 = 4;
/** With --decimal: the score's normalised exponent needs more than 9 digits. */
export const FRAMING_EXPONENT: i32 = 5;

/** The longest line accepted (64 MiB), whatever the read size: memory stays bounded. */
const MAX_LINE_BYTES: usize = 64 << 20;

/** Lines scanned so far, blank ones included; the next line is number linesSeen + 1. */
export let linesSeen: i64 = 0;
/** Line number of the first framing error, 0 if none. */
export let errorLine: i64 = 0;
/**
 * --lowest: every score is read negated, so the heap, built to keep the highest, keeps the
 * lowest, ties still to the earlier line; the host negates the kept scores back (wasm-engine.ts).
 * One flip of the sign costs the hot loop nothing, where a second heap order would cost a branch per compare.
 */
let negateScores: bool = false;
/** --decimal: scores may have a fraction and an exponent (decimal.ts); off, such a score is a framing error. */
let decimalScores: bool = false;
/** Address of the first byte of the line with the first framing error (the host shows its start). */
export let errorStart: usize = 0;
/** Keep a copy of each kept line's bytes (for units that cannot be re-read: gzip, streams). */
let keepLines: bool = false;
/** The unit being scanned: kept lines carry it, and ties go to the earlier unit. */
let unit: i32 = 0;

/** Starts a new unit: line numbers restart at 1; `keepLineBytes` copies kept lines' bytes. */
export function scanBeginUnit(unitIndex: i32, keepLineBytes: bool): void {
  linesSeen = 0;
  errorLine = 0;
  unit = unitIndex;
  keepLines = keepLineBytes;
}

/** Ranks lowest first (true) or highest first, for the whole run. */
export function scanSetLowest(lowest: bool): void {
  negateScores = lowest;
}

/** Reads decimal scores (true) or integers only, for the whole run. */
export function scanSetDecimal(decimal: bool): void {
  decimalScores = decimal;
}

/**
 * Without --decimal, a score that stops at '.', 'e' or 'E': FRAMING_DECIMAL when it is a
 * decimal score followed by blanks or the colon (the message then names --decimal), else
 * FRAMING_BAD_SCORE. Only the failing line gets here.
 */
function decimalHint(firstDigit: usize): i32 {
  const read = readDecimal(firstDigit);
  if (read == DECIMAL_OK || read == DECIMAL_EXPONENT) {
    const c = <u32>load<u8>(decimalEnd);
    if (c == COLON || c == SPACE || c == TAB) return FRAMING_DECIMAL;
  }
  return FRAMING_BAD_SCORE;
}

/** A line that starts like a blank one but holds a '\r' (rare): blank if only [ \t\r] up to its '\n'. */
function restIsBlank(at: usize): bool {
  let c = <u32>load<u8>(at);
  while (c == SPACE || c == TAB || c == RETURN) c = <u32>load<u8>(++at);
  return c == NEWLINE;
}

/**
 * Address of the first "\n" at or after `at`. The caller guarantees one exists (a sentinel)
 * and that 64 bytes past it are readable.
 */
@inline
function findNewline(at: usize): usize {
  if (ASC_FEATURE_SIMD) {
    const newline = i8x16.splat(10);
    while (true) {
      const a = i8x16.eq(v128.load(at), newline);
      const b = i8x16.eq(v128.load(at, 16), newline);
      const c = i8x16.eq(v128.load(at, 32), newline);
      const d = i8x16.eq(v128.load(at, 48), newline);
      if (v128.any_true(v128.or(v128.or(a, b), v128.or(c, d)))) {
        const mask = <u64>i8x16.bitmask(a) | (<u64>i8x16.bitmask(b) << 16)
          | (<u64>i8x16.bitmask(c) << 32) | (<u64>i8x16.bitmask(d) << 48);
        return at + <usize>ctz(mask);
      }
      at += 64;
    }
  } else {
    // SWAR: eight bytes at a time; the lowest flagged byte is exactly the first newline.
    while (true) {
      const x = load<u64>(at) ^ 0x0A0A0A0A0A0A0A0A;
      const found = (x - 0x0101010101010101) & ~x & 0x8080808080808080;
      if (found != 0) return at + <usize>(ctz(found) >> 3);
      at += 8;
    }
  }
}

/** Is the line [p, newline) longer than MAX_LINE_BYTES once a final '\r' is left out? */
function lineTooLong(p: usize, newline: usize): bool {
  let length = newline - p;
  if (<u32>load<u8>(newline - 1) == RETURN) length--;
  return length > MAX_LINE_BYTES;
}

/**
 * Scans the whole lines in [start, end). `end` is just past a "\n", or the end of the input
 * (the last line may lack its newline). `offset` is the absolute byte offset of `start`.
 * Returns FRAMING_OK, or the kind of the first framing error (then errorLine names it and
 * the scan stops). Needs 64 writable bytes at `end` (a sentinel goes there, then is restored).
 */
export function scanLines(start: usize, end: usize, offset: i64): i32 {
  const savedByte = load<u8>(end);
  store<u8>(end, <u8>NEWLINE);
  let line = linesSeen;
  const flip = negateScores;
  let p = start;
  let result = FRAMING_OK;
  while (p < end) {
    line++;
    let q = p;
    let c = <u32>load<u8>(q);
    while (c == SPACE || c == TAB) c = <u32>load<u8>(++q);
    if (c == NEWLINE || (c == RETURN && restIsBlank(q))) {
      const newline = c == NEWLINE ? q : findNewline(q);
      if (newline - p > MAX_LINE_BYTES && lineTooLong(p, newline)) { result = FRAMING_TOO_LONG; break; }
      p = newline + 1;
      continue;
    }

    let negative = flip;
    if (c == PLUS || c == MINUS) { negative = (c == MINUS) != flip; c = <u32>load<u8>(++q); }
    const firstDigit = q;
    while (c == ZERO) c = <u32>load<u8>(++q);
    const significant = q;
    let value: i64 = 0;
    while (c - ZERO < 10) { value = value * 10 + <i64>(c - ZERO); c = <u32>load<u8>(++q); }
    let digitCount = <i32>(q - significant);

    if (q == firstDigit) { result = FRAMING_BAD_SCORE; break; }
    let decimal = false;
    if (c != COLON) {
      if (c != SPACE && c != TAB) {
        // Off the integer path: a decimal score (--decimal), or a framing error.
        if (!isDecimalMark(c)) {
          const atLineEnd = c == NEWLINE || (c == RETURN && <u32>load<u8>(q + 1) == NEWLINE);
          result = atLineEnd ? FRAMING_NO_COLON : FRAMING_BAD_SCORE;
          break;
        }
        if (!decimalScores) { result = decimalHint(firstDigit); break; }
        const read = readDecimal(firstDigit);
        if (read != DECIMAL_OK) { result = read == DECIMAL_EXPONENT ? FRAMING_EXPONENT : FRAMING_BAD_SCORE; break; }
        q = decimalEnd;
        c = <u32>load<u8>(q);
        // Every zero is the fitting 0 (it prints 0); any other decimal score is compared by its normal form.
        decimal = decimalCount != 0;
        value = 0;
        digitCount = decimal ? FIT_DIGITS + 1 : 0;
      }
      if (c != COLON) {
        if (c != SPACE && c != TAB) { // only after a decimal score
          const atLineEnd = c == NEWLINE || (c == RETURN && <u32>load<u8>(q + 1) == NEWLINE);
          result = atLineEnd ? FRAMING_NO_COLON : FRAMING_BAD_SCORE;
          break;
        }
        while (c == SPACE || c == TAB) c = <u32>load<u8>(++q);
        if (c != COLON) { result = FRAMING_NO_COLON; break; }
      }
    }

    // q is at the colon. Most lines lose here, before their record is touched.
    let scoreClass = CLASS_FIT;
    if (digitCount <= FIT_DIGITS) {
      if (negative) value = -value;
      if (value <= heapMinFit) {
        const newline = findNewline(q + 1);
        if (newline - p > MAX_LINE_BYTES && lineTooLong(p, newline)) { result = FRAMING_TOO_LONG; break; }
        p = newline + 1;
        continue;
      }
    } else if (decimal) {
      scoreClass = negative ? CLASS_DECIMAL_NEGATIVE : CLASS_DECIMAL_POSITIVE;
      value = decimalExponent;
      if (heapFull() && !decimalBeatsRoot(negative, decimalExponent, decimalDigits, decimalCount, decimalDot)) {
        const newline = findNewline(q + 1);
        if (newline - p > MAX_LINE_BYTES && lineTooLong(p, newline)) { result = FRAMING_TOO_LONG; break; }
        p = newline + 1;
        continue;
      }
    } else {
      scoreClass = negative ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
      if (heapFull() && !bigBeatsRoot(scoreClass, significant, digitCount)) {
        const newline = findNewline(q + 1);
        if (newline - p > MAX_LINE_BYTES && lineTooLong(p, newline)) { result = FRAMING_TOO_LONG; break; }
        p = newline + 1;
        continue;
      }
    }

    const newline = findNewline(q + 1);
    if (newline - p > MAX_LINE_BYTES && lineTooLong(p, newline)) { result = FRAMING_TOO_LONG; break; }
    let length = <i32>(newline - p);
    if (<u32>load<u8>(newline - 1) == RETURN) length--;
    let blob: usize = 0;
    let digits: usize = 0;
    if (decimal) {
      // The written score starts at its sign, if it has one (blanks may stand before it).
      const sign = firstDigit > p ? <u32>load<u8>(firstDigit - 1) : 0;
      blob = keepDecimal(p, keepLines ? length : 0, sign == PLUS || sign == MINUS ? firstDigit - 1 : firstDigit);
      digits = keptDigits;
      digitCount = decimalCount;
    } else if (keepLines) {
      blob = heap.alloc(<usize>length);
      memory.copy(blob, p, <usize>length);
      digits = blob + (significant - p);
    } else if (scoreClass != CLASS_FIT) {
      blob = heap.alloc(<usize>digitCount);
      memory.copy(blob, significant, <usize>digitCount);
      digits = blob;
    }
    heapOffer(scoreClass, value, digits, scoreClass == CLASS_FIT ? 0 : digitCount,
      unit, line, offset + <i64>(p - start), length, blob);
    p = newline + 1;
  }
  store<u8>(end, savedByte);
  if (result != FRAMING_OK) {
    errorLine = line;
    errorStart = p; // every break above leaves p at the failing line's start
  }
  linesSeen = line;
  return result;
}
