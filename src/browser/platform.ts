// A browser's side of a run (core/run/rank.ts): Files, Blobs, bytes and streams; helper workers
// where the page is cross-origin isolated.
import { JsEngine } from "../core/scan/js-engine";
import { HighestError } from "../core/model/errors";
import { HighestOptions } from "../core/model/options";
import { functionOption, urlOption } from "../core/model/option-checks";
import { LibraryPlatform } from "../core/run/rank";
import { releaseGiven } from "../core/input/source";
import { WasmEngine } from "../core/scan/wasm-engine";
import { BrowserInput, browserInputs } from "./access";
import { coreModule } from "./core-url";
import { helperScriptUrl, startBrowserHelper, threadsAvailable } from "./helpers";

export const BROWSER_PLATFORM: LibraryPlatform<BrowserInput> = {
  optionChecks: {
    wasmUrl: urlOption, helperUrl: urlOption, onThreads: functionOption,
    onWarning: functionOption, index: indexOption,
  },
  async open(list, options, knobs) {
    const threads = threadsAvailable() ? Math.max(1, Math.floor(options.threads ?? 1)) : 1;
    const warn = options.onWarning ?? ((line: string) => console.warn(line));
    const { inputs, access, shared } = await browserInputs(list, () => coreModule(options.wasmUrl), indexesOf(options.index, list.length), warn);
    // The core scans (the wasm engine) and decodes gzip (either engine): helpers get it compiled.
    const needsCore = (options.engine ?? "wasm") === "wasm" || inputs.some((item) => item.compression !== undefined);
    const module = needsCore ? await coreModule(options.wasmUrl) : undefined;
    const helperUrl = threads > 1 ? helperScriptUrl(options.helperUrl) : undefined;
    let started = 1;
    return {
      inputs,
      // A core build is Node's knob only: a browser runs the build its core URL gives.
      tuning: { threads, chunkSize: knobs.chunkSize, segmentBytes: knobs.segmentBytes, minThreadedBytes: knobs.minThreadedBytes, helpersFirst: knobs.helpersFirst, nameInputs: list.length > 1 },
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

/** `index`: false, one Blob (the index of a run's one input), or one Blob or null per input. */
function indexOption(value: unknown, name: string): string | undefined {
  const entry = (item: unknown) => item instanceof Blob || item === null || item === undefined;
  return value === false || value instanceof Blob || (Array.isArray(value) && value.every(entry)) ? undefined
    : `${name} must be false, a Blob, or a list of one Blob or null per input`;
}

/** The index of each input (undefined: none), from the `index` option. */
function indexesOf(index: HighestOptions["index"], inputs: number): Array<Blob | undefined> | undefined {
  if (index instanceof Blob) {
    if (inputs !== 1) throw new HighestError("usage", "an index Blob is for a run of one input (give a list: one Blob or null per input)");
    return [index];
  }
  if (!Array.isArray(index)) return undefined;
  if (index.length !== inputs) throw new HighestError("usage", `index lists ${index.length} entries for ${inputs} inputs (one Blob or null per input)`);
  return index.map((item: Blob | null | undefined) => item ?? undefined);
}
