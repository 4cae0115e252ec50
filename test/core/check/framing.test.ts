// The host's one framing reader (framing.ts) against a regular expression of the framing, on a
// line inside a block of other bytes, and the check's score comparisons (same-score.ts) on what
// it read: the 64-bit one without BigInt against BigInt equality.
import fc from "fast-check";
import { Framing } from "../../../src/core/check/framing";
import { fits64, hasScore, hasScore64 } from "../../../src/core/check/same-score";

const encoder = new TextEncoder();
/** The framing as SPEC writes it: blanks, an integer or decimal score, blanks, ':'. */
const FRAMED = /^[ \t]*([+-]?)([0-9]+)((?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)[ \t]*:/;

describe("Framing.read", () => {
  const blank = fc.constantFrom("", " ", "\t", " \t ");
  const sign = fc.constantFrom("", "-", "+");
  const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,20}$/), fc.constantFrom("0", "999999999999999999", "1000000000000000000"));
  const tail = fc.constantFrom("", ".5", "e3", "1.25E-2", ".", "e", "x", "5.e1");
  const rest = fc.constantFrom(':{"id":1}', ":", " :x", "x:", "", "12:", " ");
  test("frames a line inside a block as the grammar does, never reading past its end", () => {
    fc.assert(fc.property(blank, sign, digits, tail, blank, rest, fc.nat(8), (lead, sig, written, decimal, gap, after, pad) => {
      const line = `${lead}${sig}${written}${decimal}${gap}${after}`;
      // Bytes around the line that would frame it if read: "7" before, "9:" after.
      const bytes = encoder.encode(`${"7".repeat(pad)}${line}9:`);
      const from = pad;
      const to = pad + encoder.encode(line).length;
      const framing = new Framing();
      const match = FRAMED.exec(line);
      expect(framing.read(bytes, from, to)).toBe(match !== null);
      if (!match) return;
      const scoreFrom = from + line.length - line.trimStart().length;
      expect(framing.negative).toBe(match[1] === "-");
      expect(framing.digitsFrom).toBe(scoreFrom + match[1].length);
      expect(framing.digitsTo).toBe(framing.digitsFrom + match[2].length);
      expect(framing.decimal).toBe(match[3] !== "");
      expect([framing.scoreFrom, framing.scoreTo]).toEqual([scoreFrom, framing.digitsTo + match[3].length]);
      expect(framing.recordStart).toBe(from + match[0].length);
    }), { numRuns: 3000 });
  });
});

describe("hasScore64 (the check's comparison without BigInt)", () => {
  test("equal exactly when the digits are the kept 64-bit score, as hasScore says with BigInt", () => {
    const digits = fc.oneof(
      fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }),
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.constantFrom(0n, 10n ** 18n - 1n, -(10n ** 18n) + 1n, 2n ** 32n, 2n ** 53n + 1n),
    );
    const delta = fc.oneof(fc.constant(0n), fc.constantFrom(1n, -1n, 2n ** 32n, -(2n ** 32n), 2n ** 31n, 10n ** 9n), fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }));
    fc.assert(fc.property(digits, delta, fc.nat(3), fc.nat(4), (written, change, zeros, pad) => {
      const kept = written + change;
      fc.pre(kept >= -(2n ** 63n) && kept < 2n ** 63n);
      const text = `${written < 0n ? "-" : ""}${"0".repeat(zeros)}${written < 0n ? -written : written}`;
      const bytes = encoder.encode(`${" ".repeat(pad)}${text}:{"id":1}`);
      const framing = new Framing();
      expect(framing.read(bytes, 0, bytes.length)).toBe(true);
      fc.pre(fits64(framing));
      const high = Number(BigInt.asIntN(32, kept >> 32n));
      const low = Number(BigInt.asUintN(32, kept));
      expect(hasScore64(bytes, framing, high, low)).toBe(kept === written);
      expect(hasScore(bytes, framing, kept)).toBe(kept === written);
    }), { numRuns: 2000 });
  });

  test("fits64 leaves decimal scores and more than 18 digits (leading zeros counted) to hasScore", () => {
    const framing = new Framing();
    const fits = (text: string) => framing.read(encoder.encode(text), 0, text.length) && fits64(framing);
    expect(fits("999999999999999999:{}")).toBe(true);
    expect(fits("0999999999999999999:{}")).toBe(false);
    expect(fits("1.5:{}")).toBe(false);
    expect(fits("1e3:{}")).toBe(false);
  });
});
