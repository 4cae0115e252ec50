// scan/js-engine.ts: the pure-TypeScript engine keeps its contract (test/helpers/engine-contract.ts).
import { JsEngine } from "../../../src/core/scan/js-engine";
import { engineContract } from "../../helpers/engine-contract";

engineContract(() => new JsEngine());

test("its name is js, and a scan leaves the byte after the lines as it was (its sentinel newline is put back)", () => {
  const engine = new JsEngine();
  expect(engine.name).toBe("js");
  engine.configure(3);
  engine.beginUnit(0, false);
  const view = engine.reserve(10);
  view.set(Buffer.from("1:{}\n2:{}X"));
  expect(engine.scan(0, 9, 0)).toBeNull();
  expect(String.fromCharCode(engine.reserve(0)[9])).toBe("X");
});

test("reserve keeps the bytes already there when it grows", () => {
  const engine = new JsEngine();
  engine.configure(1);
  engine.reserve(4).set([1, 2, 3, 4]);
  expect([...engine.reserve(100000).subarray(0, 4)]).toEqual([1, 2, 3, 4]);
});
