// output/format.ts: each row as a fragment; open + fragments (the last without its separator) + close is the output.
import { ByteWriter } from "../../../src/core/output/byte-writer";
import { OutputFormat, formatPieces, winnerRows, writeFragment } from "../../../src/core/output/format";
import { DecimalWinner } from "../../../src/core/model/winner";

const encoder = new TextEncoder();
const winners: DecimalWinner[] = [
  { score: 123n, idJson: '"a"', id: "a", input: "in.txt", line: 4, offset: 0, text: encoder.encode('123:{"id":"a"}'), record: '{"id":"a"}' },
  { score: -(2n ** 70n), idJson: "7", id: 7, input: 'dir/"q"é', line: 1, offset: 9, text: encoder.encode("-1180591620717411303424 : {\"id\":7} "), record: '{"id":7}' },
  { score: "7.50e-3", idJson: '"\\u00e9"', id: "é", input: "-", line: 12, offset: 30, text: encoder.encode('7.50e-3:{"id":"\\u00e9", "x":[1]}'), record: '{"id":"\\u00e9", "x":[1]}' },
];

/** The output as format.ts lays it out: open, each row's fragment, the last one's separator dropped, close. */
function output(rows: DecimalWinner[], format: OutputFormat): string {
  const p = formatPieces(format);
  const out = new ByteWriter(16);
  out.piece(p.open);
  const list = winnerRows(rows);
  for (let row = 0; row < list.size; row++) writeFragment(list, row, format, p, out);
  out.drop(p.separator);
  out.piece(p.close);
  return Buffer.concat(out.take(true)).toString("utf8");
}

/** What JSON.stringify prints for the winners as SPEC's objects, with each score and id written exactly as given. */
function expectedJson(rows: DecimalWinner[], format: OutputFormat, space?: number): string {
  const marks: string[] = [];
  const mark = (text: string) => `@@${marks.push(text) - 1}@@`;
  const objects = rows.map((w) => ({
    score: mark(w.score.toString()), id: mark(w.idJson),
    ...(format.locations ? { input: w.input, line: w.line } : {}), ...(format.records ? { record: mark(w.record!) } : {}),
  }));
  return JSON.stringify(objects, null, space).replace(/"@@(\d+)@@"/g, (_, i) => marks[Number(i)]) + "\n";
}

test("pretty output is JSON.stringify(value, null, 2) with exact scores and ids as written", () => {
  expect(output(winners, {})).toBe(expectedJson(winners, {}, 2));
  expect(output(winners, { locations: true, records: true })).toBe(expectedJson(winners, { locations: true, records: true }, 2));
  expect(output(winners.slice(0, 1), {})).toBe('[\n  {\n    "score": 123,\n    "id": "a"\n  }\n]\n');
});

test("compact output is JSON on one line, with the same fields", () => {
  for (const format of [{ compact: true }, { compact: true, locations: true }, { compact: true, records: true }, { compact: true, locations: true, records: true }]) {
    expect(output(winners, format)).toBe(expectedJson(winners, format));
  }
  expect(output(winners.slice(0, 1), { compact: true, locations: true })).toBe('[{"score":123,"id":"a","input":"in.txt","line":4}]\n');
});

test("--lines: each winner's line verbatim and a newline, nothing around them, whatever else is asked", () => {
  const lines = winners.map((w) => Buffer.from(w.text!).toString() + "\n").join("");
  expect(output(winners, { lines: true })).toBe(lines);
  expect(output(winners, { lines: true, compact: true, locations: true, records: true })).toBe(lines);
});

test("a fragment ends with its separator, so fragments formatted apart join by copying", () => {
  for (const format of [{}, { compact: true }, { lines: true }] as OutputFormat[]) {
    const p = formatPieces(format);
    const out = new ByteWriter();
    const list = winnerRows(winners);
    const ends: number[] = [];
    for (let row = 0; row < list.size; row++) { writeFragment(list, row, format, p, out); ends.push(out.length); }
    const all = Buffer.concat(out.take(true));
    const separator = all.subarray(ends[0] - p.separator, ends[0]).toString();
    expect(separator).toBe(format.lines ? "" : format.compact ? "," : ",\n");
    expect(all.subarray(ends[1] - p.separator, ends[1]).toString()).toBe(separator);
  }
});

test("winnerRows reads the winners: scores as printed, ids and records as UTF-8, the input's name as a JSON string", () => {
  const rows = winnerRows(winners);
  const written = (write: (out: ByteWriter) => void) => { const out = new ByteWriter(); write(out); return Buffer.concat(out.take(true)).toString(); };
  expect(rows.size).toBe(3);
  expect([0, 1, 2].map((r) => written((out) => rows.writeScore(r, out)))).toEqual(["123", "-1180591620717411303424", "7.50e-3"]);
  expect(written((out) => rows.writeInput(1, out))).toBe('"dir/\\"q\\"é"');
  expect(written((out) => rows.writeId(2, out))).toBe('"\\u00e9"');
  expect(written((out) => rows.writeRecord(2, out))).toBe('{"id":"\\u00e9", "x":[1]}');
  expect([0, 1, 2].map((r) => rows.lineNumber(r))).toEqual([4, 1, 12]);
});
