// run/result.ts: a finished run's rows, taken once (as output blocks or as winners), with the
// rows a helper still holds formatted or handed over by it; closed by whoever ran it.
import { RunResult } from "../../../src/core/run/result";
import { Helper } from "../../../src/core/run/helper";
import { ListRows, Ranking } from "../../../src/core/run/ranking";
import { CheckedRows } from "../../../src/core/check/store";
import { newColumns, setFitNumber } from "../../../src/core/columns/kept";
import { formatChunk } from "../../../src/core/output/fragments";
import { RunPlan } from "../../../src/core/model/plan";

const plan: RunPlan = { inputs: [{ name: "in", size: 10, segmentable: true, rereadable: true }], units: [{ input: 0, from: 0, to: 10, whole: false }] };

/** A list of one row (score, id), and its checked rows. */
function list(score: number, id: string) {
  const columns = newColumns(1);
  setFitNumber(columns, 0, score);
  columns.lines[0] = score;
  const check: CheckedRows = { count: 1, idBytes: Buffer.from(id), idStart: Float64Array.of(0), idLength: Int32Array.of(id.length) };
  return { columns, check };
}

const here = list(9, '"here"');
const held = list(5, '"held"');
const order = { size: 2, list: Uint16Array.of(0, 1), at: Uint32Array.of(0, 0), taken: [1, 1] };
/** The ranking as the calling thread has it: the helper's list without its ids (they stayed with the helper). */
const ranking = () => new Ranking(order, [here.columns, held.columns], [here.check, { ...held.check, idStart: new Float64Array(0) }], plan, undefined);

/** A helper that holds list 1's rows: it formats them or hands them over, and notes what it was asked. */
function holder(asked: string[]): Helper {
  return {
    result: new Promise(() => {}), // its scan is over: not asked here
    check: () => Promise.reject(new Error("not used")),
    rows: async () => { asked.push("rows"); return held.check; },
    format: (format) => { asked.push("format"); return () => formatChunk(new ListRows(held.columns, held.check, plan, undefined), 0, 1, format); },
    close: async () => { asked.push("close"); },
  };
}

async function text(blocks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
  const all: Uint8Array[] = [];
  for await (const block of blocks as AsyncIterable<Uint8Array>) all.push(block);
  return Buffer.concat(all).toString();
}

test("blocks(): the rows a helper holds are formatted by it and joined in rank order", async () => {
  const asked: string[] = [];
  const result = new RunResult(ranking(), [undefined, holder(asked)], async () => {});
  expect([result.size, result.listsWithHelpers]).toEqual([2, 1]);
  expect(await text(result.blocks({ compact: true }))).toBe('[{"score":9,"id":"here"},{"score":5,"id":"held"}]\n');
  expect(asked).toEqual(["format"]);
});

test("winners(): the rows a helper holds are handed over first; with no helper, straight from the ranking", async () => {
  const asked: string[] = [];
  const withHelper = new RunResult(ranking(), [undefined, holder(asked)], async () => {});
  expect((await withHelper.winners()).map((w) => [w.score, w.idJson])).toEqual([[9n, '"here"'], [5n, '"held"']]);
  expect(asked).toEqual(["rows"]);
  const alone = new RunResult(new Ranking(order, [here.columns, held.columns], [here.check, held.check], plan, undefined), [undefined, undefined], async () => {});
  expect((await alone.winners()).map((w) => w.idJson)).toEqual(['"here"', '"held"']);
});

test("a result is taken once: a second blocks() or winners() is an internal error", async () => {
  const result = new RunResult(ranking(), [undefined, holder([])], async () => {});
  await text(result.blocks({}));
  expect(() => result.blocks({})).toThrow("internal error: a run's result was taken twice");
  await expect(result.winners()).rejects.toThrow("internal error: a run's result was taken twice");
});

test("close() is the release the run gave it", async () => {
  let released = 0;
  const result = new RunResult(ranking(), [undefined, undefined], async () => { released++; });
  await result.close();
  expect(released).toBe(1);
});
