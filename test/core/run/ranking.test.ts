// run/ranking.ts: the run's result in columns: winners as objects, output rows, and the first
// invalid record in input order thrown before any result.
import { ListRows, Ranking, assembleRanking, rankingBlocks } from "../../../src/core/run/ranking";
import { LineNumbers, MergedScan } from "../../../src/core/run/merge";
import { CheckedRows } from "../../../src/core/check/store";
import { KeptColumns, newColumns, setFitNumber } from "../../../src/core/columns/kept";
import { CLASS_BIG_POSITIVE, CLASS_DECIMAL_POSITIVE } from "../../../src/core/columns/score-class";
import { rowSet } from "../../../src/core/columns/row-map";
import { ExactScore } from "../../../src/core/columns/decimal-score";
import { MergeOrder } from "../../../src/core/columns/merge-order";
import { RunPlan } from "../../../src/core/model/plan";
import { BytesAccess, InputAccess } from "../../../src/core/input/access";
import { ByteWriter } from "../../../src/core/output/byte-writer";

const plan: RunPlan = {
  inputs: [{ name: "a.txt", size: 100, segmentable: true, rereadable: true }, { name: "dir/b\"q\".txt", size: 100, segmentable: true, rereadable: true }],
  units: [{ input: 0, from: 0, to: 50, whole: false }, { input: 0, from: 50, to: 100, whole: false }, { input: 1, from: 0, to: 100, whole: false }],
};

/** One participant's kept rows and their check: each row's line as kept text, its id read from it. */
function list(rows: Array<{ score: ExactScore; unit: number; line: number; text: string }>, keepText = true): { columns: KeptColumns; check: CheckedRows } {
  const columns = newColumns(rows.length);
  const texts = Buffer.from(rows.map((row) => row.text).join(""));
  const check: CheckedRows = { count: rows.length, idBytes: texts, idStart: new Float64Array(rows.length), idLength: new Int32Array(rows.length) };
  if (keepText) { check.textBytes = texts; check.textStart = new Float64Array(rows.length); }
  let at = 0;
  rows.forEach((row, i) => {
    if (typeof row.score === "bigint" && row.score < 2n ** 53n) setFitNumber(columns, i, Number(row.score));
    else {
      columns.classes[i] = typeof row.score === "bigint" ? CLASS_BIG_POSITIVE : CLASS_DECIMAL_POSITIVE;
      rowSet(columns.big, i, row.score);
    }
    columns.units[i] = row.unit;
    columns.lines[i] = row.line;
    columns.offsets[i] = 1000 * row.unit + row.line;
    columns.lengths[i] = row.text.length;
    const id = /"id":("[^"]*"|\d+)/.exec(row.text)!;
    check.idStart[i] = at + id.index + 5;
    check.idLength[i] = id[1].length;
    if (check.textStart) check.textStart[i] = at;
    at += row.text.length;
  });
  return { columns, check };
}

const first = list([
  { score: 2n ** 70n, unit: 1, line: 2, text: `${2n ** 70n}: {"id":"x\\u00e9"} ` },
  { score: 7n, unit: 0, line: 5, text: '7:{"id":12,"v":[1]}' },
]);
const second = list([
  { score: { negative: false, exponent: 0, digits: "75", text: "7.50" }, unit: 2, line: 1, text: '7.50 :\t{"id":"z"}' },
]);
const order: MergeOrder = { size: 3, list: Uint16Array.of(0, 1, 0), at: Uint32Array.of(0, 0, 1), taken: [2, 1] };
const bases = Float64Array.of(0, 40, 0);
const ranking = new Ranking(order, [first.columns, second.columns], [first.check, second.check], plan, bases);

test("toWinners: exact scores (a decimal as printed), ids as written and as values, input names, line numbers, offsets", () => {
  const winners = ranking.toWinners();
  expect(winners.map(({ score, idJson, id, input, line, offset }) => ({ score, idJson, id, input, line, offset }))).toEqual([
    { score: 2n ** 70n, idJson: '"x\\u00e9"', id: "xé", input: "a.txt", line: 42, offset: 1002 },
    { score: "7.50", idJson: '"z"', id: "z", input: 'dir/b"q".txt', line: 1, offset: 2001 },
    { score: 7n, idJson: "12", id: 12, input: "a.txt", line: 5, offset: 5 },
  ]);
});

test("toWinners: each line's text when kept (unless fields.text is false), the record's JSON text as written when asked", () => {
  const [winner] = ranking.toWinners({ record: true });
  expect([Buffer.from(winner.text!).toString(), winner.record]).toEqual([`${2n ** 70n}: {"id":"x\\u00e9"} `, '{"id":"x\\u00e9"}']);
  const plain = ranking.toWinners({ text: false })[1];
  expect(["text" in plain, "record" in plain]).toEqual([false, false]);
  const withoutTexts = new Ranking(order, [first.columns, second.columns], [list([], false).check, list([], false).check], plan, undefined);
  expect(() => withoutTexts.toWinners()).toThrow("internal error: the ids of these rows are with a helper");
});

test("as output rows: scores, ids, input names as JSON, records and lines written in rank order; no bases: line 0", async () => {
  const written = (write: (out: ByteWriter) => void) => { const out = new ByteWriter(); write(out); return Buffer.concat(out.take(true)).toString(); };
  expect([0, 1, 2].map((r) => written((out) => ranking.writeScore(r, out)))).toEqual([String(2n ** 70n), "7.50", "7"]);
  expect(written((out) => ranking.writeInput(1, out))).toBe('"dir/b\\"q\\".txt"');
  expect(written((out) => ranking.writeRecord(1, out))).toBe('{"id":"z"}');
  expect(written((out) => ranking.writeText(2, out))).toBe('7:{"id":12,"v":[1]}');
  expect([0, 1, 2].map((r) => ranking.lineNumber(r))).toEqual([42, 1, 5]);
  expect(new ListRows(first.columns, first.check, plan, undefined).lineNumber(0)).toBe(0);
  const blocks: Uint8Array[] = [];
  for await (const block of rankingBlocks(ranking, { compact: true, locations: true }, [undefined, undefined])) blocks.push(block);
  expect(Buffer.concat(blocks).toString()).toBe(
    `[{"score":${2n ** 70n},"id":"x\\u00e9","input":"a.txt","line":42},{"score":7.50,"id":"z","input":"dir/b\\"q\\".txt","line":1},{"score":7,"id":12,"input":"a.txt","line":5}]\n`,
  );
});

test("withChecks: the same ranking with some lists' checked rows given again (those a helper held)", () => {
  const held = list([{ score: { negative: false, exponent: 0, digits: "75", text: "7.50" }, unit: 2, line: 1, text: '7.50:{"id":"other"}' }]);
  const again = new Ranking(order, [first.columns, second.columns], [first.check, list([], false).check], plan, bases).withChecks([undefined, held.check]);
  expect(again.toWinners().map((w) => w.idJson)).toEqual(['"x\\u00e9"', '"other"', "12"]);
});

describe("assembleRanking", () => {
  const access: InputAccess = {
    openSequential: () => { throw new Error("not used"); },
    openRandom: async () => new BytesAccess(new Uint8Array(0)),
    inflater: () => { throw new Error("not used"); },
  };
  const reports = [{ unit: 0, lines: 40, bounds: { start: 0 } }, { unit: 1, lines: 10, bounds: { start: 50 } }, { unit: 2, lines: 3, bounds: { start: 0 } }];
  const numbers = () => new LineNumbers(plan, reports, access);
  const merged = (): MergedScan => ({ reports, order });

  test("the first invalid record in input order (a winner's, or --strict's: both are in the check stores) is the run's error at its input's line", async () => {
    const checks = [{ ...first.check, fault: { unit: 1, line: 3, problem: "id is missing" } }, { ...second.check, fault: { unit: 2, line: 1, problem: "later" } }];
    await expect(assembleRanking(merged(), [first.columns, second.columns], checks, plan, numbers(), { nameInputs: false, lineNumbers: true }))
      .rejects.toThrow("line 43: id is missing");
    const earlier = [checks[0], { ...second.check, fault: { unit: 0, line: 9, problem: "strict" } }];
    await expect(assembleRanking(merged(), [first.columns, second.columns], earlier, plan, numbers(), { nameInputs: true, lineNumbers: true }))
      .rejects.toThrow("a.txt: line 9: strict");
  });

  test("line numbers of the units winners are in, only when asked", async () => {
    const lists = [first.columns, second.columns], checks = [first.check, second.check];
    const numbered = await assembleRanking(merged(), lists, checks, plan, numbers(), { nameInputs: false, lineNumbers: true });
    expect([...numbered.bases!]).toEqual([0, 40, 0]);
    expect(numbered.toWinners().map((w) => w.line)).toEqual([42, 1, 5]);
    const unnumbered = await assembleRanking(merged(), lists, checks, plan, numbers(), { nameInputs: false, lineNumbers: false });
    expect([unnumbered.bases, unnumbered.toWinners().map((w) => w.line)]).toEqual([undefined, [0, 0, 0]]);
  });
});
