// Gzip inputs through the built CLI (issue 18), differential: a gzip file must give exactly
// what the same bytes give as a plain file (the oracle: the CLI on the plain files, both engines
// byte for byte, itself held to test/helpers/multi-oracle.ts), however the file was made (gzip,
// pigz, bgzip, Node's zlib levels 0 to 9, members cut at lines, mid-line, a few bytes each,
// empty, huge; BGZF with members of any size; deflate blocks ended mid-line; every optional
// header field), at every unit size (--segment-bytes), 1 and 3 threads (BGZF is cut at members;
// threads never change the answer), both engines, --locations and --lines (line numbers exact), from a file and from standard input.
// Files from the gzip, pigz and bgzip commands are tested where the command is installed;
// elsewhere their tests are skipped, saying why.
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { CliCase, Outcome, difference, runCases } from "../helpers/cli-cases";
import { BGZF_EOF, bgzf } from "../helpers/bgzf";
import { compressWith, flushedAt, memberWithEveryField, membersAt, midLineOffsets, missingCommand } from "../helpers/gzip-variants";
import { multiOracle, oracleOutput } from "../helpers/multi-oracle";
import { seededDraws } from "../helpers/prng";
import { randomRecords, toBytes } from "../helpers/records";
import { strictGunzip } from "../helpers/strict-gunzip";
import { tempFolder } from "../helpers/temp-folder";

jest.setTimeout(120_000);
const temp = tempFolder("highest-gzip-");
const draws = seededDraws(18);

/** The record sets: CRLF, blank lines, ties, scores beyond 2^64 and negative, lines of 20 to 100 KiB. */
const records = (seed: number, lines: number, options: { pad?: number; long?: number; invalid?: number } = {}) =>
  Buffer.from(toBytes(randomRecords(seed, { lines, ...options })));
const MAIN = records(1801, 300, { pad: 400, long: 0.01 });
const SMALL = records(1802, 40, { pad: 40 });
const BIG = records(1803, 2500, { pad: 300 });
/** A file that ends with a newline, so that another can follow it as `cat a b` would. */
const ended = (bytes: Buffer) => (bytes[bytes.length - 1] === 0x0a ? bytes : Buffer.concat([bytes, Buffer.from("\n")]));
const lineStarts = (bytes: Buffer, n: number) => Array.from({ length: n }, () => bytes.indexOf(0x0a, draws.int(0, bytes.length - 1)) + 1)
  .filter((at) => at > 0).sort((a, b) => a - b);

interface Variant {
  name: string;
  plain: Buffer;
  make: (plainFile: string) => Buffer | Promise<Buffer>;
}

/** Cuts every 1 to 6 bytes. */
const tinyCuts = (length: number) => {
  const cuts: number[] = [];
  for (let at = draws.int(1, 6); at < length; at += draws.int(1, 6)) cuts.push(at);
  return cuts;
};

/** Members cut mid-line, each with its deflate blocks ended mid-line. */
async function straddling(bytes: Buffer): Promise<Buffer> {
  const cuts = [0, ...midLineOffsets(bytes, (n) => draws.int(0, n - 1), 3), bytes.length];
  const members: Buffer[] = [];
  for (let i = 1; i < cuts.length; i++) {
    const piece = bytes.subarray(cuts[i - 1], cuts[i]);
    members.push(await flushedAt(piece, midLineOffsets(piece, (n) => draws.int(0, n - 1), 6), [1, 6, 9][i % 3]));
  }
  return Buffer.concat(members);
}

const GROUPS: Array<{ group: string; missing?: string; variants: Variant[] }> = [
  {
    group: "Node's zlib",
    variants: [
      ...[0, 1, 6, 9].map((level) => ({ name: `zlib-${level}.gz`, plain: MAIN, make: () => zlib.gzipSync(MAIN, { level }) })),
      { name: "members-at-lines.gz", plain: MAIN, make: () => membersAt(MAIN, lineStarts(MAIN, 6)) },
      { name: "members-mid-line.gz", plain: MAIN, make: () => membersAt(MAIN, midLineOffsets(MAIN, (n) => draws.int(0, n - 1), 8)) },
      { name: "members-tiny.gz", plain: SMALL, make: () => membersAt(SMALL, tinyCuts(SMALL.length)) },
      {
        name: "members-empty.gz", plain: MAIN, make: () => {
          const [a, b] = midLineOffsets(MAIN, (n) => draws.int(0, n - 1), 2);
          return membersAt(MAIN, [0, 0, a, a, b, MAIN.length, MAIN.length]);
        },
      },
      { name: "member-huge.gz", plain: BIG, make: () => membersAt(BIG, [100, BIG.length - 100]) },
      { name: "blocks-and-members-mid-line.gz", plain: MAIN, make: () => straddling(MAIN) },
      // BGZF (a 'BC' size field in each member) as bgzip would not make it: members of any size, stored blocks.
      { name: "bgzf-uneven.gz", plain: MAIN, make: () => bgzf(MAIN, [700, 3000, 13, 20000, 1, 9000]) },
      { name: "bgzf-tiny.gz", plain: SMALL, make: () => bgzf(SMALL, [1, 2, 3, 5, 7]) },
      { name: "bgzf-stored.gz", plain: MAIN, make: () => bgzf(MAIN, [4000, 30000], 0) },
      {
        // BGZF members, then plain gzip members (no size field), then BGZF again.
        name: "bgzf-and-gzip.gz", plain: MAIN, make: () => {
          const [a, b] = midLineOffsets(MAIN, (n) => draws.int(0, n - 1), 2);
          return Buffer.concat([bgzf(MAIN.subarray(0, a), [3000]).subarray(0, -BGZF_EOF.length), zlib.gzipSync(MAIN.subarray(a, b)), bgzf(MAIN.subarray(b), [5000])]);
        },
      },
      {
        name: "every-header-field.gz", plain: MAIN,
        make: () => Buffer.concat([memberWithEveryField(MAIN.subarray(0, 5000)), zlib.gzipSync(MAIN.subarray(5000))]),
      },
    ],
  },
  {
    group: "gzip", missing: missingCommand("gzip"),
    variants: [
      ...[1, 6, 9].map((level) => ({ name: `gzip-${level}.gz`, plain: MAIN, make: () => compressWith("gzip", ["-c", `-${level}`], MAIN) })),
      // From a file: its name and time in the header.
      { name: "gzip-named.gz", plain: MAIN, make: (plainFile: string) => compressWith("gzip", ["-c", plainFile], new Uint8Array()) },
      {
        name: "gzip-cat.gz", plain: Buffer.concat([ended(MAIN), SMALL]),
        make: () => Buffer.concat([compressWith("gzip", ["-c"], ended(MAIN)), compressWith("gzip", ["-c"], SMALL)]),
      },
    ],
  },
  {
    group: "pigz", missing: missingCommand("pigz"),
    variants: [
      { name: "pigz-6.gz", plain: BIG, make: () => compressWith("pigz", ["-c", "-6"], BIG) },
      { name: "pigz-independent.gz", plain: BIG, make: () => compressWith("pigz", ["-c", "--independent"], BIG) },
      { name: "pigz-b32.gz", plain: BIG, make: () => compressWith("pigz", ["-c", "-b", "32"], BIG) },
    ],
  },
  {
    group: "bgzip", missing: missingCommand("bgzip"),
    variants: [
      { name: "bgzip.gz", plain: BIG, make: () => compressWith("bgzip", ["-c"], BIG) },
      { name: "bgzip-small.gz", plain: MAIN, make: () => compressWith("bgzip", ["-c"], MAIN) },
    ],
  },
];

const ENGINES = ["wasm", "js"] as const;
interface Config { segment?: number; threads: number; engine: "wasm" | "js" }
const configs = (segments: Array<number | undefined>): Config[] => segments.flatMap((segment) =>
  [1, 3].flatMap((threads) => ENGINES.map((engine) => ({ segment, threads, engine }))));
// Units of 1 byte (a unit a line, or less) only for small files: a unit costs an open and a read.
const CONFIGS = configs([4096, 65536, undefined]);
const knobs = (c: Config) => ["--engine", c.engine, "--threads", String(c.threads), "--min-threaded-bytes", "0",
  ...(c.segment === undefined ? [] : ["--segment-bytes", String(c.segment)])];
const shown = (c: Config) => `--segment-bytes ${c.segment ?? "default"} --threads ${c.threads} --engine ${c.engine}`;

/** Output options: every record with its input and line, the lines themselves, the top few. */
const MODES = {
  all: { args: ["1000000000", "--locations", "--compact"], format: { locations: true, compact: true }, count: 1_000_000_000n },
  lines: { args: ["60", "--lines"], format: { lines: true }, count: 60n },
  top: { args: ["7"], format: {}, count: 7n },
} as const;
type Mode = keyof typeof MODES;

let plainDir: string, gzipDir: string;
beforeAll(async () => {
  plainDir = path.join(temp.path, "plain");
  gzipDir = path.join(temp.path, "gzip");
  fs.mkdirSync(plainDir);
  fs.mkdirSync(gzipDir);
  for (const { missing, variants } of GROUPS) {
    if (missing) continue;
    for (const v of variants) {
      const plainFile = path.join(plainDir, v.name);
      fs.writeFileSync(plainFile, v.plain);
      const gz = await v.make(plainFile);
      // The variant is what it claims: valid gzip of exactly these bytes.
      const decoded = strictGunzip(gz);
      if (!decoded.ok || !decoded.bytes.equals(v.plain)) throw new Error(`${v.name} does not decode to its plain bytes`);
      fs.writeFileSync(path.join(gzipDir, v.name), gz);
    }
  }
});

const plainAnswers = new Map<string, Outcome>();
/**
 * The CLI's answer on the plain files (same names, in plainDir), which must be what the
 * multi-input oracle says; `stdin`: one file given as "-". Asked before for the same bytes (only
 * --locations shows the names), it is not run again. Several files: both engines, which must agree
 * (each file alone: the gzip runs, on both engines, must agree with it).
 */
async function plainAnswer(names: string[], mode: Mode, stdin = false): Promise<Outcome> {
  const inputs = names.map((name) => ({ name: stdin ? "-" : name, bytes: fs.readFileSync(path.join(plainDir, name)) }));
  const key = JSON.stringify([mode, inputs.map(({ name, bytes }) => [mode === "all" ? name : "", bytes.toString("latin1")])]);
  const cached = plainAnswers.get(key);
  if (cached) return cached;
  const operands = stdin ? ["-"] : names;
  const [wasm, js] = await runCases(ENGINES.slice(0, names.length > 1 ? 2 : 1).map((engine) => ({
    label: engine, cwd: plainDir, args: [...operands, ...MODES[mode].args, "--engine", engine],
    stdinFile: stdin ? path.join(plainDir, names[0]) : undefined,
  })));
  if (js) expect(difference(js, wasm)).toBeUndefined();
  const oracle = multiOracle(inputs, MODES[mode].count);
  if (!oracle.ok) throw new Error(`the record sets are meant to be valid (${oracle.input}: line ${oracle.line})`);
  expect(wasm).toEqual({ code: 0, stderr: "", stdout: oracleOutput(oracle.winners, MODES[mode].format).toString("latin1") });
  plainAnswers.set(key, wasm);
  return wasm;
}

/** Runs the cases and expects each to give the plain answer named with it; every mismatch is listed. */
async function expectPlainAnswers(cases: Array<CliCase & { want: Outcome }>) {
  const got = await runCases(cases);
  const wrong = cases.map((c, i) => {
    const why = difference(got[i], c.want);
    return why && `${c.label}: ${why}`;
  }).filter(Boolean);
  expect(wrong).toEqual([]);
}

for (const { group, missing, variants } of GROUPS) {
  const names = variants.map((v) => v.name);
  const title = `gzip files from ${group}: ${names.join(", ")}`;
  if (missing) {
    describe.skip(`${title} [skipped: ${missing}]`, () => { test("not run", () => undefined); });
    continue;
  }
  describe(title, () => {
    test("all at once, every unit size, thread count and engine: each record at its input and line, as from the plain files", async () => {
      const want = await plainAnswer(names, "all");
      await expectPlainAnswers(CONFIGS.map((c) => ({
        label: shown(c), cwd: gzipDir, args: [...names, ...MODES.all.args, ...knobs(c)], want,
      })));
    });

    test("all at once, --lines and a small count: the same bytes as from the plain files", async () => {
      const wants = { lines: await plainAnswer(names, "lines"), top: await plainAnswer(names, "top") };
      await expectPlainAnswers((["lines", "top"] as const).flatMap((mode, m) => [CONFIGS[m], CONFIGS[11 - m]].map((c) => ({
        label: `${mode} ${shown(c)}`, cwd: gzipDir, args: [...names, ...MODES[mode].args, ...knobs(c)], want: wants[mode],
      }))));
    });

    test("each file alone, as a file and on standard input: the plain file's answer", async () => {
      const { pick } = seededDraws(names.length * 1000 + group.length);
      const cases: Array<CliCase & { want: Outcome }> = [];
      for (const name of names) {
        for (const stdin of [false, true]) {
          const mode = pick(["all", "lines", "top"] as const);
          const c = pick(CONFIGS);
          const pipe = stdin && cases.length % 4 === 1;
          cases.push({
            label: `${name} ${stdin ? `on stdin (${pipe ? "a pipe" : "the file"})` : "as a file"} ${mode} ${shown(c)}`, cwd: gzipDir,
            args: [stdin ? "-" : name, ...MODES[mode].args, ...knobs(c)],
            stdinFile: stdin ? path.join(gzipDir, name) : undefined, stdinPipe: pipe,
            want: await plainAnswer([name], mode, stdin),
          });
        }
      }
      await expectPlainAnswers(cases);
    });
  });
}

describe("units of one byte (--segment-bytes 1) over small gzip files", () => {
  test("one member, tiny members, flushed blocks: as from the plain files, 1 and 2 threads, both engines", async () => {
    const small = { "small-zlib-6.gz": zlib.gzipSync(SMALL), "small-members-tiny.gz": membersAt(SMALL, tinyCuts(SMALL.length)),
      "small-bgzf-tiny.gz": bgzf(SMALL, [1, 4, 2, 9]),
      "small-flushed.gz": await flushedAt(SMALL, midLineOffsets(SMALL, (n) => draws.int(0, n - 1), 9)) };
    for (const [name, gz] of Object.entries(small)) {
      fs.writeFileSync(path.join(plainDir, name), SMALL);
      fs.writeFileSync(path.join(gzipDir, name), gz);
    }
    const names = Object.keys(small);
    const cases: Array<CliCase & { want: Outcome }> = [];
    for (const mode of ["all", "lines"] as const) {
      const want = await plainAnswer(names, mode);
      for (const c of configs([1])) cases.push({ label: `${mode} ${shown(c)}`, cwd: gzipDir, args: [...names, ...MODES[mode].args, ...knobs(c)], want });
    }
    for (const [i, name] of names.entries()) {
      const c = configs([1])[i];
      cases.push({ label: `${name} on stdin (a pipe) ${shown(c)}`, cwd: gzipDir, args: ["-", ...MODES.all.args, ...knobs(c)],
        stdinFile: path.join(gzipDir, name), stdinPipe: true, want: await plainAnswer([name], "all", true) });
    }
    await expectPlainAnswers(cases);
  });
});

describe("invalid data inside gzip: the error names the same line as in the plain file", () => {
  // A bad line deep in the file (its line number counts every line of the members before it).
  const text = Buffer.concat([records(1804, 300, { pad: 200 }), Buffer.from("\n12x:{\"id\":\"bad\"}\n"), records(1805, 50)]);
  const badRecord = Buffer.concat([records(1806, 300, { pad: 200 }), Buffer.from("\n5:{\"id\":[1]}\n"), records(1807, 50)]);

  test.each([["a framing error", text, [] as string[]], ["an invalid record (--strict)", badRecord, ["--strict"]]])(
    "%s, in one member and across members, at every unit size, thread count and engine", async (_what, bytes, extra) => {
      const name = `bad-${extra.length}.gz`;
      fs.writeFileSync(path.join(plainDir, name), bytes);
      const cuts = midLineOffsets(bytes, (n) => draws.int(0, n - 1), 5);
      const files = { [name]: zlib.gzipSync(bytes), [`members-${name}`]: membersAt(bytes, cuts) };
      for (const [file, gz] of Object.entries(files)) fs.writeFileSync(path.join(gzipDir, file), gz);
      fs.copyFileSync(path.join(plainDir, name), path.join(plainDir, `members-${name}`));
      const cases: Array<CliCase & { want: Outcome }> = [];
      for (const file of Object.keys(files)) {
        for (const stdin of [false, true]) {
          const operand = stdin ? "-" : file;
          const args = [operand, "1000000000", "--locations", ...extra];
          const plain = await runCases(ENGINES.map((engine) => ({
            label: engine, cwd: plainDir, args: [...args, "--engine", engine], stdinFile: stdin ? path.join(plainDir, file) : undefined,
          })));
          expect(difference(plain[1], plain[0])).toBeUndefined();
          const line = multiOracle([{ name: operand, bytes }], 1_000_000_000n, { strict: extra.length > 0 });
          expect(line.ok).toBe(false);
          expect({ code: plain[0].code, stdout: plain[0].stdout }).toEqual({ code: 2, stdout: "" });
          expect(plain[0].stderr).toMatch(new RegExp(`^highest: line ${line.ok ? 0 : line.line}: [^\\n]+\\n$`));
          for (const c of CONFIGS.filter((_, i) => i % 4 === (stdin ? 1 : 0) + (file === name ? 0 : 2))) {
            cases.push({
              label: `${file} ${stdin ? "on stdin (a pipe)" : "as a file"} ${shown(c)}`, cwd: gzipDir, args: [...args, ...knobs(c)],
              stdinFile: stdin ? path.join(gzipDir, file) : undefined, stdinPipe: stdin, want: plain[0],
            });
          }
        }
      }
      await expectPlainAnswers(cases);
    });
});
