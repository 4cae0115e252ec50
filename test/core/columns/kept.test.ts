// columns/kept.ts: kept lines in columns, read and written through its functions, against BigInt and
// rational scores. (rankOrderOfFileOrder and rankScoresInPlace over integers: columns.test.ts.)
import fc from "fast-check";
import {
  KeptColumns, compareRows, gatherColumns, negateScores, newColumns, rankOrderOfFileOrder, safeScoreAt, scoreAt, setFitNumber, sliceColumns,
} from "../../../src/core/columns/kept";
import { DecimalScore, ExactScore } from "../../../src/core/columns/decimal-score";
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE, CLASS_FIT } from "../../../src/core/columns/score-class";
import { rowGet, rowSet } from "../../../src/core/columns/row-map";
import { compareRational, rational } from "../../helpers/rational";

const FIT_LIMIT = 10n ** 18n; // the core's fitting scores: at most 18 digits

/** A decimal score by its text (nonzero, with a fraction or an exponent). */
function decimal(text: string): DecimalScore {
  const { numerator, scale } = rational(text);
  const magnitude = (numerator < 0n ? -numerator : numerator).toString();
  return { negative: numerator < 0n, exponent: magnitude.length - 1 - scale, digits: magnitude.replace(/0+$/, ""), text };
}
const valueOf = (score: ExactScore) => (typeof score === "bigint" ? { numerator: score, scale: 0 } : rational(score.text));

function setScore(columns: KeptColumns, i: number, score: ExactScore): void {
  if (typeof score === "bigint" && score > -FIT_LIMIT && score < FIT_LIMIT) {
    columns.classes[i] = CLASS_FIT;
    columns.high[i] = Number(BigInt.asIntN(32, score >> 32n));
    columns.low[i] = Number(BigInt.asUintN(32, score));
    return;
  }
  columns.classes[i] = typeof score === "bigint"
    ? (score < 0n ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE)
    : (score.negative ? CLASS_DECIMAL_NEGATIVE : CLASS_DECIMAL_POSITIVE);
  rowSet(columns.big, i, score);
}

/** Columns of rows (score, unit, line), in the order given. */
function columnsOf(rows: Array<[ExactScore, number, number]>): KeptColumns {
  const columns = newColumns(rows.length);
  rows.forEach(([score, unit, line], i) => {
    setScore(columns, i, score);
    columns.units[i] = unit;
    columns.lines[i] = line;
    columns.offsets[i] = 100 * unit + line;
    columns.lengths[i] = i;
  });
  return columns;
}

const score: fc.Arbitrary<ExactScore> = fc.oneof(
  fc.bigInt({ min: -5n, max: 5n }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n }),
  fc.constantFrom(FIT_LIMIT - 1n, -FIT_LIMIT + 1n, FIT_LIMIT, -FIT_LIMIT, 2n ** 53n, 2n ** 53n + 1n),
  fc.tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: -3, max: 20 }), fc.boolean())
    .map(([mantissa, exponent, negative]) => decimal(`${negative ? "-" : ""}${Math.abs(mantissa) + 1}.5e${exponent}`)),
);
const row = fc.tuple(score, fc.nat(3), fc.integer({ min: 1, max: 5 }));

test("setFitNumber and scoreAt: any safe integer is its exact score; safeScoreAt gives it back as a number", () => {
  fc.assert(fc.property(fc.maxSafeInteger(), (value) => {
    const columns = newColumns(1);
    setFitNumber(columns, 0, value);
    expect([columns.classes[0], scoreAt(columns, 0), safeScoreAt(columns, 0)]).toEqual([CLASS_FIT, BigInt(value), value]);
  }));
  const columns = columnsOf([[2n ** 60n, 0, 1], [decimal("1.5"), 0, 2], [2n ** 80n, 0, 3]]);
  expect([scoreAt(columns, 0), safeScoreAt(columns, 0), safeScoreAt(columns, 1), safeScoreAt(columns, 2)]).toEqual([2n ** 60n, undefined, undefined, undefined]);
});

test("property: compareRows orders by exact score (highest first, or lowest first), then earlier unit, then earlier line", () => {
  fc.assert(fc.property(row, row, fc.boolean(), (a, b, lowestFirst) => {
    const x = columnsOf([a]), y = columnsOf([b]);
    x.lowestFirst = y.lowestFirst = lowestFirst;
    const byScore = compareRational(valueOf(a[0]), valueOf(b[0])) * (lowestFirst ? 1 : -1);
    const expected = byScore !== 0 ? byScore : Math.sign(a[1] - b[1]) || Math.sign(a[2] - b[2]);
    expect(compareRows(x, 0, y, 0) || 0).toBe(expected || 0);
  }), { numRuns: 3000 });
});

test("property: negateScores negates every score exactly, moving big and decimal scores to the other sign's class", () => {
  fc.assert(fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
    const columns = columnsOf(rows);
    negateScores(columns);
    rows.forEach(([before], i) => {
      const after = scoreAt(columns, i);
      if (typeof before === "bigint") expect(after).toBe(-before);
      else expect(after).toEqual({ ...before, negative: !before.negative });
      const expectedClass = typeof before === "bigint" && before > -FIT_LIMIT && before < FIT_LIMIT ? CLASS_FIT
        : typeof before === "bigint" ? (before < 0n ? CLASS_BIG_POSITIVE : CLASS_BIG_NEGATIVE)
          : (before.negative ? CLASS_DECIMAL_POSITIVE : CLASS_DECIMAL_NEGATIVE);
      expect(columns.classes[i]).toBe(expectedClass);
    });
  }));
});

/** Every column of row r, as plain values. */
const rowOf = (columns: KeptColumns, r: number) => [scoreAt(columns, r), columns.classes[r], columns.units[r], columns.lines[r], columns.offsets[r], columns.lengths[r]];

test("property: gatherColumns puts row order[r] at row r in every column, big scores included", () => {
  fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 60 }), (rows, picks) => {
    const columns = columnsOf(rows);
    const order = Uint32Array.from(picks, (p) => p % rows.length);
    const gathered = gatherColumns(columns, order);
    expect(gathered.count).toBe(order.length);
    order.forEach((from, r) => expect(rowOf(gathered, r)).toEqual(rowOf(columns, from)));
  }));
});

test("gatherColumns with scoresRanked keeps the score columns as they are (already in that order) and moves the rest", () => {
  const columns = columnsOf([[1n, 0, 1], [2n, 0, 2], [3n, 0, 3]]);
  const gathered = gatherColumns(columns, Uint32Array.of(2, 0, 1), false, true);
  expect(gathered.high).toBe(columns.high);
  expect([0, 1, 2].map((r) => [scoreAt(gathered, r), gathered.lines[r]])).toEqual([[1n, 3], [2n, 1], [3n, 2]]);
});

test("newColumns(shared) puts every column in a SharedArrayBuffer (a worker's columns reach the caller without a copy)", () => {
  const columns = newColumns(5, true);
  for (const column of [columns.classes, columns.high, columns.low, columns.units, columns.lines, columns.offsets, columns.lengths]) {
    expect(column.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(column.length).toBe(5);
  }
  expect(Object.prototype.toString.call(newColumns(5).units.buffer)).toBe("[object ArrayBuffer]");
});

test("property: sliceColumns copies rows [from, to), big scores renumbered, fileRows too, in buffers of their own size", () => {
  fc.assert(fc.property(fc.array(row, { maxLength: 40 }), fc.nat(), fc.nat(), (rows, a, b) => {
    const columns = columnsOf(rows);
    columns.fileRows = Uint32Array.from(rows, (_, i) => rows.length - 1 - i);
    const from = Math.min(a, b) % (rows.length + 1), to = Math.max(from, Math.max(a, b) % (rows.length + 1));
    const slice = sliceColumns(columns, from, to);
    expect(slice.count).toBe(to - from);
    for (let r = from; r < to; r++) expect(rowOf(slice, r - from)).toEqual(rowOf(columns, r));
    expect(Array.from(slice.fileRows!)).toEqual(Array.from(columns.fileRows.subarray(from, to)));
    expect(slice.units.buffer.byteLength).toBe(4 * (to - from));
    expect(slice.big.size).toBe(rows.slice(from, to).filter((_, i) => columns.classes[from + i] !== CLASS_FIT).length);
    if (slice.count > 0 && slice.classes[0] !== CLASS_FIT) expect(rowGet(slice.big, 0)).toBe(rowGet(columns.big, from));
  }));
});

test("property: rankOrderOfFileOrder merges decimal scores among the integers by value, ties in file order", () => {
  fc.assert(fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
    const columns = columnsOf(rows); // rows in file order: row i is i-th in the file
    const ranked = Array.from(rankOrderOfFileOrder(columns));
    const expected = rows.map((_, i) => i).sort((i, j) => -compareRational(valueOf(rows[i][0]), valueOf(rows[j][0])) || i - j);
    expect(ranked).toEqual(expected);
  }));
});
