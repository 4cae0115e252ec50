// columns/score-class.ts: the score classes as the engines and the columns number them. Code relies on
// their order: kept.ts negates a class as NEGATIVE + POSITIVE - class, js-heap.ts tells decimals by
// `>= CLASS_DECIMAL_NEGATIVE` and integers by `<= CLASS_BIG_POSITIVE`, and the core (assembly/) uses the same numbers.
import * as fs from "node:fs";
import * as path from "node:path";
import * as classes from "../../../src/core/columns/score-class";

const { CLASS_BIG_NEGATIVE, CLASS_FIT, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_DECIMAL_POSITIVE } = classes;

test("integer classes are ordered as their scores are: every big negative < every fitting score < every big positive", () => {
  expect(CLASS_BIG_NEGATIVE).toBeLessThan(CLASS_FIT);
  expect(CLASS_FIT).toBeLessThan(CLASS_BIG_POSITIVE);
});

test("decimal classes come after every integer class, and each sign's mirror is NEGATIVE + POSITIVE - class", () => {
  expect(CLASS_DECIMAL_NEGATIVE).toBeGreaterThan(CLASS_BIG_POSITIVE);
  expect(CLASS_DECIMAL_POSITIVE).toBeGreaterThan(CLASS_DECIMAL_NEGATIVE);
  expect(CLASS_BIG_NEGATIVE + CLASS_BIG_POSITIVE - CLASS_BIG_NEGATIVE).toBe(CLASS_BIG_POSITIVE);
  expect(CLASS_DECIMAL_NEGATIVE + CLASS_DECIMAL_POSITIVE - CLASS_DECIMAL_POSITIVE).toBe(CLASS_DECIMAL_NEGATIVE);
  expect(new Set(Object.values(classes)).size).toBe(5);
  expect(Object.values(classes).every((value) => Number.isInteger(value) && value >= 0 && value < 256)).toBe(true); // a Uint8Array column
});

test("the core numbers its classes the same (assembly/)", () => {
  const assembly = path.join(__dirname, "..", "..", "..", "assembly");
  const source = fs.readdirSync(assembly, { recursive: true }).filter((f) => String(f).endsWith(".ts"))
    .map((f) => fs.readFileSync(path.join(assembly, String(f)), "utf8")).join("\n");
  for (const [name, value] of Object.entries(classes)) {
    const found = new RegExp(`export const ${name}\\s*(?::\\s*\\w+)?\\s*=\\s*(\\d+)`).exec(source);
    expect([name, found && Number(found[1])]).toEqual([name, value]);
  }
});
