// Loads the core's .wasm for Node: the SIMD build when this Node accepts it, else the scalar one.
// HIGHEST_WASM_BUILD=simd|scalar|debug forces a build (tests use it).
import * as fs from "node:fs";
import * as path from "node:path";
import { supportsSimd } from "../core/wasm-engine";

/** build/wasm, found from both build/node (installed) and src/node (tests). */
export const WASM_DIR = path.resolve(__dirname, "..", "..", "build", "wasm");

let cached: WebAssembly.Module | undefined;

/** Path of the .wasm file of one build. */
export function wasmPath(build: "simd" | "scalar" | "debug"): string {
  return path.join(WASM_DIR, `highest.${build}.wasm`);
}

/** The compiled core, compiled once per thread. */
export function coreModule(): WebAssembly.Module {
  if (cached) return cached;
  const forced = process.env.HIGHEST_WASM_BUILD as "simd" | "scalar" | "debug" | undefined;
  let bytes: Uint8Array<ArrayBuffer>;
  if (forced) {
    bytes = new Uint8Array(fs.readFileSync(wasmPath(forced)));
  } else {
    bytes = new Uint8Array(fs.readFileSync(wasmPath("simd")));
    if (!supportsSimd(bytes)) bytes = new Uint8Array(fs.readFileSync(wasmPath("scalar")));
  }
  cached = new WebAssembly.Module(bytes);
  return cached;
}
