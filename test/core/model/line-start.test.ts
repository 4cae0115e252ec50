// model/line-start.ts: a data error's message ends with the start of the offending line.
import fc from "fast-check";
import { LINE_START_BYTES, withLineStart } from "../../../src/core/model/line-start";

const bytes = (text: string) => new TextEncoder().encode(text);
const whole = (text: string) => withLineStart("bad", bytes(text), 0, bytes(text).length);

/** What SPEC says a message shows of a line (valid UTF-8, no line ending): its first 40 characters as JSON, '…' when longer. */
function expected(line: string): string {
  const chars = Array.from(line);
  const bom = chars[0] === "\ufeff" ? "the line starts with a byte-order mark (U+FEFF): " : "";
  const shown = JSON.stringify(chars.slice(0, 40).join("")).split("\ufeff").join("\\ufeff");
  return `bad: ${bom}${shown}${chars.length > 40 ? "…" : ""}`;
}

test("a short line is shown whole as a JSON string, its '\\n' or '\\r\\n' ending left out", () => {
  expect(whole('5,{"id":1}')).toBe('bad: "5,{\\"id\\":1}"');
  expect(withLineStart("bad", bytes("x:1\nnext line\n"), 0, 14)).toBe('bad: "x:1"');
  expect(withLineStart("bad", bytes("x:1\r\nnext\n"), 0, 10)).toBe('bad: "x:1"');
  expect(withLineStart("bad", bytes("aaa\nb:{}\nccc"), 4, 12)).toBe('bad: "b:{}"');
  expect(whole("")).toBe('bad: ""');
  expect(whole("tab\there")).toBe('bad: "tab\\there"');
});

test("a '\\r' that is not before the '\\n' stays in the line; `to` ends a line without a newline", () => {
  expect(withLineStart("bad", bytes("a\rb\n"), 0, 4)).toBe('bad: "a\\rb"');
  expect(withLineStart("bad", bytes("abcdef\n"), 0, 3)).toBe('bad: "abc"');
});

test("40 characters are shown, then '…': characters, not bytes (multi-byte ones count once)", () => {
  expect(whole("x".repeat(40))).toBe(`bad: "${"x".repeat(40)}"`);
  expect(whole("x".repeat(41))).toBe(`bad: "${"x".repeat(40)}"…`);
  expect(whole("€".repeat(40))).toBe(`bad: "${"€".repeat(40)}"`);
  expect(whole("😀".repeat(40))).toBe(`bad: "${"😀".repeat(40)}"`); // 160 bytes: still whole
  expect(whole("😀".repeat(41))).toBe(`bad: "${"😀".repeat(40)}"…`);
  expect(whole("x".repeat(10000))).toBe(`bad: "${"x".repeat(40)}"…`);
});

test("a line that starts with a byte-order mark says so, and the mark is shown as its escape", () => {
  expect(whole("\ufeff5:{}")).toBe('bad: the line starts with a byte-order mark (U+FEFF): "\\ufeff5:{}"');
});

test("invalid UTF-8 shows as U+FFFD, not as a failure", () => {
  expect(withLineStart("bad", Uint8Array.of(0x61, 0xff, 0x62), 0, 3)).toBe('bad: "a\ufffdb"');
});

test("property: any line (valid UTF-8) is shown as SPEC says, alone or among other lines", () => {
  const line = fc.string({ unit: fc.oneof(fc.constantFrom("a", "é", "€", "😀", "\ufeff", "\t", "\\", '"', "\r"), fc.string({ unit: "grapheme", maxLength: 1 })), maxLength: 70 })
    .map((text) => text.replace(/\n/g, "").replace(/\r+$/, ""));
  fc.assert(fc.property(line, fc.string({ maxLength: 5 }), (text, before) => {
    const prefix = before.replace(/\n/g, "") + "\n";
    const all = bytes(`${prefix}${text}\r\nafter\n`);
    const from = bytes(prefix).length;
    expect(withLineStart("bad", all, from, all.length)).toBe(expected(text));
  }));
});

test("property: the first LINE_START_BYTES bytes of a line decide its message (what a caller keeps of it)", () => {
  const line = fc.string({ unit: fc.constantFrom("a", "é", "€", "😀", "\ufeff"), maxLength: 120 });
  fc.assert(fc.property(line, (text) => {
    const all = bytes(text);
    const kept = all.subarray(0, LINE_START_BYTES);
    expect(withLineStart("bad", kept, 0, kept.length === all.length ? all.length : LINE_START_BYTES)).toBe(withLineStart("bad", all, 0, all.length));
  }));
});
