// The engine factory for browsers. rankSource asks for an engine synchronously, so the
// wasm instance is made (asynchronously) before the run starts.
import { EngineFactory, ScanEngine } from "../core/engine";
import { JsEngine } from "../core/js-engine";
import { WasmEngine } from "../core/wasm-engine";
import { coreModule } from "./load-wasm";

/** A factory for one run of the given engine; loads and instantiates the core for "wasm". */
export async function engineFactory(kind: "wasm" | "js", wasmUrl?: string | URL): Promise<EngineFactory> {
  if (kind === "js") return () => new JsEngine();
  const instance = await WebAssembly.instantiate(await coreModule(wasmUrl), {});
  return (asked): ScanEngine => (asked === "js" ? new JsEngine() : new WasmEngine(instance));
}
