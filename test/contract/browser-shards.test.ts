// --shard I/K in the browser library: a part is a function of the inputs and I/K alone, the
// same on one thread as on several, and the same as Node's part of the same bytes as files.
// The browser library runs here on one thread (Node has no Web Workers, and the js engine
// needs no .wasm URL); its threaded run is the same run with helpers, which this file puts in
// this thread (core/threads/helper-worker.ts over the browser's helper access, as helper.ts does in a
// Web Worker). test/browser/browser.test.ts runs real helper Web Workers in Chromium.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { InputAccess } from "../../src/core/input/access";
import { helperInThisThread } from "../helpers/helper-in-thread";
import { JsEngine } from "../../src/core/scan/js-engine";
import { PlannedInput, SEGMENT_BYTES, Shard, planUnits } from "../../src/core/model/plan";
import { WASM_DIR, coreModule } from "../../src/node/core-file";
import { bgzf } from "../helpers/bgzf";
import { runRanking } from "../../src/core/run/run";
import { DecimalWinner } from "../../src/core/model/winner";
import { BrowserInput, SharedBlob, browserInputs, helperAccess } from "../../src/browser/access";
import { highest as browserHighest } from "../../src/browser/internal";
import { highest as nodeHighest } from "../../src/node/internal";
import { expandInputs } from "../../src/node/inputs";

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "highest-browser-shards-")); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

/** `lines` records of varied lengths. */
function records(tag: string, lines: number, seed: number): string {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 1000);
  return Array.from({ length: lines }, (_, i) => `${next()}: {"id": "${tag}${i}", "pad": "${"x".repeat(next() % 60)}"}\n`).join("");
}

type Given = { kind: "blob" | "bytes"; bytes: Uint8Array; lines: number };
const plain = (kind: Given["kind"], text: string): Given => ({ kind, bytes: new TextEncoder().encode(text), lines: text.split("\n").length - 1 });
/** A Blob of gzip in two members. */
function gzipBlob(first: string, second: string): Given {
  const bytes = Buffer.concat([zlib.gzipSync(first), zlib.gzipSync(second)]);
  return { kind: "blob", bytes: new Uint8Array(bytes), lines: (first + second).split("\n").length - 1 };
}

/** A BGZF Blob of small members (lines straddle them): cut at members on both platforms. */
function bgzfBlob(text: string): Given {
  return { kind: "blob", bytes: new Uint8Array(bgzf(Buffer.from(text), [700, 90, 1500])), lines: text.split("\n").length - 1 };
}

const CASES: Array<[string, () => Given[]]> = [
  ["two Blobs of different sizes", () => [plain("blob", records("a", 300, 1)), plain("blob", records("b", 120, 2))]],
  ["a Blob plus bytes", () => [plain("blob", records("a", 200, 3)), plain("bytes", records("y", 150, 4))]],
  ["a gzip Blob between plain Blobs", () => [plain("blob", records("a", 100, 5)), gzipBlob(records("g", 150, 6), records("h", 100, 7)), plain("blob", records("b", 80, 8))]],
  ["a BGZF Blob between plain Blobs", () => [plain("blob", records("a", 100, 9)), bgzfBlob(records("z", 400, 10)), plain("blob", records("b", 80, 11))]],
];

const browserList = (given: Given[]): BrowserInput[] => given.map((item) => (item.kind === "blob" ? new Blob([item.bytes as Uint8Array<ArrayBuffer>]) : item.bytes));

/** The same bytes as files, for Node. */
function asFiles(name: string, given: Given[]): string[] {
  return given.map((item, i) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}-${i}`);
    fs.writeFileSync(file, item.bytes);
    return file;
  });
}

/** The core's module, as a browser run fetches it (here: Node's compiled build). */
const coreModuleOf = async () => coreModule();

/** gzip needs the core on either engine: the browser library fetches it, here from build/wasm (no server: fetch answers from the folder). */
const CORE_URL = "http://127.0.0.1:9/wasm/";
beforeAll(() => {
  const realFetch = globalThis.fetch;
  jest.spyOn(globalThis, "fetch").mockImplementation(async (url: string | URL | Request) => {
    const href = String(url instanceof Request ? url.url : url);
    if (!href.startsWith(CORE_URL)) return realFetch(url);
    return new Response(fs.readFileSync(path.join(WASM_DIR, href.slice(CORE_URL.length))), { headers: { "content-type": "application/wasm" } });
  });
});
afterAll(() => jest.restoreAllMocks());

/** A part's winners as "input:line" (inputs by their index: the platforms name them differently). */
const located = (winners: DecimalWinner[], names: string[]) => winners.map((winner) => `${names.indexOf(winner.input)}:${winner.line}`).sort();

/**
 * The browser's run with a helper in this thread. The calling thread opens its first unit
 * only once the helper has scanned, so the helper takes every other unit of the part.
 */
async function browserThreaded(given: Given[], count: number, shard: Shard, segmentBytes: number): Promise<{ winners: DecimalWinner[]; helperOpened: number }> {
  const { inputs, access, shared } = await browserInputs(browserList(given), coreModuleOf);
  let helperDone: Promise<unknown> | undefined;
  let helperOpened = 0;
  const afterHelper = (open: InputAccess): InputAccess => ({
    openSequential: async (input) => { await helperDone?.catch(() => {}); return open.openSequential(input); },
    openRandom: async (input) => { await helperDone?.catch(() => {}); return open.openRandom(input); },
    inflater: () => open.inflater(),
  });
  const ranking = await runRanking(inputs, count, { shard, engine: "js" }, { threads: 2, segmentBytes, minThreadedBytes: 0, nameInputs: true }, {
    createEngine: async () => new JsEngine(),
    access: afterHelper(access),
    startHelper: (job) => {
      const own = helperAccess(job.plan.inputs, shared, coreModuleOf);
      const counted: InputAccess = {
        openSequential: (input) => { helperOpened++; return own.openSequential(input); },
        openRandom: (input) => { helperOpened++; return own.openRandom(input); },
        inflater: () => own.inflater(),
      };
      const helper = helperInThisThread(job, counted);
      helperDone = helper.result;
      return helper;
    },
  });
  try {
    return { winners: await ranking.winners(), helperOpened };
  } finally {
    await ranking.close();
  }
}

describe.each(CASES)("--shard over %s: the same parts on any thread count, and Node's", (name, make) => {
  test("the browser's plan is Node's plan of the same bytes as files", async () => {
    const given = make();
    const browser = (await browserInputs(browserList(given), coreModuleOf)).inputs;
    const node = (await expandInputs(asFiles(name, given))).inputs;
    const kind = ({ size, segmentable, rereadable, compression }: PlannedInput) => ({ size, segmentable, rereadable, compression });
    expect(browser.map(kind)).toEqual(node.map(kind));
    for (let count = 1; count <= 5; count++) {
      for (let index = 0; index < count; index++) {
        for (const segment of [SEGMENT_BYTES, 500]) {
          expect(planUnits(browser, segment, { index, count })).toEqual(planUnits(node, segment, { index, count }));
        }
      }
    }
  });

  test("K = 1..5: each part's winners (input, line) are Node's, with 1 and 2 threads; the parts partition all lines", async () => {
    const given = make();
    const files = asFiles(name, given);
    const browserNames = given.map((_, i) => `input ${i + 1}`);
    const all = given.flatMap((item, i) => Array.from({ length: item.lines }, (_, line) => `${i}:${line + 1}`)).sort();
    const count = all.length;
    let helperOpened = 0;
    for (let k = 1; k <= 5; k++) {
      const parts: string[][] = [];
      for (let index = 0; index < k; index++) {
        const shard = { index, count: k };
        const node = located(await nodeHighest(files, count, { shard }), files);
        const nodeThreaded = located(await nodeHighest(files, count, { shard, threads: 2, tuning: { minThreadedBytes: 0, segmentBytes: 500 } }), files);
        const browser = located(await browserHighest(browserList(given), count, { shard, engine: "js", wasmUrl: CORE_URL }), browserNames);
        const threaded = await browserThreaded(given, count, shard, 500);
        helperOpened += threaded.helperOpened;
        expect({ k, index, browser }).toEqual({ k, index, browser: node });
        expect({ k, index, threaded: located(threaded.winners, browserNames) }).toEqual({ k, index, threaded: node });
        expect({ k, index, nodeThreaded }).toEqual({ k, index, nodeThreaded: node });
        parts.push(node);
      }
      const joined = parts.flat();
      expect(new Set(joined).size).toBe(joined.length); // no line in two parts
      expect(joined.sort()).toEqual(all); // and none left out
    }
    expect(helperOpened).toBeGreaterThan(0); // the helper really scanned units of the Blobs
  });
});
