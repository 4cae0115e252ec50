// The core's .wasm files for Node: build/wasm, found from build/node (installed) and src/node (tests).
// Compiled once per thread, by the one file that touches WebAssembly (core/wasm-engine.ts).
import { readFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { EngineKind, ScanEngine } from "../core/engine";
import { JsEngine } from "../core/js-engine";
import { CoreBuild, WasmEngine, buildFileName, chooseBuild, compileCore } from "../core/wasm-engine";

/** build/wasm, beside build/node. */
export const WASM_DIR = resolvePath(__dirname, "..", "..", "build", "wasm");

const compiled = new Map<CoreBuild, WebAssembly.Module>();

/** The compiled core of a build (the one this Node runs best when none is asked for). */
export function coreModule(forced?: CoreBuild): WebAssembly.Module {
  const build = chooseBuild(forced);
  let module = compiled.get(build);
  if (!module) {
    module = compileCore(readFileSync(join(WASM_DIR, buildFileName(build))));
    compiled.set(build, module);
  }
  return module;
}

/** A fresh engine of the given kind (each participant gets its own). */
export function createEngine(kind: EngineKind, build?: CoreBuild): ScanEngine {
  return kind === "js" ? new JsEngine() : WasmEngine.create(coreModule(build));
}
