// output/join.ts: rows become output by one path, whether formatted here or copied from fragments another thread made.
import fc from "fast-check";
import { OutputFormat, winnerRows } from "../../../src/core/output/format";
import { formatChunk } from "../../../src/core/output/fragments";
import { formatWinners, joinFragments, outputBlocks } from "../../../src/core/output/join";
import { DecimalWinner } from "../../../src/core/model/winner";

const FORMATS: OutputFormat[] = [{}, { compact: true }, { lines: true }, { locations: true, records: true }, { compact: true, locations: true }];

function winner(i: number, list = 0): DecimalWinner {
  const id = `"w${list}-${i}"`;
  const record = `{"id":${id},"n":${i}}`;
  return { score: BigInt(1000 - i), idJson: id, id: id.slice(1, -1), input: `in${list}`, line: i + 1, offset: 0, text: new TextEncoder().encode(`${1000 - i}:${record}`), record };
}

/** What SPEC says the output of winners is (no scores past 2^53 here, no escapes in ids): the record as written. */
function expected(rows: DecimalWinner[], format: OutputFormat): string {
  if (format.lines) return rows.map((w) => Buffer.from(w.text!).toString() + "\n").join("");
  const objects = rows.map((w, i) => ({
    score: Number(w.score), id: JSON.parse(w.idJson), ...(format.locations ? { input: w.input, line: w.line } : {}),
    ...(format.records ? { record: `@@${i}@@` } : {}),
  }));
  return JSON.stringify(objects, null, format.compact ? undefined : 2).replace(/"@@(\d+)@@"/g, (_, i) => rows[Number(i)].record!) + "\n";
}

const text = (blocks: Iterable<Uint8Array>) => Buffer.concat([...blocks]).toString();
async function collect(blocks: AsyncIterable<Uint8Array>): Promise<string> {
  const all: Uint8Array[] = [];
  for await (const block of blocks) all.push(block);
  return Buffer.concat(all).toString();
}

test("no rows: JSON is '[]\\n' in every format, --lines prints nothing", () => {
  for (const format of FORMATS) expect(text(outputBlocks(winnerRows([]), format))).toBe(format.lines ? "" : "[]\n");
  expect(formatWinners([])).toBe("[]\n");
});

test("outputBlocks of rows formatted here is SPEC's output, also over many blocks (each a whole number of bytes, the last ending in a newline)", () => {
  for (const count of [1, 2, 255, 256, 257, 6000]) {
    const rows = Array.from({ length: count }, (_, i) => winner(i));
    for (const format of FORMATS) {
      const blocks = [...outputBlocks(winnerRows(rows), format)];
      if (count === 6000 && format.records) expect(blocks.length).toBeGreaterThan(1); // ~700 kB: past one 256 KiB block
      expect(text(blocks)).toBe(expected(rows, format));
      expect(blocks[blocks.length - 1].at(-1)).toBe(0x0a);
    }
  }
});

test("formatWinners: pretty by default, compact when asked, or any format", () => {
  const rows = [winner(0), winner(1)];
  expect(formatWinners(rows)).toBe(expected(rows, {}));
  expect(formatWinners(rows, true)).toBe(expected(rows, { compact: true }));
  expect(formatWinners(rows, { locations: true })).toBe(expected(rows, { locations: true }));
  const big: DecimalWinner = { ...winner(0), score: 2n ** 80n, idJson: '"\\u00e9"' };
  expect(formatWinners([big], true)).toBe(`[{"score":${2n ** 80n},"id":"\\u00e9"}]\n`);
});

/** Lists of rows (each best first), a rank order over them, and which lists are remote with which chunk sizes. */
const joinCase = fc.record({
  sizes: fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
  seed: fc.array(fc.nat(), { maxLength: 200 }),
  remote: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  chunks: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
  limit: fc.nat(200),
  format: fc.constantFrom(...FORMATS),
});

test("property: joinFragments gives the output of the rows in rank order, whichever lists are copied from fragments in chunks of any size", async () => {
  await fc.assert(fc.asyncProperty(joinCase, async ({ sizes, seed, remote, chunks, limit, format }) => {
    const lists = sizes.map((size, list) => Array.from({ length: size }, (_, i) => winner(i, list)));
    // A rank order: each list's rows in their order (a prefix of each, as a merge takes them), interleaved as the seed says.
    const taken = sizes.map(() => 0);
    const order = { list: [] as number[], at: [] as number[] };
    for (let k = 0; order.list.length < limit; k++) {
      const open = sizes.map((size, list) => list).filter((list) => taken[list] < sizes[list]);
      if (open.length === 0) break;
      const list = open[(seed[k % Math.max(1, seed.length)] ?? k) % open.length];
      order.list.push(list);
      order.at.push(taken[list]++);
    }
    const rankOrder = { size: order.list.length, list: Uint16Array.from(order.list), at: Uint32Array.from(order.at) };
    const sources = lists.map((rows, list) => {
      if (!remote[list]) return undefined;
      let from = 0;
      return () => {
        // A helper formats only the rows it holds (all of its list), in chunks; the join asks for the next one.
        const to = Math.min(rows.length, from + chunks[list]);
        const chunk = formatChunk(winnerRows(rows), from, to, format);
        from = to;
        return Promise.resolve(chunk);
      };
    });
    const rowsInOrder = order.list.map((list, r) => lists[list][order.at[r]]);
    expect(await collect(joinFragments(rankOrder, format, lists.map(winnerRows), sources))).toBe(
      rowsInOrder.length === 0 && format.lines ? "" : expected(rowsInOrder, format),
    );
  }), { numRuns: 100 });
});

test("a remote list that gives no chunk when asked is an error, not a short output", async () => {
  const rows = [winner(0)];
  const order = { size: 1, list: Uint16Array.of(0), at: Uint32Array.of(0) };
  await expect(collect(joinFragments(order, {}, [winnerRows(rows)], [() => undefined as never]))).rejects.toThrow("a remote list's chunk was not given");
});
