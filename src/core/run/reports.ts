// What a participant hands back: a report per unit it scanned, and its kept lines.
import { ErrorData } from "../model/errors";
import { KeptColumns } from "../columns/kept";
import { UnitBounds } from "../input/units";

/** What a participant reports for one unit; line numbers are local to the unit. */
export interface UnitReport {
  unit: number;
  /** Lines in the unit (blank ones included). */
  lines: number;
  /** Where it really starts and ends, as the input stage reports them (input/units.ts). */
  bounds: UnitBounds;
  error?: ErrorData;
}

/** What a participant hands back at the end (it keeps its engine: it checks its own winners later). */
export interface ParticipantResult {
  reports: UnitReport[];
  kept: KeptColumns;
  /** Every kept line was checked as it was kept (precheck.ts): its rows cost no check later. */
  prechecked: boolean;
}
