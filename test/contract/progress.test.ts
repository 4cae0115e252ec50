// Progress (issue 19): an input's own bytes are counted, compressed ones for gzip, against a total
// made of the inputs' sizes; so a run over plain and gzip files ends at 100%, never past it and
// never without a total.
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { Progress, highest } from "../../src/node/internal";
import { InputAccess } from "../../src/core/input/access";
import { runRanking } from "../../src/core/run/run";
import { JsEngine } from "../../src/core/scan/js-engine";
import { NodeAccess } from "../../src/node/access";
import { expandInputs } from "../../src/node/inputs";
import { bgzf } from "../helpers/bgzf";
import { helperInThisThread } from "../helpers/helper-in-thread";
import { tempFolder } from "../helpers/temp-folder";
import { skippable, zstdCompress } from "../helpers/zstd-core";

const temp = tempFolder("progress-");
const lines = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${from + i}: {"id":"r${from + i}","pad":"${"x".repeat(i % 90)}"}\n`).join("");

describe.each(["wasm", "js"] as const)("progress (%s)", (engine) => {
  test("a plain file and a gzip file (two members): a total of both sizes, reached exactly at the end", async () => {
    const plain = temp.file(lines(3000, 0), `plain-${engine}.data`);
    const gz = temp.file(Buffer.concat([zlib.gzipSync(lines(20000, 5000)), zlib.gzipSync(lines(20000, 30000))]), `b-${engine}.data.gz`);
    const total = fs.statSync(plain).size + fs.statSync(gz).size;
    const seen: Progress[] = [];
    const winners = await highest([plain, gz], 3, { engine, chunkSize: 4096, onProgress: (progress) => seen.push({ ...progress }) });
    expect(winners.map((w) => w.score)).toEqual([49999n, 49998n, 49997n]);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((progress) => progress.totalBytes === total)).toBe(true);
    expect(seen.every((progress, i) => i === 0 || progress.bytesRead >= seen[i - 1].bytesRead)).toBe(true);
    expect(Math.max(...seen.map((progress) => progress.bytesRead))).toBe(total);
  });

  test("a plain file and a zstd file (two frames, a skippable one between): compressed bytes counted, the total reached exactly at the end", async () => {
    const plain = temp.file(lines(3000, 0), `plain-zst-${engine}.data`);
    const frames = Buffer.concat([zstdCompress(Buffer.from(lines(20000, 5000)), ["-3"]), skippable(Buffer.from("x")),
      zstdCompress(Buffer.from(lines(20000, 30000)), ["-1"])]);
    const zst = temp.file(frames, `b-${engine}.data.zst`);
    const total = fs.statSync(plain).size + frames.length;
    const seen: Progress[] = [];
    const winners = await highest([plain, zst], 3, { engine, chunkSize: 4096, onProgress: (progress) => seen.push({ ...progress }) });
    expect(winners.map((w) => w.score)).toEqual([49999n, 49998n, 49997n]);
    expect(seen.every((progress) => progress.totalBytes === total)).toBe(true);
    expect(seen.every((progress, i) => i === 0 || progress.bytesRead >= seen[i - 1].bytesRead)).toBe(true);
    expect(Math.max(...seen.map((progress) => progress.bytesRead))).toBe(total);
  });
});

describe("progress with a helper", () => {
  // The calling thread claims the first unit, then waits (in its open) until the helper has
  // scanned every other unit: its one report comes last, and must count the helper's bytes too.
  test.each([["a plain file", false], ["a BGZF file", true]])("%s: the calling thread's last report counts the helper's bytes (the total, never past it)", async (_, compressed) => {
    const text = lines(20000, 0);
    const file = temp.file(compressed ? bgzf(Buffer.from(text), [3000]) : text, `threads-${compressed}.data`);
    const size = fs.statSync(file).size;
    const { inputs, sources } = await expandInputs([file]);
    const access = new NodeAccess(inputs, sources);
    let helperDone: Promise<unknown> | undefined;
    const afterHelper: InputAccess = {
      openSequential: async (input) => { await helperDone; return access.openSequential(input); },
      openRandom: async (input) => { await helperDone; return access.openRandom(input); },
      inflater: () => access.inflater(),
    };
    const seen: Progress[] = [];
    const result = await runRanking(inputs, 3, { engine: "js", onProgress: (progress) => seen.push({ ...progress }) },
      { threads: 2, segmentBytes: 64 * 1024, minThreadedBytes: 0 }, {
        createEngine: async () => new JsEngine(),
        access: afterHelper,
        startHelper: (job) => {
          const helper = helperInThisThread(job, NodeAccess.forPaths(job.plan.inputs));
          helperDone = helper.result;
          return helper;
        },
      });
    try {
      expect((await result.winners()).map((w) => w.score)).toEqual([19999n, 19998n, 19997n]);
    } finally {
      await result.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((progress) => progress.totalBytes === size && progress.bytesRead <= size)).toBe(true);
    // The helper's share is counted to the KiB: the end is within a KiB of the total (or at it).
    expect(seen.at(-1)!.bytesRead).toBeGreaterThan(size - 1024);
  });
});
