// The ScanEngine contract (src/core/scan/engine.ts), as tests that each engine's unit test runs
// against its engine (test/core/scan/js-engine.test.ts, wasm-engine.test.ts): kept rows against a
// naive parse and sort of the same lines, framing faults, kept bytes, line counts, appended rows.
// (That both engines give the same columns field for field: test/core/scan/engines-columns.test.ts.)
import fc from "fast-check";
import { ScanEngine } from "../../src/core/scan/engine";
import { KeptColumns, scoreAt } from "../../src/core/columns/kept";
import { compareRational, rational } from "./rational";

const latin1 = (text: string) => Buffer.from(text, "latin1");

/** What a line holds for the naive reading: its score's text and where its score and record are, or undefined when blank. */
function parseLine(line: string): { score: string } | undefined {
  if (/^[ \t\r]*$/.test(line)) return undefined;
  const match = /^[ \t]*([+-]?[0-9][0-9.eE+-]*?)[ \t]*:/.exec(line);
  if (!match) throw new Error(`the generator made a bad line: ${line}`);
  return { score: match[1] };
}

/** A score as SPEC prints it: an integer's value; a decimal as written less a '+' and its integer part's leading zeros; any zero 0. */
function printed(score: string): string {
  if (/^[+-]?[0-9]+$/.test(score)) return BigInt(score).toString();
  if (rational(score).numerator === 0n) return "0";
  return score.replace(/^\+/, "").replace(/^(-?)0+(?=[0-9])/, "$1");
}

interface Row { value: string; unit: number; line: number; offset: number; length: number }

/** The naive answer: every scored line of every unit, by exact value (negated for lowest), ties to the earlier unit and line. */
function naive(units: string[][], count: number, lowest: boolean, offsets: number[]): Row[] {
  const rows: Row[] = [];
  units.forEach((lines, unit) => {
    let offset = offsets[unit];
    lines.forEach((line, i) => {
      const parsed = parseLine(line);
      if (parsed) rows.push({ value: printed(parsed.score), unit, line: i + 1, offset, length: line.replace(/\r$/, "").length });
      offset += line.length + 1;
    });
  });
  const sign = lowest ? -1 : 1;
  return rows.sort((a, b) => -sign * compareRational(rational(a.value), rational(b.value)) || a.unit - b.unit || a.line - b.line).slice(0, count);
}

/** Scans units (lines joined by '\n', the last with or without one), each in pieces split at line ends. */
function scanUnits(engine: ScanEngine, units: string[][], offsets: number[], splits: number[], keep: (unit: number) => boolean): void {
  units.forEach((lines, unit) => {
    engine.beginUnit(unit, keep(unit));
    let offset = offsets[unit];
    const pieces: string[][] = [[]];
    lines.forEach((line, i) => { pieces[pieces.length - 1].push(line); if (splits[i % splits.length] === 0) pieces.push([]); });
    pieces.forEach((piece, p) => {
      if (piece.length === 0) return;
      const last = p === pieces.length - 1 || pieces.slice(p + 1).every((rest) => rest.length === 0);
      const text = piece.join("\n") + (last ? "" : "\n");
      const view = engine.reserve(text.length);
      view.set(latin1(text));
      expect(engine.scan(0, text.length, offset)).toBeNull();
      offset += text.length;
    });
  });
}

function rowsOf(columns: KeptColumns): Row[] {
  return Array.from({ length: columns.count }, (_, r) => {
    const score = scoreAt(columns, r);
    return { value: typeof score === "bigint" ? score.toString() : score.text, unit: columns.units[r], line: columns.lines[r], offset: columns.offsets[r], length: columns.lengths[r] };
  });
}

function expectRows(got: Row[], expected: Row[]): void {
  expect(got).toEqual(expected);
}

const integer = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }).map(String),
  fc.bigInt({ min: 2n ** 53n - 2n, max: 2n ** 53n + 2n }).map(String),
  fc.constantFrom("+7", "-0", "007", "999999999999999999", "1000000000000000000", "-999999999999999999"),
);
const decimal = fc.tuple(fc.constantFrom("", "-", "+"), fc.integer({ min: 0, max: 99 }), fc.option(fc.integer({ min: 0, max: 99 })), fc.option(fc.integer({ min: -20, max: 20 })))
  .map(([sign, i, f, e]) => `${sign}${i}${f === null ? "" : `.${f}`}${e === null ? "" : `e${e}`}`);
const blank = fc.constantFrom("", " ", "\t \r", "\r");
const line = (score: fc.Arbitrary<string>) => fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom("", " ", "\t"), score, fc.constantFrom("", " ", "\t "), fc.constantFrom("", "\r"), fc.nat(99))
    .map(([lead, s, gap, cr, id]) => `${lead}${s}${gap}:{"id":${id}}${cr}`) },
  { weight: 1, arbitrary: blank },
);
const units = (score: fc.Arbitrary<string>) => fc.array(fc.array(line(score), { maxLength: 25 }), { minLength: 1, maxLength: 3 });

/** The contract, run against engines made by `create`. */
export function engineContract(create: () => ScanEngine): void {
  test("property: the kept rows are the naive parse and sort's best `count` (or lowest), with units, lines, offsets and lengths", () => {
    fc.assert(fc.property(units(integer), fc.oneof(fc.nat(12), fc.constant(Infinity)), fc.boolean(), fc.array(fc.nat(3), { minLength: 1, maxLength: 5 }),
      (unitLines, count, lowest, splits) => {
        const offsets = unitLines.map((_, u) => 1000 * u);
        const engine = create();
        engine.configure(count, lowest);
        scanUnits(engine, unitLines, offsets, splits, () => false);
        const columns = engine.finish();
        expect(columns.lowestFirst === true).toBe(lowest);
        expectRows(rowsOf(columns), naive(unitLines, count, lowest, offsets));
      }), { numRuns: 150 });
  });

  test("property: with decimal scores, by exact value, each printed as written less a '+' and the integer part's leading zeros", () => {
    fc.assert(fc.property(units(fc.oneof(integer, decimal)), fc.oneof(fc.nat(12), fc.constant(Infinity)), fc.boolean(), (unitLines, count, lowest) => {
      const offsets = unitLines.map(() => 0);
      const engine = create();
      engine.configure(count, lowest, true);
      scanUnits(engine, unitLines, offsets, [1], () => false);
      expectRows(rowsOf(engine.finish()), naive(unitLines, count, lowest, offsets));
    }), { numRuns: 100 });
  });

  test("framing faults: the first bad line's kind, its unit-local line number and where it starts in the view", () => {
    const fault = (text: string, decimal = false, before = "1:{}\n\n") => {
      const engine = create();
      engine.configure(10, false, decimal);
      engine.beginUnit(0, false);
      const all = before + text;
      engine.reserve(all.length).set(latin1(all));
      return engine.scan(0, all.length, 0);
    };
    const at = "1:{}\n\n".length;
    expect(fault('abc:{"id":1}\n')).toEqual({ line: 3, kind: "score", start: at });
    expect(fault('  5 {"id":1}\n')).toEqual({ line: 3, kind: "colon", start: at });
    expect(fault("5\n")).toEqual({ line: 3, kind: "colon", start: at });
    expect(fault("5x:{}\n")).toEqual({ line: 3, kind: "score", start: at });
    expect(fault("5.5:{}\n")).toEqual({ line: 3, kind: "decimal", start: at });
    expect(fault("5.:{}\n", true)).toEqual({ line: 3, kind: "number", start: at });
    expect(fault("1e99999999999:{}\n", true)).toEqual({ line: 3, kind: "exponent", start: at });
    expect(fault("5:{}\nx:{}\ny:{}\n", false, "")).toEqual({ line: 2, kind: "score", start: 5 });
  });

  test("linesSeen counts every line of the unit, blank ones too, and restarts at each unit", () => {
    const engine = create();
    engine.configure(5);
    engine.beginUnit(0, false);
    const text = "1:{}\n\n \r\n2:{}\n";
    engine.reserve(text.length).set(latin1(text));
    engine.scan(0, text.length, 0);
    expect(engine.linesSeen()).toBe(4);
    engine.beginUnit(1, false);
    expect(engine.linesSeen()).toBe(0);
  });

  test("keptBytes: a kept line's bytes (without its ending) for units begun with keepLines, else undefined", () => {
    const engine = create();
    engine.configure(10);
    const units = [["3:{\"a\":1}\r", "9:{\"b\":2}"], ["5:{\"c\":3}", " 7 :{\"d\":4}"]];
    scanUnits(engine, units, [0, 0], [1], (unit) => unit === 1);
    const columns = engine.finish();
    const got = rowsOf(columns).map((row, r) => [row.value, engine.keptBytes(r) && latin1String(engine.keptBytes(r)!)]);
    expect(got).toEqual([["9", undefined], ["7", ' 7 :{"d":4}'], ["5", '5:{"c":3}'], ["3", undefined]]);
  });

  test("appendedRows: the lines kept so far in file order until the count is reached, then -1; appendedLines gives their offsets and lengths", () => {
    const engine = create();
    engine.configure(3);
    engine.beginUnit(0, false);
    const first = "5:{}\n\n70:{}\r\n";
    engine.reserve(first.length).set(latin1(first));
    engine.scan(0, first.length, 100);
    expect(engine.appendedRows()).toBe(2);
    const offsets = new Float64Array(2), lengths = new Int32Array(2);
    engine.appendedLines(0, 2, offsets, lengths);
    expect([[...offsets], [...lengths]]).toEqual([[100, 106], [4, 5]]);
    const more = "1:{}\n2:{}\n";
    engine.reserve(more.length).set(latin1(more));
    engine.scan(0, more.length, 100 + first.length);
    expect(engine.appendedRows()).toBe(-1);
  });
}

function latin1String(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}
