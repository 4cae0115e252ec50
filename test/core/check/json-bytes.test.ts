// The byte-level record check (json-bytes.ts) against the check by JSON.parse (parseRecord): it
// may leave a record to JSON.parse, but never accepts one JSON.parse rejects, and finds the same
// id when it accepts. Records are drawn valid and then damaged byte by byte, invalid UTF-8 included.
import fc from "fast-check";
import { acceptRecord, acceptedId } from "../../../src/core/check/json-bytes";
import { parseRecord } from "../../../src/core/check/record";

const encoder = new TextEncoder();

/** acceptRecord on bytes placed inside a larger buffer: the id relative to the record, or undefined when it is not sure. */
function accepted(bytes: Uint8Array): [number, number] | undefined {
  const block = new Uint8Array(bytes.length + 6).fill(0x7d); // '}' around it: never read
  block.set(bytes, 3);
  return acceptRecord(block, 3, 3 + bytes.length) ? [acceptedId.idFrom, acceptedId.idTo] : undefined;
}

const scalar = fc.oneof(
  fc.constantFrom('"x"', '"é✓😀"', '"a\\u00e9\\n\\"\\\\\\/"', "0", "-0.5e3", "12E+2", "1e-0", "true", "false", "null", '""'),
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
);
const blank = fc.constantFrom("", " ", "\t", "\r\n ");
const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, scalar, tie("object"), tie("array")),
  object: fc.array(fc.tuple(fc.constantFrom('"id"', '"a"', '"é"', '"i\\u0064"'), blank, tie("value")), { maxLength: 3 })
    .map((members) => `{${members.map(([k, b, v]) => `${k}${b}:${b}${v}`).join(",")}}`),
  array: fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
})).value as fc.Arbitrary<string>;
const id = fc.oneof(fc.constantFrom('"r-1"', "7", "-0.25", '"\\u0041"', "123456789012345678901234567890"), value);
const record = fc.tuple(blank, fc.array(fc.tuple(fc.constantFrom('"data"', '"b"'), value), { maxLength: 3 }), id, fc.nat(3), blank)
  .map(([b, members, idValue, at, end]) => {
    const all = members.map(([k, v]) => `${k}:${v}`);
    all.splice(Math.min(at, all.length), 0, `"id"${b}:${b}${idValue}`);
    return encoder.encode(`${b}{${all.join(",")}}${end}`);
  });

/** A byte-level damage: replace, insert or delete one byte (any value, so invalid UTF-8 too). */
const damaged = fc.tuple(record, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "insert", "delete", "none"))
  .map(([bytes, where, byte, how]) => {
    const at = bytes.length === 0 ? 0 : where % bytes.length;
    const out = Array.from(bytes);
    if (how === "set") out[at] = byte;
    else if (how === "insert") out.splice(at, 0, byte);
    else if (how === "delete") out.splice(at, 1);
    return Uint8Array.from(out);
  });

test("never accepts a record JSON.parse rejects, and finds the same id when it accepts", () => {
  fc.assert(fc.property(damaged, (bytes) => {
    const found = accepted(bytes);
    if (found === undefined) return;
    const check = parseRecord(bytes);
    expect("problem" in check ? check.problem : [check.idFrom, check.idTo]).toEqual(found);
  }), { numRuns: 20000 });
});

test("accepts the valid records with one plain \"id\" whose value is a string or a number (not vacuous)", () => {
  fc.assert(fc.property(record, (bytes) => {
    const check = parseRecord(bytes);
    const plainId = !("problem" in check);
    expect(accepted(bytes) !== undefined).toBe(plainId);
  }), { numRuns: 3000 });
});

test("examples it turns down, each a record JSON.parse rejects or one it leaves to it", () => {
  const rejects = [
    [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d], // an overlong '/'
    [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], // a surrogate in UTF-8
    [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xf4, 0x90, 0x80, 0x80, 0x22, 0x7d], // past U+10FFFF
    [0xef, 0xbb, 0xbf, ...encoder.encode('{"id":1}')], // a BOM
  ].map((bytes) => Uint8Array.from(bytes));
  const texts = ['{"id":"a\tb"}', '{"id":"\\x"}', '{"id":"\\u12G4"}', '{"id":01}', '{"id":1.}', '{"id":-}', '{"id":1,}',
    '{"id":1 "a":2}', '{"id":tru}', '{"id":1}x', '{"id":1,"id":2}', '{"\\u0069d":1}', '{"id":{}}', "{}", "[1]",
    `{"id":1,"a":${"[".repeat(300)}${"]".repeat(300)}}`];
  for (const bytes of [...rejects, ...texts.map((text) => encoder.encode(text))]) expect(accepted(bytes)).toBeUndefined();
  expect(accepted(encoder.encode(' {"a":[1,{"b":null}],"id" : "x✓"} '))).toEqual([28, 34]);
});

test("a long string is read four bytes at a time: any byte in it, at any place and alignment, is judged as JSON.parse does", () => {
  const text = encoder.encode(`{"id":"x","data":"${"abcdefghij".repeat(4)}"}`);
  const first = text.indexOf(0x62) - 1; // the data string's first byte ("a" of "abc…"; "data" has no "b")
  for (const byte of [0x00, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0x80, 0xc3, 0xff, 0x41]) {
    for (let at = first; at < text.length - 2; at++) {
      for (let shift = 0; shift < 4; shift++) {
        const bytes = new Uint8Array(text.length + shift);
        bytes.set(text, shift);
        bytes[shift + at] = byte;
        const record = bytes.subarray(shift);
        const check = parseRecord(record);
        const expected = "problem" in check ? undefined : [check.idFrom, check.idTo];
        // Accepted exactly when valid (an id of plain text: nothing is left to JSON.parse).
        expect([byte, at, shift, accepted(record)]).toEqual([byte, at, shift, expected]);
      }
    }
  }
});
