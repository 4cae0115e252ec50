// output/byte-writer.ts: output built as bytes in blocks, taken by the caller as they fill.
import fc from "fast-check";
import { ByteWriter } from "../../../src/core/output/byte-writer";

const text = (blocks: Uint8Array[]) => Buffer.concat(blocks).toString("latin1");
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

test("integers in decimal as String() writes them, at every digit count and past 10^8", () => {
  const values = [0, 1, 9, 10, 99, 100, 12345, 99999999, 1e8, 100000001, 123456789012, 2 ** 32, 2 ** 53 - 1];
  for (let digits = 1; digits <= 15; digits++) values.push(10 ** (digits - 1), 10 ** digits - 1); // 10^16 - 1 is past 2^53
  const out = new ByteWriter();
  for (const value of values) { out.integer(value); out.latin1(","); }
  expect(text(out.take(true))).toBe(values.map((v) => `${v},`).join(""));
});

test("signed integers: a '-' before a negative one, none for zero", () => {
  const values = [0, -0, -1, 5, -99999999, -100000000, -(2 ** 53), 2 ** 53];
  const out = new ByteWriter(4);
  for (const value of values) { out.signedInteger(value); out.latin1(" "); }
  expect(text(out.take(true))).toBe(values.map((v) => `${v === 0 ? 0 : v} `).join(""));
});

test("property: integer() is String() for any safe non-negative integer, signedInteger() for any safe integer", () => {
  fc.assert(fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 30 }), (values) => {
    const out = new ByteWriter(32);
    for (const value of values) { out.signedInteger(value); out.piece(ascii(";")); if (value >= 0) { out.integer(value); out.latin1(";"); } }
    expect(text(out.take(true))).toBe(values.map((v) => (v >= 0 ? `${v};${v};` : `${v};`)).join(""));
  }));
});

test("bytes(source, from, to) appends that range, short and long, and latin1 appends one byte per character", () => {
  const source = ascii("0123456789".repeat(20));
  const out = new ByteWriter();
  out.bytes(source, 3, 7);
  out.bytes(source, 0, 0);
  out.bytes(source, 10, 110);
  out.latin1("é\u00ff");
  const bytes = Buffer.concat(out.take(true));
  expect([...bytes]).toEqual([...source.subarray(3, 7), ...source.subarray(10, 110), 0xe9, 0xff]);
});

test("full blocks are taken as they fill: take() gives only full ones, take(true) the rest; length counts everything written", () => {
  const out = new ByteWriter(8);
  out.latin1("abcde");
  expect([out.full, out.take().length, out.length]).toEqual([false, 0, 5]);
  out.latin1("fghi"); // does not fit: "abcde" is a full block now, "fghi" starts the next
  expect([out.full, out.length]).toEqual([true, 9]);
  expect(out.take().map((b) => Buffer.from(b).toString())).toEqual(["abcde"]);
  expect([out.full, out.length]).toEqual([false, 9]);
  expect(out.take(true).map((b) => Buffer.from(b).toString())).toEqual(["fghi"]);
  expect([out.take(true), out.length]).toEqual([[], 9]);
});

test("a piece larger than a block gets a block of its own; pieces never straddle blocks", () => {
  const out = new ByteWriter(4);
  out.latin1("ab");
  out.piece(ascii("0123456789"));
  out.latin1("cd");
  expect(out.take(true).map((b) => Buffer.from(b).toString())).toEqual(["ab", "0123456789", "cd"]);
});

test("drop takes back the end of the last piece (a separator after the last fragment)", () => {
  const out = new ByteWriter(6);
  out.latin1("abcd");
  out.latin1("x,\n");
  out.drop(2);
  out.latin1("]");
  expect(text(out.take(true))).toBe("abcdx]");
  expect(out.length).toBe(6);
});

test("property: whatever is written, in any block size, the blocks taken along the way and at the end are it, in order", () => {
  const op = fc.oneof(
    fc.string({ maxLength: 20 }).map((s) => ["latin1", s.replace(/[^\x00-\xff]/g, "?")] as const),
    fc.uint8Array({ maxLength: 90 }).map((b) => ["bytes", b] as const),
    fc.nat(10 ** 12).map((n) => ["integer", n] as const),
  );
  fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(op, fc.boolean()), { maxLength: 40 }), (blockBytes, ops) => {
    const out = new ByteWriter(blockBytes);
    const taken: Uint8Array[] = [];
    let expected = "";
    for (const [[kind, value], takeNow] of ops) {
      if (kind === "latin1") out.latin1(value);
      else if (kind === "bytes") out.bytes(value, 0, value.length);
      else out.integer(value);
      expected += kind === "bytes" ? Buffer.from(value).toString("latin1") : String(value);
      if (takeNow) taken.push(...out.take());
      expect(out.length).toBe(expected.length);
    }
    taken.push(...out.take(true));
    expect(text(taken)).toBe(expected);
    for (const block of taken.slice(0, -1)) expect(block.length).toBeGreaterThan(0);
  }));
});
