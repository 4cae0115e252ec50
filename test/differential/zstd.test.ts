// zstd inputs through the built CLI (issue 28), differential: a zstd file must give exactly what
// `zstd -dc` of it gives piped to the CLI as plain text, however the file was made (zstd levels 1,
// 3, 19 and --ultra -22, --long=27, pzstd, with and without checksums, frames one after another
// with skippable and empty frames between them, raw and RLE blocks), 1 and 3 threads, both
// engines, --locations and --lines (line numbers count decompressed lines), from a file, a folder
// and standard input; damage at every offset of small files gives zstd -dc's answer or exit 1
// with a zstd error, never another answer.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliCase, Outcome, difference, runCases } from "../helpers/cli-cases";
import { randomRecords, toBytes } from "../helpers/records";
import { tempFolder } from "../helpers/temp-folder";
import { frameHeader, rawBlock, rleBlock, skippable, zstdCompress, zstdDecompress } from "../helpers/zstd-core";

jest.setTimeout(300_000);
const temp = tempFolder("highest-zstd-");
const records = (seed: number, lines: number, options: { pad?: number; long?: number } = {}) =>
  Buffer.from(toBytes(randomRecords(seed, { lines, ...options })));
const ended = (bytes: Buffer) => (bytes[bytes.length - 1] === 0x0a ? bytes : Buffer.concat([bytes, Buffer.from("\n")]));
const MAIN = ended(records(2801, 400, { pad: 400, long: 0.01 }));
const SMALL = ended(records(2802, 40, { pad: 40 }));
const BIG = ended(records(2803, 3000, { pad: 300 }));

/** Raw blocks of whole lines, at most 100 KB each, and RLE blocks of blank lines between them, in one frame. */
function rawAndRle(bytes: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const end = bytes.length - at <= 100_000 ? bytes.length : bytes.lastIndexOf(0x0a, at + 100_000) + 1;
    if (end <= at) throw new Error("a line over 100 KB");
    blocks.push(rawBlock(bytes.subarray(at, end), false), rleBlock(0x0a, 5000, false));
    at = end;
  }
  blocks.push(rawBlock(Buffer.alloc(0), true));
  return Buffer.concat([frameHeader({ windowByte: 7 << 3 }), ...blocks]);
}

let pzstdInput = "";
const VARIANTS: Record<string, () => Buffer> = {
  "level-1.zst": () => zstdCompress(MAIN, ["-1"]),
  "level-3.zst": () => zstdCompress(BIG, ["-3"]),
  "level-19.zst": () => zstdCompress(MAIN, ["-19"]),
  "ultra-22.zst": () => zstdCompress(BIG, ["--ultra", "-22"]),
  "long-27.zst": () => zstdCompress(BIG, ["--long=27", "-3"]),
  "no-check.zst": () => zstdCompress(MAIN, ["-3", "--no-check"]),
  // pzstd -1 makes a frame (and a skippable frame before it) every 2 MiB or so.
  "pzstd.zst": () => zstdCompress(new Uint8Array(), ["-p", "2", "-1", pzstdInput], "pzstd"),
  "frames.zst": () => Buffer.concat([
    zstdCompress(SMALL, ["-3"]), zstdCompress(Buffer.alloc(0), ["-3"]), skippable(Buffer.from("not records\n")),
    zstdCompress(MAIN, ["-19", "--no-check"]), skippable(Buffer.alloc(0), 9), zstdCompress(SMALL, ["-1"]), zstdCompress(Buffer.alloc(0), ["-1"]),
  ]),
  "skippable-first.zst": () => Buffer.concat([skippable(Buffer.from("x")), zstdCompress(MAIN, ["-3"])]),
  "raw-and-rle.zst": () => rawAndRle(BIG),
  "runs.zst": () => zstdCompress(Buffer.concat([MAIN, Buffer.alloc(400_000, 0x0a), SMALL]), ["-1"]),
};

const ENGINES = ["wasm", "js"] as const;
const MODES = {
  all: ["1000000000", "--locations", "--compact"],
  lines: ["60", "--lines"],
  top: ["7"],
} as const;

let zstdDir: string;
let plainDir: string;
beforeAll(() => {
  zstdDir = path.join(temp.path, "zstd");
  plainDir = path.join(temp.path, "plain");
  fs.mkdirSync(zstdDir);
  fs.mkdirSync(plainDir);
  pzstdInput = path.join(temp.path, "big.txt");
  fs.writeFileSync(pzstdInput, Buffer.concat([BIG, MAIN, BIG, BIG, MAIN, BIG, BIG, MAIN]));
  for (const [name, make] of Object.entries(VARIANTS)) {
    const compressed = make();
    const plain = zstdDecompress(compressed);
    if (plain === undefined) throw new Error(`${name}: zstd -dc does not read it`);
    fs.writeFileSync(path.join(zstdDir, name), compressed);
    fs.writeFileSync(path.join(plainDir, name), plain);
  }
});

/** The CLI's answer on zstd -dc's output of the same name, on standard input (so that the name shown is the same). */
async function oracle(name: string, args: readonly string[]): Promise<Outcome> {
  const [wasm] = await runCases([{ label: "plain", cwd: plainDir, args: ["-", ...args], stdinFile: path.join(plainDir, name) }]);
  return wasm;
}

async function expectAnswers(cases: Array<CliCase & { want: Outcome }>) {
  const got = await runCases(cases);
  const wrong = cases.map((c, i) => {
    const why = difference(got[i], c.want);
    return why && `${c.label}: ${why}`;
  }).filter(Boolean);
  expect(wrong).toEqual([]);
}

test("each file, on standard input (a pipe and the file), as a file, both engines, 1 and 3 threads: zstd -dc's answer", async () => {
  const cases: Array<CliCase & { want: Outcome }> = [];
  for (const [i, name] of Object.keys(VARIANTS).entries()) {
    for (const mode of ["all", "lines", "top"] as const) {
      const want = await oracle(name, MODES[mode]);
      expect({ name, code: want.code, stderr: want.stderr }).toEqual({ name, code: 0, stderr: "" });
      const engine = ENGINES[i % 2];
      const threads = mode === "all" ? "3" : "1";
      const knobs = ["--engine", engine, "--threads", threads, "--min-threaded-bytes", "0"];
      cases.push({ label: `${name} on stdin ${mode} ${engine}`, cwd: zstdDir, args: ["-", ...MODES[mode], ...knobs],
        stdinFile: path.join(zstdDir, name), stdinPipe: mode === "lines", want });
      if (mode === "all") {
        // As a file, its name shown: the plain answer with "-" replaced by the name.
        const named = { ...want, stdout: want.stdout.split("\"input\":\"-\"").join(`"input":"${name}"`) };
        cases.push({ label: `${name} as a file ${engine}`, cwd: zstdDir, args: [name, ...MODES.all, ...knobs], want: named });
      }
    }
  }
  await expectAnswers(cases);
});

test("all files at once and the folder: the answer of their plain bytes in the same order, both engines, 3 threads", async () => {
  const names = Object.keys(VARIANTS).sort();
  const plain = await runCases(ENGINES.map((engine) => ({ label: engine, cwd: plainDir, args: [...names, ...MODES.all, "--engine", engine] })));
  expect(plain[0].code).toBe(0);
  expect(difference(plain[1], plain[0])).toBeUndefined();
  const inFolder = { ...plain[0], stdout: plain[0].stdout.split("\"input\":\"").join("\"input\":\"zstd/") };
  await expectAnswers(ENGINES.flatMap((engine) => [
    { label: `files ${engine}`, cwd: zstdDir, args: [...names, ...MODES.all, "--engine", engine, "--threads", "3"], want: plain[0] },
    { label: `folder ${engine}`, cwd: temp.path, args: ["zstd", ...MODES.all, "--engine", engine, "--threads", "3"], want: inFolder },
  ]));
});

test("multi-frame files cut between threads at frame ends: units of 4 and 64 KiB, 1 and 3 threads, both engines, as one read", async () => {
  const cases: Array<CliCase & { want: Outcome }> = [];
  for (const name of ["pzstd.zst", "frames.zst", "skippable-first.zst", "level-3.zst"]) {
    const plain = await oracle(name, MODES.all);
    const want = { ...plain, stdout: plain.stdout.split("\"input\":\"-\"").join(`"input":"${name}"`) };
    for (const segment of ["4096", "65536"]) {
      for (const [threads, engine] of [["1", "wasm"], ["3", "js"], ["3", "wasm"]]) {
        cases.push({
          label: `${name} --segment-bytes ${segment} --threads ${threads} --engine ${engine}`, cwd: zstdDir,
          args: [name, ...MODES.all, "--segment-bytes", segment, "--threads", threads, "--min-threaded-bytes", "0", "--engine", engine], want,
        });
      }
    }
  }
  await expectAnswers(cases);
});

test("--shard parts of multi-frame files: their --lines merged in part order are one run's --lines, whatever K", async () => {
  for (const name of ["pzstd.zst", "frames.zst"]) {
    const [whole] = await runCases([{ label: "whole", cwd: zstdDir, args: [name, "40", "--lines"] }]);
    expect(whole.code).toBe(0);
    for (const k of [2, 3, 5]) {
      const parts = await runCases(Array.from({ length: k }, (_, i) => ({
        label: `${i}/${k}`, cwd: zstdDir, args: [name, "40", "--lines", "--shard", `${i}/${k}`, "--segment-bytes", "8192", "--threads", "2", "--min-threaded-bytes", "0"],
      })));
      expect(parts.map((part) => part.code)).toEqual(parts.map(() => 0));
      const merged = path.join(temp.path, `merged-${k}.txt`);
      fs.writeFileSync(merged, Buffer.from(parts.map((part) => part.stdout).join(""), "latin1"));
      const [again] = await runCases([{ label: "merged", args: [merged, "40", "--lines"] }]);
      expect({ name, k, same: again.stdout === whole.stdout }).toEqual({ name, k, same: true });
    }
  }
});

test("an invalid line inside zstd data: the error names the line the plain bytes name (decompressed lines counted)", async () => {
  const bad = Buffer.concat([MAIN, Buffer.from("12x:{\"id\":\"bad\"}\n"), SMALL]);
  fs.writeFileSync(path.join(plainDir, "bad.zst"), bad);
  fs.writeFileSync(path.join(zstdDir, "bad.zst"), Buffer.concat([zstdCompress(MAIN, ["-3"]), zstdCompress(bad.subarray(MAIN.length), ["-19"])]));
  const want = await oracle("bad.zst", MODES.all);
  expect(want.code).toBe(2);
  await expectAnswers(ENGINES.flatMap((engine) => [{
    label: engine, cwd: zstdDir, args: ["-", ...MODES.all, "--engine", engine], stdinFile: path.join(zstdDir, "bad.zst"), want,
  }, {
    // As a file cut between threads at its frame end: the line is numbered from the file's start.
    label: `${engine} as a file, 3 threads`, cwd: zstdDir,
    args: ["bad.zst", ...MODES.all, "--engine", engine, "--threads", "3", "--min-threaded-bytes", "0", "--segment-bytes", "4096"],
    want,
  }]));
});

test("damage in a later frame of a file cut between threads: damaged zstd data, never an answer", async () => {
  const frames = fs.readFileSync(path.join(zstdDir, "pzstd.zst"));
  const cases: Array<CliCase & { want: Outcome }> = [];
  for (const at of [Math.floor(frames.length * 0.6), frames.length - 3]) {
    const damaged = Buffer.from(frames);
    damaged[at] ^= 0x20;
    fs.writeFileSync(path.join(zstdDir, `hit-${at}.zst`), damaged);
    for (const threads of ["1", "3"]) {
      cases.push({
        label: `byte ${at}, ${threads} threads`, cwd: zstdDir,
        args: [`hit-${at}.zst`, "5", "--threads", threads, "--min-threaded-bytes", "0", "--segment-bytes", "65536"],
        want: { code: 1, stdout: "", stderr: `highest: hit-${at}.zst: damaged zstd data\n` },
      });
    }
  }
  await expectAnswers(cases);
});

test("damage at every offset of small files: zstd -dc's answer, or exit 1 with a zstd error; never another answer", async () => {
  // A window over the limit is refused by name: damage to the window byte may ask for one.
  const zstdError = /^highest: standard input: ((damaged|truncated) zstd data|zstd frame needs a window over 128 MiB, [^\n]+)\n$/;
  const small = SMALL.subarray(0, 300);
  const cases: Array<CliCase & { check: (got: Outcome) => string | undefined }> = [];
  for (const [label, compressed] of [["checked", zstdCompress(small, ["-3"])], ["no-check", zstdCompress(small, ["-19", "--no-check"])]] as const) {
    // Damage to the magic number makes the bytes another format (plain text here): from byte 4 on.
    for (let at = 4; at < compressed.length; at++) {
      const damaged = Buffer.from(compressed);
      damaged[at] ^= at % 2 === 0 ? 0x04 : 0x81;
      const file = path.join(zstdDir, `damaged-${label}-${at}.zst`);
      fs.writeFileSync(file, damaged);
      const plain = zstdDecompress(damaged);
      let want: Outcome | undefined;
      if (plain !== undefined) {
        fs.writeFileSync(path.join(plainDir, `damaged-${label}-${at}.zst`), plain);
        want = await oracle(`damaged-${label}-${at}.zst`, MODES.lines);
      }
      cases.push({
        label: `${label} at ${at}`, args: ["-", ...MODES.lines, "--engine", ENGINES[at % 2]], stdinFile: file,
        check: (got) => (got.code === 1 && zstdError.test(got.stderr) && got.stdout === "") || (want && !difference(got, want))
          ? undefined : `exit ${got.code}, ${JSON.stringify(got.stderr.slice(0, 120))}${want ? "" : " (zstd -dc fails)"}`,
      });
    }
  }
  const got = await runCases(cases);
  expect(cases.map((c, i) => c.check(got[i]) && `${c.label}: ${c.check(got[i])}`).filter(Boolean)).toEqual([]);
});
