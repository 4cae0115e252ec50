// BGZF files cut into units at members (issue 18): the same answer as the plain text on every
// way of running (both engines, threads, unit sizes down to a few bytes, --locations and
// --lines exact), --shard parts that tile the lines, and damage anywhere is exit 1, never an
// answer: a member's deflate data, its CRC or size, its magic bytes, a cut, bytes after the end;
// a header that no longer reads as BGZF and a BGZF member inside a member's (stored) data are
// read as the gzip they are.
import * as fs from "node:fs";
import * as path from "node:path";
import { seededUint32 } from "../helpers/prng";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { bgzf, bgzfMember, BGZF_EOF } from "../helpers/bgzf";
import { SpawnResult, spawnHighest } from "../helpers/spawn-highest";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(180_000);
const temp = tempFolder("highest-bgzf-");

const MODES: string[][] = [
  ["--engine", "wasm", "--threads", "1"],
  ["--engine", "js", "--threads", "1"],
  ["--engine", "wasm", "--threads", "2", "--min-threaded-bytes", "0"],
  ["--engine", "js", "--threads", "2", "--min-threaded-bytes", "0"],
];
const UNIT_SIZES = ["1", "200", "5000", "33554432"];

/** Records with unique scores, some lines long enough to straddle several small members. */
function records(count: number, seed: number): string {
  const next = seededUint32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const pad = next() % 7 === 0 ? "x".repeat(next() % 3000) : "";
    lines.push(`${next() * 4096 + i}: {"id":"r${i}","pad":"${pad}"}\n`);
  }
  return lines.join("");
}

const run = (args: string[], stdin?: Uint8Array) => spawnHighest(args, { cwd: temp.path, stdin });
const write = (name: string, bytes: Uint8Array) => { fs.writeFileSync(path.join(temp.path, name), bytes); return name; };
function expected(text: string | Buffer, name: string, count: bigint, format: { locations?: boolean; lines?: boolean } = {}): string {
  const result = multiOracle([{ name, bytes: new Uint8Array(typeof text === "string" ? Buffer.from(text) : text) }], count);
  if (!result.ok) throw new Error("the oracle rejects the records");
  return oracleOutput(result.winners, format).toString();
}
const failed = (result: SpawnResult, wording: RegExp) => {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
  expect(result.stderr).toMatch(wording);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
};

const TEXT = records(400, 18);
const SLICES = [37, 1000, 5, 4000, 1, 64000 - 1];

describe("a BGZF file ranks as its plain text", () => {
  const file = "lines.bgz";
  beforeAll(() => write(file, bgzf(Buffer.from(TEXT), SLICES)));
  test.each(MODES)("%s %s %s %s: every unit size, --locations and --lines", async (...mode) => {
    for (const size of UNIT_SIZES) {
      const located = await run([file, "25", "--locations", "--segment-bytes", size, ...mode]);
      expect({ size, code: located.code, stderr: located.stderr, stdout: located.stdout })
        .toEqual({ size, code: 0, stderr: "", stdout: expected(TEXT, file, 25n, { locations: true }) });
      const verbatim = await run([file, "400", "--lines", "--segment-bytes", size, ...mode]);
      expect({ size, code: verbatim.code, stdout: verbatim.stdout }).toEqual({ size, code: 0, stdout: expected(TEXT, file, 400n, { lines: true }) });
    }
  });

  test("standard input and stored members (level 0) too", async () => {
    const stored = write("stored.bgz", bgzf(Buffer.from(TEXT), [700, 3], 0));
    for (const size of ["1", "300"]) {
      const result = await run([stored, "10", "--locations", "--segment-bytes", size, ...MODES[2]]);
      expect(result.stdout).toBe(expected(TEXT, stored, 10n, { locations: true }));
    }
    const piped = await run(["-", "10", "--locations"], bgzf(Buffer.from(TEXT), SLICES));
    expect(piped.stdout).toBe(expected(TEXT, "-", 10n, { locations: true }));
  });

  test("--shard I/K parts hold each line once, with its own line number", async () => {
    for (const parts of [2, 3, 7]) {
      const seen: string[] = [];
      for (let index = 0; index < parts; index++) {
        const result = await run([file, "400", "--compact", "--locations", "--shard", `${index}/${parts}`, "--segment-bytes", "700"]);
        expect(result.code).toBe(0);
        for (const winner of JSON.parse(result.stdout) as Array<{ id: string; line: number }>) seen.push(`${winner.line}:${winner.id}`);
      }
      const all = (JSON.parse(expected(TEXT, file, 400n, { locations: true })) as Array<{ id: string; line: number }>).map((w) => `${w.line}:${w.id}`);
      expect(seen.sort()).toEqual(all.sort());
    }
  });
});

describe("damage anywhere in a BGZF file is exit 1, never an answer", () => {
  const members = (() => {
    const data = Buffer.from(TEXT);
    const list: Buffer[] = [];
    for (let at = 0; at < data.length; at += 3000) list.push(bgzfMember(data.subarray(at, at + 3000)));
    return list;
  })();
  const whole = Buffer.concat([...members, BGZF_EOF]);
  const middle = members.slice(0, 20).reduce((sum, member) => sum + member.length, 0); // member 20's first byte
  const damaged = (change: (bytes: Buffer) => Buffer) => change(Buffer.from(whole));
  const flip = (at: number) => (bytes: Buffer) => { bytes[at] ^= 0x40; return bytes; };
  const cases: Array<[string, Buffer, RegExp]> = [
    ["a byte of a middle member's deflate data", damaged(flip(middle + 30)), /damaged gzip data$/m],
    ["a middle member's CRC-32", damaged(flip(middle + members[20].length - 6)), /damaged gzip data$/m],
    ["a middle member's size (ISIZE)", damaged(flip(middle + members[20].length - 2)), /damaged gzip data$/m],
    ["a middle member's magic byte", damaged(flip(middle)), /damaged gzip data$/m],
    ["cut inside a middle member", whole.subarray(0, middle + 40), /truncated gzip data$/m],
    ["bytes after the end-of-file member", Buffer.concat([whole, Buffer.from("junk\n")]), /damaged gzip data$/m],
    ["a zero byte after the end", Buffer.concat([whole, Buffer.from([0])]), /damaged gzip data$/m],
  ];
  test.each(cases)("%s", async (_, bytes, wording) => {
    const file = write("damaged.bgz", bytes);
    for (const mode of MODES) {
      for (const size of ["1", "4096", "33554432"]) failed(await run([file, "5", "--segment-bytes", size, ...mode]), wording);
    }
  });

  test("a member whose header no longer reads as BGZF (its BC tag) is still gzip: the unit before reads it", async () => {
    const file = write("retagged.bgz", damaged(flip(middle + 12)));
    for (const mode of MODES) {
      for (const size of ["1", "4096"]) {
        const result = await run([file, "5", "--locations", "--segment-bytes", size, ...mode]);
        expect(result.stdout).toBe(expected(TEXT, file, 5n, { locations: true }));
      }
    }
  });

  test("a BGZF member written verbatim inside a member's data (stored) is passed over: the next header is not where its size says", async () => {
    const header = bgzfMember(Buffer.from("1: {\"id\":\"fake\"}\n")).toString("latin1");
    const text = Buffer.from(`${TEXT}0: {"id":"low","bytes":"${header}"}\n${TEXT.replace(/"id":"r/g, "\"id\":\"s")}`, "latin1");
    const file = write("fake.bgz", bgzf(text, [50000], 0));
    for (const mode of MODES) {
      for (const size of ["7", "5000", "33554432"]) {
        const result = await run([file, "30", "--locations", "--segment-bytes", size, ...mode]);
        expect({ size, mode, stdout: result.stdout }).toEqual({ size, mode, stdout: expected(text, file, 30n, { locations: true }) });
      }
    }
  });
});
