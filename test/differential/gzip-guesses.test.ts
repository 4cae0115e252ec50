// Speculation never changes an answer (issue 25): a place where a thread may start inside a gzip
// file is a guess, confirmed only by the decode that reaches it from a true start. Adversarial
// files (BGZF headers held as data, stored-block headers chained inside records, lines whose
// newlines are all back-references, data compressed far beyond 100:1, members whose text holds a
// bad line under a trailer of the good text) must give, at 1, 3 and 5 threads, with small units,
// from a file and from standard input, exactly what one thread gives: the same stdout, exit code
// and message. And a file rewritten during a run is an input error, never a mixed answer.
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { CliCase, Outcome, difference, runCases } from "../helpers/cli-cases";
import { BGZF_EOF, bgzf, bgzfMember } from "../helpers/bgzf";
import { seededDraws } from "../helpers/prng";
import { tempFolder } from "../helpers/temp-folder";
import { highest } from "../../src/node/internal";
import { HighestError } from "../../src/core/model/errors";

jest.setTimeout(300_000);
const temp = tempFolder("highest-guesses-");

/** `count` records with unique scores and ids; `pad` bytes of filler in each record's string. */
function records(seed: number, count: number, pad = 20): string[] {
  const draws = seededDraws(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const score = BigInt(draws.int(0, 1 << 30)) * 4096n + BigInt(i);
    lines.push(`${score}:{"id":"r${i}","pad":"${"x".repeat(draws.int(0, pad))}"}`);
  }
  return lines;
}
const text = (lines: string[]) => Buffer.from(lines.join("\n") + "\n", "latin1");

/**
 * BGZF with stored members whose last member holds, inside a record's string, the 18 bytes of a
 * BGZF header whose size leads exactly to the file's end (a scan takes it for a member start).
 */
function bgzfWithHeldHeader(): { plain: Buffer; file: Buffer } {
  const lines = records(25, 4000);
  for (let pad = 0; pad < 64; pad++) {
    const held = (size: number) => Buffer.concat([
      Buffer.from(`-1:{"id":"held","s":"${"y".repeat(pad)}TAGTAG`, "latin1"),
      Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0, size & 0xff, size >> 8]),
      Buffer.from('"}', "latin1"),
    ]);
    const build = (size: number) => {
      const plain = Buffer.concat([text(lines.slice(0, 3990)), held(size), Buffer.from("\n"), text(lines.slice(3990))]);
      return { plain, file: bgzf(plain, [30000], 0) };
    };
    const first = build(0x4141);
    const at = first.file.indexOf("TAGTAG") + 6;
    const size = first.file.length - at - 1;
    if (size > 0xffff || (size & 0xff) === 10 || size >> 8 === 10) continue; // no newline inside the header
    const made = build(size);
    expect(made.file.indexOf("TAGTAG") + 6).toBe(at);
    expect(made.file.readUInt16LE(at + 16) + at + 1).toBe(made.file.length);
    return made;
  }
  throw new Error("no padding gave a header without a newline byte");
}

/** gzip level 0 of records whose strings hold stored-block headers (00 LEN NLEN), chained one to the next. */
function storedHeaderChains(): { plain: Buffer; file: Buffer } {
  const lines = records(26, 3000);
  const chain = Buffer.from([0x00, 0xc2, 0x80, 0x3d, 0x7f]).toString("latin1").repeat(40);
  for (let i = 5; i < lines.length; i += 7) lines[i] = `-${i}:{"id":"c${i}","s":"${chain}"}`;
  const plain = text(lines);
  return { plain, file: zlib.gzipSync(plain, { level: 0 }) };
}

/** Ordinary records as gzip -6: every newline after the first few KiB is a back-reference. */
function markerNewlines(): { plain: Buffer; file: Buffer } {
  const draws = seededDraws(27);
  const lines: string[] = [];
  for (let i = 0; i < 120_000; i++) lines.push(`${draws.int(0, 2 ** 30) * 1024 + (i % 1024)}:{"id":"${(i * 2654435761 >>> 0).toString(16)}"}`);
  const plain = text(lines);
  return { plain, file: zlib.gzipSync(plain, { level: 6 }) };
}

/** Data compressed far beyond 100:1: 24 MB of blank lines and a few records. */
function highRatio(): { plain: Buffer; file: Buffer } {
  const plain = Buffer.concat([Buffer.alloc(12_000_000, "\n"), text(records(28, 50)), Buffer.alloc(12_000_000, " \n")]);
  return { plain, file: zlib.gzipSync(plain, { level: 9 }) };
}

/** A stored member whose text has a bad line (a score's digit made `x`) under the trailer of the good text. */
function badLineUnderGoodTrailer(line: number, count: number, asBgzf: boolean): Buffer {
  const plain = text(records(29, count));
  const file = asBgzf ? bgzf(plain, [40000], 0) : zlib.gzipSync(plain, { level: 0 });
  const lineStart = plain.indexOf(Buffer.from(records(29, count)[line - 1], "latin1"));
  const inFile = file.indexOf(plain.subarray(lineStart, lineStart + 40));
  expect(inFile).toBeGreaterThan(0);
  const damaged = Buffer.from(file);
  damaged[inFile] = "x".charCodeAt(0); // the CRC-32 in the trailer is now the good text's
  return damaged;
}

const THREADS = [1, 3, 5];
const knobs = (threads: number, segment?: number) => ["--threads", String(threads), "--min-threaded-bytes", "0",
  ...(segment === undefined ? [] : ["--segment-bytes", String(segment)])];

/** Every thread count and unit size, from the file and (one unit) from standard input, must give what one thread gives. */
async function expectSameAsOneThread(file: string, args: string[], segments: Array<number | undefined>): Promise<Outcome> {
  const cases: CliCase[] = [{ label: "one thread", args: [file, ...args, "--threads", "1"] }];
  for (const segment of segments) {
    for (const threads of THREADS) cases.push({ label: `--threads ${threads} --segment-bytes ${segment ?? "default"}`, args: [file, ...args, ...knobs(threads, segment)] });
  }
  cases.push({ label: "standard input", args: ["-", ...args], stdinFile: file });
  const outcomes = await runCases(cases);
  // Standard input is named so: "-" in --locations, "standard input" in messages.
  const fromStdin = (o: Outcome): Outcome => ({
    code: o.code, stdout: o.stdout.split(JSON.stringify(file)).join('"-"'), stderr: o.stderr.split(file).join("standard input"),
  });
  const problems = outcomes.map((got, i) => {
    const diff = difference(got, cases[i].stdinFile === undefined ? outcomes[0] : fromStdin(outcomes[0]));
    return diff && `${cases[i].label}: ${diff}`;
  }).filter((problem) => problem !== undefined);
  expect(problems).toEqual([]);
  return outcomes[0];
}

/** What the same text gives as a plain file, one thread. */
async function plainAnswer(plain: Buffer, args: string[]): Promise<Outcome> {
  return (await runCases([{ label: "plain", args: [temp.file(plain), ...args, "--threads", "1"] }]))[0];
}

describe("adversarial gzip files: threads and unit sizes never change the answer", () => {
  test("a BGZF header held as data, its size leading to the file's end, is never taken for a member start", async () => {
    const { plain, file } = bgzfWithHeldHeader();
    const path = temp.file(file, "held.gz");
    const args = ["50", "--lines"];
    const got = await expectSameAsOneThread(path, args, [1000, 7000, 65536]);
    const want = await plainAnswer(plain, args);
    expect([got.code, got.stdout, got.stderr]).toEqual([want.code, want.stdout, want.stderr]);
    // --shard parts merge to the one run's answer, whatever part the held header falls in. (The
    // held record is not valid UTF-8 and ranks last: no part's top 500 holds it.)
    const parts = await runCases([0, 1, 2, 3].map((i) => ({ label: `part ${i}`, args: [path, "500", "--lines", "--shard", `${i}/4`] })));
    expect(parts.map((part) => [part.code, part.stderr])).toEqual(parts.map(() => [0, ""]));
    const partFiles = parts.map((part, i) => temp.file(part.stdout, `held-part-${i}.lines`));
    const [merged] = await runCases([{ label: "merge", args: [...partFiles, "500", "--lines"] }]);
    expect(merged.stdout).toBe((await plainAnswer(plain, ["500", "--lines"])).stdout);
  });

  test("stored-block headers chained inside records (gzip level 0)", async () => {
    const { plain, file } = storedHeaderChains();
    const got = await expectSameAsOneThread(temp.file(file, "chains.gz"), ["40", "--lines"], [1000, 65536]);
    expect(got.stdout).toBe((await plainAnswer(plain, ["40", "--lines"])).stdout);
  });

  test("ordinary records whose newlines are all back-references (gzip -6)", async () => {
    const { plain, file } = markerNewlines();
    const got = await expectSameAsOneThread(temp.file(file, "markers.gz"), ["25", "--lines"], [65536, undefined]);
    expect(got.stdout).toBe((await plainAnswer(plain, ["25", "--lines"])).stdout);
  });

  test("data compressed far beyond 100:1", async () => {
    const { plain, file } = highRatio();
    expect(plain.length / file.length).toBeGreaterThan(100);
    const path = temp.file(file, "ratio.gz");
    const got = await expectSameAsOneThread(path, ["10", "--locations", "--compact"], [4096, undefined]);
    expect(got.code).toBe(0);
    const plainPath = temp.file(plain);
    const want = (await runCases([{ label: "plain", args: [plainPath, "10", "--locations", "--compact"] }]))[0];
    expect(got.stdout).toBe(want.stdout.split(JSON.stringify(plainPath)).join(JSON.stringify(path)));
  });
});

describe("integrity before content: a bad line in a member whose CRC does not match is that damage (exit 1)", () => {
  const cases: Array<[string, () => Buffer]> = [
    ["gzip, the bad line early in a 3 MiB member", () => badLineUnderGoodTrailer(150, 40_000, false)],
    ["gzip, the bad line near the member's end", () => badLineUnderGoodTrailer(39_990, 40_000, false)],
    ["BGZF, the bad line inside the 6th member", () => badLineUnderGoodTrailer(2000, 6000, true)],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      const path = temp.file(make());
      const got = await expectSameAsOneThread(path, ["5"], [1000, 65536, undefined]);
      expect([got.code, got.stdout, got.stderr]).toEqual([1, "", `highest: ${path}: damaged gzip data\n`]);
    });
  }
});

describe("a BGZF member that ends with a newline: --shard parts own each line once", () => {
  test("the line that starts a member belongs to the part that holds the newline before it; the parts merge exactly", async () => {
    const lines = records(30, 1300);
    const first = text(lines.slice(0, 1000)); // ends with "\n"
    const rest = text(lines.slice(1000));
    // The first member is larger than the rest: part 1 of 2 starts at the second member.
    const file = Buffer.concat([bgzfMember(first, 0), bgzfMember(rest, 0), BGZF_EOF]);
    expect(bgzfMember(first, 0).length).toBeGreaterThan(file.length / 2);
    const path = temp.file(file, "newline-end.gz");
    const parts = await runCases([0, 1].map((i) => ({ label: `part ${i}`, args: [path, "100000", "--lines", "--shard", `${i}/2`] })));
    const owned = parts.map((part) => part.stdout.split("\n").filter(Boolean));
    expect(owned[0]).toContain(lines[1000]);
    expect(owned[1]).not.toContain(lines[1000]);
    expect([...owned[0], ...owned[1]].sort()).toEqual([...lines].sort());
  });
});

describe("a BGZF file rewritten in place during a run: exit 1 (changed), never an answer mixed from both versions", () => {
  test("two versions of equal length (same ids, other scores), rewritten after the first read", async () => {
    const ids = records(31, 6000);
    const version = (seed: number) => {
      const draws = seededDraws(seed);
      return bgzf(text(ids.map((line) => `${100_000_000 + draws.int(0, 899_999_999)}${line.slice(line.indexOf(":"))}`)), [20000], 0);
    };
    const one = version(1);
    const two = version(2);
    expect(two.length).toBe(one.length);
    const path = temp.file(one, "rewritten.gz");
    // The first version a minute old: the rewrite is a new modification time, whatever the clock's grain.
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path, past, past);
    let rewritten = false;
    const run = highest(path, 5, {
      threads: 1, tuning: { segmentBytes: 65536 },
      onProgress: () => { if (!rewritten) { rewritten = true; fs.writeFileSync(path, two); } },
    });
    const error = await run.then(() => undefined, (thrown: unknown) => thrown);
    expect(rewritten).toBe(true);
    expect(error).toBeInstanceOf(HighestError);
    expect([(error as HighestError).exitCode, (error as HighestError).message]).toEqual([1, `${path}: the input changed while it was read`]);
  });
});
