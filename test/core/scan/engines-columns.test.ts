// Both engines follow one score policy (scan/core-abi.ts FIT_DIGITS): the same input gives the
// same columns from each, field for field, whether the count is reached (a heap) or not (file
// order), so the merge, the check and the output take their paths by the scores, not the engine.
import * as fs from "node:fs";
import * as path from "node:path";
import { createEngine } from "../../../src/node/core-file";
import { KeptColumns, scoreAt } from "../../../src/core/columns/kept";
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_FIT } from "../../../src/core/columns/score-class";
import { FIT_DIGITS } from "../../../src/core/scan/core-abi";
import { seededUnit } from "../../helpers/prng";

/** Scores around every edge: 2^53, 10^16 .. 10^18, ties of numbers that round to one double. */
const EDGES = [
  "0", "-0", "1", "-1", "9007199254740991", "-9007199254740991", "9007199254740992", "9007199254740993",
  "-9007199254740993", "9999999999999999", "10000000000000000", "99999999999999999", "100000000000000000",
  "100000000000000001", "100000000000000002", "-100000000000000001", "999999999999999999", "-999999999999999999",
  "1000000000000000000", "-1000000000000000000", "0000000000000000000123", "18446744073709551616",
];

function scan(kind: "js" | "wasm", text: string, count: number): KeptColumns {
  const engine = createEngine(kind);
  const bytes = Buffer.from(text);
  engine.configure(count);
  engine.beginUnit(0, false);
  const view = engine.reserve(bytes.length);
  view.set(bytes);
  expect(engine.scan(0, bytes.length, 0)).toBeNull();
  return engine.finish();
}

/** Every column as plain arrays; a big score as text (its high and low words mean nothing, shown as 0). */
function plain(columns: KeptColumns) {
  const fit = (r: number) => columns.classes[r] === CLASS_FIT;
  const big = Array.from({ length: columns.count }, (_, r) => (fit(r) ? "" : String(scoreAt(columns, r))));
  return {
    classes: [...columns.classes], big,
    high: [...columns.high].map((word, r) => (fit(r) ? word : 0)), low: [...columns.low].map((word, r) => (fit(r) ? word : 0)),
    units: [...columns.units], lines: [...columns.lines], offsets: [...columns.offsets], lengths: [...columns.lengths],
    fileRows: columns.fileRows ? [...columns.fileRows] : undefined,
  };
}

function randomText(seed: number, lines: number): string {
  const random = seededUnit(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const pick = random();
    let score: string;
    if (pick < 0.5) score = EDGES[Math.floor(random() * EDGES.length)];
    else {
      const digits = 1 + Math.floor(random() * 20);
      score = (random() < 0.3 ? "-" : "") + Array.from({ length: digits }, () => Math.floor(random() * 10)).join("");
    }
    out.push(`${score}:{"id":${i}}\n`);
  }
  return out.join("");
}

test("the fast-path limit is the core's own (assembly/bigscore.ts FIT_DIGITS)", () => {
  const source = fs.readFileSync(path.join(__dirname, "..", "..", "..", "assembly", "bigscore.ts"), "utf8");
  expect(/export const FIT_DIGITS: i32 = (\d+);/.exec(source)?.[1]).toBe(String(FIT_DIGITS));
});

test("scores of up to FIT_DIGITS digits are CLASS_FIT in both engines, longer ones big", () => {
  const text = EDGES.map((score, i) => `${score}:{"id":${i}}\n`).join("");
  for (const kind of ["js", "wasm"] as const) {
    const columns = scan(kind, text, Infinity);
    const classOf = new Map<number, number>();
    for (let r = 0; r < columns.count; r++) classOf.set(columns.lines[r], columns.classes[r]);
    EDGES.forEach((score, i) => {
      const digits = score.replace(/^[-+]?0*/, "");
      const expected = digits.length <= FIT_DIGITS ? CLASS_FIT : score.startsWith("-") ? CLASS_BIG_NEGATIVE : CLASS_BIG_POSITIVE;
      expect({ kind, score, class: classOf.get(i + 1) }).toEqual({ kind, score, class: expected });
    });
  }
});

test("both engines give the same columns, in file order and as a heap", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const lines = 5 + seed * 7;
    const text = randomText(seed, lines);
    for (const count of [0, 1, 3, Math.floor(lines / 2), lines - 1, lines, Infinity]) {
      const js = scan("js", text, count);
      const wasm = scan("wasm", text, count);
      expect({ seed, count, ...plain(js) }).toEqual({ seed, count, ...plain(wasm) });
    }
  }
});
