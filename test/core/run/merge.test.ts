// run/merge.ts: the participants' reports checked in input order (the first failed unit's error, its
// line made a line of its input), line numbers across units, and the kept lines merged.
// (mergeSorted highest first, two lists and more: test/core/columns/columns.test.ts.)
import fc from "fast-check";
import { LineNumbers, mergeResults, mergeSorted } from "../../../src/core/run/merge";
import { ParticipantResult, UnitReport } from "../../../src/core/run/reports";
import { InputAccess, BytesAccess } from "../../../src/core/input/access";
import { KeptColumns, newColumns } from "../../../src/core/columns/kept";
import { CLASS_FIT } from "../../../src/core/columns/score-class";
import { PlannedInput, RunPlan, Unit } from "../../../src/core/model/plan";
import { HighestError } from "../../../src/core/model/errors";

const file = (name: string, text: string): PlannedInput & { text: string } => ({ name, size: text.length, segmentable: true, rereadable: true, text });

/** Positional reads of the plan's inputs' texts; counts the opens. */
function accessOf(inputs: Array<{ text: string }>) {
  const opened: number[] = [];
  const access: InputAccess = {
    openSequential: () => { throw new Error("not used"); },
    openRandom: async (input) => { opened.push(input); return new BytesAccess(Buffer.from(inputs[input].text)); },
    inflater: () => { throw new Error("not used"); },
  };
  return { access, opened };
}

/** Kept rows (score, unit, line), already best first. */
function kept(rows: Array<[number, number, number]>, lowestFirst = false): KeptColumns {
  const columns = newColumns(rows.length);
  rows.forEach(([score, unit, line], i) => {
    columns.classes[i] = CLASS_FIT;
    columns.high[i] = Math.floor(score / 2 ** 32);
    columns.low[i] = score - columns.high[i] * 2 ** 32;
    columns.units[i] = unit;
    columns.lines[i] = line;
  });
  if (lowestFirst) columns.lowestFirst = true;
  return columns;
}

const report = (unit: number, lines: number, start = 0, extra: Partial<UnitReport> = {}): UnitReport => ({ unit, lines, bounds: { start }, ...extra });
const result = (reports: UnitReport[], list = kept([])): ParticipantResult => ({ reports, kept: list, prechecked: false });

// Two files: a.txt in units 0 and 1 (cut at byte 8), b.txt in unit 2.
const a = file("a.txt", "1:{}\n2:{}\n3:{}\n4:{}\n");
const b = file("b.txt", "5:{}\n6:{}\n");
const units: Unit[] = [{ input: 0, from: 0, to: 8, whole: false }, { input: 0, from: 8, to: 20, whole: false }, { input: 1, from: 0, to: 10, whole: false }];
const plan: RunPlan = { inputs: [a, b], units };

test("the first failed unit in input order is the run's error, whichever participant scanned it; its line becomes its input's", async () => {
  const { access } = accessOf([a, b]);
  const error = { kind: "data" as const, detail: "score is not an integer", line: 1 };
  const results = [
    result([report(0, 2), report(2, 1, 0, { error: { ...error, line: 1, detail: "later" } })]),
    result([report(1, 2, 10, { error })]),
  ];
  await expect(mergeResults(plan, results, 10, access, false)).rejects.toThrow(new HighestError("data", "score is not an integer", 3));
  await expect(mergeResults(plan, results, 10, access, true)).rejects.toThrow(new HighestError("data", "score is not an integer", 3, "a.txt"));
  // An input error keeps its own naming and has no line to move.
  const input = [result([report(0, 2), report(1, 2, 10), report(2, 0, 0, { error: { kind: "input", detail: "gone", input: "b.txt" } })])];
  await expect(mergeResults(plan, input, 10, access, true)).rejects.toThrow(new HighestError("input", "gone", undefined, "b.txt"));
});

test("a unit no participant reports is an internal error, never a result without its lines", async () => {
  await expect(mergeResults(plan, [result([report(0, 2), report(2, 2)])], 10, accessOf([a, b]).access, false))
    .rejects.toThrow("internal error: unit 1 was not scanned");
});

test("the kept lines of every participant are merged by score, ties in unit order; the reports come back in unit order", async () => {
  const results = [
    result([report(0, 2), report(2, 2)], kept([[6, 2, 2], [1, 0, 1]])),
    result([report(1, 2, 10)], kept([[4, 1, 2], [3, 1, 1]])),
  ];
  const { merged } = await mergeResults(plan, results, 3, accessOf([a, b]).access, false);
  expect([Array.from(merged.order.list), Array.from(merged.order.at), merged.order.taken]).toEqual([[0, 1, 1], [0, 0, 1], [1, 2]]);
  expect(merged.reports.map((r) => r.unit)).toEqual([0, 1, 2]);
});

test("LineNumbers: lines of the input before each unit, counted from the earlier units' reports, restarting per input", async () => {
  const { access, opened } = accessOf([a, b]);
  const numbers = new LineNumbers(plan, [report(0, 2), report(1, 2, 10), report(2, 2)], access);
  expect([await numbers.before(2), await numbers.before(1), await numbers.before(0)]).toEqual([0, 2, 0]);
  expect(opened).toEqual([]); // no file is read when the input's first unit starts at 0
});

test("LineNumbers: a part that starts mid-file counts the lines before it in the file (once), and a unit that owns nothing has none", async () => {
  // A --shard part: its first unit starts at byte 10 of a.txt (two lines before it).
  const part: RunPlan = { inputs: [a], units: [{ input: 0, from: 8, to: 14, whole: false }, { input: 0, from: 14, to: 20, whole: false }] };
  const { access, opened } = accessOf([a]);
  const numbers = new LineNumbers(part, [report(0, 1, 10), report(1, 1, 15)], access);
  expect([await numbers.before(1), await numbers.before(0), await numbers.before(1)]).toEqual([3, 2, 3]);
  expect(opened).toEqual([0]);
  const empty = new LineNumbers(part, [{ unit: 0, lines: 0, bounds: {} }, report(1, 1, 15)], access);
  expect(await empty.before(0)).toBe(0);
});

test("property: mergeSorted of lists ranked lowest first takes the lowest scores first, ties to the earlier unit and line", () => {
  const list = fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.nat(3), fc.nat(3)), { maxLength: 20 });
  fc.assert(fc.property(fc.array(list, { minLength: 1, maxLength: 3 }), fc.nat(40), (parts, limit) => {
    // Each list's rows in units of their own (10·p + u), sorted lowest first.
    const rows = parts.map((part, p) => part.map(([score, u, line], i) => ({ score, unit: 10 * p + u, line: 100 * i + line, p }))
      .sort((x, y) => x.score - y.score || x.unit - y.unit || x.line - y.line));
    const lists = rows.map((part) => kept(part.map(({ score, unit, line }) => [score, unit, line]), true));
    const order = mergeSorted(lists, limit);
    const all = rows.flatMap((part) => part.map((row, i) => ({ ...row, i }))).sort((x, y) => x.score - y.score || x.unit - y.unit || x.line - y.line).slice(0, limit);
    expect(Array.from({ length: order.size }, (_, n) => [order.list[n], order.at[n]])).toEqual(all.map(({ p, i }) => [p, i]));
  }));
});
