// model/faults.ts: which of two invalid records comes first in input order (units in input order, then lines).
import fc from "fast-check";
import { PlacedFault, firstFault, isEarlier } from "../../../src/core/model/faults";

const fault = (unit: number, line: number, problem = `u${unit}l${line}`): PlacedFault => ({ unit, line, problem });

test("isEarlier: an earlier unit first whatever the lines; in one unit the earlier line; never a tie", () => {
  expect(isEarlier(0, 99, 1, 1)).toBe(true);
  expect(isEarlier(1, 1, 0, 99)).toBe(false);
  expect(isEarlier(2, 3, 2, 4)).toBe(true);
  expect(isEarlier(2, 4, 2, 3)).toBe(false);
  expect(isEarlier(2, 4, 2, 4)).toBe(false);
});

test("property: isEarlier is the lexicographic order of (unit, line)", () => {
  const small = fc.integer({ min: 0, max: 5 });
  fc.assert(fc.property(small, small, small, small, (ua, la, ub, lb) => {
    expect(isEarlier(ua, la, ub, lb)).toBe(ua * 100 + la < ub * 100 + lb);
  }));
});

test("firstFault: either may be absent; the earlier in input order wins; a tie keeps the first", () => {
  const a = fault(1, 5);
  expect(firstFault(undefined, undefined)).toBeUndefined();
  expect(firstFault(a, undefined)).toBe(a);
  expect(firstFault(undefined, a)).toBe(a);
  expect(firstFault(fault(1, 5), fault(0, 9))?.problem).toBe("u0l9");
  expect(firstFault(fault(1, 5), fault(1, 6))?.problem).toBe("u1l5");
  expect(firstFault(fault(1, 5), fault(1, 4))?.problem).toBe("u1l4");
  expect(firstFault(fault(1, 5, "first"), fault(1, 5, "second"))?.problem).toBe("first");
});

test("property: folding firstFault over faults gives the first of them in (unit, line) order, the earliest listed on a tie", () => {
  const faults = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 });
  fc.assert(fc.property(faults, (pairs) => {
    const list = pairs.map(([unit, line], i) => fault(unit, line, String(i)));
    const folded = list.reduce<PlacedFault | undefined>((kept, next) => firstFault(kept, next), undefined)!;
    const expected = [...list].sort((x, y) => x.unit - y.unit || x.line - y.line || Number(x.problem) - Number(y.problem))[0];
    expect(folded).toBe(expected);
  }));
});
