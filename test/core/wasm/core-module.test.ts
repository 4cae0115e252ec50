// wasm/core-module.ts: the one place the core is compiled and instantiated, whichever way its bytes arrive.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  buildFileName, chooseBuild, compileCore, compileCoreAsync, compileCoreResponse, instantiateCore, instantiateCoreAsync,
} from "../../../src/core/wasm/core-module";
import { CoreBuild } from "../../../src/core/model/options";
import { WASM_DIR } from "../../../src/node/core-file";

const bytesOf = (build: CoreBuild) => fs.readFileSync(path.join(WASM_DIR, buildFileName(build)));
/** Exports the host calls (scan/wasm-engine.ts, input/inflate-core.ts). */
const HOST_CALLS = ["memory", "configure", "beginUnit", "reserveInput", "scan", "finish", "inflateReserve", "inflateStep"];

test("buildFileName: each build's file, as the build scripts name them (package.json asbuild:*)", () => {
  expect(["simd", "scalar", "debug"].map((build) => buildFileName(build as CoreBuild))).toEqual(["highest.simd.wasm", "highest.scalar.wasm", "highest.debug.wasm"]);
  for (const build of ["simd", "scalar", "debug"] as const) expect(fs.existsSync(path.join(WASM_DIR, buildFileName(build)))).toBe(true);
});

test("chooseBuild: the build asked for; else SIMD exactly where this runtime validates SIMD code", () => {
  expect([chooseBuild("scalar"), chooseBuild("debug"), chooseBuild("simd")]).toEqual(["scalar", "debug", "simd"]);
  expect(chooseBuild()).toBe(WebAssembly.validate(bytesOf("simd")) ? "simd" : "scalar");
  const validate = jest.spyOn(WebAssembly, "validate").mockReturnValue(false);
  try {
    expect(chooseBuild()).toBe("scalar");
  } finally {
    validate.mockRestore();
  }
});

test("compiled synchronously or not, each instance has the exports the host calls and a memory of its own", async () => {
  const module = compileCore(bytesOf("scalar"));
  const asyncModule = await compileCoreAsync(bytesOf("scalar"));
  const one = instantiateCore(module), two = instantiateCore(module), three = await instantiateCoreAsync(asyncModule);
  for (const exports of [one, two, three]) for (const name of HOST_CALLS) expect([name, name in exports]).toEqual([name, true]);
  expect(one.memory).not.toBe(two.memory);
  new Uint8Array((one.memory as WebAssembly.Memory).buffer)[0] = 42;
  expect(new Uint8Array((two.memory as WebAssembly.Memory).buffer)[0]).not.toBe(42);
});

test("compileCoreResponse compiles a fetched response, served as application/wasm (streaming) or as anything else", async () => {
  const bytes = bytesOf("scalar");
  const streaming = jest.spyOn(WebAssembly, "compileStreaming");
  try {
    const served = await compileCoreResponse(new Response(bytes, { headers: { "content-type": "application/wasm" } }));
    expect(streaming).toHaveBeenCalledTimes(1);
    const octets = await compileCoreResponse(new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
    expect(streaming).toHaveBeenCalledTimes(1); // compileStreaming refuses another type: the bytes are compiled instead
    for (const module of [served, octets]) expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(expect.arrayContaining(HOST_CALLS));
  } finally {
    streaming.mockRestore();
  }
});

test("bytes that are not the core fail to compile, with WebAssembly's error", async () => {
  expect(() => compileCore(new Uint8Array([1, 2, 3]))).toThrow(WebAssembly.CompileError);
  await expect(compileCoreAsync(new Uint8Array([1, 2, 3]))).rejects.toThrow();
});

// Runtimes differ on a type with a parameter or capitals (Node 20's compileStreaming refuses
// "Application/WASM; charset=binary"): such a response must still compile, from its bytes.
test("a response whose type is application/wasm with a parameter or capitals still compiles", async () => {
  const response = new Response(bytesOf("scalar"), { headers: { "content-type": "Application/WASM; charset=binary" } });
  const module = await compileCoreResponse(response);
  expect(WebAssembly.Module.exports(module).map((e) => e.name)).toEqual(expect.arrayContaining(HOST_CALLS));
});
