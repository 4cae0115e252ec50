// The core's .wasm files for Node: build/wasm, found from build/node (installed) and src/node (tests).
// Compiled once per thread, by the one file that touches WebAssembly (core/wasm/core-module.ts).
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { CoreBuild, EngineKind } from "../core/model/options";
import { ScanEngine } from "../core/scan/engine";
import { JsEngine } from "../core/scan/js-engine";
import { WasmEngine } from "../core/scan/wasm-engine";
import { buildFileName, chooseBuild, compileCore } from "../core/wasm/core-module";

/** build/wasm, beside build/node. */
export const WASM_DIR = resolvePath(__dirname, "..", "..", "build", "wasm");

const compiled = new Map<CoreBuild, WebAssembly.Module>();

/** The compiled core of a build (the one this Node runs best when none is asked for). */
export function coreModule(forced?: CoreBuild): WebAssembly.Module {
  const build = chooseBuild(forced);
  let module = compiled.get(build);
  if (!module) {
    module = compileCore(readWhole(join(WASM_DIR, buildFileName(build))));
    compiled.set(build, module);
  }
  return module;
}

/** A file's bytes, with the calls the run makes anyway (a first readFileSync costs a short run ~0.5 ms). */
function readWhole(file: string): Uint8Array<ArrayBuffer> {
  const fd = openSync(file, "r");
  try {
    const bytes = new Uint8Array(fstatSync(fd).size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** A fresh engine of the given kind (each participant gets its own), of `module` when given (compiled by the caller). */
export function createEngine(kind: EngineKind, build?: CoreBuild, module?: WebAssembly.Module): ScanEngine {
  return kind === "js" ? new JsEngine() : WasmEngine.create(module ?? coreModule(build));
}
