// Who checks which winners. After the merge each participant's winners are a prefix of its
// own kept lines; by default it checks them itself (nothing crosses threads but a count).
// When every input can be re-read by anyone, rows move from who found many to who found few
// (CALLER_SHARE says how much this thread, which prints afterwards, takes).
import { CheckContext, checkKept } from "./check";
import { KeptColumns, sliceColumns } from "../columns/kept";
import { Prechecked } from "./precheck";
import { CheckStore, CheckedRows, joinChecked } from "./store";
import { PlacedFault } from "../model/faults";

/** Rows [from, to) of participant `list`'s kept lines (best first). */
export interface CheckRange {
  list: number;
  from: number;
  to: number;
}

/** Rows a participant checks: rows [from, to) of its own kept lines, or all rows of another's (copied). */
export type CheckTask = { from: number; to: number } | { columns: KeptColumns };

/**
 * This thread's share of the rows, against a helper's 1. It prints afterwards, but printing
 * costs little next to checking, and a helper's check code starts colder (no code cache): a
 * smaller share left this thread waiting (measured: docs/BENCHMARKS.md).
 */
const CALLER_SHARE = 1;

/**
 * The ranges each participant checks (index 0: this thread). Each first checks its own rows
 * from the start (up to its share, all of them when rows cannot move); the rest go to
 * participants below their share. Rows move only in whole ranges of one list.
 */
export function shareChecks(taken: number[], movable: boolean, prechecked: boolean[] = []): CheckRange[][] {
  const participants = taken.length;
  if (!movable || participants === 1) return taken.map((count, list) => [{ list, from: 0, to: count }]);
  // Prechecked rows cost nothing more: their participant takes them, and they count for nobody's share.
  const total = taken.reduce((sum, count, list) => sum + (prechecked[list] ? 0 : count), 0);
  const unit = total / (CALLER_SHARE + participants - 1);
  const shares = taken.map((_, p) => Math.round(p === 0 ? unit * CALLER_SHARE : unit));
  const ranges: CheckRange[][] = taken.map(() => []);
  const room = shares.slice();
  const surplus: CheckRange[] = [];
  taken.forEach((count, list) => {
    if (prechecked[list]) {
      ranges[list].push({ list, from: 0, to: count });
      return;
    }
    const own = Math.min(count, shares[list]);
    ranges[list].push({ list, from: 0, to: own });
    room[list] -= own;
    if (own < count) surplus.push({ list, from: own, to: count });
  });
  for (const range of surplus) {
    let from = range.from;
    for (let p = 0; p < participants && from < range.to; p++) {
      if (room[p] <= 0) continue;
      const to = Math.min(range.to, from + room[p]);
      ranges[p].push({ list: range.list, from, to });
      room[p] -= to - from;
      from = to;
    }
    // Rounding can leave a few rows: the list's own participant checks them.
    if (from < range.to) ranges[range.list].push({ list: range.list, from, to: range.to });
  }
  return ranges;
}

/** Each list's checked rows, from the checked ranges (all participants' results, in the order of `ranges`). */
export function checkedByList(lists: number, ranges: CheckRange[][], results: CheckedRows[][]): CheckedRows[] {
  const parts: Array<Array<{ from: number; rows: CheckedRows }>> = Array.from({ length: lists }, () => []);
  ranges.forEach((mine, p) => mine.forEach((range, i) => parts[range.list].push({ from: range.from, rows: results[p][i] })));
  return parts.map((list) => joinChecked(list.sort((a, b) => a.from - b.from).map((part) => part.rows)));
}

/**
 * Checks one task for a participant whose own kept lines are `own` (found by context.engine; its
 * store filled while scanning when given). Its --strict fault goes with its own rows from the
 * first (every participant that scanned has that task): one way for record faults to the ranking.
 */
export async function checkTask(
  task: CheckTask, own: KeptColumns, context: CheckContext, prechecked?: Prechecked, strictFault?: PlacedFault,
): Promise<CheckedRows> {
  if ("columns" in task) return checkKept(task.columns, task.columns.count, { ...context, engine: undefined });
  if (task.from === 0) {
    const store = prechecked ?? new CheckStore(task.to, context.keepText);
    store.noteFault(strictFault);
    return checkKept(own, task.to, context, store);
  }
  // Only when rows move (every input re-readable): the engine's kept bytes are not needed.
  return checkKept(sliceColumns(own, task.from, task.to), task.to - task.from, { ...context, engine: undefined });
}
