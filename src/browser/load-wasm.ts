// Loads the core for browsers: the same build/wasm/*.wasm files the command line uses.
// SIMD is decided first with a tiny probe module, so the chosen file can still be compiled
// while it downloads (compileStreaming) instead of being fetched whole and validated.
import { HighestError } from "../core/errors";

/** An 8-instruction module using one SIMD opcode (the wasm-feature-detect probe). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Where the .wasm files are when no wasmUrl is given: /wasm/ on this origin (what `npm run web` serves). */
export const DEFAULT_WASM_URL = "/wasm/";

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Does this browser run WebAssembly SIMD? */
export function supportsSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/** The URL of the build this browser should run, inside the folder `wasmUrl`. */
export function coreUrl(wasmUrl: string | URL = DEFAULT_WASM_URL): URL {
  const folder = new URL(wasmUrl, globalThis.location?.href);
  if (!folder.pathname.endsWith("/")) folder.pathname += "/";
  return new URL(supportsSimd() ? "highest.simd.wasm" : "highest.scalar.wasm", folder);
}

/** The compiled core, fetched and compiled once per URL in this thread. */
export function coreModule(wasmUrl?: string | URL): Promise<WebAssembly.Module> {
  const url = coreUrl(wasmUrl);
  let module = compiled.get(url.href);
  if (!module) {
    module = compileFrom(url);
    module.catch(() => compiled.delete(url.href)); // a failed load may be retried
    compiled.set(url.href, module);
  }
  return module;
}

async function compileFrom(url: URL): Promise<WebAssembly.Module> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new HighestError("internal", `cannot load the WebAssembly core from ${url}: ${String(error)}`);
  }
  if (!response.ok) {
    throw new HighestError("internal", `cannot load the WebAssembly core from ${url}: HTTP ${response.status}`);
  }
  // compileStreaming rejects any MIME type but application/wasm; some servers send another.
  const mime = response.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (mime === "application/wasm" && typeof WebAssembly.compileStreaming === "function") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
