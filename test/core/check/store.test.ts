// The check store (src/core/check/store.ts): rows added in any order give their ids (and with
// --lines their lines) by row; the fault reported for a prefix of rows is the first invalid
// record in input order among them only; a store filled in file order and renumbered best
// first (the precheck's way) gives what a store filled in rank order gives.
import { CheckStore, CheckedRows } from "../../../src/core/check/store";
import { KeptColumns } from "../../../src/core/columns/kept";

const encoder = new TextEncoder();
const utf8 = new TextDecoder();

/** Rows in rank order: the line, and where it is (unit, line). */
const LINES = [
  { text: '9: {"id": "a"}', unit: 1, line: 4 },
  { text: "8: not json", unit: 1, line: 2 },
  { text: '7: {"id": 17}', unit: 0, line: 9 },
  { text: "6: [1]", unit: 0, line: 3 },
  { text: '5: {"x": 1, "id": "e"}', unit: 0, line: 1 },
];
const kept = {
  count: LINES.length, units: Int32Array.from(LINES, (l) => l.unit), lines: Float64Array.from(LINES, (l) => l.line),
} as unknown as KeptColumns;

/** Adds rank row `row` to the store as `slot`. */
function add(store: CheckStore, slot: number, row: number): void {
  const bytes = encoder.encode(`${LINES[row].text}\n`);
  const end = bytes.length - 1;
  store.add(slot, bytes, 0, bytes.indexOf(0x3a) + 1, end);
}

const idOf = (rows: CheckedRows, r: number) => utf8.decode(rows.idBytes.subarray(rows.idStart[r], rows.idStart[r] + rows.idLength[r]));
const textOf = (rows: CheckedRows, r: number) => utf8.decode(rows.textBytes!.subarray(rows.textStart![r], rows.textStart![r] + LINES[r].text.length));

test("rows added in another order than their rows give their ids and lines by row", () => {
  const store = new CheckStore(1, true); // room for one row: reserve() grows it
  store.reserve(LINES.length);
  for (const row of [4, 2, 0]) add(store, row, row);
  const rows = store.rows(kept, LINES.length);
  expect(rows.count).toBe(LINES.length);
  expect([idOf(rows, 0), idOf(rows, 2), idOf(rows, 4)]).toEqual(['"a"', "17", '"e"']);
  expect([textOf(rows, 0), textOf(rows, 4)]).toEqual([LINES[0].text, LINES[4].text]);
});

test("the fault of a prefix is the first invalid record in input order among its rows", () => {
  const store = new CheckStore(LINES.length, false);
  for (let row = 0; row < LINES.length; row++) add(store, row, row);
  // Rows 1 (unit 1, line 2) and 3 (unit 0, line 3) are invalid: row 3 comes first in input order.
  expect(store.rows(kept, 5).fault).toEqual({ unit: 0, line: 3, problem: 'record is not a JSON object: "6: [1]"' });
  expect(store.rows(kept, 3).fault).toEqual({ unit: 1, line: 2, problem: 'record is not valid JSON: "8: not json"' });
  expect(store.rows(kept, 1).fault).toBeUndefined();
  expect(store.rows(kept, 1).textBytes).toBeUndefined();
});

test("a store filled in file order and renumbered best first equals one filled best first", () => {
  // File order of the rank rows, by (unit, line): 4, 3, 2, 1, 0; fileRows[r] is rank row r's place in it.
  const fileOrder = [4, 3, 2, 1, 0];
  const fileRows = new Uint32Array(LINES.length);
  fileOrder.forEach((row, place) => { fileRows[row] = place; });
  const byFile = new CheckStore(2, true);
  byFile.reserve(LINES.length);
  fileOrder.forEach((row, place) => add(byFile, place, row));
  byFile.renumber(fileRows, LINES.length);
  const byRank = new CheckStore(LINES.length, true);
  for (let row = 0; row < LINES.length; row++) add(byRank, row, row);
  for (const take of [0, 1, 2, 4, 5]) {
    const [a, b] = [byFile.rows(kept, take), byRank.rows(kept, take)];
    expect(a.fault).toEqual(b.fault);
    for (const r of [0, 2, 4].filter((r) => r < take)) {
      expect([idOf(a, r), textOf(a, r)]).toEqual([idOf(b, r), textOf(b, r)]);
    }
  }
});

test("a fault noted from outside the rows (--strict) is reported when it comes first in input order, else the rows' first", () => {
  const withNoted = (unit: number, line: number) => {
    const store = new CheckStore(LINES.length, false);
    for (let row = 0; row < LINES.length; row++) add(store, row, row);
    store.noteFault({ unit, line, problem: "noted" });
    return store.rows(kept, LINES.length).fault;
  };
  // The rows' first invalid record in input order is rank row 3 (unit 0, line 3).
  expect(withNoted(0, 2)).toEqual({ unit: 0, line: 2, problem: "noted" });
  expect(withNoted(0, 4)?.line).toBe(3);
  expect(withNoted(1, 1)?.line).toBe(3);
  const alone = new CheckStore(0, false);
  alone.noteFault({ unit: 2, line: 5, problem: "noted" });
  expect(alone.rows(kept, 0).fault).toEqual({ unit: 2, line: 5, problem: "noted" });
});
