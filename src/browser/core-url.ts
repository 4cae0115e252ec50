// Where the core's .wasm files are for a browser: the same build/wasm/*.wasm files the command
// line uses, fetched once per URL and compiled (streaming) by core/scan/wasm-engine.ts.
import { HighestError } from "../core/model/errors";
import { buildFileName, chooseBuild, compileCoreResponse } from "../core/scan/wasm-engine";

/** Where the .wasm files are when no wasmUrl is given: /wasm/ on this origin (what `npm run web` serves). */
export const DEFAULT_WASM_URL = "/wasm/";

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The URL of the build this browser should run: `wasmUrl` itself when it names a .wasm file,
 * else that build inside the folder `wasmUrl`.
 */
export function coreUrl(wasmUrl: string | URL = DEFAULT_WASM_URL): URL {
  const given = new URL(wasmUrl, globalThis.location?.href);
  if (given.pathname.endsWith(".wasm")) return given;
  if (!given.pathname.endsWith("/")) given.pathname += "/";
  return new URL(buildFileName(chooseBuild()), given);
}

/** The compiled core, fetched and compiled once per URL in this thread. */
export function coreModule(wasmUrl?: string | URL): Promise<WebAssembly.Module> {
  const url = coreUrl(wasmUrl);
  let module = compiled.get(url.href);
  if (!module) {
    module = fetchCore(url);
    module.catch(() => compiled.delete(url.href)); // a failed load may be retried
    compiled.set(url.href, module);
  }
  return module;
}

async function fetchCore(url: URL): Promise<WebAssembly.Module> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw coreMissing(url, String(error));
  }
  if (!response.ok) throw coreMissing(url, `HTTP ${response.status}`);
  return compileCoreResponse(response);
}

/** A core that cannot be fetched is the setup's fault, not a bug: say which URL and what to do. */
function coreMissing(url: URL, why: string): HighestError {
  return new HighestError("input", `cannot load the WebAssembly core from ${url} (${why}): serve the package's build/wasm/ files there, or pass wasmUrl (the folder, or the .wasm file)`);
}
