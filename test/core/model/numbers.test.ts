// model/numbers.ts: the constants of exact integer arithmetic on doubles. (LARGE_RESULT_ROWS is a
// threshold, not a contract: runs on both sides of it are compared in test/contract/large-counts.test.ts.)
import fc from "fast-check";
import { TWO_32 } from "../../../src/core/model/numbers";

test("TWO_32 is exactly 2^32: a safe integer splits into high·TWO_32 + low with 0 <= low < 2^32, and back exactly", () => {
  expect(BigInt(TWO_32)).toBe(1n << 32n);
  const safe = fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 32, -(2 ** 32), 2 ** 32 - 1), fc.maxSafeInteger());
  fc.assert(fc.property(safe, (value) => {
    const high = Math.floor(value / TWO_32);
    const low = value - high * TWO_32;
    expect(low >= 0 && low < 2 ** 32 && Number.isInteger(low)).toBe(true);
    expect(BigInt(high) * (1n << 32n) + BigInt(low)).toBe(BigInt(value));
  }));
});
