// Invalid records found during a run, and which of two comes first (SPEC: the first in input order is reported).

/** A record error found with --strict: unit-local line. */
export interface RecordFault {
  line: number;
  problem: string;
}

/** A record error placed in the run: its unit and unit-local line. */
export interface PlacedFault {
  unit: number;
  line: number;
  problem: string;
}

/** The earlier of two faults in input order (units are in input order), either may be absent. */
export function firstFault(a: PlacedFault | undefined, b: PlacedFault | undefined): PlacedFault | undefined {
  if (!a || !b) return a ?? b;
  return b.unit < a.unit || (b.unit === a.unit && b.line < a.line) ? b : a;
}
