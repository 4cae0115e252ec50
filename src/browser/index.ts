// The library for browsers: highest(inputs, count, options) resolves to the winners.
// It runs in the thread that calls it; pages should call it from a Web Worker
// (see worker.ts and highestInWorker in worker-client.ts) so the page never freezes.
import { asHighestError } from "../core/errors";
import { JsEngine } from "../core/js-engine";
import { RankOptions, countLimit, runRanking } from "../core/run";
import { WasmEngine } from "../core/wasm-engine";
import { Winner } from "../core/winner";
import { BrowserInput, browserInputs } from "./access";
import { coreModule } from "./core-url";

export * from "../core/index";
export { type BrowserInput } from "./access";
export { highestInWorker, type WorkerRankOptions } from "./worker-client";

/** Options for browser runs. */
export interface BrowserRankOptions extends RankOptions {
  /** The folder holding highest.simd.wasm and highest.scalar.wasm (default "/wasm/" on this origin). */
  wasmUrl?: string | URL;
}

/** The best `count` records of the inputs (one, or a list ranked as one), best first, with exact scores. Rejects with HighestError. */
export async function highest(input: BrowserInput | BrowserInput[], count: number | bigint, options: BrowserRankOptions = {}): Promise<Winner[]> {
  try {
    countLimit(count); // a bad count fails before anything is loaded
    const list = Array.isArray(input) ? input : [input];
    const { inputs, access } = await browserInputs(list);
    const module = (options.engine ?? "wasm") === "wasm" ? await coreModule(options.wasmUrl) : undefined;
    const ranking = await runRanking(inputs, count, options, { nameInputs: list.length > 1 }, {
      createEngine: async (kind) => (kind === "js" ? new JsEngine() : WasmEngine.instantiate(module ?? await coreModule(options.wasmUrl))),
      access,
    });
    return ranking.toWinners();
  } catch (thrown) {
    throw asHighestError(thrown);
  }
}
