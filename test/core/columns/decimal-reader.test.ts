// columns/decimal-reader.ts: a decimal score read in place into its normal form, against BigInt rationals.
import fc from "fast-check";
import { DECIMAL_EXPONENT, DECIMAL_OK, DECIMAL_SYNTAX, DecimalReader, isDecimalMark } from "../../../src/core/columns/decimal-reader";
import { compareRational, rational } from "../../helpers/rational";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Reads the unsigned score `text` placed after a prefix and before ':': the reader, its status, where the text starts. */
function read(text: string, prefix = "-  ") {
  const line = bytes(`${prefix}${text}:{"id":1}\n`);
  const reader = new DecimalReader();
  return { reader, status: reader.read(line, prefix.length), line, first: prefix.length };
}

/** The normal form of a nonzero unsigned decimal, by its value: exponent of the first significant digit, and the digits. */
function normal(text: string): { exponent: number; digits: string } {
  const { numerator, scale } = rational(text);
  const magnitude = numerator.toString();
  return { exponent: magnitude.length - 1 - scale, digits: magnitude.replace(/0+$/, "") };
}

const unsignedDecimal = fc.tuple(
  fc.stringMatching(/^[0-9]{1,25}$/), fc.option(fc.stringMatching(/^[0-9]{1,12}$/)),
  fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.stringMatching(/^0{0,3}[0-9]{1,3}$/))),
).map(([integer, fraction, exponent]) => `${integer}${fraction === null ? "" : `.${fraction}`}${exponent === null ? "" : exponent.join("")}`);

test("exact examples: the exponent of the first significant digit, the digits without the zeros around them, the end", () => {
  const cases: Array<[string, number, string]> = [
    ["7.5", 0, "75"], ["007.50", 0, "75"], ["0.0012", -3, "12"], ["1200", 3, "12"], ["12.5e3", 4, "125"], ["1E-2", -2, "1"],
    ["100.001", 2, "100001"], ["0.5e+1", 0, "5"], ["1e000000000000005", 5, "1"],
  ];
  for (const [text, exponent, digits] of cases) {
    const { reader, status, line, first } = read(text);
    expect({ text, status, exponent: reader.exponent, digits: reader.digitString(line), end: reader.end })
      .toEqual({ text, status: DECIMAL_OK, exponent, digits, end: first + text.length });
  }
});

test("every zero is 0: no digits, exponent 0, whatever its exponent says", () => {
  for (const text of ["0", "0.000", "000e5", "0e999999999999999", "0.0E-7"]) {
    const { reader, status, line } = read(text);
    expect([text, status, reader.count, reader.exponent, reader.digitString(line)]).toEqual([text, DECIMAL_OK, 0, 0, ""]);
  }
});

test("not the grammar: a syntax fault; the reader stops at the first byte that is not the score's", () => {
  for (const text of ["", ".5", "5.", "5.e3", "1e", "1e+", "e5", "+5"]) expect([text, read(text).status]).toEqual([text, DECIMAL_SYNTAX]);
  const { reader, status, first } = read("12.5x");
  expect([status, reader.end - first]).toEqual([DECIMAL_OK, 4]);
});

test("an exponent past 9 digits once normalised is out of range", () => {
  expect(read("1e999999999").status).toBe(DECIMAL_OK);
  expect(read("1e999999999").reader.exponent).toBe(999999999);
  expect(read("9.99e-999999999").reader.exponent).toBe(-999999999);
  expect(read("1e1000000000").status).toBe(DECIMAL_EXPONENT);
  expect(read("10e999999999").status).toBe(DECIMAL_EXPONENT);
  expect(read("0.1e-999999999").status).toBe(DECIMAL_EXPONENT);
  expect(read("1e123456789012345").status).toBe(DECIMAL_EXPONENT);
});

test("property: any decimal reads as its value's normal form, and its end is right after it", () => {
  fc.assert(fc.property(unsignedDecimal, (text) => {
    const { reader, status, line, first } = read(text);
    expect(status).toBe(DECIMAL_OK);
    expect(reader.end).toBe(first + text.length);
    if (rational(text).numerator === 0n) expect(reader.count).toBe(0);
    else expect({ exponent: reader.exponent, digits: reader.digitString(line) }).toEqual(normal(text));
  }), { numRuns: 2000 });
});

test("property: compareWith orders the score read (with its sign) against a held normal form as their values", () => {
  fc.assert(fc.property(unsignedDecimal, fc.boolean(), unsignedDecimal, fc.boolean(), (a, negativeA, b, negativeB) => {
    const valueA = rational(`${negativeA ? "-" : ""}${a}`), valueB = rational(`${negativeB ? "-" : ""}${b}`);
    fc.pre(valueA.numerator !== 0n); // a zero is never compared this way: it is the integer 0
    const { reader, line } = read(a);
    const held = valueB.numerator === 0n ? { sign: 0, exponent: 0, digits: "" } : { sign: negativeB ? -1 : 1, ...normal(b) };
    const order = reader.compareWith(line, negativeA, held.sign, held.exponent, held.digits);
    expect(order === 0 ? 0 : order).toBe(compareRational(valueA, valueB));
  }), { numRuns: 2000 });
});

test("score(): the read score with its sign, digits and printed text (from its sign, '+' and leading zeros dropped)", () => {
  const line = bytes("  +007.50e1 :x");
  const reader = new DecimalReader();
  expect(reader.read(line, 3)).toBe(DECIMAL_OK);
  expect(reader.score(line, 2, false)).toEqual({ negative: false, exponent: 1, digits: "75", text: "7.50e1" });
});

test("isDecimalMark: '.', 'e' and 'E' make an integer's digits a decimal score, nothing else", () => {
  const marks = Array.from({ length: 256 }, (_, c) => c).filter(isDecimalMark).map((c) => String.fromCharCode(c));
  expect(marks.sort()).toEqual([".", "E", "e"]);
});
