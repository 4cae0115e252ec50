// A whole gzip or zstd input decoded by a decoder worker beside the calling thread's scan
// (src/core/run/decode-beside.ts), against the same input on one thread (--threads 1, decoded
// and scanned inline): byte-identical output, and the same message and exit code for damage at
// many offsets, truncation, and a data error with damage after it (integrity before content).
// The route is forced by --threads 2 --min-threaded-bytes 1; that it is taken is checked by the
// library's decoder count in test/contract/decode-beside.test.ts.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { CliCase, Outcome, difference, runCases } from "../helpers/cli-cases";
import { compressWith, membersAt, midLineOffsets, missingCommand } from "../helpers/gzip-variants";
import { seededDraws } from "../helpers/prng";
import { randomRecords, toBytes } from "../helpers/records";
import { tempFolder } from "../helpers/temp-folder";
import { zstdCompress } from "../helpers/zstd-core";

jest.setTimeout(300_000);
const temp = tempFolder("highest-decode-beside-");
const records = (seed: number, lines: number, pad = 300) => Buffer.from(toBytes(randomRecords(seed, { lines, pad })));
const TEXT = records(3101, 1500);
const BESIDE = ["--threads", "2", "--min-threaded-bytes", "1"];
const INLINE = ["--threads", "1"];

const FILES: Array<{ name: string; missing?: string; make: () => Buffer }> = [
  { name: "gzip-6.gz", missing: missingCommand("gzip"), make: () => compressWith("gzip", ["-c", "-6"], TEXT) },
  { name: "pigz.gz", missing: missingCommand("pigz"), make: () => compressWith("pigz", ["-c", "-p", "2", "-b", "64"], TEXT) },
  { name: "zlib-1.gz", make: () => zlib.gzipSync(TEXT, { level: 1 }) },
  {
    name: "members.gz", make: () => {
      const { int } = seededDraws(3102);
      const [a, b, c] = midLineOffsets(TEXT, (n) => int(0, n - 1), 3);
      return membersAt(TEXT, [0, a, b, b, c]); // several members, empty ones among them, cut mid-line
    },
  },
  { name: "one-frame.zst", make: () => zstdCompress(TEXT, ["-3"]) },
  { name: "no-check.zst", make: () => zstdCompress(TEXT, ["-19", "--no-check"]) },
  // Several frames: one unit at the default unit size, so decoded beside; cut at frame ends with small units.
  { name: "frames.zst", make: () => Buffer.concat([zstdCompress(TEXT.subarray(0, 100_001), ["-3"]), zstdCompress(TEXT.subarray(100_001), ["-1"])]) },
];

const COUNTS = { one: ["1"], five: ["5", "--locations"], all: ["1000000", "--lines"] } as const;
const files: Record<string, string> = {};
beforeAll(() => {
  for (const file of FILES) if (!file.missing) files[file.name] = temp.file(file.make(), file.name);
});

/** Each case beside and inline; the mismatches. */
async function compare(cases: Array<{ label: string; args: string[] }>): Promise<{ mismatches: string[]; outcomes: Outcome[] }> {
  const runs: CliCase[] = cases.flatMap(({ label, args }) => [
    { label, args: [...args, ...INLINE] }, { label, args: [...args, ...BESIDE] },
  ]);
  const outcomes: Outcome[] = await runCases(runs);
  const mismatches: string[] = [];
  cases.forEach(({ label }, i) => {
    const diff = difference(outcomes[2 * i + 1], outcomes[2 * i]);
    if (diff) mismatches.push(`${label}: ${diff}`);
  });
  return { mismatches, outcomes };
}

test("every file, both engines, counts 1, 5 and all, whole reads and small ones: the same output beside the scan as on one thread", async () => {
  const skipped = FILES.filter((file) => file.missing).map((file) => `${file.name} (${file.missing})`);
  if (skipped.length > 0) console.warn(`decode-beside: skipped ${skipped.join(", ")}`);
  const cases = Object.keys(files).flatMap((name) => (["wasm", "js"] as const).flatMap((engine) => Object.entries(COUNTS).flatMap(([count, args]) =>
    [[], ["--chunk-size", "1000"]].map((chunk) => ({ label: `${name} ${engine} ${count} ${chunk.join(" ")}`, args: [files[name], ...args, "--engine", engine, ...chunk] })))));
  const { mismatches, outcomes } = await compare(cases);
  expect(mismatches).toEqual([]);
  expect(outcomes.every((outcome) => outcome.code === 0 && outcome.stdout.length > 2)).toBe(true);
});

test("damage at many offsets and truncation: the same message and exit code beside the scan as on one thread", async () => {
  const { int } = seededDraws(3103);
  const cases: Array<{ label: string; args: string[] }> = [];
  for (const name of ["zlib-1.gz", "members.gz", "one-frame.zst", "frames.zst"]) {
    const whole = fs.readFileSync(files[name]);
    const offsets = [...new Set([0, 1, 4, 9, 12, whole.length - 8, whole.length - 4, whole.length - 1, ...Array.from({ length: 12 }, () => int(0, whole.length - 1))])];
    for (const at of offsets) {
      const damaged = Buffer.from(whole);
      damaged[at] ^= int(1, 255);
      cases.push({ label: `${name} byte ${at}`, args: [temp.file(damaged, `${name}.x${at}`), "5", "--chunk-size", "4096"] });
    }
    for (const cut of [10, Math.floor(whole.length / 3), whole.length - 9, whole.length - 1]) {
      cases.push({ label: `${name} cut at ${cut}`, args: [temp.file(whole.subarray(0, cut), `${name}.cut${cut}`), "5"] });
    }
  }
  const { mismatches, outcomes } = await compare(cases);
  expect(mismatches).toEqual([]);
  expect(outcomes.filter((outcome) => outcome.code === 1).length).toBeGreaterThan(cases.length); // most damage is an error, on both
});

describe("integrity before content, with the decoder far ahead of the scan (a file larger than the ring)", () => {
  // About 26 MB of records, six times the ring (4 MiB): the decoder fills it and waits while the scan is at the bad line.
  const BIG = records(3104, 100_000, 800);
  beforeAll(() => expect(BIG.length).toBeGreaterThan(6 * 4 * 1024 * 1024));
  const bad = Buffer.from("12345 this line has no colon\n");
  const early = Math.floor(BIG.length / 40);
  const at = BIG.indexOf(0x0a, early) + 1;
  const withBad = Buffer.concat([BIG.subarray(0, at), bad, BIG.subarray(at)]);

  test("a data error inside a member damaged later: the damage, on both placements", async () => {
    const gz = zlib.gzipSync(withBad, { level: 1 });
    gz[gz.length - 7] ^= 0x21; // its CRC-32
    const { mismatches, outcomes } = await compare([{ label: "crc", args: [temp.file(gz, "late-damage.gz"), "5"] }]);
    expect(mismatches).toEqual([]);
    expect(outcomes[0]).toMatchObject({ code: 1, stdout: "" });
    expect(outcomes[0].stderr).toMatch(/late-damage\.gz: damaged gzip data/);
  });

  test("a data error in an intact member, then a damaged member: the data error, on both placements", async () => {
    const first = zlib.gzipSync(withBad.subarray(0, at + bad.length + 1000 + BIG.indexOf(0x0a, at + 1000) - at), { level: 1 });
    const second = zlib.gzipSync(BIG, { level: 1 });
    second[second.length - 7] ^= 0x21;
    const { mismatches, outcomes } = await compare([{ label: "two", args: [temp.file(Buffer.concat([first, second]), "intact-first.gz"), "5"] }]);
    expect(mismatches).toEqual([]);
    expect(outcomes[0].code).toBe(2);
    expect(outcomes[0].stderr).toMatch(/line \d+: /);
  });

  test("the same for zstd: a data error in a frame whose checksum is wrong is the damage", async () => {
    const zst = zstdCompress(withBad, ["-1"]);
    zst[zst.length - 2] ^= 0x21; // the content checksum, the frame's last 4 bytes
    const { mismatches, outcomes } = await compare([{ label: "zst", args: [temp.file(zst, "late-damage.zst"), "5"] }]);
    expect(mismatches).toEqual([]);
    expect(outcomes[0].code).toBe(1);
    expect(outcomes[0].stderr).toMatch(/late-damage\.zst: /);
  });
});
