// model/winner.ts: a winner's id as a JS value, from its JSON text as written.
import fc from "fast-check";
import { idValue } from "../../../src/core/model/winner";

test("a string id loses its quotes, escapes decoded; a number id is a number", () => {
  expect(idValue('"abc"')).toBe("abc");
  expect(idValue('""')).toBe("");
  expect(idValue('"a\\"b\\u00e9\\n"')).toBe('a"bé\n');
  expect(idValue("42")).toBe(42);
  expect(idValue("-1.5e3")).toBe(-1500);
  expect(idValue("12345678901234567890")).toBe(12345678901234567000); // beyond 2^53: digits lost (use idJson)
});

test("property: idValue is JSON.parse for the ids records hold (strings and numbers)", () => {
  const id = fc.oneof(fc.string({ unit: "binary" }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  fc.assert(fc.property(id, (value) => {
    const json = JSON.stringify(value);
    expect(idValue(json)).toEqual(JSON.parse(json));
  }));
});
