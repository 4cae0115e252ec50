// The library's promises of issue 16, item 3: the files below a directory whose names are not
// UTF-8 (opened by their bytes), what a caller hands over released on every path (also the
// inputs a run never reached), and options checked in one place, with the command line's
// wording. Node's library and the browser's (run here in Node, on the js engine) alike.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { HighestError } from "../../src/core/model/errors";
import { ByteSource } from "../../src/core/input/source";
import { highest } from "../../src/node/internal";
import { highest as browserHighest } from "../../src/browser/internal";
import { highest as publicHighest, rankInputs as publicRankInputs } from "../../src/node/index";
import { highest as publicBrowserHighest } from "../../src/browser/index";
import { runCli } from "../helpers/run-cli";
import { onLinux, testUnless } from "../helpers/skip";
import { tempFolder } from "../helpers/temp-folder";

const REPO = path.resolve(__dirname, "..", "..");

jest.setTimeout(120_000);
const ENGINES = ["wasm", "js"] as const;
const temp = tempFolder("highest-library-");

/** What a run rejected with (fails the test if it resolved or threw something else). */
async function rejection(run: Promise<unknown>): Promise<HighestError> {
  const outcome = await run.then((value) => ({ resolved: value }), (thrown: unknown) => ({ thrown }));
  if (!("thrown" in outcome)) throw new Error(`expected a rejection, got ${String(outcome.resolved)}`);
  expect(outcome.thrown).toBeInstanceOf(HighestError);
  return outcome.thrown as HighestError;
}

describe("a directory holding a file whose name is not UTF-8", () => {
  let folder: string;
  /** A path below the folder from its name's bytes. */
  const below = (dir: string, bytes: number[]) => Buffer.concat([Buffer.from(dir + path.sep), Buffer.from(bytes)]);
  beforeAll(() => {
    folder = path.join(temp.path, "names");
    fs.mkdirSync(folder);
    // In byte order: "a", "a\xff" (not UTF-8), "b"; ties go to the earlier file.
    fs.writeFileSync(below(folder, [0x62]), '5:{"id":"b"}\n');
    fs.writeFileSync(below(folder, [0x61, 0xff]), '5:{"id":"a-ff"}\n9:{"id":"top"}\n');
    fs.writeFileSync(below(folder, [0x61]), '5:{"id":"a"}\n');
  });
  const shown = (name: string) => path.join(folder, name);
  const expected = () => [
    { score: 9, id: "top", input: shown("a\ufffd"), line: 2 },
    { score: 5, id: "a", input: shown("a"), line: 1 },
    { score: 5, id: "a-ff", input: shown("a\ufffd"), line: 1 },
    { score: 5, id: "b", input: shown("b"), line: 1 },
  ];

  for (const engine of ENGINES) {
    test(`the library reads it by its bytes, in byte order, named with U+FFFD (${engine})`, async () => {
      const winners = await highest(folder, 10, { engine });
      expect(winners.map(({ score, id, input, line }) => ({ score: Number(score), id, input, line }))).toEqual(expected());
    });

    test(`the command line, one thread and workers over tiny segments (${engine})`, () => {
      for (const threads of [["--threads", "1"], ["--threads", "2", "--min-threaded-bytes", "0", "--segment-bytes", "8"]]) {
        const run = runCli([folder, "10", "--locations", "--compact", "--engine", engine, ...threads]);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
        expect(JSON.parse(run.stdout)).toEqual(expected());
      }
    });
  }

  test("invalid data in it names it the same way", () => {
    const bad = path.join(temp.path, "bad-name");
    fs.mkdirSync(bad);
    fs.writeFileSync(below(bad, [0x63, 0xfe]), "not a record\n");
    expect(runCli([bad, "1"])).toEqual({ code: 2, stdout: "", stderr: `highest: ${path.join(bad, "c\ufffd")}: line 1: score is not an integer: "not a record"\n` });
  });
});

describe("what the caller hands over is released on every path, also what the run never reached", () => {
  let ok: string;
  let bad: string;
  let big: string;
  beforeAll(() => {
    ok = temp.file('3:{"id":3}\n');
    bad = temp.file('1:{"id":1}\nnot a record\n');
    big = temp.file(Array.from({ length: 2000 }, (_, i) => `${i}:{"id":${i}}\n`).join(""));
  });

  /** Each way a run can end before it reaches its last input, the kind it rejects with. */
  const endings = (): Array<[string, (last: unknown) => Promise<unknown>, string]> => [
    ["an earlier input is missing", (last) => highest([path.join(temp.path, "missing"), last as Readable], 5), "input"],
    ["an earlier input holds invalid data", (last) => highest([bad, last as Readable], 5), "data"],
    ["a bad count", (last) => highest([ok, last as Readable], -1), "usage"],
    ["an abort before the run starts", (last) => highest([ok, last as Readable], 5, { signal: AbortSignal.abort() }), "aborted"],
    ["an abort while the run reads an earlier input", (last) => {
      const controller = new AbortController();
      return highest([big, last as Readable], 5, { chunkSize: 64, signal: controller.signal, onProgress: () => controller.abort() });
    }, "aborted"],
  ];

  testUnless(onLinux ? undefined : "counts descriptors in /proc/self/fd (Linux)")(
    "fs.ReadStreams never reached: destroyed and their descriptors closed before the run settles", async () => {
      const open = () => fs.readdirSync("/proc/self/fd").length;
      await highest(ok, 1); // anything loaded once (the wasm core) is loaded now
      const before = open();
      for (const [why, run, kind] of endings()) {
        for (let i = 0; i < 10; i++) {
          const stream = fs.createReadStream(ok);
          expect([why, (await rejection(run(stream))).kind]).toEqual([why, kind]);
          expect([why, stream.destroyed, stream.closed]).toEqual([why, true, true]);
        }
        expect([why, open()]).toEqual([why, before]);
      }
    });

  test("other Readables, web ReadableStreams and ByteSources never reached: destroyed, cancelled, closed", async () => {
    for (const [why, run] of endings()) {
      const readable = new Readable({ read() {} }); // never ends by itself
      const cancelled: unknown[] = [];
      const web = new ReadableStream<Uint8Array>({ cancel: (reason) => { cancelled.push(reason); } });
      let closed = 0;
      const source: ByteSource = { read: () => 0, close: () => { closed++; } };
      await rejection(run(readable));
      await rejection(run(web));
      await rejection(run(source));
      expect([why, readable.destroyed, cancelled.length, closed]).toEqual([why, true, 1, 1]);
    }
  });

  test("a stream the run read to its end is left ended, its descriptor closed", async () => {
    const stream = fs.createReadStream(ok);
    expect((await highest(stream, 5)).map((w) => w.idJson)).toEqual(["3"]);
    expect([stream.destroyed, stream.closed]).toEqual([true, true]);
  });

  test("an abort while the run waits on a stream that has no data yet: it settles, aborted, the stream destroyed", () => {
    // In a process of its own: a run that never settled would let it end with nothing printed.
    const script = `
      const { highest } = require(${JSON.stringify(path.resolve(__dirname, "..", "..", "build", "node", "index.js"))});
      const { Readable } = require("node:stream");
      const controller = new AbortController();
      const stream = new Readable({ read() { controller.abort(); } }); // aborted once the run asks it for bytes
      highest(stream, 5, { signal: controller.signal }).then(
        () => console.log("resolved"), (error) => console.log(error.kind, stream.destroyed));`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: "aborted true\n", stderr: "" });
  });

  describe("in the browser's library", () => {
    /**
     * A ReadableStream that tells when it is cancelled (pulled only when read: a run that reads
     * it ends on its invalid data), and a ByteSource that tells when it is closed.
     */
    const handed = () => {
      const log: string[] = [];
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) => { controller.enqueue(new TextEncoder().encode("not a record\n")); controller.close(); },
        cancel: () => { log.push("cancelled"); },
      }, { highWaterMark: 0 });
      const source: ByteSource = { read: () => 0, close: () => { log.push("closed"); } };
      return { log, stream, source };
    };
    const runs: Array<[string, (stream: ReadableStream<Uint8Array>, source: ByteSource) => Promise<unknown>, string]> = [
      ["an earlier input holds invalid data", (stream, source) => browserHighest([new Blob(["not a record\n"]), stream, source], 5, { engine: "js" }), "data"],
      ["a bad count", (stream, source) => browserHighest([stream, source], -1, { engine: "js" }), "usage"],
      ["an unknown option", (stream, source) => browserHighest([stream, source], 5, { engine: "js", fast: true } as object), "usage"],
      ["an abort before the run starts", (stream, source) => browserHighest([stream, source], 5, { engine: "js", signal: AbortSignal.abort() }), "aborted"],
    ];
    for (const [why, run, kind] of runs) {
      test(`${why}: the stream is cancelled, the source closed`, async () => {
        const { log, stream, source } = handed();
        expect((await rejection(run(stream, source))).kind).toBe(kind);
        expect(log.sort()).toEqual(["cancelled", "closed"]);
      });
    }
  });
});

describe("options are checked in one place: usage errors with the command line's wording", () => {
  let file: string;
  beforeAll(() => { file = temp.file('5:{"id":5}\n'); });
  const bytes = new TextEncoder().encode('5:{"id":5}\n');

  const faults: Array<[string, unknown, unknown, object | null | undefined, string | RegExp]> = [
    ["shard 2/2", "FILE", 5, { shard: { index: 2, count: 2 } }, 'shard must be I/K with 0 <= I < K <= 65536, not {"index":2,"count":2}'],
    ["shard 0/0", "FILE", 5, { shard: { index: 0, count: 0 } }, 'shard must be I/K with 0 <= I < K <= 65536, not {"index":0,"count":0}'],
    ["shard 0.5/2", "FILE", 5, { shard: { index: 0.5, count: 2 } }, 'shard must be I/K with 0 <= I < K <= 65536, not {"index":0.5,"count":2}'],
    ["shard 0/65537", "FILE", 5, { shard: { index: 0, count: 65537 } }, /^shard must be I\/K/],
    ["an unknown engine", "FILE", 5, { engine: "bogus" }, 'engine must be wasm or js, not "bogus"'],
    ["null as the input", null, 5, {}, /^unsupported input: give /],
    ["an empty list of inputs", [], 5, {}, "missing <input>"],
    ["a negative count", "FILE", -1, {}, "count must be a non-negative integer, not -1"],
    ["a fractional count", "FILE", 0.5, {}, "count must be a non-negative integer, not 0.5"],
    ["NaN as the count", "FILE", NaN, {}, "count must be a non-negative integer, not NaN"],
    ["a count as a string", "FILE", "5", {}, 'count must be a non-negative integer, not "5"'],
    ["a negative bigint count", "FILE", -1n, {}, "count must be a non-negative integer, not -1n"],
    ["threads 0", "FILE", 5, { threads: 0 }, "threads must be an integer of at least 1, not 0"],
    ["fractional threads", "FILE", 5, { threads: 1.5 }, "threads must be an integer of at least 1, not 1.5"],
    ["chunkSize 0", "FILE", 5, { chunkSize: 0 }, "chunkSize must be an integer of at least 1, not 0"],
    ["a signal that is not an AbortSignal", "FILE", 5, { signal: {} }, "signal must be an AbortSignal, not {}"],
    ["strict as a string", "FILE", 5, { strict: "yes" }, 'strict must be true or false, not "yes"'],
    ["an unknown option", "FILE", 5, { x: 1 }, "unknown option 'x'"],
    ["a name Object.prototype has", "FILE", 5, { toString: 1 }, "unknown option 'toString'"],
    ["options that are not an object", "FILE", 5, null, "options must be an object, not null"],
  ];
  const platforms: Array<[string, (input: unknown, count: unknown, options: unknown) => Promise<unknown>]> = [
    ["Node", (input, count, options) => highest(input as string, count as number, options as object)],
    ["browser", (input, count, options) => browserHighest(input as Blob, count as number, { engine: "js", ...(options as object) })],
  ];
  for (const [platform, run] of platforms) {
    for (const [why, input, count, options, message] of faults) {
      if (platform === "browser" && options === null) continue; // its options are spread over { engine: "js" }
      test(`${platform}: ${why}`, async () => {
        const given = input === "FILE" ? (platform === "Node" ? file : bytes) : input;
        const error = await rejection(run(given, count, options));
        expect([error.kind, error.exitCode]).toEqual(["usage", 1]);
        if (typeof message === "string") expect(error.message).toBe(message);
        else expect(error.message).toMatch(message);
      });
    }
  }

  test("an option the platform does not take is a usage error there, not ignored", async () => {
    expect((await rejection(highest(file, 5, { wasmUrl: "/wasm/" } as object))).message).toBe("unknown option 'wasmUrl'");
    expect((await rejection(browserHighest(bytes, 5, { engine: "js", helperUrl: 5 } as object))).message)
      .toBe("helperUrl must be a string or a URL, not 5");
  });

  test("the test knobs are not options of the library: its entries refuse them by name, and its types do not name them", async () => {
    const knobs = [{ chunkSize: 1 }, { tuning: {} }, { tuning: { segmentBytes: 4096 } }];
    for (const options of knobs) {
      const name = Object.keys(options)[0];
      for (const run of [() => publicHighest(file, 5, options as object), () => publicRankInputs(file, 5, options as object),
        () => publicBrowserHighest(bytes, 5, { engine: "js", ...options } as object)]) {
        const error = await rejection(run());
        expect([error.kind, error.message]).toEqual(["usage", `unknown option '${name}'`]);
      }
    }
    // The package's types: each entry's index.d.ts, and the options types they name.
    const types = ["build/node/index.d.ts", "build/browser/index.d.ts"].map((name) => fs.readFileSync(path.join(REPO, name), "utf8"));
    expect(types.join("\n")).not.toMatch(/\b(tuning|chunkSize|internal)\b/);
    const options = fs.readFileSync(path.join(REPO, "build/core/model/options.d.ts"), "utf8");
    for (const name of ["RankOptions", "HighestOptions"]) {
      const declared = new RegExp(`interface ${name}\\b[^{]*\\{([^}]*)\\}`).exec(options);
      expect(declared).not.toBeNull();
      expect(declared?.[1]).not.toMatch(/\b(tuning|chunkSize)\b/);
    }
  });

  test("good values still run; undefined stands for an option not given", async () => {
    const ids = (winners: Array<{ idJson: string }>) => winners.map((w) => w.idJson);
    expect(ids(await highest(file, 5n, { shard: { index: 0, count: 1 }, engine: "js", threads: 1, chunkSize: 3, signal: new AbortController().signal }))).toEqual(["5"]);
    expect(ids(await highest(file, Infinity, { strict: undefined, engine: undefined, tuning: {} }))).toEqual(["5"]);
    expect(ids(await browserHighest(bytes, 0, { engine: "js", wasmUrl: undefined, onThreads: () => {} }))).toEqual([]);
  });

  test("the wording is the command line's: the same sentence, the option as each spells it", async () => {
    const cases: Array<[string[], object, number]> = [
      [["--shard", "2/2"], { shard: { index: 2, count: 2 } }, 5],
      [["--engine", "bogus"], { engine: "bogus" }, 5],
      [["--threads", "0"], { threads: 0 }, 5],
      [["--chunk-size", "0"], { chunkSize: 0 }, 5],
    ];
    for (const [args, options, count] of cases) {
      const cli = runCli([file, String(count), ...args]).stderr.replace(/^highest: --/, "").split(", not ")[0];
      const library = (await rejection(highest(file, count, options))).message.split(", not ")[0];
      expect(library.replace("chunkSize", "chunk-size")).toBe(cli);
    }
    const count = runCli([file, "5.0"]).stderr.split(", not ")[0];
    expect(`highest: ${(await rejection(highest(file, 5.5))).message.split(", not ")[0]}`).toBe(count);
  });
});
