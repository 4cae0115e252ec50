// Does a winner's line still hold the score the scan saw? The check asks it of every line it
// re-reads (a changed input is an error, never an answer): exactly, and without a BigInt for
// the usual score of at most FIT_DIGITS digits.
import { TWO_32 } from "../model/numbers";
import { FIT_DIGITS } from "../scan/core-abi";
import { Framing } from "./framing";
import { ExactScore, printedDecimal } from "../columns/decimal-score";

/** Digits to text; not String.fromCharCode(...digits), which overflows the stack past ~100k digits. */
const ascii = new TextDecoder("latin1");

/**
 * Does the framed line's score equal `score` exactly? (Avoids making a BigInt per line.) A
 * decimal score must be written as the kept one prints (its text, so its value too): the output
 * prints the kept text. A decimal zero was kept as the integer 0.
 */
export function hasScore(line: Uint8Array, framed: Framing, score: ExactScore): boolean {
  if (framed.decimal) {
    const { scoreFrom, scoreTo } = framed;
    if (typeof score !== "bigint") return printedDecimal(line, scoreFrom, scoreTo) === score.text;
    return score === 0n && isZero(line, framed.digitsFrom, scoreTo);
  }
  if (typeof score !== "bigint") return false;
  const { digitsFrom, digitsTo } = framed;
  if (digitsTo - digitsFrom <= 15) {
    let value = 0; // exact: below 10^15 < 2^53
    for (let i = digitsFrom; i < digitsTo; i++) value = value * 10 + (line[i] - 0x30);
    // bigint == number compares the exact mathematical values, without converting either.
    return (score as unknown) == (framed.negative ? -value : value); // eslint-disable-line eqeqeq
  }
  const magnitude = BigInt(ascii.decode(line.subarray(digitsFrom, digitsTo)));
  return (framed.negative ? -magnitude : magnitude) === score;
}

/** Is the decimal score in line[from, to) zero (every mantissa digit 0, whatever the exponent)? */
function isZero(line: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = line[i];
    if (c === 0x65 || c === 0x45) break; // the exponent
    if (c !== 0x30 && c !== 0x2e) return false;
  }
  return true;
}

const BILLION = 1_000_000_000;

/**
 * Does the framed line's score, an integer of at most FIT_DIGITS (18) digits, equal
 * high·2^32 + low exactly? Without a BigInt: the digits give v = q·10^9 + r; it equals the kept
 * t exactly when t ≡ v mod 2^32 and |t − v| < 2^32, and doubles show the latter (each is within
 * 2^11 of exact).
 */
export function hasScore64(line: Uint8Array, framed: Framing, high: number, low: number): boolean {
  return equals64(line, framed.negative, framed.digitsFrom, framed.digitsTo, high, low);
}

/** Can hasScore64 compare the framed line's score (an integer of at most FIT_DIGITS digits, leading zeros counted)? */
export function fits64(framed: Framing): boolean {
  return !framed.decimal && framed.digitsTo - framed.digitsFrom <= FIT_DIGITS;
}

/** Do the digits [digitsFrom, digitsTo) (at most 18), with their sign, equal high·2^32 + low? */
function equals64(line: Uint8Array, negative: boolean, digitsFrom: number, digitsTo: number, high: number, low: number): boolean {
  const split = Math.max(digitsFrom, digitsTo - 9);
  let q = 0;
  for (let i = digitsFrom; i < split; i++) q = q * 10 + (line[i] - 0x30);
  let r = 0;
  for (let i = split; i < digitsTo; i++) r = r * 10 + (line[i] - 0x30);
  const vLow = (Math.imul(q, BILLION) + r) >>> 0;
  const v = q * BILLION + r;
  const t = high * TWO_32 + low;
  if (negative) return ((-vLow) >>> 0) === low && Math.abs(t + v) < TWO_32 / 2;
  return vLow === low && Math.abs(t - v) < TWO_32 / 2;
}
