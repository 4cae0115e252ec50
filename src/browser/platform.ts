// A browser's side of a run (core/run/rank.ts): Files, Blobs, bytes and streams; helper workers
// where the page is cross-origin isolated.
import { JsEngine } from "../core/scan/js-engine";
import { HighestError } from "../core/model/errors";
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
    index: (value, name) => (value === false || value instanceof Blob ? undefined : `${name} must be false or a Blob`),
  },
  async open(list, options, knobs) {
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
