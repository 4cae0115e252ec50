// The result of a run, in columns: the merged order over the participants' kept lines, and
// what each participant's check found. The CLI prints straight from it; the library makes
// Winner objects of it. Nothing here is per-record garbage until someone asks for objects.
import { CheckedRows, PlacedFault } from "./check";
import { ByteWriter } from "./byte-writer";
import { HighestError, dataError } from "./errors";
import { OutputRows } from "./format";
import { KeptColumns, safeScoreAt, scoreAt } from "./kept";
import { LineNumbers, MergeOrder, MergedScan } from "./merge";
import { RunPlan } from "./participant";
import { messageName } from "./plan";
import { Winner, idValue } from "./winner";

const encoder = new TextEncoder();
const utf8 = new TextDecoder();

export class Ranking implements OutputRows {
  readonly size: number;
  private readonly inputNames: Array<Uint8Array | undefined>;
  /** Row r of the result is row rowAt[r] of participant from[r]'s list (see MergeOrder). */
  private readonly from: Uint16Array;
  private readonly rowAt: Uint32Array;

  constructor(
    order: MergeOrder,
    private readonly lists: KeptColumns[],
    private readonly checks: CheckedRows[],
    private readonly plan: RunPlan,
    /** Per unit: lines of its input before it (0 for units no winner is in); undefined: no line numbers (0). */
    private readonly bases: Float64Array | undefined,
  ) {
    this.size = order.size;
    this.from = order.from;
    this.rowAt = order.at;
    this.inputNames = new Array(plan.inputs.length);
  }

  private list(row: number): KeptColumns { return this.lists[this.from[row]]; }
  private check(row: number): CheckedRows { return this.checks[this.from[row]]; }
  private at(row: number): number { return this.rowAt[row]; }

  score(row: number): bigint { return scoreAt(this.list(row), this.at(row)); }

  writeScore(row: number, out: ByteWriter): void {
    const safe = safeScoreAt(this.list(row), this.rowAt[row]);
    if (safe !== undefined) out.signedInteger(safe);
    else out.latin1(this.score(row).toString());
  }

  writeId(row: number, out: ByteWriter): void {
    const check = this.checks[this.from[row]];
    const at = this.rowAt[row];
    const start = check.idStart[at];
    out.bytes(check.idBytes, start, start + check.idLength[at]);
  }

  private inputOf(row: number): number { return this.plan.units[this.list(row).units[this.at(row)]].input; }

  writeInput(row: number, out: ByteWriter): void {
    const input = this.inputOf(row);
    const name = (this.inputNames[input] ??= encoder.encode(JSON.stringify(this.plan.inputs[input].name)));
    out.piece(name);
  }

  lineNumber(row: number): number {
    if (!this.bases) return 0;
    const list = this.list(row);
    return this.bases[list.units[this.at(row)]] + list.lines[this.at(row)];
  }

  writeText(row: number, out: ByteWriter): void {
    const start = this.check(row).textStart![this.at(row)];
    out.bytes(this.check(row).textBytes!, start, start + this.list(row).lengths[this.at(row)]);
  }

  /** The results as objects (the library's answer). */
  toWinners(): Winner[] {
    const winners: Winner[] = new Array(this.size);
    for (let row = 0; row < this.size; row++) {
      const check = this.check(row);
      const at = this.at(row);
      const start = check.idStart[at];
      const idJson = utf8.decode(check.idBytes.subarray(start, start + check.idLength[at]));
      const winner: Winner = {
        score: this.score(row), idJson, id: idValue(idJson), input: this.plan.inputs[this.inputOf(row)].name,
        line: this.lineNumber(row), offset: this.list(row).offsets[at],
      };
      if (check.textBytes) {
        const textStart = check.textStart![at];
        winner.text = check.textBytes.slice(textStart, textStart + this.list(row).lengths[at]);
      }
      winners[row] = winner;
    }
    return winners;
  }
}

/**
 * The run's result from the merged scan and the participants' checks. Throws the first invalid
 * record in input order (of --strict's and the winners'), as SPEC asks.
 */
export async function assembleRanking(
  merged: MergedScan, lists: KeptColumns[], checks: CheckedRows[], plan: RunPlan, numbers: LineNumbers,
  options: { nameInputs: boolean; lineNumbers: boolean },
): Promise<Ranking> {
  let fault: PlacedFault | undefined = merged.recordFault;
  for (const check of checks) {
    const found = check.fault;
    if (found && (!fault || found.unit < fault.unit || (found.unit === fault.unit && found.line < fault.line))) fault = found;
  }
  if (fault) {
    const name = messageName(plan.inputs[plan.units[fault.unit].input]);
    const error = dataError((await numbers.before(fault.unit)) + fault.line, fault.problem);
    throw options.nameInputs ? new HighestError("data", fault.problem, error.line, name) : error;
  }
  // Line numbers per unit a winner is in (a part that starts mid-file counts lines only when asked).
  let bases: Float64Array | undefined;
  if (options.lineNumbers) {
    bases = new Float64Array(plan.units.length);
    const used = new Uint8Array(plan.units.length);
    const { from, at, size } = merged.order;
    for (let row = 0; row < size; row++) used[lists[from[row]].units[at[row]]] = 1;
    for (let k = 0; k < used.length; k++) if (used[k]) bases[k] = await numbers.before(k);
  }
  return new Ranking(merged.order, lists, checks, plan, bases);
}
