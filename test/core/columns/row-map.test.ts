// Structures indexed by kept row, past 2^24 rows (a JavaScript Map holds at most 2^24 entries,
// and threw "Map maximum size exceeded": exit 3 with tens of millions of winners). Each test
// drives the real structure directly with compact values (the same few values in every row),
// and looks at the ends and a few places in between.
import { JsEngine } from "../../../src/core/scan/js-engine";
import { KeptColumns, gatherColumns, scoreAt, sliceColumns } from "../../../src/core/columns/kept";
import { Precheck } from "../../../src/core/check/precheck";
import { ScanEngine } from "../../../src/core/scan/engine";
import { newRowMap, rowDelete, rowGet, rowSet } from "../../../src/core/columns/row-map";

const ROWS = 2 ** 24 + 2;
/** Rows worth looking at: the ends, page edges and both sides of 2^24. */
const PROBES = [0, 1, 2, 3, 4095, 4096, 65536, 2 ** 24 - 1, 2 ** 24, ROWS - 1];

test("a RowMap holds more than 2^24 rows", () => {
  const map = newRowMap<number>();
  for (let row = 0; row < ROWS; row++) rowSet(map, row, row & 7);
  expect(map.size).toBe(ROWS);
  for (const row of PROBES) expect(rowGet(map, row)).toBe(row & 7);
  expect(rowGet(map, ROWS)).toBeUndefined();
  rowSet(map, 2 ** 24, 9); // a second set of a row replaces its value
  rowDelete(map, 1);
  rowDelete(map, 1);
  expect([map.size, rowGet(map, 2 ** 24), rowGet(map, 1), rowGet(map, 2)]).toEqual([ROWS - 1, 9, undefined, 2]);
  rowSet(map, 2 ** 32 - 1, 5); // the last row number, far past the rest
  expect([map.size, rowGet(map, 2 ** 32 - 1), rowGet(map, 2 ** 32 - 2)]).toEqual([ROWS, 5, undefined]);
});

test("kept columns gathered and sliced with more than 2^24 big scores", () => {
  // Four rows whose scores do not fit (the js engine keeps them as bigints), gathered into ROWS rows.
  const scores = [10n ** 20n, 2n ** 64n, -(10n ** 20n), 2n ** 63n];
  const engine = new JsEngine();
  engine.configure(scores.length);
  engine.beginUnit(0, false);
  const text = new TextEncoder().encode(scores.map((score) => `${score}:{"id":1}\n`).join(""));
  engine.reserve(text.length).set(text);
  expect(engine.scan(0, text.length, 0)).toBeNull();
  const four = engine.finish();
  const order = new Uint32Array(ROWS);
  for (let r = 0; r < ROWS; r++) order[r] = r & 3;
  const gathered = gatherColumns(four, order);
  expect(gathered.big.size).toBe(ROWS);
  for (const r of PROBES) expect(scoreAt(gathered, r)).toBe(scoreAt(four, r & 3));
  const sliced = sliceColumns(gathered, 1, ROWS);
  expect([sliced.count, sliced.big.size]).toEqual([ROWS - 1, ROWS - 1]);
  for (const r of PROBES.filter((r) => r < ROWS - 1)) expect(scoreAt(sliced, r)).toBe(scoreAt(four, (r + 1) & 3));
});

test("the precheck notes more than 2^24 invalid records, and names the first in file order", () => {
  // An engine that appends rows 2^20 at a time, every one the same invalid line "1:1".
  const line = new TextEncoder().encode("1:1\n");
  let rows = 0;
  const engine = {
    appendedRows: () => rows,
    appendedLines(from: number, to: number, offsets: Float64Array, lengths: Int32Array) {
      offsets.fill(0, 0, to - from);
      lengths.fill(3, 0, to - from);
    },
  } as unknown as ScanEngine;
  const precheck = new Precheck(engine, false);
  while (rows < ROWS) {
    rows = Math.min(ROWS, rows + 2 ** 20);
    precheck.afterScan(line, 0, line.length, 0);
  }
  // Best first is the reverse of file order: file row f (line f + 1) is rank row ROWS - 1 - f.
  const fileRows = new Uint32Array(ROWS);
  const lines = new Float64Array(ROWS);
  for (let r = 0; r < ROWS; r++) {
    fileRows[r] = ROWS - 1 - r;
    lines[r] = ROWS - r;
  }
  const kept = { count: ROWS, fileRows, lines, units: new Int32Array(ROWS) } as unknown as KeptColumns;
  const prechecked = precheck.result(kept)!;
  const fault = (take: number) => prechecked.rows(kept, take).fault;
  const problem = 'record is not a JSON object: "1:1"';
  expect(fault(ROWS)).toEqual({ unit: 0, line: 1, problem });
  expect(fault(2)).toEqual({ unit: 0, line: ROWS - 1, problem });
  expect(fault(2 ** 24 + 1)).toEqual({ unit: 0, line: 2, problem });
  expect(fault(0)).toBeUndefined();
});
