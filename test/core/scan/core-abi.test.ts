// The host's copy of the core's entry layout (src/core/scan/core-abi.ts) against its source,
// assembly/heap.ts (the byte offsets declared there), and against the built core itself: an
// entry read through the page table by the ABI says what the core's own accessors say.
import * as fs from "node:fs";
import * as path from "node:path";
import * as abi from "../../../src/core/scan/core-abi";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const heapSource = fs.readFileSync(path.join(ROOT, "assembly", "heap.ts"), "utf8");

/** A `const NAME: type = value` of assembly/heap.ts. */
function heapConstant(name: string): number {
  const found = new RegExp(`const ${name}: \\w+ = (\\d+);`).exec(heapSource);
  if (!found) throw new Error(`assembly/heap.ts declares no ${name}`);
  return Number(found[1]);
}

test("the word indices are heap.ts's byte offsets / 4, the entry size and page shift its own", () => {
  expect(abi.ENTRY_BYTES).toBe(heapConstant("ENTRY_SIZE"));
  expect(abi.PAGE_SHIFT).toBe(heapConstant("PAGE_SHIFT"));
  expect(abi.VALUE_WORD * 4).toBe(heapConstant("VALUE"));
  expect(abi.LINE_WORD * 4).toBe(heapConstant("LINE"));
  expect(abi.OFFSET_WORD * 4).toBe(heapConstant("OFFSET"));
  expect(abi.LENGTH_WORD * 4).toBe(heapConstant("LENGTH"));
  expect(abi.CLASS_WORD * 4).toBe(heapConstant("CLASS"));
  expect(abi.UNIT_WORD * 4).toBe(heapConstant("UNIT"));
});

test("entries read through the page table by the ABI match the core's accessors", async () => {
  const bytes = fs.readFileSync(path.join(ROOT, "build", "wasm", "highest.debug.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { abort: () => { throw new Error("abort"); } } });
  const core = instance.exports as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = Buffer.from("5: {}\n\n-7: {}\n123456789012: {}\n42 : {}\n");
  core.configure(10);
  core.beginUnit(3, 0);
  const at = core.reserveInput(text.length) >>> 0;
  new Uint8Array(core.memory.buffer).set(text, at);
  expect(core.scan(at, at + text.length, 1000)).toBe(0);
  const count = core.finish();
  expect(count).toBe(4);
  expect(core.entrySize()).toBe(abi.ENTRY_BYTES);
  const words = new Int32Array(core.memory.buffer);
  const table = (core.entryPages() >>> 0) >>> 2;
  for (let i = 0; i < count; i++) {
    const w = ((words[table + (i >>> abi.PAGE_SHIFT)] >>> 0) + (i & ((1 << abi.PAGE_SHIFT) - 1)) * abi.ENTRY_BYTES) / 4;
    expect(words[w + abi.OFFSET_WORD]).toBe(core.winnerOffset(i));
    expect(words[w + abi.LINE_WORD]).toBe(core.winnerLine(i));
    expect(words[w + abi.LENGTH_WORD]).toBe(core.winnerLength(i));
    expect(words[w + abi.CLASS_WORD]).toBe(core.winnerClass(i));
    expect(words[w + abi.UNIT_WORD]).toBe(core.winnerUnit(i));
    const value = BigInt.asIntN(64, (BigInt(words[w + abi.VALUE_WORD + 1]) << 32n) | BigInt(words[w + abi.VALUE_WORD] >>> 0));
    expect(value).toBe(core.winnerValue(i));
  }
});

test("the shipped builds export only what the host calls (accessors for tests are in the debug build), the inflate's and zstd decoder's too", () => {
  // The host's files that call the core: the scan engine (`core.x`), the gzip input stage (`core.inflateX`) and the zstd one (`core.zstdX`).
  const hostFiles = [
    ["scan", "wasm-engine.ts"], ["input", "inflate-core.ts"], ["input", "gzip-source.ts"], ["input", "bgzf.ts"], ["input", "zstd-core.ts"],
    ["input", "zstd-source.ts"], ["input", "index-recorder.ts"],
  ];
  const called = new Set(hostFiles.flatMap((file) => [...fs.readFileSync(path.join(ROOT, "src", "core", ...file), "utf8")
    .matchAll(/\bcore\.(\w+)/g)].map((found) => found[1])));
  expect(called.has("inflateStep")).toBe(true); // the search reaches the inflate's callers
  expect(called.has("zstdStep") && called.has("zstdReserve")).toBe(true); // and the zstd decoder's
  for (const build of ["simd", "scalar"]) {
    const module = new WebAssembly.Module(fs.readFileSync(path.join(ROOT, "build", "wasm", `highest.${build}.wasm`)));
    const unused = WebAssembly.Module.exports(module).map((e) => e.name).filter((name) => name !== "memory" && !called.has(name));
    expect({ build, unused }).toEqual({ build, unused: [] });
  }
});
