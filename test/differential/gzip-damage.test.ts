// Damaged gzip through the built CLI (issue 18): gzip -6, bgzip, BGZF of uneven members, stored
// blocks, several members, each with a seeded random nonzero value XORed into one byte (headers,
// deflate data of every member, CRC-32, ISIZE, the last byte, anywhere), cut at random lengths,
// or with bytes appended (garbage, a NUL, a partial header, another member).
// The oracle is a strict decode with Node's zlib (test/helpers/strict-gunzip.ts): where it still
// gives bytes (a flipped MTIME, OS or extra-field byte, which gzip does not protect; a cut at a
// member's end; a whole member appended) highest gives the answer of those bytes as a plain file;
// otherwise it exits 1 with nothing on stdout and one line naming the input, damaged or
// truncated gzip data. A damaged first magic byte makes a plain file, held to the oracle of SPEC.
// Every case runs at a unit size, thread count and engine of its own, from a file or from
// standard input.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { CliCase, Outcome, difference, runCases } from "../helpers/cli-cases";
import { bgzf } from "../helpers/bgzf";
import { compressWith, membersAt, midLineOffsets, missingCommand } from "../helpers/gzip-variants";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { seededDraws } from "../helpers/prng";
import { randomRecords, toBytes } from "../helpers/records";
import { Member, gzipMembers, strictGunzip } from "../helpers/strict-gunzip";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const temp = tempFolder("highest-gzip-damage-");

const records = (seed: number, lines: number) => Buffer.from(toBytes(randomRecords(seed, { lines, pad: 300 })));
const TEXT = records(1811, 250);
const BGZF_TEXT = records(1812, 900); // more than 64 KiB: several BGZF members

const FILES: Array<{ name: string; plain: Buffer; missing?: string; make: () => Buffer }> = [
  { name: "gzip-6.gz", plain: TEXT, missing: missingCommand("gzip"), make: () => compressWith("gzip", ["-c", "-6"], TEXT) },
  { name: "bgzip.gz", plain: BGZF_TEXT, missing: missingCommand("bgzip"), make: () => compressWith("bgzip", ["-c"], BGZF_TEXT) },
  // BGZF members of many sizes: a unit may start at any of them.
  { name: "bgzf-uneven.gz", plain: TEXT, make: () => bgzf(TEXT, [500, 1300, 77, 4000]) },
  { name: "stored.gz", plain: TEXT, make: () => zlib.gzipSync(TEXT, { level: 0 }) },
  {
    name: "members.gz", plain: TEXT, make: () => {
      const { int } = seededDraws(1813);
      const [a, b, c] = midLineOffsets(TEXT, (n) => int(0, n - 1), 3);
      return membersAt(TEXT, [a, b, b, c]); // four members and an empty one, cut mid-line
    },
  },
];

interface Damage { what: string; bytes: Buffer }


/** Byte positions worth hitting: each member's header fields, deflate data, CRC-32 and ISIZE; the last byte; anywhere. */
function targets(file: Buffer, members: Member[], int: (lo: number, hi: number) => number): Array<[string, number]> {
  const picked: Array<[string, number]> = [];
  const header = ["ID1", "ID2", "CM", "FLG", "MTIME", "MTIME", "MTIME", "MTIME", "XFL", "OS"];
  const chosen = [...new Set([0, int(1, members.length - 1), members.length - 1])].filter((m) => m < members.length);
  for (const m of chosen) {
    const { start, data, end } = members[m];
    const fields = m === 0 ? [0, 1, 2, 3, int(4, 7), 8, 9] : [0, 3, int(4, 9)];
    for (const at of fields) picked.push([`member ${m} ${header[at]}`, start + at]);
    if (data > start + 10) picked.push([`member ${m} extra/name field`, int(start + 10, data - 1)]);
    if (end - 8 > data) {
      picked.push([`member ${m} first deflate byte`, data]);
      picked.push([`member ${m} deflate data`, int(data, end - 9)]);
      picked.push([`member ${m} last deflate byte`, end - 9]);
    }
    picked.push([`member ${m} CRC-32`, int(end - 8, end - 5)]);
    picked.push([`member ${m} ISIZE`, int(end - 4, end - 1)]);
  }
  picked.push(["the last byte", file.length - 1]);
  for (let i = 0; i < 3; i++) picked.push(["anywhere", int(0, file.length - 1)]);
  return picked;
}

/** The damaged copies of one gzip file. */
function damages(name: string, file: Buffer): Damage[] {
  const { int } = seededDraws(name.length * 7919 + file.length);
  const members = gzipMembers(file);
  const out: Damage[] = [];
  for (const [what, at] of targets(file, members, int)) {
    const value = int(1, 255);
    const bytes = Buffer.from(file);
    bytes[at] ^= value;
    out.push({ what: `${what} (byte ${at}) ^ 0x${value.toString(16)}`, bytes });
  }
  // A few cuts at a member's end (the file is then valid, and shorter).
  const ends = [members[0].end, members[int(0, members.length - 1)].end, members[Math.max(0, members.length - 2)].end];
  const cuts = new Set([0, 1, 2, 10, file.length - 1, file.length - 4, file.length - 8, ...ends,
    ...Array.from({ length: 3 }, () => int(3, file.length - 2))]);
  for (const length of [...cuts].filter((n) => n >= 0 && n < file.length)) out.push({ what: `cut to ${length} bytes`, bytes: file.subarray(0, length) });
  const garbage = Buffer.from(Array.from({ length: int(1, 20) }, () => int(0, 255)));
  const appended: Array<[string, Buffer]> = [
    ["garbage", garbage], ["a NUL", Buffer.from([0])], ["four NULs", Buffer.alloc(4)], ["a lone 0x1f", Buffer.from([0x1f])],
    ["a partial header", Buffer.from([0x1f, 0x8b, 8, 0])], ["a header and part of the deflate data", zlib.gzipSync(TEXT).subarray(0, 15)],
    ["an empty member", zlib.gzipSync(Buffer.alloc(0))], ["the whole file again", file],
  ];
  for (const [what, tail] of appended) out.push({ what: `${what} appended`, bytes: Buffer.concat([file, tail]) });
  return out;
}

const ENGINES = ["wasm", "js"] as const;
// Units of 64 bytes and up (units of 1 byte are in gzip.test.ts, on small files).
// 1 and 3 threads: threads never change the error.
const CONFIGS = [64, 4096, 65536, undefined].flatMap((segment) => [1, 3].flatMap((threads) => ENGINES.map((engine) => ({ segment, threads, engine }))));
const ARGS = ["1000000000", "--locations", "--compact"];

/** An exact outcome, or a failure: its exit code, nothing on stdout, one stderr line that matches. */
type Want = Outcome | { code: number; stderr: RegExp };

/** What a plain file of these bytes gives, by SPEC's oracle. */
function plainOracle(name: string, bytes: Buffer): Want {
  const result = multiOracle([{ name, bytes }], 1_000_000_000n);
  if (result.ok) return { code: 0, stderr: "", stdout: oracleOutput(result.winners, { locations: true, compact: true }).toString("latin1") };
  return { code: 2, stderr: new RegExp(`^highest: line ${result.line}: [^\\n]+\\n$`) };
}

function mismatch(got: Outcome, want: Want): string | undefined {
  if (!(want.stderr instanceof RegExp)) return difference(got, want as Outcome);
  if (got.code === want.code && got.stdout === "" && want.stderr.test(got.stderr)) return undefined;
  return `exit ${got.code}, stdout of ${got.stdout.length} chars, stderr ${JSON.stringify(got.stderr.slice(0, 200))} (want exit ${want.code}, nothing on stdout, stderr ${want.stderr})`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const { name, plain, missing, make } of FILES) {
  if (missing) {
    describe.skip(`${name} damaged [skipped: ${missing}]`, () => { test("not run", () => undefined); });
    continue;
  }
  test(`${name} damaged: a byte flipped anywhere, cut short, bytes appended`, async () => {
    const file = make();
    expect(strictGunzip(file)).toEqual({ ok: true, bytes: plain });
    const dir = fs.mkdtempSync(path.join(temp.path, "case-"));
    const plainDir = fs.mkdtempSync(path.join(temp.path, "plain-"));
    const cases: Array<CliCase & { want: Want; plainRun?: number }> = [];
    const plainRuns: CliCase[] = [];
    let answers = 0, errors = 0;
    for (const [i, damage] of damages(name, file).entries()) {
      const config = CONFIGS[(i * 5) % CONFIGS.length];
      const { segment } = config;
      const stdin = i % 4 === 3;
      const damaged = `damaged-${i}.gz`;
      const operand = stdin ? "-" : damaged;
      fs.writeFileSync(path.join(dir, damaged), damage.bytes);
      const decoded = strictGunzip(damage.bytes);
      let want: Want;
      let plainRun: number | undefined;
      if (damage.bytes.length < 2 || damage.bytes[0] !== 0x1f || damage.bytes[1] !== 0x8b) {
        want = plainOracle(operand, damage.bytes);
      } else if (decoded.ok) {
        // The plain file's answer for the bytes the strict decode gives: SPEC's oracle, and the CLI on them as a plain file.
        answers++;
        want = plainOracle(operand, decoded.bytes);
        fs.writeFileSync(path.join(plainDir, damaged), decoded.bytes);
        plainRun = plainRuns.length;
        plainRuns.push({ label: damage.what, cwd: plainDir, args: [operand, ...ARGS], stdinFile: stdin ? path.join(plainDir, damaged) : undefined });
      } else {
        errors++;
        want = { code: 1, stderr: new RegExp(`^highest: ${escape(stdin ? "standard input" : damaged)}: (damaged|truncated) gzip data\\n$`) };
      }
      const pipe = i % 8 === 7;
      cases.push({
        label: `${name}: ${damage.what}${stdin ? ` (stdin: ${pipe ? "a pipe" : "the file"})` : ""}, --segment-bytes ${segment ?? "default"} --threads ${config.threads} --engine ${config.engine}`,
        cwd: dir, stdinFile: stdin ? path.join(dir, damaged) : undefined, stdinPipe: pipe, want, plainRun,
        args: [operand, ...ARGS, "--engine", config.engine, "--threads", String(config.threads), "--min-threaded-bytes", "0",
          ...(segment === undefined ? [] : ["--segment-bytes", String(segment)])],
      });
    }
    // Not vacuous: some damage gzip does not see, most it does.
    expect({ answers: answers > 0, errors: errors > cases.length / 2 }).toEqual({ answers: true, errors: true });

    const plainAnswers = await runCases(plainRuns);
    const got = await runCases(cases);
    const wrong: string[] = [];
    for (const [i, c] of cases.entries()) {
      const why = mismatch(got[i], c.want) ?? (c.plainRun === undefined ? undefined : difference(got[i], plainAnswers[c.plainRun]));
      if (why) wrong.push(`${c.label}: ${why}`);
    }
    expect(wrong).toEqual([]);
  });
}
