// The engine factory for Node: a fresh instance of the core (or the JS engine) per run.
import { EngineFactory, ScanEngine } from "../core/engine";
import { JsEngine } from "../core/js-engine";
import { WasmEngine } from "../core/wasm-engine";
import { coreModule } from "./load-wasm";

/** Makes a fresh engine of the given kind. */
export const createEngine: EngineFactory = (kind): ScanEngine =>
  kind === "js" ? new JsEngine() : new WasmEngine(new WebAssembly.Instance(coreModule(), {}));
