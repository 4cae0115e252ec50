// The library for browsers: highest(inputs, count, options) resolves to the winners.
// It runs in the thread that calls it; pages should call it from a Web Worker
// (see worker.ts and highestInWorker in worker-client.ts) so the page never freezes.
import { JsEngine } from "../core/scan/js-engine";
import { HighestError } from "../core/model/errors";
import { functionOption, urlOption } from "../core/model/option-checks";
import { HighestOptions } from "../core/model/options";
import { LibraryPlatform, rank } from "../core/run/rank";
import { releaseGiven } from "../core/input/source";
import { WasmEngine } from "../core/scan/wasm-engine";
import { DecimalWinner, Winner } from "../core/model/winner";
import { BrowserInput, browserInputs } from "./access";
import { coreModule } from "./core-url";
import { helperScriptUrl, startBrowserHelper, threadsAvailable } from "./helpers";

export * from "../core/index";
export { type BrowserInput } from "./access";
export { highestInWorker, type WorkerRankOptions } from "./worker-client";
export { threadsAvailable } from "./helpers";

/** Options for browser runs: the options of every platform (tuning.build is for Node only). */
export type BrowserRankOptions = HighestOptions;

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. Rejects with HighestError. */
export function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options?: BrowserRankOptions & { decimal?: false }): Promise<Winner[]>;
/** With `decimal: true`, a score written with a fraction or an exponent is its printed text. */
export function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions): Promise<DecimalWinner[]>;
export async function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions = {}): Promise<DecimalWinner[]> {
  const result = await rank(BROWSER_PLATFORM, input, count, options);
  try {
    return await result.winners({ text: options.lineTexts === true, record: options.records === true });
  } finally {
    await result.close();
  }
}

/** Browsers' inputs: Files, Blobs, bytes and streams; helper workers where the page is cross-origin isolated. */
const BROWSER_PLATFORM: LibraryPlatform<BrowserInput> = {
  optionChecks: {
    wasmUrl: urlOption, helperUrl: urlOption, onThreads: functionOption,
    index: (value, name) => (value === false || value instanceof Blob ? undefined : `${name} must be false or a Blob`),
  },
  async open(list, options) {
    if (options.index instanceof Blob && list.length !== 1) throw new HighestError("usage", "an index Blob is for a run of one input");
    const threads = threadsAvailable() ? Math.max(1, Math.floor(options.threads ?? 1)) : 1;
    const { inputs, access, shared } = await browserInputs(list, () => coreModule(options.wasmUrl),
      options.index instanceof Blob ? options.index : undefined);
    // The core scans (the wasm engine) and decodes gzip (either engine): helpers get it compiled.
    const needsCore = (options.engine ?? "wasm") === "wasm" || inputs.some((item) => item.compression !== undefined);
    const module = needsCore ? await coreModule(options.wasmUrl) : undefined;
    const helperUrl = threads > 1 ? helperScriptUrl(options.helperUrl) : undefined;
    let started = 1;
    return {
      inputs,
      tuning: { threads, segmentBytes: options.tuning?.segmentBytes, minThreadedBytes: options.tuning?.minThreadedBytes, nameInputs: list.length > 1 },
      platform: {
        createEngine: async (kind) => (kind === "js" ? new JsEngine() : WasmEngine.instantiate(module ?? await coreModule(options.wasmUrl))),
        access,
        // A helper counts once its script runs: one that cannot load leaves its work to the others.
        startHelper: helperUrl === undefined ? undefined : ((job) => startBrowserHelper(helperUrl, { ...job, shared, module }, () => options.onThreads?.(++started))),
      },
    };
  },
  release: releaseGiven,
};

