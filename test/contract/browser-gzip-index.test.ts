// The browser library takes the index of a gzip Blob as a Blob (issue 27: a page ranks a .gz File
// with its .gzidx): the Blob is cut at its points, its --shard parts are parts of the file (not
// the whole file to one part), and the answer is Node's; an index that does not match is left out
// with a console warning, a wrong one fails the run. (Helpers in Web Workers: test/browser.)
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { GzipSource } from "../../src/core/input/gzip-source";
import { IndexRecorder } from "../../src/core/input/index-recorder";
import { InflateExports } from "../../src/core/input/inflate-core";
import { BytesSource } from "../../src/core/input/source";
import { planUnits } from "../../src/core/model/plan";
import { browserInputs } from "../../src/browser/access";
import { highest as browserHighest } from "../../src/browser/internal";
import { WASM_DIR, coreModule } from "../../src/node/core-file";
import { loadInflate } from "../helpers/inflate-core";
import { seededUint32 } from "../helpers/prng";

jest.setTimeout(120_000);

const next = seededUint32(41);
const lines = Array.from({ length: 40_000 }, (_, i) => `${next() % 1_000_000}: {"id":"r${i}","pad":"${(next() * 1e6).toString(36)}"}\n`);
const TEXT = lines.join("");
const GZ = zlib.gzipSync(TEXT);

async function indexOf(gz: Buffer): Promise<Uint8Array> {
  let index: Uint8Array | undefined;
  const core = (await loadInflate("simd", 1 << 20, 4 << 20)) as unknown as InflateExports;
  const source = new GzipSource(core, new BytesSource(gz), "data.gz", { recorder: new IndexRecorder((bytes) => { index = bytes; }, 16384) });
  const block = new Uint8Array(1 << 20);
  while (await source.read(block) > 0);
  return index!;
}

const CORE_URL = "http://127.0.0.1:9/wasm/";
beforeAll(() => {
  jest.spyOn(globalThis, "fetch").mockImplementation(async (url: string | URL | Request) => {
    const href = String(url instanceof Request ? url.url : url);
    return new Response(fs.readFileSync(path.join(WASM_DIR, href.slice(CORE_URL.length))), { headers: { "content-type": "application/wasm" } });
  });
});
afterAll(() => jest.restoreAllMocks());

/** The best `count` ids of the text, best first (ties: the earlier line). */
const best = (count: number) => lines.map((line, i) => ({ score: Number(line.split(":")[0]), i }))
  .sort((a, b) => b.score - a.score || a.i - b.i).slice(0, count).map(({ i }) => `r${i}`);

const MADE = Date.now();

describe("a gzip Blob with its index Blob", () => {
  let index: Blob;
  beforeAll(async () => { index = new File([await indexOf(GZ) as Uint8Array<ArrayBuffer>], "data.gz.gzidx", { lastModified: MADE + 1000 }); });
  const file = () => new File([GZ], "data.gz", { lastModified: MADE });

  test("is planned at its points", async () => {
    const { inputs } = await browserInputs([file()], async () => coreModule(), [index]);
    expect(inputs[0].index?.points.length).toBeGreaterThan(8);
    expect(planUnits(inputs, 65536).length).toBeGreaterThan(8);
  });

  test("ranks as its text, whole and in --shard parts that each hold a part", async () => {
    const options = { engine: "js" as const, wasmUrl: CORE_URL, index, tuning: { segmentBytes: 1 } };
    expect((await browserHighest(file(), 30, options)).map((w) => w.id)).toEqual(best(30));
    const parts: string[][] = [];
    for (let i = 0; i < 3; i++) parts.push((await browserHighest(file(), 40_000, { ...options, shard: { index: i, count: 3 } })).map((w) => String(w.id)));
    expect(parts.map((part) => part.length > 5000)).toEqual([true, true, true]);
    expect(parts.flat().sort()).toEqual(best(40_000).sort());
  });

  test("an index that does not match is left out with a console warning; a wrong one fails the run", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const old = new File([index], "data.gz.gzidx", { lastModified: 0 });
      expect((await browserHighest(file(), 5, { engine: "js", wasmUrl: CORE_URL, index: old })).map((w) => w.id)).toEqual(best(5));
      expect(warn.mock.calls).toEqual([["highest: warning: data.gz.gzidx is left out: it is older than data.gz; data.gz is read from its start"]]);
    } finally {
      warn.mockRestore();
    }
    const bytes = new Uint8Array(await index.arrayBuffer());
    bytes.fill(10, bytes.length - 5 * 32768);
    const wrong = new File([bytes], "data.gz.gzidx", { lastModified: MADE + 1000 });
    await expect(browserHighest(file(), 5, { engine: "js", wasmUrl: CORE_URL, index: wrong, tuning: { segmentBytes: 1 } }))
      .rejects.toThrow("data.gz: its index data.gz.gzidx does not match its data");
    await expect(browserHighest([file(), file()], 5, { engine: "js", wasmUrl: CORE_URL, index })).rejects.toThrow(/one input/);
    await expect(browserHighest(file(), 5, { engine: "js", wasmUrl: CORE_URL, index: "x.gzidx" }))
      .rejects.toThrow("index must be false, a Blob, or a list of one Blob or null per input");
  });

  test("a list of indexes, one Blob or null per input: each gzip Blob cut at its own points; warnings to onWarning", async () => {
    const options = { engine: "js" as const, wasmUrl: CORE_URL, tuning: { segmentBytes: 1 } };
    const other = new File([GZ], "other.gz", { lastModified: MADE });
    const both = [file(), new Blob(['999999: {"id":"plain"}\n']), other];
    const plain = (await browserHighest(both, 60, { ...options, index: false })).map((w) => [w.input, w.line]);
    expect(plain).toHaveLength(60);
    expect((await browserHighest(both, 60, { ...options, index: [index, null, index] })).map((w) => [w.input, w.line])).toEqual(plain);
    // Each entry is its input's own: a wrong one fails the run naming that input and its index.
    const bytes = new Uint8Array(await index.arrayBuffer());
    bytes.fill(10, bytes.length - 5 * 32768);
    const wrong = new File([bytes], "other.gz.gzidx", { lastModified: MADE + 1000 });
    await expect(browserHighest(both, 5, { ...options, index: [index, null, wrong] }))
      .rejects.toThrow("one of the indexes data.gz.gzidx, other.gz.gzidx does not match its file");
    const warnings: string[] = [];
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const old = new File([index], "other.gz.gzidx", { lastModified: 0 });
      const winners = await browserHighest(both, 60, { ...options, index: [undefined, null, old], onWarning: (line) => warnings.push(line) });
      expect(winners.map((w) => [w.input, w.line])).toEqual(plain);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect(warnings).toEqual(["highest: warning: other.gz.gzidx is left out: it is older than other.gz; other.gz is read from its start"]);
    await expect(browserHighest(both, 5, { ...options, index: [index] })).rejects.toThrow("index lists 1 entries for 3 inputs (one Blob or null per input)");
    await expect(browserHighest(both, 5, { ...options, index: [index, "x", null] as never })).rejects.toThrow(/index must be false, a Blob, or a list/);
  });
});
