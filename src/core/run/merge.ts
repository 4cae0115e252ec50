// After the scan: the participants' reports and kept lines, merged. Line numbers become line
// numbers in each input (earlier units' line counts added); the first failed unit in input
// order is the error the run reports; the best `limit` kept lines win.
import { InputAccess } from "../input/access";
import { UnitJoin, linesBefore } from "../input/units";
import { HighestError, fromErrorData } from "../model/errors";
import { KeptColumns, compareRows } from "../columns/kept";
import { MergeOrder } from "../columns/merge-order";
import { ParticipantResult, UnitReport } from "./reports";
import { messageName, RunPlan } from "../model/plan";

/** Line numbering of one run's units. */
export class LineNumbers {
  private readonly bases: Array<number | undefined>;

  constructor(private readonly plan: RunPlan, private readonly reports: UnitReport[], private readonly access: InputAccess) {
    this.bases = new Array(plan.units.length);
  }

  /** Lines in the unit's input before unit k. A part that starts mid-file counts them (only when asked). */
  async before(k: number): Promise<number> {
    const known = this.bases[k];
    if (known !== undefined) return known;
    if (this.reports[k].bounds.start === undefined) return 0; // a BGZF unit that owns nothing: no lines
    const units = this.plan.units;
    // Back to a unit whose base is known, or to the first unit of this input in the plan (units
    // that own nothing count no lines).
    let first = k;
    while (first > 0 && this.bases[first] === undefined && units[first - 1].input === units[first].input) first--;
    if (this.bases[first] === undefined) this.bases[first] = await this.beforeFirst(first);
    for (let i = first + 1; i <= k; i++) this.bases[i] = this.bases[i - 1]! + this.reports[i - 1].lines;
    return this.bases[k]!;
  }

  /** Lines before unit k, the first of its input in the plan: before the first unit from it on that owns any. */
  private async beforeFirst(k: number): Promise<number> {
    while (this.reports[k].bounds.start === undefined) k++; // ends at a unit with lines: before() asks for one
    const index = this.plan.units[k].input;
    return linesBefore(this.access, this.plan.inputs[index], index, this.reports[k].bounds.start!);
  }
}

/** The merged scan of a run. */
export interface MergedScan {
  reports: UnitReport[];
  order: MergeOrder;
}

/** Merges lists each sorted best first into the best `limit`, best first (lowest first when the lists are: compareRows). */
export function mergeSorted(lists: KeptColumns[], limit: number): MergeOrder {
  const size = Math.min(limit, lists.reduce((sum, list) => sum + list.count, 0));
  const list = new Uint16Array(size);
  const at = new Uint32Array(size);
  const taken = lists.map(() => 0);
  if (lists.length === 2 && lists[0].big.size === 0 && lists[1].big.size === 0) {
    mergeTwo(lists[0], lists[1], size, list, at, taken);
    return { size, list, at, taken };
  }
  for (let n = 0; n < size; n++) {
    let best = -1;
    for (let j = 0; j < lists.length; j++) {
      if (taken[j] < lists[j].count && (best < 0 || compareRows(lists[j], taken[j], lists[best], taken[best]) < 0)) best = j;
    }
    list[n] = best;
    at[n] = taken[best]++;
  }
  return { size, list, at, taken };
}

/** mergeSorted of two lists whose scores all fit 64 bits (the usual threaded run): the columns compared inline. */
function mergeTwo(a: KeptColumns, b: KeptColumns, size: number, list: Uint16Array, at: Uint32Array, taken: number[]): void {
  let i = 0;
  let j = 0;
  const lowest = a.lowestFirst === true; // --lowest: the lower score first
  for (let n = 0; n < size; n++) {
    let first: boolean;
    if (i === a.count) first = false;
    else if (j === b.count) first = true;
    else if (a.high[i] !== b.high[j]) first = (a.high[i] > b.high[j]) !== lowest;
    else if (a.low[i] !== b.low[j]) first = (a.low[i] > b.low[j]) !== lowest;
    else first = compareRows(a, i, b, j) <= 0; // a tie: the earlier unit and line (the first list when the same)
    if (first) at[n] = i++;
    else {
      list[n] = 1;
      at[n] = j++;
    }
  }
  taken[0] = i;
  taken[1] = j;
}

/**
 * Checks the participants' reports: throws the first failed unit's error (its line made a
 * line of its input, named when `nameInputs`), so nothing after it matters. Then merges.
 */
export async function mergeResults(
  plan: RunPlan, results: ParticipantResult[], limit: number, access: InputAccess, nameInputs: boolean,
): Promise<{ merged: MergedScan; numbers: LineNumbers }> {
  const reports: UnitReport[] = new Array(plan.units.length);
  for (const result of results) for (const report of result.reports) reports[report.unit] = report;
  const numbers = new LineNumbers(plan, reports, access);
  let join: UnitJoin | undefined; // the checks across the units of the current input
  for (let k = 0; k < plan.units.length; k++) {
    const report = reports[k];
    if (!report) throw new HighestError("internal", `internal error: unit ${k} was not scanned`);
    const input = plan.inputs[plan.units[k].input];
    if (k === 0 || plan.units[k - 1].input !== plan.units[k].input) join = new UnitJoin(input);
    if (!report.error) join!.add(report.bounds);
    if (report.error) {
      const name = messageName(input);
      const line = report.error.line === undefined ? undefined : (await numbers.before(k)) + report.error.line;
      const named = nameInputs && report.error.kind === "data" ? name : report.error.input;
      throw fromErrorData({ ...report.error, input: named }, line);
    }
  }
  const order = mergeSorted(results.map((result) => result.kept), limit);
  return { merged: { reports, order }, numbers };
}
