// scan/wasm-engine.ts: the engine over the WebAssembly core keeps its contract (test/helpers/engine-contract.ts).
import { WasmEngine } from "../../../src/core/scan/wasm-engine";
import { coreModule } from "../../../src/node/core-file";
import { engineContract } from "../../helpers/engine-contract";

engineContract(() => WasmEngine.create(coreModule()));

test("an engine instantiated asynchronously works as one made synchronously; its name is wasm", async () => {
  const engine = await WasmEngine.instantiate(coreModule());
  expect(engine.name).toBe("wasm");
  engine.configure(1);
  engine.beginUnit(0, false);
  const text = "3:{}\n8:{}\n";
  engine.reserve(text.length).set(Buffer.from(text));
  expect(engine.scan(0, text.length, 0)).toBeNull();
  const columns = engine.finish();
  expect([columns.count, columns.lines[0], columns.low[0]]).toEqual([1, 2, 8]);
});

test("reserve keeps the bytes already there when the core's memory grows (and gives a fresh view)", () => {
  const engine = WasmEngine.create(coreModule());
  engine.configure(1);
  engine.reserve(4).set([1, 2, 3, 4]);
  const grown = engine.reserve(64 << 20);
  expect(grown.length).toBeGreaterThanOrEqual(64 << 20);
  expect([...grown.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
});

test("the core's builds keep the same contract: scalar and debug as well as the one this Node runs", () => {
  for (const build of ["scalar", "debug"] as const) {
    const engine = WasmEngine.create(coreModule(build));
    engine.configure(2, true);
    engine.beginUnit(0, false);
    const text = "5:{}\n-2:{}\n9:{}\n-2:{}\n";
    engine.reserve(text.length).set(Buffer.from(text));
    expect(engine.scan(0, text.length, 0)).toBeNull();
    const columns = engine.finish();
    expect([build, [...columns.lines], columns.high[0], columns.low[0] | 0]).toEqual([build, [2, 4], -1, -2]);
  }
});
