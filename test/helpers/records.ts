// The one generator of scored-records files for the differential suites: valid and malformed
// lines, blank lines, CRLF, lines of only blanks/\r, long and short records (and, when asked,
// records of 20 to 100 KiB), scores of 1 to 40 digits with signs and leading zeros (beyond 2^64,
// negative, -0), ties, invalid records and framing. The same arbitraries serve the property
// suite (fileArb: fast-check shrinks a counterexample) and the seeded suites (randomRecords: a
// file of exactly N lines drawn from a seed, so a failing case replays from its seed).
// A file is a "binary string" (one char per byte, latin1) so that fast-check prints a readable
// counterexample; use toBytes() to run it.
import fc from "fast-check";
import { seededUint32 } from "./prng";

/** One char per byte. */
export const toBytes = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, "latin1"));
/** UTF-8 text as a binary string (one char per byte). */
const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

const blanks = fc.constantFrom("", "", "", " ", "\t", " \t ", "   ");

/** Scores: ties from a small pool, 1..40 digits, signs, leading zeros, -0, 64-bit and 2^53 edges. */
const digitsArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("0", "1", "2", "3", "5", "7", "10", "42", "99", "100") },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).chain((n) =>
    fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }))
      .map(([first, rest]) => `${first}${rest.join("")}`)) },
  { weight: 1, arbitrary: fc.constantFrom(
    "999999999999999", "1000000000000000", "9007199254740991", "9007199254740992", "9007199254740993",
    "999999999999999999", "1000000000000000000", "9223372036854775807", "9223372036854775808",
    "18446744073709551615", "18446744073709551616", "99999999999999999999999999999999999999",
    "1234567890123456789012345678901234567890") },
);
export const validScore = fc.tuple(fc.constantFrom("", "", "+", "-"), fc.constantFrom("", "", "", "0", "000"), digitsArb)
  .map(([sign, zeros, digits]) => sign + zeros + digits);
const invalidScore = fc.constantFrom(
  "12.5", "1e5", "0x10", "12abc", "", "+", "-", "- 5", "+-5", "5 5", "1_000", "\u0661", "\r5", "5\r", "\x005", "5\x00",
  "\xff", "abc", "--1", "٣",
);

/** Ids: strings (with escapes and non-ASCII), numbers as written (long, negative, exponent). */
const idString = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"a"', '""', '"\\u00e9t\\u00e9"', '"é"', '"😀"', '"\\""', '"\\\\"', '"a\\/b"', '"\\ud800"',
    '"9ab7247c02044c65936a467016fff6b6"', '"line\\nbreak"'),
);
const idNumber = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom("0", "-0", "1.50", "1e5", "-1E+300", "0.000001", "123456789012345678901234567890", "9007199254740993"),
);
const badIdValue = fc.constantFrom("null", "true", "false", "{}", "[]", '{"id":1}', "[1]");
const otherMember = (pad: number) => fc.oneof(
  fc.constantFrom('"a":1', '"ids":2', '"x y":"z"', '"nested":{"id":"inner"}', '"list":[1,{"id":2},"]"]',
    '"s":"a:b,c}"', '"n":null', '"Id":3', '"id ":4', '"e":"\\"id\\":5"'),
  fc.integer({ min: 0, max: pad }).map((n) => `"pad":"${"x".repeat(n)}"`),
);
const jsonBlank = fc.constantFrom("", "", "", " ", "\t", " \t", "\r ");

function objectText(members: string[], gaps: string[]): string {
  if (members.length === 0) return `{${gaps[0]}}`;
  return `{${members.map((m, i) => gaps[i % gaps.length] + m.replace(":", `${gaps[(i + 1) % gaps.length]}:`)).join(",")}${gaps[0]}}`;
}

/** A record that is a JSON object with exactly one top-level id (string or number), padded up to `pad` bytes. */
const validRecordOf = (pad: number) => fc.tuple(
  fc.oneof(idString, idNumber), fc.array(otherMember(pad), { maxLength: 3 }), fc.nat(3), fc.array(jsonBlank, { minLength: 1, maxLength: 3 }),
  fc.constantFrom('"id"', '"id"', '"id"', '"\\u0069d"'),
).map(([id, others, at, gaps, key]) => {
  const members = [...others];
  members.splice(Math.min(at, members.length), 0, `${key}:${id}`);
  return utf8(objectText(members, gaps));
});

export const validRecord = validRecordOf(3000);

/** Records that must be rejected when checked. */
export const invalidRecord = fc.oneof(
  fc.constantFrom('{"id":1', '{"id":1,}', "[1]", '"str"', "1", "", " ", "{id:1}", "{'id':1}", '{"id":1}x', '{"id":1}{}',
    '{"a":1}', "{}", '{"id":1,"id":2}', '{"id":1,"\\u0069d":2}', '{"id":"a\tb"}', '{"id":"a\x00b"}', "null",
    '{"id":01}', '{"id":+1}', '{"id":.5}', '{"id":1.}', '{"id":NaN}', '{"id":"\\x"}', '{"id":"\\u12"}',
    '{"nested":{"id":1}}'),
  badIdValue.map((v) => `{"id":${v}}`),
  // Not valid UTF-8: lone continuation, truncated sequence, overlong, surrogate, 0xff, BOM in front.
  fc.constantFrom("\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xff", "\xf4\x90\x80\x80")
    .map((bad) => `{"id":"a${bad}b"}`),
  fc.constantFrom('\xef\xbb\xbf{"id":1}', ' \xef\xbb\xbf{"id":1}'),
);

export type LineKind = "record" | "badRecord" | "blank" | "badFraming" | "long";

const lineEnding = fc.constantFrom("\n", "\n", "\n", "\r\n");

/** Letters that deflate cannot shrink much, so a long record spans deflate blocks (and BGZF members). */
function letters(seed: number, length: number): string {
  const next = seededUint32(seed);
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCharCode(97 + (next() % 26));
  return text;
}

/** A line's content (without its ending). */
function lineArb(kind: LineKind, pad = 3000): fc.Arbitrary<string> {
  const validRecord = validRecordOf(pad);
  switch (kind) {
    case "long":
      return fc.tuple(validScore, fc.integer({ min: 20_000, max: 100_000 }), fc.integer())
        .map(([score, length, seed]) => `${score}:{"id":"long ${length}","pad":"${letters(seed, length)}"}`);
    case "blank":
      return fc.constantFrom("", "", " ", "\t", " \t ", " \r", "\t\r");
    case "record":
    case "badRecord":
      return fc.tuple(blanks, validScore, blanks, blanks, kind === "record" ? validRecord : invalidRecord, blanks)
        .map(([a, score, b, c, record, d]) => `${a}${score}${b}:${c}${record}${d}`);
    case "badFraming":
      return fc.oneof(
        fc.tuple(blanks, invalidScore, blanks, validRecord).map(([a, score, b, record]) => `${a}${score}${b}:${record}`),
        fc.tuple(validScore, fc.constantFrom(" ", "", "\t"), validRecord.map((r) => r.replace(/:/g, " ")))
          .map(([score, gap, record]) => `${score}${gap}${record}`),
        validScore,
        fc.constantFrom("abc", "\x00", "\x00\x00\x00", "\r \r", "\r\r", "\xff\xfe", "{\"id\":1}", "5 ;"),
      );
  }
}

/** Weights of line kinds for one file: clean files, files with bad records, files with anything. */
const mixArb = fc.constantFrom<Array<[LineKind, number]>>(
  [["record", 8], ["blank", 2]],
  [["record", 8], ["blank", 2], ["badRecord", 1]],
  [["record", 8], ["blank", 2], ["badRecord", 2], ["badFraming", 1]],
  [["record", 10], ["badFraming", 1]],
);

/** Lines (content, ending) joined into a file; the last line's ending is `last` (none, a lone \r, ...). */
function joinLines(lines: Array<[string, string]>, last: string): string {
  if (lines.length === 0) return "";
  const text = lines.map(([content, ending]) => content + ending).join("");
  const lastEnding = lines[lines.length - 1][1];
  return text.slice(0, text.length - lastEnding.length) + last;
}

const lastEnding = fc.constantFrom("\n", "", "\r", "\r\n");

/** A whole file as a binary string. */
export const fileArb: fc.Arbitrary<string> = mixArb.chain((mix) => {
  const line = fc.oneof(...mix.map(([kind, weight]) => ({ weight, arbitrary: lineArb(kind) })));
  return fc.tuple(fc.array(fc.tuple(line, lineEnding), { maxLength: 40 }), lastEnding)
    .map(([lines, last]) => joinLines(lines, last));
});

export interface RecordsOptions {
  /** Exactly this many lines. */
  lines: number;
  /** Share of blank lines (default 0.08). */
  blank?: number;
  /** Share of invalid lines, half bad records and half bad framing (default 0). */
  invalid?: number;
  /** Share of "\r\n" endings (default 0.25). */
  crlf?: number;
  /** Share of records of 20 to 100 KiB (default 0). */
  long?: number;
  /** The most padding in an ordinary record (default 3000 bytes): less makes short lines. */
  pad?: number;
}

/** Files of exactly `lines` lines mixed as asked. */
export function recordsArb(options: RecordsOptions): fc.Arbitrary<string> {
  const { blank = 0.08, invalid = 0, crlf = 0.25, long = 0, pad = 3000 } = options;
  // fast-check weights are integers: shares in units of 1/100,000.
  const weights: Array<[LineKind, number]> = [
    ["blank", blank], ["badRecord", invalid / 2], ["badFraming", invalid / 2], ["long", long],
    ["record", 1 - blank - invalid - long],
  ];
  const share = (part: number) => Math.round(part * 100_000);
  const line = fc.oneof(...weights.map(([kind, part]) => ({ weight: share(part), arbitrary: lineArb(kind, pad) }))
    .filter(({ weight }) => weight > 0));
  const ending = fc.oneof(...[{ weight: share(crlf), arbitrary: fc.constant("\r\n") }, { weight: share(1 - crlf), arbitrary: fc.constant("\n") }]
    .filter(({ weight }) => weight > 0));
  return fc.tuple(fc.array(fc.tuple(line, ending), { minLength: options.lines, maxLength: options.lines }), lastEnding)
    .map(([lines, last]) => joinLines(lines, last));
}

/** A seeded file (a binary string) of exactly `options.lines` lines. */
export function randomRecords(seed: number, options: RecordsOptions): string {
  return fc.sample(recordsArb(options), { seed, numRuns: 1 })[0];
}

/** A count relative to the number of lines: 0, small, about the records, larger, huge. */
export const countArb = (lines: number): fc.Arbitrary<bigint> => fc.oneof(
  fc.constant(0n),
  fc.bigInt({ min: 1n, max: 5n }),
  fc.bigInt({ min: 0n, max: BigInt(lines + 3) }),
  fc.constant(BigInt(lines) + 100n),
  fc.constantFrom(10n ** 12n, 2n ** 53n + 1n, 10n ** 40n - 1n),
);

/** Bytes per read: tiny ones split every line, the default, and sizes in between. */
export const chunkArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 16 }) },
  { weight: 2, arbitrary: fc.integer({ min: 17, max: 512 }) },
  { weight: 1, arbitrary: fc.constantFrom<number | undefined>(undefined, 4096, 65536) },
);
