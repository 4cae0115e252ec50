// The one file that compiles and instantiates the WebAssembly core (assembly/): which build this
// runtime runs (SIMD or not), compiling it from bytes or from a fetched response, and making
// instances of it: the scan engine's (scan/wasm-engine.ts) and each participant's inflate
// (input/inflate-core.ts). Platforms only find the bytes (Node: build/wasm; browsers: embedded
// in the bundle, or a URL).
import type { CoreBuild } from "../model/options";

/** An 8-instruction module using one SIMD opcode: validates only where WebAssembly SIMD runs. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** The build this runtime should run (or the one asked for). */
export function chooseBuild(forced?: CoreBuild): CoreBuild {
  return forced ?? (WebAssembly.validate(SIMD_PROBE) ? "simd" : "scalar");
}

const BUILD_FILES: Record<CoreBuild, string> = {
  simd: "highest.simd.wasm", scalar: "highest.scalar.wasm", debug: "highest.debug.wasm",
};

/** The file name of a build, e.g. highest.simd.wasm. */
export function buildFileName(build: CoreBuild): string {
  return BUILD_FILES[build];
}

/** Compiles the core from its bytes, synchronously (Node, workers). */
export function compileCore(bytes: BufferSource): WebAssembly.Module {
  return new WebAssembly.Module(bytes);
}

/** Compiles the core from its bytes without blocking (a browser's main thread may not compile synchronously). */
export function compileCoreAsync(bytes: BufferSource): Promise<WebAssembly.Module> {
  return WebAssembly.compile(bytes);
}

/**
 * Compiles the core from a fetched response, streaming when the server sends exactly
 * application/wasm: runtimes differ on a parameter or capitals there (Node 20 refuses them), so
 * any other type is compiled from the bytes, which every runtime takes.
 */
export async function compileCoreResponse(response: Response): Promise<WebAssembly.Module> {
  if (response.headers.get("content-type")?.trim() === "application/wasm" && typeof WebAssembly.compileStreaming === "function") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/** A new instance of the compiled core (its own memory), synchronously: its exports. */
export function instantiateCore(module: WebAssembly.Module): WebAssembly.Exports {
  return new WebAssembly.Instance(module, {}).exports;
}

/** A new instance of the compiled core without blocking (browsers' main thread): its exports. */
export async function instantiateCoreAsync(module: WebAssembly.Module): Promise<WebAssembly.Exports> {
  return (await WebAssembly.instantiate(module, {})).exports;
}
