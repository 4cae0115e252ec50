// checkRecord against a reference: a small recursive-descent JSON parser written here, which
// notes where each top-level member's value is. Records are drawn to reach both of
// checkRecord's ways (the literal "id" shortcut and the walk): escaped keys, an "id" string
// as a value, nested ids, duplicates, ids of every type, multi-byte text, invalid JSON.
import fc from "fast-check";
import { RecordCheck, checkRecord } from "../../../src/core/check/record";

/** The reference: the record's id as checkRecord should report it, by parsing the text itself. */
function reference(text: string): RecordCheck {
  let i = 0;
  const fail = (): never => { throw new SyntaxError(); };
  const blanks = () => { while (" \t\n\r".includes(text[i] ?? "x")) i++; };
  const string = (): string => {
    if (text[i] !== '"') fail();
    const from = i;
    for (i++; text[i] !== '"'; i++) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") i++;
    }
    i++;
    return JSON.parse(text.slice(from, i)); // decodes the escapes (and rejects bad ones)
  };
  const value = (): void => {
    blanks();
    const c = text[i];
    if (c === "{") {
      i++; blanks();
      if (text[i] === "}") { i++; return; }
      for (;;) { blanks(); string(); blanks(); if (text[i++] !== ":") fail(); value(); blanks(); if (text[i] === "}") { i++; return; } if (text[i++] !== ",") fail(); }
    }
    if (c === "[") {
      i++; blanks();
      if (text[i] === "]") { i++; return; }
      for (;;) { value(); blanks(); if (text[i] === "]") { i++; return; } if (text[i++] !== ",") fail(); }
    }
    if (c === '"') { string(); return; }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    blanks();
    if (text[i] !== "{") {
      value(); blanks(); if (i !== text.length) fail();
      return { problem: "record is not a JSON object" };
    }
    const ids: Array<[number, number]> = [];
    i++; blanks();
    if (text[i] !== "}") {
      for (;;) {
        blanks(); const key = string(); blanks(); if (text[i++] !== ":") fail(); blanks();
        const from = i; value();
        if (key === "id") ids.push([from, i]);
        blanks(); if (text[i] === "}") break; if (text[i++] !== ",") fail();
      }
    }
    i++; blanks(); if (i !== text.length) fail();
    if (ids.length === 0) return { problem: 'record has no "id"' };
    if (ids.length > 1) return { problem: 'record has more than one "id"' };
    const [from, to] = ids[0];
    if (!/^["\-0-9]/.test(text[from])) return { problem: "id is not a string or a number" };
    const bytes = (s: string) => Buffer.byteLength(s, "utf8");
    return { idFrom: bytes(text.slice(0, from)), idTo: bytes(text.slice(0, to)) };
  } catch {
    return { problem: "record is not valid JSON" };
  }
}

const key = fc.constantFrom('"id"', '"\\u0069d"', '"i\\u0064"', '"idx"', '"Id"', '"data"', '"x\\"id\\""', '"é"', '"a"');
const scalar = fc.oneof(
  fc.constantFrom('"id"', '"x\\\\"', '"\\"id\\""', '"é✓😀"', '"a\\u00e9"', "12", "-0.5e3", "123456789012345678901234567890", "true", "null", '""'),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const blank = fc.constantFrom("", " ", "\t", " \r\n ");
const valueText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("object"), tie("array")),
  object: fc.array(fc.tuple(blank, key, blank, tie("value")), { maxLength: 4 })
    .map((members) => `{${members.map(([b, k, c, v]) => `${b}${k}${c}:${v}`).join(",")}}`),
  array: fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
})).value as fc.Arbitrary<string>;

/** Records: objects of drawn members (an id among them or not), sometimes damaged. */
const record = fc.tuple(
  fc.array(fc.tuple(blank, key, blank, valueText), { maxLength: 5 }), blank,
  fc.constantFrom("", "", "", "cut", "trail", "comma", "array"),
).map(([members, end, damage]) => {
  const text = `${end}{${members.map(([b, k, c, v]) => `${b}${k}${c}:${v}`).join(",")}}${end}`;
  if (damage === "cut") return text.slice(0, Math.max(1, text.length - 2));
  if (damage === "trail") return `${text} 1`;
  if (damage === "comma") return text.replace("}", ",}");
  if (damage === "array") return `[${text}]`;
  return text;
});

test("checkRecord agrees with a reference parser (both ways: the literal id and the walk)", () => {
  const encoder = new TextEncoder();
  fc.assert(fc.property(record, (text) => {
    expect(checkRecord(encoder.encode(text))).toEqual(reference(text));
  }), { numRuns: 3000 });
});

test("the drawn records reach every outcome (so the property is not vacuous)", () => {
  const encoder = new TextEncoder();
  const seen = new Set<string>();
  fc.assert(fc.property(record, (text) => {
    const found = checkRecord(encoder.encode(text));
    seen.add("problem" in found ? found.problem : text.includes("\\") || text.split('"id"').length > 2 ? "id, walked" : "id, literal");
  }), { numRuns: 3000 });
  expect([...seen].sort()).toEqual([
    "id is not a string or a number", "id, literal", "id, walked", "record has more than one \"id\"",
    "record has no \"id\"", "record is not a JSON object", "record is not valid JSON",
  ]);
});

test("examples: an escaped key is the id; an \"id\" string elsewhere is not", () => {
  const at = (text: string) => {
    const found = checkRecord(new TextEncoder().encode(text));
    return "problem" in found ? found.problem : text.slice(found.idFrom, found.idTo);
  };
  expect(at('{"\\u0069d":1,"a":{"id":2}}')).toBe("1");
  expect(at('{"a":"id","id" : "x"}')).toBe('"x"');
  expect(at('{"a":{"id":2}}')).toBe('record has no "id"');
  expect(at('{"id":1,"\\u0069d":2}')).toBe('record has more than one "id"');
  expect(at('{"id":[1]}')).toBe("id is not a string or a number");
  expect(at('{"id":-12.5e3 }')).toBe("-12.5e3");
});
