// scan/js-heap.ts: the js engine's bounded heap keeps the best `limit` lines, against a naive sort
// of every line by exact value (BigInt rationals), ties to the earlier unit and line.
import fc from "fast-check";
import { BoundedHeap } from "../../../src/core/scan/js-heap";
import { DECIMAL_OK, DecimalReader } from "../../../src/core/columns/decimal-reader";
import { gatherColumns, scoreAt } from "../../../src/core/columns/kept";
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT } from "../../../src/core/columns/score-class";
import { FIT_DIGITS } from "../../../src/core/scan/core-abi";
import { compareRational, rational } from "../../helpers/rational";

interface Line { score: string; unit: number; line: number }

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Offers a line as the js engine does: only when the heap is not full or the line beats its root. */
function offer(heap: BoundedHeap, { score, unit, line }: Line, offset: number): void {
  const negative = score.startsWith("-");
  const magnitude = score.replace(/^[-+]/, "");
  if (/^\d+$/.test(magnitude)) {
    const digits = magnitude.replace(/^0+/, "");
    if (digits.length <= 16 && Number(digits) <= Number.MAX_SAFE_INTEGER) {
      const value = negative && digits !== "" ? -Number(digits) : Number(digits);
      if (value > heap.minFit) heap.offer(CLASS_FIT, value, "", unit, line, offset, 0, undefined);
      return;
    }
    const fit = digits.length <= FIT_DIGITS;
    const scoreClass = fit ? CLASS_FIT : negative ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
    const value = fit ? (negative ? -Number(digits) : Number(digits)) : 0;
    if (!heap.full() || heap.beatsRoot(scoreClass, value, digits)) heap.offer(scoreClass, value, digits, unit, line, offset, 0, undefined);
    return;
  }
  const reader = new DecimalReader();
  const text = bytes(magnitude);
  expect(reader.read(text, 0)).toBe(DECIMAL_OK);
  if (reader.count === 0) throw new Error("zeros are integers here");
  if (!heap.full() || heap.decimalBeatsRoot(reader, text, negative)) {
    heap.offer(negative ? CLASS_DECIMAL_NEGATIVE : CLASS_DECIMAL_POSITIVE, reader.exponent, reader.digitString(text), unit, line, offset, 0, undefined, score);
  }
}

/** The heap's rows, best first, as (value, unit, line). */
function kept(heap: BoundedHeap) {
  const { columns, order, inFileOrder, scoresRanked } = heap.finish(false);
  const ranked = gatherColumns(columns, order, false, scoresRanked);
  const rows = Array.from({ length: ranked.count }, (_, r) => {
    const score = scoreAt(ranked, r);
    return { value: typeof score === "bigint" ? score.toString() : score.text, unit: ranked.units[r], line: ranked.lines[r] };
  });
  return { rows, inFileOrder };
}

/** The naive answer: every line sorted by exact value, highest first, then earlier unit and line; the first `limit`. */
function naive(lines: Line[], limit: number) {
  return [...lines].sort((a, b) => -compareRational(rational(a.score), rational(b.score)) || a.unit - b.unit || a.line - b.line)
    .slice(0, limit);
}

/** The same value, whichever way it was written: compared as rationals. */
function expectSameRows(got: ReturnType<typeof kept>["rows"], expected: Line[]): void {
  expect(got.map((row) => [row.unit, row.line])).toEqual(expected.map((line) => [line.unit, line.line]));
  got.forEach((row, r) => expect(compareRational(rational(row.value), rational(expected[r].score))).toBe(0));
}

const score = fc.oneof(
  fc.integer({ min: -4, max: 4 }).map(String),
  fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }).map((n) => `${n}`),
  fc.bigInt({ min: -(10n ** 18n) - 2n, max: -(10n ** 18n) + 2n }).map((n) => `${n}`),
  fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map((n) => `${n}`),
  fc.tuple(fc.constantFrom("", "-"), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -2, max: 20 }))
    .map(([sign, i, f, e]) => `${sign}${i}.${f}e${e}`),
);
/** Lines in file order: units ascending, lines ascending in each. */
const fileLines = fc.array(fc.tuple(score, fc.boolean()), { maxLength: 60 }).map((draws) => {
  let unit = 0, line = 0;
  return draws.map(([text, nextUnit]) => {
    if (nextUnit) { unit++; line = 0; }
    return { score: text, unit, line: ++line };
  });
});

test("exact example: ties go to the earlier line, the weakest leaves first", () => {
  const heap = new BoundedHeap();
  heap.reset(3);
  const lines = ["5", "7", "5", "9", "7", "1"].map((text, i) => ({ score: text, unit: 0, line: i + 1 }));
  lines.forEach((line, i) => offer(heap, line, i));
  expect(kept(heap).rows).toEqual([{ value: "9", unit: 0, line: 4 }, { value: "7", unit: 0, line: 2 }, { value: "7", unit: 0, line: 5 }]);
});

test("minFit is -Infinity until the heap is full, then the root's score (what a fast-path line must exceed)", () => {
  const heap = new BoundedHeap();
  heap.reset(2);
  expect(heap.minFit).toBe(-Infinity);
  offer(heap, { score: "10", unit: 0, line: 1 }, 0);
  expect(heap.minFit).toBe(-Infinity);
  offer(heap, { score: "4", unit: 0, line: 2 }, 1);
  expect(heap.minFit).toBe(4);
  offer(heap, { score: "6", unit: 0, line: 3 }, 2);
  expect(heap.minFit).toBe(6);
  offer(heap, { score: "7.5", unit: 0, line: 4 }, 3);
  expect(heap.minFit).toBe(7); // a decimal root: its floor (a tie with it loses: the new line is later)
});

test("property: the kept rows are the naive sort's first `limit`, best first, for any limit", () => {
  fc.assert(fc.property(fileLines, fc.oneof(fc.nat(8), fc.constant(Infinity)), (lines, limit) => {
    const heap = new BoundedHeap();
    heap.reset(limit);
    lines.forEach((line, i) => offer(heap, line, i));
    const { rows, inFileOrder } = kept(heap);
    expectSameRows(rows, naive(lines, limit));
    expect(inFileOrder).toBe(!(limit > 0 && lines.length >= limit)); // never filled: the slots are the lines in file order
  }), { numRuns: 1500 });
});

test("a limit of 0 keeps nothing", () => {
  const heap = new BoundedHeap();
  heap.reset(0);
  expect([heap.full(), heap.minFit]).toEqual([true, Infinity]);
  offer(heap, { score: "99999999999999999999999", unit: 0, line: 1 }, 0);
  expect(kept(heap).rows).toEqual([]);
});
