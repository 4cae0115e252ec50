// Counts in the tens of thousands and beyond, where lines are checked as they are kept
// (src/core/check/precheck.ts) and winners move between threads to be checked: the results, the
// errors and the lines against a plain reference, on both engines, one and two threads.
import * as fs from "node:fs";
import { shownLine } from "../helpers/shown-line";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { HighestError, highest } from "../../src/node/internal";
import { LARGE_RESULT_ROWS } from "../../src/core/model/numbers";
import { tempFolder } from "../helpers/temp-folder";

const temp = tempFolder("large-counts-");

const LINES = LARGE_RESULT_ROWS + 4000;

/** A permutation of 0..n-1, seeded. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = seed;
  for (let i = n - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Lines with unique scores (some ties on purpose), ids "r<line>"; `bad` lines get an invalid record. */
function records(bad: Map<number, string> = new Map()): { text: string; scores: bigint[] } {
  const order = shuffled(LINES, 7);
  const scores = order.map((k, i) => (i % 1000 === 999 ? BigInt(order[i - 1]) * 1000003n : BigInt(k) * 1000003n) - 5000000000n);
  const lines = scores.map((score, i) => `${score}: ${bad.get(i + 1) ?? `{"id":"r${i + 1}","pad":"${"x".repeat(i % 40)}"}`}`);
  return { text: `${lines.join("\n")}\n`, scores };
}

/** The expected winners: score descending, ties to the earlier line. */
function expected(scores: bigint[], count: number): Array<[string, string]> {
  return scores
    .map((score, i) => ({ score, line: i + 1 }))
    .sort((a, b) => (a.score === b.score ? a.line - b.line : a.score > b.score ? -1 : 1))
    .slice(0, count)
    .map(({ score, line }) => [score.toString(), `"r${line}"`]);
}

const modes = [
  { engine: "wasm" as const, threads: 1 },
  { engine: "wasm" as const, threads: 2 },
  { engine: "js" as const, threads: 2 },
];
// helpersFirst: with 2 threads the helper owns units (and winners move between threads) whatever
// the machine's load; without it, this thread might claim every unit before the worker boots.
const threaded = (threads: number) => ({ threads, tuning: { minThreadedBytes: 0, segmentBytes: 256 * 1024, helpersFirst: threads > 1 } });

describe.each(modes)("large counts ($engine, $threads threads)", ({ engine, threads }) => {
  const { text, scores } = records();
  let file = "";
  beforeAll(() => { file = temp.file(text, `plain-${engine}-${threads}.data`); });

  for (const count of [LARGE_RESULT_ROWS + 10, LINES - 1, LINES, 10 ** 9]) {
    test(`count ${count}: the best, in order, ties to the earlier line`, async () => {
      const winners = await highest(file, count, { engine, ...threaded(threads) });
      expect(winners.map((w) => [w.score.toString(), w.idJson])).toEqual(expected(scores, count));
      expect(winners.every((w, i) => i === 0 || w.line !== winners[i - 1].line)).toBe(true);
    });
  }

  test("an invalid record among lines that do not win is no error; among winners it is, by its line", async () => {
    const order = shuffled(LINES, 7);
    const lowest = order.indexOf(0) + 1; // the line with the lowest score
    const badFile = temp.file(records(new Map([[lowest, '{"id":"r", oops']])).text, `bad-${engine}-${threads}.data`);
    const count = LINES - 5; // the lowest line does not win
    const winners = await highest(badFile, count, { engine, ...threaded(threads) });
    expect(winners.length).toBe(count);
    const error = await highest(badFile, 10 ** 9, { engine, ...threaded(threads) }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(HighestError);
    const line = records().text.split("\n")[lowest - 1].replace(/: .*/, ': {"id":"r", oops');
    expect((error as HighestError).message).toBe(`line ${lowest}: record is not valid JSON: ${shownLine(line)}`);
  });

  test("the first invalid winner in file order is the one named, not the best-scored one", async () => {
    const order = shuffled(LINES, 7);
    const best = order.indexOf(LINES - 1) + 1;
    const early = Math.min(best, 100) === best ? best + 1 : 100;
    const badFile = temp.file(records(new Map([[best, "[]"], [early, '{"no":1}']])).text, `bad2-${engine}-${threads}.data`);
    const first = Math.min(best, early);
    const problem = first === best ? "record is not a JSON object" : 'record has no "id"';
    const error = await highest(badFile, 10 ** 9, { engine, ...threaded(threads) }).catch((thrown: unknown) => thrown);
    expect((error as HighestError).message).toBe(`line ${first}: ${problem}: ${shownLine(fs.readFileSync(badFile, "utf8").split("\n")[first - 1])}`);
  });

  test("--lines at count = all: every line verbatim, best first", async () => {
    const winners = await highest(file, 10 ** 9, { engine, lineTexts: true, ...threaded(threads) });
    const lines = text.split("\n");
    expect(winners.map((w) => Buffer.from(w.text!).toString())).toEqual(winners.map((w) => lines[w.line - 1]));
    expect(winners.length).toBe(LINES);
  });

  test("gzip (lines kept in memory) at count = all and just below the lines", async () => {
    const gz = path.join(temp.path, `plain-${engine}-${threads}.data.gz`);
    fs.writeFileSync(gz, zlib.gzipSync(text));
    for (const count of [10 ** 9, LINES - 7]) {
      const winners = await highest([gz, file], count, { engine, ...threaded(threads) });
      const both = [...scores, ...scores];
      const want = both
        .map((score, i) => ({ score, i }))
        .sort((a, b) => (a.score === b.score ? a.i - b.i : a.score > b.score ? -1 : 1))
        .slice(0, count)
        .map(({ score, i }) => [score.toString(), `"r${(i % LINES) + 1}"`, i < LINES ? gz : file]);
      expect(winners.map((w) => [w.score.toString(), w.idJson, w.input])).toEqual(want);
    }
  });
});
