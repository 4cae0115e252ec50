// Invalid records found during a run, and which of two comes first (SPEC: the first in input order is reported).

/** A record error (of a winner, or of any line with --strict) placed in the run: its unit and unit-local line. */
export interface PlacedFault {
  unit: number;
  line: number;
  problem: string;
}

/** Is (unit, line) a strictly before (unit, line) b in input order (units are in input order)? */
export function isEarlier(unitA: number, lineA: number, unitB: number, lineB: number): boolean {
  return unitA < unitB || (unitA === unitB && lineA < lineB);
}

/** The earlier of two faults in input order, either may be absent (a tie keeps the first). */
export function firstFault(a: PlacedFault | undefined, b: PlacedFault | undefined): PlacedFault | undefined {
  if (!a || !b) return a ?? b;
  return isEarlier(b.unit, b.line, a.unit, a.line) ? b : a;
}
