// A gzip file that is not BGZF, shared through its index (issue 27): --write-index writes
// X.gzidx (GZIDX) during a run from its start, only when the run succeeds; X beside a matching
// X.gzidx ranks as its plain text with any threads and unit size, and its --shard parts merge to
// one run's answer; an index that does not match is left out with one warning; a wrong one makes
// the run fail (exit 1, named) and never changes an answer; --no-index ignores it; indexes made
// by indexed_gzip are used, and ours are read by it (where python3's indexed_gzip is installed).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { parseIndex } from "../../src/core/input/gzip-index";
import { GzipSource } from "../../src/core/input/gzip-source";
import { IndexRecorder } from "../../src/core/input/index-recorder";
import { InflateExports } from "../../src/core/input/inflate-core";
import { BytesSource } from "../../src/core/input/source";
import { gzidxLayout } from "../helpers/gzidx-layout";
import { loadInflate } from "../helpers/inflate-core";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { seededUint32 } from "../helpers/prng";
import { testUnless } from "../helpers/skip";
import { SpawnResult, spawnHighest } from "../helpers/spawn-highest";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(300_000);
const temp = tempFolder("highest-gzidx-");
const at = (name: string) => path.join(temp.path, name);
const run = (args: string[], stdin?: Uint8Array) => spawnHighest(args, { cwd: temp.path, stdin });

/** Records with unique scores, some long lines; about 100 bytes a line. */
function records(count: number, seed: number): string {
  const next = seededUint32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const pad = next() % 11 === 0 ? "x".repeat(next() % 2000) : "w".repeat(next() % 60);
    lines.push(`${next() * 4096 + i}: {"id":"r${i}","pad":"${pad}"}\n`);
  }
  return lines.join("");
}
const TEXT = records(60_000, 27);
/** Three members, as `cat a.gz b.gz c.gz` makes: points fall in each. */
const GZ = Buffer.concat([
  zlib.gzipSync(TEXT.slice(0, 2_000_000)), zlib.gzipSync(TEXT.slice(2_000_000, 2_100_000), { level: 1 }), zlib.gzipSync(TEXT.slice(2_100_000)),
]);
/** Points every 64 KiB of the compressed file: a few dozen. */
const SPACING = ["--index-spacing", "65536"];
const THREADED = ["--min-threaded-bytes", "0"];

function expected(count: bigint, format: { locations?: boolean; lines?: boolean } = {}): string {
  const result = multiOracle([{ name: "data.gz", bytes: new Uint8Array(Buffer.from(TEXT)) }], count);
  if (!result.ok) throw new Error("the oracle rejects the records");
  return oracleOutput(result.winners, format).toString();
}
const ok = (result: SpawnResult, stdout: string, stderr = "") => expect({ code: result.code, stderr: result.stderr, stdout: result.stdout })
  .toEqual({ code: 0, stderr, stdout });
const failed = (result: SpawnResult, wording: RegExp, code = 1) => {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: "" });
  expect(result.stderr).toMatch(wording);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
};
/** A fresh data.gz; with `index`, data.gz.gzidx as given (newer than the file). */
function setUp(index?: Uint8Array, gz: Buffer = GZ): void {
  fs.rmSync(at("data.gz.gzidx"), { force: true });
  fs.writeFileSync(at("data.gz"), gz);
  if (index) {
    fs.writeFileSync(at("data.gz.gzidx"), index);
    const later = new Date(fs.statSync(at("data.gz")).mtimeMs + 1000);
    fs.utimesSync(at("data.gz.gzidx"), later, later);
  }
}
/** The index of GZ, points every 64 KiB. */
let written: Buffer;
beforeAll(async () => { written = Buffer.from(await indexOf(GZ)); });

/** An index of `gz` made by the core's decode (points every 64 KiB), without a run. */
async function indexOf(gz: Buffer): Promise<Uint8Array> {
  let index: Uint8Array | undefined;
  const core = (await loadInflate("simd", 1 << 20, 4 << 20)) as unknown as InflateExports;
  const source = new GzipSource(core, new BytesSource(gz), "data.gz", { recorder: new IndexRecorder((bytes) => { index = bytes; }, 65536) });
  const block = new Uint8Array(1 << 20);
  while (await source.read(block) > 0);
  return index!;
}

describe("--write-index", () => {
  test("a run over a gzip file writes its index beside it, nothing else, and answers as without", async () => {
    setUp();
    ok(await run(["--write-index", ...SPACING, "data.gz", "30", "--locations"]), expected(30n, { locations: true }));
    expect(fs.readdirSync(temp.path).sort()).toEqual(["data.gz", "data.gz.gzidx"]);
    // The same bytes as the core's decode makes them without a run (every window, every offset).
    expect(fs.readFileSync(at("data.gz.gzidx")).equals(written)).toBe(true);
    const index = parseIndex(written);
    expect({ compressed: index.compressedSize, uncompressed: index.uncompressedSize, length: index.length })
      .toEqual({ compressed: GZ.length, uncompressed: TEXT.length, length: written.length });
    expect(index.points.length).toBeGreaterThan(8);
    // Points fall in every member (the members' compressed starts).
    const second = zlib.gzipSync(TEXT.slice(0, 2_000_000)).length;
    expect(index.points.some((p) => p.bit / 8 > second)).toBe(true);
  });

  test("a run that fails leaves no index and no temporary file", async () => {
    setUp(undefined, Buffer.concat([GZ.subarray(0, GZ.length - 4), Buffer.from([0, 0, 0, 0])]));
    failed(await run(["--write-index", ...SPACING, "data.gz", "3"]), /data\.gz: damaged gzip data/);
    expect(fs.readdirSync(temp.path).sort()).toEqual(["data.gz"]);
  });

  test("a plain file gets none", async () => {
    fs.writeFileSync(at("plain.txt"), TEXT);
    ok(await run(["--write-index", "plain.txt", "3", "--compact"]), (await run(["plain.txt", "3", "--compact"])).stdout);
    expect(fs.existsSync(at("plain.txt.gzidx"))).toBe(false);
    fs.rmSync(at("plain.txt"));
  });
});

describe("an indexed file ranks as its plain text", () => {
  beforeAll(() => setUp(written));
  test.each([["1"], ["2"], ["3"]])("--threads %s, units from one point each to 32 MiB", async (threads) => {
    for (const size of ["1", "300000", "33554432"]) {
      const result = await run(["--threads", threads, ...THREADED, "--segment-bytes", size, "data.gz", "40", "--locations"]);
      expect({ size, code: result.code, stderr: result.stderr, stdout: result.stdout })
        .toEqual({ size, code: 0, stderr: "", stdout: expected(40n, { locations: true }) });
    }
  });

  test("every line, on both engines (--lines: all 60,000 in order of score)", async () => {
    for (const engine of ["wasm", "js"]) {
      ok(await run(["--engine", engine, "--threads", "2", ...THREADED, "--segment-bytes", "100000", "data.gz", "100000", "--lines"]),
        expected(100_000n, { lines: true }));
    }
  });

  test.each([[2], [3], [7]])("--shard I/%s parts merge to one run's answer, each holding a part", async (parts) => {
    const outputs: string[] = [];
    for (let i = 0; i < parts; i++) {
      const part = await run(["--shard", `${i}/${parts}`, "data.gz", "50", "--lines"]);
      expect({ i, code: part.code, stderr: part.stderr }).toEqual({ i, code: 0, stderr: "" });
      expect(part.stdout.length).toBeGreaterThan(0); // a file of many points: every part holds some
      outputs.push(part.stdout);
    }
    ok(await run(["-", "50", "--lines"], Buffer.from(outputs.join(""))), expected(50n, { lines: true }));
    // Line numbers of a part that starts mid-file count the lines before it.
    const located = await run(["--shard", `${parts - 1}/${parts}`, "data.gz", "5", "--locations"]);
    const lines = (JSON.parse(located.stdout) as Array<{ id: string; line: number }>).map((w) => [w.id, w.line]);
    expect(lines).toEqual(lines.map(([id]) => [id, Number(String(id).slice(1)) + 1]));
  });

  test("points at members' headers (stream boundaries, as other tools may write them) are used too", async () => {
    const index = parseIndex(written);
    const sizes = [zlib.gzipSync(TEXT.slice(0, 2_000_000)).length, zlib.gzipSync(TEXT.slice(2_000_000, 2_100_000), { level: 1 }).length];
    const headers = [{ cmpOffset: sizes[0], uncmpOffset: 2_000_000, bits: 0 }, { cmpOffset: sizes[0] + sizes[1], uncmpOffset: 2_100_000, bits: 0 }];
    const points = [...index.points.map((p) => ({
      cmpOffset: Math.ceil(p.bit / 8), uncmpOffset: p.out, bits: (8 - (p.bit % 8)) % 8,
      data: p.window < 0 ? undefined : written.subarray(p.window, p.window + 32768),
    })), ...headers].sort((x, y) => x.cmpOffset - y.cmpOffset);
    setUp(gzidxLayout({ compressedSize: GZ.length, uncompressedSize: TEXT.length, spacing: 65536, windowSize: 32768, points }));
    for (const threads of ["1", "3"]) {
      ok(await run(["--threads", threads, ...THREADED, "--segment-bytes", "1", "data.gz", "40", "--locations"]), expected(40n, { locations: true }));
    }
    setUp(written);
  });

  test("a data error is the same error as without the index", async () => {
    const cut = TEXT.indexOf("\n", 2_500_000) + 1;
    const gz = zlib.gzipSync(TEXT.slice(0, cut) + "12x: {\"id\":\"bad\"}\n" + TEXT.slice(cut));
    setUp(undefined, gz);
    const plain = await run(["data.gz", "3"]);
    failed(plain, /^highest: line \d+: /, 2);
    setUp(await indexOf(gz), gz);
    for (const threads of ["1", "3"]) {
      const indexed = await run(["--threads", threads, ...THREADED, "--segment-bytes", "1", "data.gz", "3"]);
      expect({ code: indexed.code, stderr: indexed.stderr, stdout: indexed.stdout }).toEqual({ code: 2, stderr: plain.stderr, stdout: "" });
    }
    setUp(written);
  });

});

describe("an index that does not match is left out with one warning", () => {
  const cases: Array<[string, () => void, RegExp]> = [
    ["older than the file", () => { setUp(written); const past = new Date(2000, 0, 1); fs.utimesSync(at("data.gz.gzidx"), past, past); }, /older than data\.gz/],
    ["truncated", () => setUp(written.subarray(0, written.length - 1000)), /truncated/],
    ["cut inside its points", () => setUp(written.subarray(0, 100)), /truncated/],
    ["with bytes after its windows", () => setUp(Buffer.concat([written, Buffer.from("x")])), /after its last window/],
    ["made for another file (its size)", () => setUp(written, Buffer.concat([GZ, zlib.gzipSync("1: {\"id\":\"z\"}\n")])), /made for a file of/],
    ["not an index", () => setUp(Buffer.from("GZIP? no\n".repeat(10))), /not a GZIDX index/],
  ];
  test.each(cases)("%s: the file is read from its start, the answer the same", async (_, make, why) => {
    make();
    const gz = fs.readFileSync(at("data.gz"));
    const text = zlib.gunzipSync(gz);
    const result = await run(["--threads", "3", ...THREADED, "--segment-bytes", "1", "data.gz", "20", "--locations"]);
    const oracle = multiOracle([{ name: "data.gz", bytes: new Uint8Array(text) }], 20n);
    if (!oracle.ok) throw new Error("the oracle rejects the records");
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: oracleOutput(oracle.winners, { locations: true }).toString() });
    expect(result.stderr).toMatch(new RegExp(`^highest: warning: data\\.gz\\.gzidx is left out: .*${why.source}.*; data\\.gz is read from its start\n$`));
    // --no-index: not even looked at.
    const ignored = await run(["--no-index", "data.gz", "20", "--locations"]);
    expect({ code: ignored.code, stderr: ignored.stderr, stdout: ignored.stdout }).toEqual({ code: 0, stderr: "", stdout: result.stdout });
  });
  afterAll(() => setUp(written));
});

describe("a wrong index fails the run (exit 1, named), never an answer", () => {
  /** The index with `change` made to a copy. */
  const changed = (change: (bytes: Buffer) => void) => { const bytes = Buffer.from(written); change(bytes); return bytes; };
  const index = () => parseIndex(written);
  const cases: Array<[string, () => Buffer]> = [
    ["one point's window changed", () => changed((b) => { const p = index().points[5]; for (let i = 0; i < 32768; i++) b[p.window + i] ^= 0x21; })],
    ["every window filled with newlines", () => changed((b) => { for (const p of index().points) if (p.window >= 0) b.fill(10, p.window, p.window + 32768); })],
    ["a point's decoded offset one more", () => changed((b) => { const at = 35 + 18 * 4 + 8; b.writeBigUInt64LE(b.readBigUInt64LE(at) + 1n, at); })],
    ["a point's compressed offset moved", () => changed((b) => { const at = 35 + 18 * 4; b.writeBigUInt64LE(b.readBigUInt64LE(at) + 3n, at); })],
    ["a point's bits changed", () => changed((b) => { const at = 35 + 18 * 6 + 16; b[at] = (b[at] + 3) % 8; })],
    ["two points' windows swapped", () => changed((b) => {
      const [p, q] = [index().points[3], index().points[9]];
      const w = Buffer.from(b.subarray(p.window, p.window + 32768));
      b.copy(b, p.window, q.window, q.window + 32768);
      w.copy(b, q.window);
    })],
  ];
  test.each(cases)("%s", async (_, make) => {
    setUp(make());
    for (const threads of ["1", "2"]) {
      const result = await run(["--threads", threads, ...THREADED, "--segment-bytes", "1", "data.gz", "20"]);
      failed(result, /^highest: data\.gz: its index data\.gz\.gzidx does not match its data \(a point or a CRC-32 is wrong\): remove the index, or run with --no-index\n$/);
    }
    ok(await run(["--no-index", "data.gz", "20", "--locations"]), expected(20n, { locations: true }));
  });
  afterAll(() => setUp(written));
});

describe("a file named X.gzidx among the inputs is an index, never data", () => {
  test("in a directory beside X, or named with it: left out, X ranked through it; without X: left out with one warning", async () => {
    fs.rmSync(at("runs"), { recursive: true, force: true });
    fs.mkdirSync(at("runs"));
    fs.writeFileSync(at("runs/data.gz"), GZ);
    fs.writeFileSync(at("runs/plain.txt"), '1: {"id":"plain"}\n');
    const located = (await run(["--no-index", "runs", "12", "--locations"])).stdout;
    expect(located).toContain('"input": "runs/data.gz"');
    // --write-index, then the same folder again (it failed on the index as invalid data, exit 2).
    ok(await run(["--write-index", ...SPACING, "runs", "12", "--locations"]), located);
    expect(fs.readdirSync(at("runs")).sort()).toEqual(["data.gz", "data.gz.gzidx", "plain.txt"]);
    ok(await run(["runs", "12", "--locations"]), located);
    // Read through it: a wrong one fails the run naming it (its last windows turned to newlines).
    const wrong = fs.readFileSync(at("runs/data.gz.gzidx"));
    fs.writeFileSync(at("runs/data.gz.gzidx"), Buffer.from(wrong).fill(10, wrong.length - 32768 * 3));
    failed(await run([...THREADED, "--segment-bytes", "1", "runs", "12"]), /runs\/data\.gz: its index runs\/data\.gz\.gzidx does not match its data/);
    fs.writeFileSync(at("runs/data.gz.gzidx"), wrong);
    // Named beside X, as a shell's runs/* names it.
    ok(await run(["runs/data.gz", "runs/data.gz.gzidx", "runs/plain.txt", "12", "--locations"]), located);
    // Without X among the inputs: left out with one warning line, the rest ranked.
    fs.renameSync(at("runs/data.gz.gzidx"), at("runs/other.gz.gzidx"));
    const plain = (await run(["runs/plain.txt", "12", "--locations"])).stdout;
    ok(await run(["runs/plain.txt", "runs/other.gz.gzidx", "12", "--locations"]), plain,
      "highest: warning: runs/other.gz.gzidx is left out: it is an index, and runs/other.gz is not among the inputs\n");
    ok(await run(["runs", "12", "--locations"]), located,
      "highest: warning: runs/other.gz.gzidx is left out: it is an index, and runs/other.gz is not among the inputs\n");
    fs.rmSync(at("runs"), { recursive: true });
  });
});

describe("the library", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = () => require("../../build/node/internal.js") as typeof import("../../src/node/internal");
  test("index: a path is the one input's index; false ignores the one beside it", async () => {
    setUp(Buffer.from("not an index"));
    fs.writeFileSync(at("elsewhere.gzidx"), written);
    const later = new Date(Date.now() + 2000);
    fs.utimesSync(at("elsewhere.gzidx"), later, later);
    const options = { threads: 3, tuning: { minThreadedBytes: 0, segmentBytes: 1 } };
    const oracle = multiOracle([{ name: "data.gz", bytes: new Uint8Array(Buffer.from(TEXT)) }], 10n);
    if (!oracle.ok) throw new Error("the oracle rejects the records");
    const ids = oracle.winners.map((w) => JSON.parse(w.idJson) as string);
    const quiet = jest.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      expect((await library().highest(at("data.gz"), 10, { ...options, index: at("elsewhere.gzidx") })).map((w) => w.id)).toEqual(ids);
      expect((await library().highest(at("data.gz"), 10, { ...options, index: false })).map((w) => w.id)).toEqual(ids);
      fs.writeFileSync(at("elsewhere.gzidx"), changed());
      await expect(library().highest(at("data.gz"), 10, { ...options, index: at("elsewhere.gzidx") })).rejects.toThrow(/does not match its data/);
      await expect(library().highest([at("data.gz"), at("data.gz")], 10, { index: at("elsewhere.gzidx") })).rejects.toThrow(/one input/);
      await expect(library().highest(at("data.gz"), 10, { index: 5 as unknown as string })).rejects.toThrow(/index must be false or a path/);
      // An index given by path: the one beside the file is not looked at, nor warned of.
      expect(quiet).not.toHaveBeenCalled();
    } finally {
      quiet.mockRestore();
    }
    // An index that does not match: a process warning of its own code, the answer the same.
    const emitted = jest.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      expect((await library().highest(at("data.gz"), 10, options)).map((w) => w.id)).toEqual(ids);
      expect(emitted.mock.calls).toEqual([[
        `${at("data.gz")}.gzidx is left out: it is truncated; ${at("data.gz")} is read from its start`, { code: "HIGHEST_INDEX_LEFT_OUT" },
      ]]);
    } finally {
      emitted.mockRestore();
    }
    function changed() { const b = Buffer.from(written); b.fill(10, b.length - 32768 * 3); return b; }
  });
});

const python = "/usr/bin/python3";
const noIndexedGzip = spawnSync(python, ["-c", "import indexed_gzip"]).status === 0 ? undefined : "python3's indexed_gzip is not installed";

describe("indexed_gzip (its own GZIDX)", () => {
  testUnless(noIndexedGzip)("its index of the file serves every thread count and part", async () => {
    setUp();
    const made = spawnSync(python, ["-c", `
import indexed_gzip, sys
f = indexed_gzip.IndexedGzipFile(sys.argv[1], spacing=262144)
f.build_full_index()
f.export_index(sys.argv[2])
f.close()`, at("data.gz"), at("data.gz.gzidx")], { encoding: "utf8" });
    expect(made.stderr).toBe("");
    expect(parseIndex(fs.readFileSync(at("data.gz.gzidx"))).points.length).toBeGreaterThan(10);
    for (const threads of ["1", "3"]) {
      ok(await run(["--threads", threads, ...THREADED, "--segment-bytes", "1", "data.gz", "40", "--locations"]), expected(40n, { locations: true }));
    }
    const outputs: string[] = [];
    for (let i = 0; i < 4; i++) outputs.push((await run(["--shard", `${i}/4`, "data.gz", "50", "--lines"])).stdout);
    ok(await run(["-", "50", "--lines"], Buffer.from(outputs.join(""))), expected(50n, { lines: true }));
  });

  testUnless(noIndexedGzip)("it reads our index: the bytes at any offset are the file's", () => {
    setUp(written);
    const read = spawnSync(python, ["-c", `
import indexed_gzip, sys, hashlib
f = indexed_gzip.IndexedGzipFile(sys.argv[1])
f.import_index(sys.argv[2])
for offset in (0, 1000, 1500000, 2050000, 4000000):
    f.seek(offset)
    sys.stdout.write(hashlib.sha256(f.read(100000)).hexdigest() + "\\n")
f.close()`, at("data.gz"), at("data.gz.gzidx")], { encoding: "utf8" });
    expect(read.stderr).toBe("");
    const text = Buffer.from(TEXT);
    const hashes = [0, 1000, 1500000, 2050000, 4000000].map((offset) =>
      require("node:crypto").createHash("sha256").update(text.subarray(offset, offset + 100000)).digest("hex"));
    expect(read.stdout.trim().split("\n")).toEqual(hashes);
  });
});
