// columns/decimal-score.ts: decimal scores' normal form and exact comparison, against BigInt rationals.
import fc from "fast-check";
import {
  DecimalScore, ExactScore, compareDigitStrings, compareExact, compareNormal, decimalFloor, negateExact, printedDecimal, printedScore,
} from "../../../src/core/columns/decimal-score";
import { compareRational, floorRational, rational } from "../../helpers/rational";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** A nonzero decimal text's DecimalScore, made by hand from its value (not by the code under test). */
function decimal(text: string): DecimalScore {
  const { numerator, scale } = rational(text);
  if (numerator === 0n) throw new Error("zero is the integer 0");
  const magnitude = (numerator < 0n ? -numerator : numerator).toString();
  const digits = magnitude.replace(/0+$/, "");
  return { negative: numerator < 0n, exponent: magnitude.length - 1 - scale, digits, text };
}

/** A score and its rational value: an integer (bigint) or a decimal. */
const scoreText = fc.oneof(
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map((n) => n.toString()),
  fc.constantFrom("0", "1", "-1", "10", "100", "0.1", "1e1", "10e-1", "1.0", "-0.5", "9.99", "1e25", "-1e-25", "123456789012345678901234567890"),
  fc.tuple(fc.constantFrom("", "-", "+"), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.integer({ min: -30, max: 30 }))
    .map(([sign, i, f, e]) => `${sign}${i}${f > 0n ? `.${f}` : ""}e${e}`),
);
/** -1, 0, 1 (a comparison may give -0 for equal: the callers only ask < 0, > 0, === 0). */
const sign = (order: number) => (order === 0 ? 0 : order);
const asScore = (text: string): ExactScore => (/^-?\d+$/.test(text) ? BigInt(text) : rational(text).numerator === 0n ? 0n : decimal(text));

test("compareExact on exact examples: decimals among integers, equal values written differently, signs and zero", () => {
  expect(compareExact(decimal("7.5"), 7n)).toBe(1);
  expect(compareExact(decimal("7.5"), 8n)).toBe(-1);
  expect(sign(compareExact(decimal("1e2"), 100n))).toBe(0);
  expect(sign(compareExact(decimal("100.000"), decimal("1e2")))).toBe(0);
  expect(compareExact(decimal("-0.001"), 0n)).toBe(-1);
  expect(compareExact(decimal("0.001"), 0n)).toBe(1);
  expect(compareExact(decimal("-1.5"), decimal("-1.25"))).toBe(-1);
  expect(compareExact(decimal("12345678901234567890.5"), 12345678901234567890n)).toBe(1);
  expect(sign(compareExact(10n ** 30n, decimal("1e30")))).toBe(0);
  expect(compareExact(-(10n ** 30n), -(10n ** 30n) + 1n)).toBe(-1);
});

test("property: compareExact is the order of the rational values", () => {
  fc.assert(fc.property(scoreText, scoreText, (a, b) => {
    expect(sign(compareExact(asScore(a), asScore(b)))).toBe(compareRational(rational(a), rational(b)));
  }), { numRuns: 2000 });
});

test("compareDigitStrings reads digits as 0.d1d2… (a missing digit is 0); compareNormal orders sign, then exponent, then digits", () => {
  expect(sign(compareDigitStrings("15", "15000"))).toBe(0);
  expect(compareDigitStrings("15", "1501")).toBe(-1);
  expect(compareDigitStrings("2", "19999")).toBe(1);
  expect(sign(compareDigitStrings("", "0"))).toBe(0);
  expect(compareNormal(1, 0, "5", 1, 1, "1")).toBe(-1); // 5 < 10
  expect(compareNormal(-1, 0, "5", -1, 1, "1")).toBe(1); // -5 > -10
  expect(sign(compareNormal(0, 0, "", 0, 9, "9"))).toBe(0); // zeros are equal whatever else they hold
  expect(compareNormal(-1, 9, "9", 0, 0, "")).toBe(-1);
});

test("negateExact negates the value and keeps the text as written; printedScore is the integer's digits or the decimal's text", () => {
  expect(negateExact(5n)).toBe(-5n);
  const score = decimal("+07.50");
  const negated = negateExact(score) as DecimalScore;
  expect(negated).toEqual({ ...score, negative: true });
  expect(sign(compareExact(negated, decimal("-7.5")))).toBe(0);
  expect(printedScore(-12n)).toBe("-12");
  expect(printedScore(score)).toBe("+07.50");
});

test("printedDecimal: a leading '+' and the integer part's leading zeros dropped, one zero kept before a '.'", () => {
  const printed = (text: string) => printedDecimal(bytes(`xx${text}:`), 2, 2 + text.length);
  expect(printed("+7.50")).toBe("7.50");
  expect(printed("-007.5e3")).toBe("-7.5e3");
  expect(printed("000.25")).toBe("0.25");
  expect(printed("-0.5")).toBe("-0.5");
  expect(printed("0012E-4")).toBe("12E-4");
  expect(printed("1.0e+00")).toBe("1.0e+00");
});

// Past 2^53 a JS number cannot hold the floor: the heap only compares safe integers with it
// (js-heap.ts minFit), so there it must only stay past 2^53 on its side of zero.
test("property: decimalFloor is the rational's floor below 2^53, past ±2^53 beyond it, ±Infinity from 10^16 in magnitude", () => {
  fc.assert(fc.property(scoreText.filter((t) => rational(t).numerator !== 0n && !/^-?\d+$/.test(t)), (text) => {
    const value = rational(text);
    const score = decimal(text);
    const floor = floorRational(value);
    const abs = floor < 0n ? -floor : floor;
    if (score.exponent >= 16) expect(decimalFloor(score)).toBe(score.negative ? -Infinity : Infinity);
    else if (abs < 2n ** 53n) expect(decimalFloor(score)).toBe(Number(floor));
    else expect(floor < 0n ? decimalFloor(score) <= -(2 ** 53) : decimalFloor(score) >= 2 ** 53).toBe(true);
  }), { numRuns: 2000 });
  expect(decimalFloor(decimal("-0.5"))).toBe(-1);
  expect(decimalFloor(decimal("0.5"))).toBe(0);
  expect(decimalFloor(decimal("-3e0"))).toBe(-3);
  expect(decimalFloor(decimal("-3.1"))).toBe(-4);
});
