// The core's compiled WebAssembly for a browser: by default the builds embedded in the bundle
// (embedded.ts: the CLI's build/wasm/*.wasm files, nothing to serve); with wasmUrl, the .wasm
// files served there, fetched once per URL and compiled (streaming) by core/scan/wasm-engine.ts.
import { HighestError } from "../core/model/errors";
import { buildFileName, chooseBuild, compileCoreAsync, compileCoreResponse } from "../core/wasm/core-module";
import { EMBEDDED } from "./embedded";

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * The URL of the build this browser should run: `wasmUrl` itself when it names a .wasm file,
 * else that build inside the folder `wasmUrl`.
 */
function coreUrl(wasmUrl: string | URL): URL {
  const given = new URL(wasmUrl, globalThis.location?.href);
  if (given.pathname.endsWith(".wasm")) return given;
  if (!given.pathname.endsWith("/")) given.pathname += "/";
  return new URL(buildFileName(chooseBuild()), given);
}

/** The compiled core (embedded, or from `wasmUrl`), compiled once per source in this thread. */
export function coreModule(wasmUrl?: string | URL): Promise<WebAssembly.Module> {
  const build = chooseBuild() as "simd" | "scalar";
  const key = wasmUrl === undefined ? `embedded:${build}` : coreUrl(wasmUrl).href;
  let module = compiled.get(key);
  if (!module) {
    module = wasmUrl === undefined ? compileEmbedded(build) : fetchCore(coreUrl(wasmUrl));
    module.catch(() => compiled.delete(key)); // a failed load may be retried
    compiled.set(key, module);
  }
  return module;
}

async function compileEmbedded(build: "simd" | "scalar"): Promise<WebAssembly.Module> {
  const base64 = EMBEDDED[build];
  if (base64 === undefined) throw new HighestError("input", "this build of highest embeds no WebAssembly core (it was not bundled by src/browser/bundle.mjs): pass wasmUrl");
  return compileCoreAsync(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
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
  return new HighestError("input", `cannot load the WebAssembly core from ${url} (${why}): serve the package's build/wasm/ files there, or pass wasmUrl (the folder, or the .wasm file), or leave wasmUrl out to use the core the bundle embeds`);
}
