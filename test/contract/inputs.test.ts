// Several inputs in one run (SPEC 2, issue 8 points 3, 4, 5 and 8), through the spawned CLI on
// both engines, one thread and threads over tiny segments: directories (recursive, byte order
// of full paths, dot-names and links inside left out, a link named on the command line
// followed), several inputs ranked as one, ties across inputs, the first error in input order,
// unreadable inputs named, `-` once, gzip (members, truncated, damaged, bytes after the last
// member, on standard input, read 1 byte at a time, named anything), other compressed formats
// refused, --lines (verbatim, a round trip), --locations, and --shard exactness.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import * as zlib from "node:zlib";
import { HighestError, NodeInput, highest } from "../../src/node/internal";
import { seededUint32 } from "../helpers/prng";
import { OracleInput, multiOracle, oracleOutput, oracleRecords } from "../helpers/multi-oracle";
import { copyCliInto, OtherUser, unprivilegedUser } from "../helpers/other-user";
import { SpawnResult, expectCleanFailure, spawnHighest } from "../helpers/spawn-highest";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";
import { frameHeader, rawBlock, zstdCompress } from "../helpers/zstd-core";

jest.setTimeout(180_000);
const temp = tempFolder("highest-inputs-");

const THREADED = ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "64"];
/** The ways every rule is tried: both engines, one thread, and two threads over 64-byte segments. */
const MODES: Array<[string, string[]]> = [
  ["wasm", ["--engine", "wasm", "--threads", "1"]],
  ["js", ["--engine", "js", "--threads", "1"]],
  ["wasm, 2 threads, 64-byte segments", ["--engine", "wasm", ...THREADED]],
  ["js, 2 threads, 64-byte segments", ["--engine", "js", ...THREADED]],
];

/** Runs the CLI in the temporary folder (relative paths as a user types them). */
const run = (args: string[], stdin?: string | Uint8Array) => spawnHighest(args, { cwd: temp.path, stdin });
const ok = (result: SpawnResult) => ({ code: result.code, stderr: result.stderr, stdout: result.stdout });
const success = (stdout: string | Buffer) => ({ code: 0, stderr: "", stdout: stdout.toString() });

/** Writes files below the temporary folder (folders made as needed); returns their relative paths. */
function write(files: Record<string, string | Uint8Array>): string[] {
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(temp.path, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return name;
  });
}
const gz = (text: string) => zlib.gzipSync(Buffer.from(text));
const lines = (...items: string[]) => items.map((line) => `${line}\n`).join("");
/** Matches standard error holding exactly this one line. */
const exactly = (line: string) => new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n$`);
/** Oracle inputs for files below the temporary folder, decompressed. */
const oracleInputs = (names: string[]): OracleInput[] => names.map((name) => {
  const bytes = fs.readFileSync(path.join(temp.path, name));
  return { name, bytes: new Uint8Array(bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes) };
});
/** What the oracle says these named inputs print. */
function expected(names: string[], count: bigint, format: { compact?: boolean; locations?: boolean; lines?: boolean } = {}): string {
  const result = multiOracle(oracleInputs(names), count);
  if (!result.ok) throw new Error(`the oracle rejects ${names.join(" ")}: ${result.input} line ${result.line}`);
  return oracleOutput(result.winners, format).toString();
}

beforeAll(() => {
  write({
    // Byte order of full paths: "d/a-c/x" before "d/a/b" ('-' is 0x2d, '/' is 0x2f), and
    // U+FF61 (ef bd a1) before U+1F600 (f0 9f 98 80), the other way round in UTF-16.
    "d/a/b": lines('5:{"id":"a/b"}'),
    "d/a-c/x": lines('5:{"id":"a-c/x"}', '1:{"id":"a-c/x 2"}'),
    "d/z/deep/er/f": lines('5:{"id":"deep"}'),
    "d/\u{1f600}": lines('5:{"id":"smile"}'),
    "d/\u{ff61}": lines('5:{"id":"halfwidth"}'),
    "d/g.gz": gz(lines("", '5:{"id":"gz"}')),
    "d/.hidden": lines('99:{"id":"dot file"}'),
    "d/.dots/f": lines('99:{"id":"in a dot folder"}'),
    "d/z/.h": lines('99:{"id":"deep dot file"}'),
    "outside/o": lines('98:{"id":"outside file"}'),
    "outside/sub/p": lines('97:{"id":"outside folder"}'),
  });
  fs.symlinkSync("../outside/o", path.join(temp.path, "d/link-to-file"));
  fs.symlinkSync("../outside/sub", path.join(temp.path, "d/link-to-folder"));
  fs.mkdirSync(path.join(temp.path, "empty"));
  fs.mkdirSync(path.join(temp.path, "only-dots/.x"), { recursive: true });
  fs.writeFileSync(path.join(temp.path, "only-dots/.x/f"), lines('1:{"id":1}'));
  if (onLinux) spawnSync("mkfifo", [path.join(temp.path, "d/a/fifo")]); // left out: reading it would block
});

const D_FILES = ["d/a-c/x", "d/a/b", "d/g.gz", "d/z/deep/er/f", "d/\u{ff61}", "d/\u{1f600}"];

for (const [mode, flags] of MODES) {
  describe(`directories (${mode})`, () => {
    test("recursive, in byte order of full paths, dot-names, links and FIFOs inside left out", async () => {
      const want = expected(D_FILES, 100n, { compact: true, locations: true });
      expect(want).toMatch(/^\[\{"score":5,"id":"a-c\/x","input":"d\/a-c\/x","line":1\},\{"score":5,"id":"a\/b"/);
      expect(ok(await run([...flags, "--compact", "--locations", "d", "100"]))).toEqual(success(want));
      // A trailing slash: the paths are found below "d/", without a doubled slash.
      expect(ok(await run([...flags, "--compact", "--locations", "d/", "100"]))).toEqual(success(want));
    });

    test("a symbolic link named on the command line is followed (to a file, to a folder)", async () => {
      const want = expected(["d/link-to-file", "d/link-to-folder/p", "d/a/b"], 10n, { compact: true, locations: true });
      expect(ok(await run([...flags, "--compact", "--locations", "d/link-to-file", "d/link-to-folder", "d/a/b", "10"]))).toEqual(success(want));
    });

    test("an empty directory, or one holding only dot-names, prints [] (the latter with a warning of what was left out)", async () => {
      expect(ok(await run([...flags, "empty", "5"]))).toEqual(success("[]\n"));
      const warning = "highest: warning: no input files: only-dots holds 1 name starting with '.'\n";
      expect(ok(await run([...flags, "--lines", "only-dots", "5"]))).toEqual({ code: 0, stdout: "", stderr: warning });
      expect(ok(await run([...flags, "empty", "only-dots", "empty", "5"]))).toEqual({ code: 0, stdout: "[]\n", stderr: warning });
    });

    test("a directory between files keeps its place; ties go to the earlier input, then the earlier line", async () => {
      const names = write({ "t/first": lines('5:{"id":"first 1"}', '5:{"id":"first 2"}'), "t/last": lines('5:{"id":"last"}', '6:{"id":"six"}') });
      const order = ["t/last", ...D_FILES, "t/first"];
      const want = expected(order, 100n, { compact: true, locations: true });
      expect(ok(await run([...flags, "--compact", "--locations", names[1], "d", names[0], "100"]))).toEqual(success(want));
      expect(JSON.parse(want).slice(0, 3).map((w: { id: string }) => w.id)).toEqual(["six", "last", "a-c/x"]);
    });
  });

  describe(`several inputs ranked as one (${mode})`, () => {
    test("the N best of all of them, with exact big and negative scores", async () => {
      const names = write({
        "m/1": lines('-5:{"id":"neg"}', "  ", '18446744073709551617:{"id":"2^64+1"}'),
        "m/2.gz": gz(lines('18446744073709551616:{"id":"2^64"}', '-18446744073709551617:{"id":"-2^64-1"}')),
        "m/3": lines('0:{"id":"zero"}', '18446744073709551617 : {"id":"2^64+1 again"}'),
      });
      for (const count of ["1", "3", "6", "0006", "99"]) {
        expect(ok(await run([...flags, ...names, count]))).toEqual(success(expected(names, BigInt(count))));
      }
    });

    test("the same file twice: its records twice, the first copy first", async () => {
      const [name] = write({ "twice/f": lines('3:{"id":3}', '4:{"id":4}') });
      expect(ok(await run([...flags, "--compact", "--locations", name, name, "3"]))).toEqual(success(
        '[{"score":4,"id":4,"input":"twice/f","line":2},{"score":4,"id":4,"input":"twice/f","line":2},{"score":3,"id":3,"input":"twice/f","line":1}]\n'));
    });
  });

  describe(`the first invalid line in input order (${mode})`, () => {
    test("several inputs: the first framing error wins over an earlier bad record, named with its input", async () => {
      const names = write({
        "e/1": lines('9:{"no id":1}', '1:{"id":1}'),     // a bad record among the winners
        "e/2": lines('2:{"id":2}', "", "3 {\"id\":3}"),   // a framing error, later in input order
        "e/3": lines("x:1"),                              // another, later still
      });
      expectCleanFailure(await run([...flags, ...names, "1"]), 2, /^highest: e\/2: line 3: expected ':' after the score: "3 \{\\"id\\":3\}"\n$/);
    });

    test("several inputs: else the first bad record among the winners, in input order", async () => {
      const names = write({ "r/1": lines('1:{"id":1}', '8:not json'), "r/2.gz": gz(lines('9:{"id":[9]}', '7:{"id":7}')) });
      expectCleanFailure(await run([...flags, ...names, "2"]), 2, /^highest: r\/1: line 2: record is not valid JSON: "[^\n]*"\n$/);
      expectCleanFailure(await run([...flags, ...names, "1"]), 2, /^highest: r\/2.gz: line 1: id is not a string or a number: "[^\n]*"\n$/);
      expect(ok(await run([...flags, "--compact", names[0], names[1], "0"]))).toEqual(success("[]\n"));
      expectCleanFailure(await run([...flags, "--strict", ...names, "0"]), 2, /^highest: r\/1: line 2: record is not valid JSON: "[^\n]*"\n$/);
    });

    test("--strict checks the records after a blank line holding a '\\r' (\" \\r \\n\", \"\\r\\r\\n\")", async () => {
      // Found by test/property.test.ts: --strict took such a line for a framing error and
      // stopped checking the rest of the read, so an invalid record after it went unnoticed.
      const [file] = write({ "strict-cr/f": Buffer.from(" \r \n\r\r\n9:{\"id\":9}\n1:{\"id\":\"a\x80\"}\n2:not json\n", "latin1") });
      expect(ok(await run([...flags, "--compact", file, "1"]))).toEqual(success('[{"score":9,"id":9}]\n'));
      expectCleanFailure(await run([...flags, "--strict", file, "1"]), 2, /^highest: line 4: record is not valid UTF-8: "[^\n]*"\n$/);
      expectCleanFailure(await run([...flags, "--strict", "d/a/b", file, "0"]), 2, /^highest: strict-cr\/f: line 4: record is not valid UTF-8: "[^\n]*"\n$/);
    });

    test("one file (even a gzip one, or standard input): 'line N:' without its name; a directory of one file: named", async () => {
      const [plain, zipped] = write({ "one/f": lines('1:{"id":1}', "1.5:{}"), "one-gz/f": gz(lines('1:{"id":1}', "", "1.5:{}")) });
      expectCleanFailure(await run([...flags, plain, "1"]), 2, /^highest: line 2: score is not an integer \(--decimal reads decimal scores\): "1\.5:\{\}"\n$/);
      expectCleanFailure(await run([...flags, zipped, "1"]), 2, /^highest: line 3: score is not an integer \(--decimal reads decimal scores\): "1\.5:\{\}"\n$/);
      expectCleanFailure(await run([...flags, "-", "1"], fs.readFileSync(path.join(temp.path, zipped))), 2, /^highest: line 3: score is not an integer \(--decimal reads decimal scores\): "1\.5:\{\}"\n$/);
      expectCleanFailure(await run([...flags, "one", "1"]), 2, /^highest: one\/f: line 2: score is not an integer \(--decimal reads decimal scores\): "1\.5:\{\}"\n$/);
      expectCleanFailure(await run([...flags, plain, "-", "1"], lines("bad")), 2, /^highest: one\/f: line 2: score is not an integer \(--decimal reads decimal scores\): "1\.5:\{\}"\n$/);
      // Standard input is "-" in --locations, "standard input" in messages (SPEC, as decided on main).
      expectCleanFailure(await run([...flags, "d/a/b", "-", "1"], lines("", "bad")), 2, /^highest: standard input: line 2: score is not an integer: "bad"\n$/);
    });
  });

  describe(`inputs that cannot be read are named; nothing is printed (${mode})`, () => {
    test("a missing file among several, a dangling link", async () => {
      fs.symlinkSync("nowhere", path.join(temp.path, `dangling-${mode.replace(/\W/g, "")}`));
      expectCleanFailure(await run([...flags, "d/a/b", "no/such/file", "d", "1"]), 1, /^highest: no\/such\/file: No such file or directory\n$/);
      expectCleanFailure(await run([...flags, "d", `dangling-${mode.replace(/\W/g, "")}`, "1"]), 1,
        new RegExp(`^highest: dangling-${mode.replace(/\W/g, "")}: No such file or directory\\n$`));
    });

    test("standard input named twice is a usage error", async () => {
      expectCleanFailure(await run([...flags, "-", "d", "-", "1"], lines('1:{"id":1}')), 1, /^highest: standard input \('-'\) can be named only once/);
    });
  });

  describe(`gzip, told by its magic bytes (${mode})`, () => {
    const text = lines('3:{"id":"three"}', "\r", '-1:{"id":"minus one"}', '7:{"id":"seven"}\r', "", '5:{"id":"five"}');
    test("single member, several members, named without .gz, on standard input: the same lines", async () => {
      const half = text.indexOf("-1");
      const [single, multi, noName, plain] = write({
        "gz/single.gz": gz(text),
        "gz/multi.gz": Buffer.concat([gz(text.slice(0, half)), gz(text.slice(half))]),
        "gz/not-named-gz.data": gz(text),
        "gz/plain.gz": text, // a plain file called .gz is plain
      });
      const want = expected([plain], 3n, { compact: true, locations: true }).replaceAll("gz/plain.gz", "NAME");
      expect(want).toContain('"line":4'); // line numbers count decompressed lines, blank and \r ones included
      for (const name of [single, multi, noName, plain]) {
        expect(ok(await run([...flags, "--compact", "--locations", name, "3"]))).toEqual(success(want.replaceAll("NAME", name)));
      }
      for (const name of [single, multi]) {
        const stdin = fs.readFileSync(path.join(temp.path, name));
        expect(ok(await run([...flags, "--compact", "--locations", "-", "3"], stdin))).toEqual(success(want.replaceAll("NAME", "-")));
      }
    });

    test("truncated, damaged, or followed by bytes that are not a member: exit 1, named", async () => {
      const whole = gz(text.repeat(20));
      const damaged = Buffer.from(whole);
      for (let i = 12; i < 40; i++) damaged[i] ^= 0x5a;
      const names = write({
        "bad-gz/truncated.gz": whole.subarray(0, whole.length - 10),
        "bad-gz/header-only.gz": whole.subarray(0, 2),
        "bad-gz/damaged.gz": damaged,
        "bad-gz/trailing.gz": Buffer.concat([whole, Buffer.from("garbage after the member\n")]),
      });
      expectCleanFailure(await run([...flags, "d/a/b", names[0], "1"]), 1, /^highest: bad-gz\/truncated.gz: truncated gzip data\n$/);
      expectCleanFailure(await run([...flags, names[1], "1"]), 1, /^highest: bad-gz\/header-only.gz: truncated gzip data\n$/);
      expectCleanFailure(await run([...flags, names[2], "1"]), 1, /^highest: bad-gz\/damaged.gz: damaged gzip data\n$/);
      expectCleanFailure(await run([...flags, names[3], "1"]), 1, /^highest: bad-gz\/trailing.gz: /);
      expectCleanFailure(await run([...flags, "-", "1"], whole.subarray(0, whole.length - 10)), 1, /^highest: standard input: truncated gzip data\n$/);
    });

    test("a zero byte after a member, zero bytes at the end, a CRC-32 or a length that does not match: damaged gzip data, file and standard input", async () => {
      const [m1, m2] = [gz(lines('5:{"id":1}')), gz(lines('9:{"id":2}'))];
      const member = gz(text);
      const [badCrc, badLength] = [Buffer.from(member), Buffer.from(member)];
      badCrc[badCrc.length - 8] ^= 1; // the trailer: CRC-32, then ISIZE, little-endian
      badLength[badLength.length - 4] ^= 1;
      const files = {
        "bad-gz/zero-between.gz": Buffer.concat([m1, Buffer.from([0]), m2]), // zlib stops at the zero and drops the rest
        "bad-gz/zeros-at-end.gz": Buffer.concat([m1, m2, Buffer.alloc(3)]),
        "bad-gz/crc.gz": badCrc,
        "bad-gz/length.gz": badLength,
      };
      for (const name of write(files)) {
        expectCleanFailure(await run([...flags, name, "5"]), 1, exactly(`highest: ${name}: damaged gzip data`));
        const stdin = fs.readFileSync(path.join(temp.path, name));
        expectCleanFailure(await run([...flags, "-", "5"], stdin), 1, /^highest: standard input: damaged gzip data\n$/);
      }
      expectCleanFailure(await run([...flags, "--chunk-size", "1", "-", "5"], files["bad-gz/zero-between.gz"]), 1, /^highest: standard input: damaged gzip data\n$/);
    });

    test("read 1 byte at a time (--chunk-size 1), standard input is still told gzip or plain", async () => {
      const half = text.indexOf("-1");
      const want = expected(write({ "gz/one-byte.data": text }), 3n, { compact: true });
      for (const stdin of [gz(text), Buffer.concat([gz(text.slice(0, half)), gz(text.slice(half))]), Buffer.from(text)]) {
        expect(ok(await run([...flags, "--compact", "--chunk-size", "1", "-", "3"], stdin))).toEqual(success(want));
      }
    });

    test("xz, bzip2 and zip are refused by name, exit 1 (files before anything is read; standard input, 1 byte at a time too)", async () => {
      const formats: Array<[string, number[], string]> = [
        ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "xz -dc"],
        ["bzip2", [...Buffer.from("BZh9")], "bzip2 -dc"], ["zip", [0x50, 0x4b, 0x03, 0x04], "unzip -p"],
      ];
      for (const [format, magic, hint] of formats) {
        const [name] = write({ [`packed/a.${format}`]: Buffer.from([...magic, 0x31, 0x3a, 0x0a, 0x00, 0xff]) });
        const refused = (shown: string) => exactly(`highest: ${shown}: ${format} input is not supported (decompress it first, e.g. ${hint})`);
        // A file: refused while the inputs are opened, before the invalid line of the input in front of it is read.
        expectCleanFailure(await run([...flags, "-", name, "5"], "x\n"), 1, refused(name));
        const stdin = fs.readFileSync(path.join(temp.path, name));
        expectCleanFailure(await run([...flags, "-", "5"], stdin), 1, refused("standard input"));
        expectCleanFailure(await run([...flags, "--chunk-size", "1", "-", "5"], stdin), 1, refused("standard input"));
      }
      // Only a whole signature counts: a prefix of one, or "BZh" without a block size, is text (here, invalid text).
      // (zstd is read: see the next test.)
      for (const start of [[0x28, 0xb5, 0x2f], [...Buffer.from("BZh:")], [0xfd, 0x37, 0x7a, 0x58, 0x5a]]) {
        const [name] = write({ "packed/prefix": Buffer.from(start) });
        expectCleanFailure(await run([...flags, name, "5"]), 2, /^highest: line 1: score is not an integer: "[^\n]*"\n$/);
        expectCleanFailure(await run([...flags, "-", "5"], Buffer.from(start)), 2, /^highest: line 1: score is not an integer: "[^\n]*"\n$/);
      }
    });

    test("zstd is read, whatever its name; damaged, truncated, a dictionary and a window over 128 MiB are input errors naming the input", async () => {
      const text = lines('5:{"id":"a"}', '9:{"id":"b"}', "", '7:{"id":"c"}');
      const good = zstdCompress(Buffer.from(text), ["-3"]);
      const damaged = Buffer.from(good);
      damaged[damaged.length - 1] ^= 1; // the checksum
      const frame = (header: Buffer) => Buffer.concat([header, rawBlock(Buffer.from(text), true)]);
      const files = {
        "zst/records.txt": good, "zst/damaged.zst": damaged, "zst/truncated.zst": good.subarray(0, good.length - 5),
        "zst/dictionary.zst": frame(frameHeader({ windowByte: 0, dictionary: 3, dictionaryBytes: 1 })),
        "zst/window.zst": frame(frameHeader({ windowByte: (17 << 3) | 1 })),
      };
      const [name, ...bad] = write(files);
      expect(ok(await run([...flags, "--compact", name, "2"]))).toEqual(success('[{"score":9,"id":"b"},{"score":7,"id":"c"}]\n'));
      expect(ok(await run([...flags, "--compact", "--locations", "-", "1"], good))).toEqual(success('[{"score":9,"id":"b","input":"-","line":2}]\n'));
      const messages = ["damaged zstd data", "truncated zstd data", "zstd frame needs a dictionary, which is not supported (decompress it first, e.g. zstd -dc -D dictionary)",
        "zstd frame needs a window over 128 MiB, which is not supported (decompress it first, e.g. zstd -dc --long=31)"];
      for (const [i, file] of bad.entries()) {
        expectCleanFailure(await run([...flags, file, "5"]), 1, exactly(`highest: ${file}: ${messages[i]}`));
        const stdin = fs.readFileSync(path.join(temp.path, file));
        expectCleanFailure(await run([...flags, "--chunk-size", "1", "-", "5"], stdin), 1, exactly(`highest: standard input: ${messages[i]}`));
      }
      // Integrity before content: an invalid line in a frame whose checksum is wrong is the damage, not the line.
      const invalid = zstdCompress(Buffer.from(lines('5:{"id":"a"}', "x: y", ...Array.from({ length: 5000 }, (_, k) => `${k}:{"id":${k}}`))), ["-3"]);
      const [fine, broken] = write({ "zst/invalid.zst": invalid, "zst/invalid-damaged.zst": Buffer.concat([invalid.subarray(0, -1), Buffer.from([invalid[invalid.length - 1] ^ 1])]) });
      expectCleanFailure(await run([...flags, fine, "5"]), 2, /^highest: line 2: score is not an integer: "x: y"\n$/);
      expectCleanFailure(await run([...flags, broken, "5"]), 1, exactly(`highest: ${broken}: damaged zstd data`));
    });

    test("an empty file is an empty input, not gzip", async () => {
      const [empty] = write({ "gz/empty.gz": "" });
      expect(ok(await run([...flags, empty, "3"]))).toEqual(success("[]\n"));
      expect(ok(await run([...flags, "--compact", empty, "d/a/b", empty, "3"]))).toEqual(success('[{"score":5,"id":"a/b"}]\n'));
      expect(ok(await run([...flags, "-", "3"], ""))).toEqual(success("[]\n"));
    });
  });

  describe(`--lines and --locations (${mode})`, () => {
    const crlf = ["10:{\"id\":\"crlf\"}\r\n", " \r \n", "\r\r\n", "  12 :  {\"id\":\"spaced\"}  \t\r\n", "11:{\"id\":\"final cr\"}\r"].join("");
    let names: string[];
    beforeAll(() => {
      names = write({
        "ll/crlf": crlf,
        "ll/z.gz": gz(lines('13:{"id":"gz", "x": "\\r"}', '9:{"id":9}')),
        "ll/sub/plain": lines(...Array.from({ length: 40 }, (_, i) => `${(i * 37) % 41}:{"id":"p${i}"}`)),
      });
    });

    test("--lines prints the winners' lines verbatim, without their endings; fed back, the same JSON", async () => {
      for (const count of ["1", "4", "100"]) {
        const json = await run([...flags, "ll", count]);
        expect(ok(json)).toEqual(success(expected(["ll/crlf", "ll/sub/plain", "ll/z.gz"], BigInt(count))));
        const text = await run([...flags, "--lines", "ll", count]);
        expect(ok(text)).toEqual(success(expected(["ll/crlf", "ll/sub/plain", "ll/z.gz"], BigInt(count), { lines: true })));
        expect(text.stdout).not.toContain("\r\n");
        // The output is itself a valid input: the same JSON from a file and from standard input.
        const [back] = write({ [`ll-back-${count}`]: text.stdout });
        expect(ok(await run([...flags, back, count]))).toEqual(success(json.stdout));
        expect(ok(await run([...flags, "-", count], text.stdout))).toEqual(success(json.stdout));
        expect(ok(await run([...flags, "--lines", "-", count], text.stdout))).toEqual(success(text.stdout));
      }
      expect((await run([...flags, "--lines", "ll/crlf", "2"])).stdout).toBe('  12 :  {"id":"spaced"}  \t\n11:{"id":"final cr"}\n');
    });

    test("--locations names files, directories' files and standard input, with lines of gzip and segmented inputs", async () => {
      const want = expected(["ll/crlf", "ll/sub/plain", "ll/z.gz"], 100n, { compact: true, locations: true });
      expect(want).toContain('"input":"ll/z.gz","line":1');
      expect(ok(await run([...flags, "--compact", "--locations", "ll", "100"]))).toEqual(success(want));
      const plain = fs.readFileSync(path.join(temp.path, "ll/sub/plain"));
      // (i * 37) % 41 is 40 for i = 31: line 32.
      const fromStdin = expected(["ll/crlf", "ll/sub/plain"], 100n, { compact: true, locations: true }).replaceAll('"ll/sub/plain"', '"-"');
      expect(ok(await run([...flags, "--compact", "--locations", "ll/crlf", "-", "100"], plain))).toEqual(success(fromStdin));
      expect(ok(await run([...flags, "--locations", "-", "1"], plain))).toEqual(success('[\n  {\n    "score": 40,\n    "id": "p31",\n    "input": "-",\n    "line": 32\n  }\n]\n'));
    });

    test("--lines with --locations is a usage error", async () => {
      expectCleanFailure(await run([...flags, "--lines", "--locations", "ll", "1"]), 1, /^highest: --lines and --locations cannot be used together/);
    });
  });
}

describe("compressed bytes and streams given to the library (both engines, 1-byte reads)", () => {
  const [m1, m2] = [gz(lines('5:{"id":1}')), gz(lines('9:{"id":2}'))];
  /** The bytes as a stream of 1-byte pieces (a source read once, in order). */
  const bytewise = (bytes: Uint8Array) => Readable.from((function* () { for (const byte of bytes) yield Uint8Array.of(byte); })());
  /** The run's ids, or its error's kind and message. */
  const outcome = (input: NodeInput, engine: "wasm" | "js", chunkSize?: number) => highest(input, 5, { engine, chunkSize }).then(
    (winners) => winners.map((winner) => winner.idJson),
    (error: HighestError) => [error.kind, error.message]);
  for (const engine of ["wasm", "js"] as const) {
    test(`zstd as bytes and as a stream read 1 byte at a time, frames and a skippable frame (${engine})`, async () => {
      const frames = Buffer.concat([zstdCompress(Buffer.from(lines('5:{"id":1}')), ["-3"]), Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 1, 0, 0, 0, 0x78]),
        zstdCompress(Buffer.from(lines('9:{"id":2}')), ["-19", "--no-check"])]);
      expect(await outcome(frames, engine)).toEqual(["2", "1"]);
      expect(await outcome(bytewise(frames), engine, 1)).toEqual(["2", "1"]);
      expect(await outcome(frames.subarray(0, frames.length - 2), engine)).toEqual(["input", "input 1: truncated zstd data"]);
    });

    test(`gzip as bytes and as a stream read 1 byte at a time (${engine})`, async () => {
      const both = Buffer.concat([m1, m2]);
      expect(await outcome(both, engine)).toEqual(["2", "1"]);
      expect(await outcome(bytewise(both), engine, 1)).toEqual(["2", "1"]);
      expect(await outcome(bytewise(Buffer.from(lines('5:{"id":1}'))), engine, 1)).toEqual(["1"]);
    });

    test(`bytes after the last member, a zero byte too, are damaged gzip data; a cut zstd frame is truncated zstd data; zip is refused (${engine})`, async () => {
      for (const bad of [Buffer.concat([m1, Buffer.from([0]), m2]), Buffer.concat([m1, Buffer.alloc(3)])]) {
        expect(await outcome(bad, engine)).toEqual(["input", "input 1: damaged gzip data"]);
        expect(await outcome(bytewise(bad), engine, 1)).toEqual(["input", "input 1: damaged gzip data"]);
      }
      const zstd = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x31);
      const truncated = ["input", "input 1: truncated zstd data"];
      expect(await outcome(zstd, engine)).toEqual(truncated);
      expect(await outcome(bytewise(zstd), engine, 1)).toEqual(truncated);
      expect(await outcome(Uint8Array.of(0x50, 0x4b, 0x03, 0x04), engine)).toEqual(["input", "input 1: zip input is not supported (decompress it first, e.g. unzip -p)"]);
    });
  }
});

describe("an unreadable directory entry is named", () => {
  const isRoot = process.getuid?.() === 0;
  const nobody = unprivilegedUser();
  testUnless(process.platform === "win32" ? "file modes do not block reading on Windows"
    : !isRoot ? undefined : typeof nobody === "string" ? `as root modes do not block reads, and ${nobody}` : undefined)(
    "a file and a folder inside a directory that cannot be read: Permission denied, nothing printed", async () => {
      // As root mode 000 does not block reading: the CLI then runs as nobody (a copy of it it can reach).
      const as: { uid?: number; gid?: number; cli?: string } = {};
      if (isRoot) {
        const user = nobody as OtherUser;
        fs.chmodSync(temp.path, 0o755);
        Object.assign(as, { uid: user.uid, gid: user.gid, cli: copyCliInto(path.join(temp.path, "cli-copy")) });
      }
      write({ "perm/a": lines('1:{"id":1}'), "perm/b/c": lines('2:{"id":2}'), "perm2/a": lines('1:{"id":1}'), "perm2/locked/c": lines('2:{"id":2}') });
      for (const folder of ["perm", "perm/b", "perm2", "perm2/locked"]) fs.chmodSync(path.join(temp.path, folder), 0o755);
      for (const file of ["perm/a", "perm/b/c", "perm2/a", "perm2/locked/c"]) fs.chmodSync(path.join(temp.path, file), 0o644);
      const control = await spawnHighest(["--compact", "perm", "5"], { ...as, cwd: temp.path });
      expect(ok(control)).toEqual(success('[{"score":2,"id":2},{"score":1,"id":1}]\n'));
      fs.chmodSync(path.join(temp.path, "perm/b/c"), 0o000);
      fs.chmodSync(path.join(temp.path, "perm2/locked"), 0o000);
      try {
        expectCleanFailure(await spawnHighest(["perm", "5"], { ...as, cwd: temp.path }), 1, /^highest: perm\/b\/c: Permission denied\n$/);
        expectCleanFailure(await spawnHighest(["perm2", "5"], { ...as, cwd: temp.path }), 1, /^highest: perm2\/locked: Permission denied\n$/);
      } finally {
        fs.chmodSync(path.join(temp.path, "perm2/locked"), 0o755); // so the folder can be removed
      }
    });
});

describe("--shard: the parts' --lines merged in part order equal one run over everything", () => {
  /** Mixed inputs: a plain file cut into many segments, gzip (one and two members), ties, blanks, CRLF, big and negative scores. */
  let inputs: string[];
  beforeAll(() => {
    const next = seededUint32(8);
    const int = (n: number) => next() % n;
    const pool = ["5", "-5", "18446744073709551616", "-18446744073709551617", "123456789012345678901234567890", "0"];
    const score = () => (int(4) === 0 ? pool[int(pool.length)] : `${["", "-", "+"][int(3)]}${next()}${int(2) ? next() : ""}`);
    const file = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => {
      const ending = int(3) === 0 ? "\r\n" : "\n";
      if (int(10) === 0) return [" \r ", "", "\t", "\r"][int(4)] + ending;
      return `${int(4) === 0 ? " " : ""}${score()}:{"id":"${prefix}${i}","pad":"${"x".repeat(int(30))}"}${ending}`;
    }).join("");
    const big = file("big", 600);
    const members = file("mm", 60);
    inputs = write({
      "sh/0-big.data": big,
      "sh/1.gz": gz(file("gz", 80)),
      "sh/2-ties.data": lines(...Array.from({ length: 30 }, (_, i) => `5:{"id":"tie${i}"}`)) + "\r\n" + '18446744073709551616:{"id":"tie big"}\r',
      "sh/3-members": Buffer.concat([gz(members.slice(0, 900)), gz(members.slice(900))]),
      "sh/4-small.data": file("small", 20),
    });
  });

  for (const [mode, flags] of [MODES[0], MODES[3]]) {
    for (const count of flags === MODES[0][1] ? ["1", "7", "1000000"] : ["7", "1000000"]) {
      test(`K = 1..8, count ${count} (${mode})`, async () => {
        const segment = ["--segment-bytes", "64"];
        const whole = await run([...flags, ...segment, ...inputs, count]);
        expect(ok(whole)).toEqual(success(expected(inputs, BigInt(count))));
        const all = oracleRecords(oracleInputs(inputs));
        if (!("records" in all)) throw new Error("the shard inputs are invalid");
        for (let k = 1; k <= 8; k++) {
          const parts = await Promise.all(Array.from({ length: k }, (_, i) => run([...flags, ...segment, "--shard", `${i}/${k}`, "--lines", ...inputs, count])));
          for (const part of parts) expect({ k, code: part.code, stderr: part.stderr }).toEqual({ k, code: 0, stderr: "" });
          const names = write(Object.fromEntries(parts.map((part, i) => [`sh-out/${k}-${i}`, part.stdout])));
          expect({ k, ...ok(await run([...flags, ...names, count])) }).toEqual({ k, ...ok(whole) });
          if (count === "1000000") {
            // Every record line belongs to exactly one part.
            const got = parts.flatMap((part) => part.stdout.split("\n").slice(0, -1)).sort();
            const want = all.records.map((record) => Buffer.from(record.text).toString()).sort();
            expect({ k, lines: got }).toEqual({ k, lines: want });
          }
        }
      });
    }
  }

  test("an error in a part that starts mid-file names the line counted from the start of the input", async () => {
    const good = Array.from({ length: 300 }, (_, i) => `${i}:{"id":${i}}`);
    const [framing, record] = write({
      "sh-bad/framing": lines(...good.slice(0, 250), "251 {\"id\":1}", ...good.slice(250)),
      "sh-bad/record": lines(...good.slice(0, 250), "1000:{\"id\":[1]}", ...good.slice(250)),
    });
    for (const [, flags] of MODES) {
      for (const [file, message] of [[framing, "expected ':' after the score"], [record, "id is not a string or a number"]]) {
        // Line 251 is in part 1 of 2 (it starts mid-file); part 0 is fine on its own.
        const part0 = await run([...flags, "--shard", "0/2", "--lines", file, "5"]);
        expect(part0.code).toBe(0);
        expectCleanFailure(await run([...flags, "--shard", "1/2", "--lines", file, "5"]), 2, new RegExp(`^highest: line 251: ${message}: "[^\\n]*"\\n$`));
        expectCleanFailure(await run([...flags, "--shard", "3/4", "--compact", "d/a/b", file, "5"]), 2, new RegExp(`^highest: ${file}: line 251: ${message}: "[^\\n]*"\\n$`));
      }
    }
  });
});
