// The columnar pieces under large counts, each against a plain reference: the sort against a
// comparator sort, the rank order of kept columns against BigInt order, and the
// writer's integers.
import fc from "fast-check";
import { ByteWriter } from "../../../src/core/output/byte-writer";
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_FIT } from "../../../src/core/columns/score-class";
import { KeptColumns, gatherColumns, newColumns, rankOrderOfFileOrder, rankScoresInPlace, scoreAt } from "../../../src/core/columns/kept";
import { identityOrder, sortByKey64 } from "../../../src/core/columns/radix";
import { mergeSorted } from "../../../src/core/run/merge";
import { rowSet } from "../../../src/core/columns/row-map";

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Columns in file order for scores (bigints), with units and lines counting up. */
function columnsOf(scores: bigint[], fitLimit = I64_MAX): KeptColumns {
  const columns = newColumns(scores.length);
  scores.forEach((score, i) => {
    if (score >= -fitLimit - 1n && score <= fitLimit) {
      columns.classes[i] = CLASS_FIT;
      columns.high[i] = Number(BigInt.asIntN(32, score >> 32n));
      columns.low[i] = Number(BigInt.asUintN(32, score));
    } else {
      columns.classes[i] = score < 0n ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
      rowSet(columns.big, i, score);
    }
    columns.units[i] = i >> 3;
    columns.lines[i] = (i & 7) + 1;
    columns.offsets[i] = i * 10;
    columns.lengths[i] = 9;
  });
  return columns;
}

const score = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: I64_MIN, max: I64_MAX }),
  fc.constantFrom(I64_MIN, I64_MAX, 0n, -1n, 2n ** 53n, -(2n ** 53n), 2n ** 32n, 2n ** 32n - 1n),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
);

describe("sortByKey64", () => {
  // Keys spread, crowded in a narrow range (buckets sorted again on their next bits), or tied:
  // the MSD radix sort (past 53 bits with the position).
  const key = fc.oneof(
    fc.tuple(fc.nat(0xffffffff), fc.nat(0xffffffff)),
    fc.tuple(fc.constant(7), fc.nat(0xffff).map((low) => low * 65537)),
    fc.tuple(fc.nat(2), fc.nat(3)),
  );
  const spread = fc.array(key, { maxLength: 3000 });
  // One high word and low words within a few times the rows (ties too, near 2^32 too): placed.
  const dense = fc.tuple(fc.nat(0xffffffff), fc.constantFrom(0, 1000, 0xffffffff - 4 * 3000), fc.integer({ min: 1, max: 4 }), fc.nat(3000))
    .chain(([high, base, spreadBy, n]) => fc.array(fc.nat(spreadBy * n).map((k) => [high, base + k] as [number, number]), { minLength: n, maxLength: n }));
  // Keys and positions within 53 bits, not dense (offsets in a file): the native sort of packed keys.
  const narrow = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.nat(3000))
    .chain(([highBits, n]) => fc.array(fc.tuple(fc.nat(2 ** highBits - 1), fc.nat(0xffffffff)), { minLength: n, maxLength: n }));
  const permutation = fc.nat(3000).chain((n) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }))
    .map((lows) => lows.map((low) => [0, low] as [number, number]));

  test.each([["spread keys", spread], ["dense keys", dense], ["narrow keys", narrow], ["a permutation (the check's file order)", permutation]])(
    "sorts rows by 64-bit keys, stable, like a comparator sort: %s", (_, keys) => {
      fc.assert(fc.property(keys, fc.nat(), (drawn, start) => {
        const high = Uint32Array.from(drawn, ([h]) => h);
        const low = Uint32Array.from(drawn, ([, l]) => l);
        // Keys are by position; the rows there are other than identity: the result lists the rows.
        const rows = Uint32Array.from(drawn, (_, i) => (i + start) % drawn.length);
        const sorted = Array.from(sortByKey64(rows.slice(), high, low));
        const expected = drawn.map((_, i) => i).sort((a, b) => drawn[a][0] - drawn[b][0] || drawn[a][1] - drawn[b][1] || a - b);
        expect(sorted).toEqual(expected.map((i) => rows[i]));
        // The keys moved with their rows.
        expect(Array.from(high)).toEqual(expected.map((i) => drawn[i][0]));
        expect(Array.from(low)).toEqual(expected.map((i) => drawn[i][1]));
      }), { numRuns: 200 });
    });
});

describe("rankOrderOfFileOrder", () => {
  test("best first by exact score, ties in file order, big scores above and below", () => {
    fc.assert(fc.property(fc.array(score, { maxLength: 200 }), fc.boolean(), (scores, narrow) => {
      // narrow: the JS engine's fit range (2^53); else the core's (i64).
      const columns = columnsOf(scores, narrow ? 2n ** 53n - 1n : I64_MAX);
      const ranked = gatherColumns(columns, rankOrderOfFileOrder(columns));
      const expected = scores.map((s, i) => [s, i] as const).sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] > b[0] ? -1 : 1));
      expect(Array.from({ length: ranked.count }, (_, r) => scoreAt(ranked, r))).toEqual(expected.map(([s]) => s));
      expect(Array.from(ranked.lines)).toEqual(expected.map(([, i]) => (i & 7) + 1));
    }));
  });
});

describe("rankScoresInPlace", () => {
  test("the order of rankOrderOfFileOrder, with the score columns left in it; nothing done for big scores", () => {
    fc.assert(fc.property(fc.array(score, { maxLength: 300 }), (scores) => {
      const columns = columnsOf(scores);
      const order = rankOrderOfFileOrder(columns);
      const expected = Array.from(order, (i) => scoreAt(columns, i));
      const inPlace = rankScoresInPlace(columns);
      if (columns.big.size > 0) {
        expect(inPlace).toBeUndefined();
        expect(Array.from(rankOrderOfFileOrder(columns))).toEqual(Array.from(order));
        return;
      }
      expect(Array.from(inPlace!)).toEqual(Array.from(order));
      expect(Array.from({ length: columns.count }, (_, r) => scoreAt(columns, r))).toEqual(expected);
    }));
  });
});

describe("mergeSorted", () => {
  test("the best `limit` rows of lists each best first: by score, then unit and line", () => {
    const fits = fc.oneof(fc.bigInt({ min: -5n, max: 5n }), fc.bigInt({ min: I64_MIN, max: I64_MAX }));
    fc.assert(fc.property(fc.array(fc.array(fc.oneof(fits, score), { maxLength: 60 }), { minLength: 1, maxLength: 3 }), fc.nat(200), (parts, limit) => {
      // Part p's rows are in units 100·p onwards: later parts are later in the input.
      const lists = parts.map((scores, p) => {
        const columns = columnsOf(scores);
        columns.units.forEach((unit, i) => { columns.units[i] = unit + 100 * p; });
        return gatherColumns(columns, rankOrderOfFileOrder(columns));
      });
      const rows = lists.flatMap((list, p) => Array.from({ length: list.count }, (_, i) => ({ p, i, score: scoreAt(list, i) })));
      const expected = rows.sort((x, y) => (x.score !== y.score ? (x.score > y.score ? -1 : 1)
        : lists[x.p].units[x.i] - lists[y.p].units[y.i] || lists[x.p].lines[x.i] - lists[y.p].lines[y.i])).slice(0, limit);
      const order = mergeSorted(lists, limit);
      expect(Array.from({ length: order.size }, (_, n) => [order.list[n], order.at[n]])).toEqual(expected.map(({ p, i }) => [p, i]));
      expect(order.taken).toEqual(lists.map((_, p) => expected.filter((row) => row.p === p).length));
    }), { numRuns: 300 });
  });
});

describe("ByteWriter", () => {
  test("integers in decimal, as String() writes them", () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, 1e8, 1e8 - 1, 1e8 + 1, 2 ** 53, -(2 ** 53))), (value) => {
      const out = new ByteWriter(16);
      out.signedInteger(value);
      const text = Buffer.concat(out.take(true)).toString("latin1");
      expect(text).toBe(String(value));
    }));
  });
});
