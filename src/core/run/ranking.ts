// The result of a run, in columns: the merged order over the participants' kept lines, and
// what each participant's check found. The CLI prints straight from it; the library makes
// Winner objects of it. Nothing here is per-record garbage until someone asks for objects.
import { PlacedFault, firstFault } from "../model/faults";
import { CheckedRows } from "../check/store";
import { ByteWriter } from "../output/byte-writer";
import { HighestError, dataError } from "../model/errors";
import { OutputFormat, OutputRows } from "../output/format";
import { FragmentSource } from "../output/fragments";
import { joinFragments } from "../output/join";
import { KeptColumns, safeScoreAt, scoreAt } from "../columns/kept";
import { ExactScore, printedScore } from "../columns/decimal-score";
import { MergeOrder } from "../columns/merge-order";
import { LineNumbers, MergedScan } from "./merge";
import { messageName, RunPlan } from "../model/plan";
import { DecimalWinner, idValue } from "../model/winner";
import { Framing, recordBounds } from "../check/framing";

const encoder = new TextEncoder();
const utf8 = new TextDecoder();
/** The framing of a kept line, read again for each record printed. */
const framing = new Framing();

/** What a Winner carries beyond its score, id and place: its line (default: when kept) and its record's text (--records). */
export interface WinnerFields {
  text?: boolean;
  record?: boolean;
}

/**
 * One participant's checked rows, best first, as output rows: row k is row k of its kept
 * lines. The calling thread reads every list through a Ranking; a helper formats its own.
 */
export class ListRows implements OutputRows {
  readonly size: number;
  private readonly inputNames: Array<Uint8Array | undefined>;

  constructor(
    private readonly list: KeptColumns,
    private readonly check: CheckedRows,
    private readonly plan: RunPlan,
    /** Per unit: lines of its input before it (0 for units no winner is in); undefined: no line numbers (0). */
    private readonly bases: Float64Array | undefined,
  ) {
    this.size = check.count;
    this.inputNames = new Array(plan.inputs.length);
  }

  score(row: number): ExactScore { return scoreAt(this.list, row); }

  writeScore(row: number, out: ByteWriter): void {
    const safe = safeScoreAt(this.list, row);
    if (safe !== undefined) out.signedInteger(safe);
    else out.latin1(printedScore(this.score(row)));
  }

  /** Where row's id starts in idBytes; a list whose ids stayed with the helper that formats it has none here. */
  private idStart(row: number): number {
    if (row >= this.check.idStart.length) throw new HighestError("internal", "internal error: the ids of these rows are with a helper");
    return this.check.idStart[row];
  }

  writeId(row: number, out: ByteWriter): void {
    const start = this.idStart(row);
    out.bytes(this.check.idBytes, start, start + this.check.idLength[row]);
  }

  private inputOf(row: number): number { return this.plan.units[this.list.units[row]].input; }

  writeInput(row: number, out: ByteWriter): void {
    const input = this.inputOf(row);
    const name = (this.inputNames[input] ??= encoder.encode(JSON.stringify(this.plan.inputs[input].name)));
    out.piece(name);
  }

  lineNumber(row: number): number {
    if (!this.bases) return 0;
    return this.bases[this.list.units[row]] + this.list.lines[row];
  }

  writeText(row: number, out: ByteWriter): void {
    const start = this.check.textStart![row];
    out.bytes(this.check.textBytes!, start, start + this.list.lengths[row]);
  }

  /** Where row's record is in the kept lines (textBytes): its line past the score's ':', trimmed. */
  private recordAt(row: number): [number, number] {
    const start = this.check.textStart![row];
    const end = start + this.list.lengths[row];
    if (!framing.read(this.check.textBytes!, start, end)) throw new Error("internal error: a checked line is not framed");
    return recordBounds(this.check.textBytes!, framing.recordStart, end);
  }

  writeRecord(row: number, out: ByteWriter): void {
    const [from, to] = this.recordAt(row);
    out.bytes(this.check.textBytes!, from, to);
  }

  /** Row's result as an object, with the line's text and the record's when asked (and kept). */
  winner(row: number, fields: WinnerFields = {}): DecimalWinner {
    const start = this.idStart(row);
    const idJson = utf8.decode(this.check.idBytes.subarray(start, start + this.check.idLength[row]));
    const winner: DecimalWinner = {
      score: winnerScore(this.score(row)), idJson, id: idValue(idJson), input: this.plan.inputs[this.inputOf(row)].name,
      line: this.lineNumber(row), offset: this.list.offsets[row],
    };
    if (this.check.textBytes && fields.text !== false) {
      const textStart = this.check.textStart![row];
      winner.text = this.check.textBytes.slice(textStart, textStart + this.list.lengths[row]);
    }
    if (this.check.textBytes && fields.record === true) winner.record = utf8.decode(this.check.textBytes.subarray(...this.recordAt(row)));
    return winner;
  }
}

/** A winner's score for the library: an integer as a bigint, a decimal score as its JSON number text. */
function winnerScore(score: ExactScore): bigint | string {
  return typeof score === "bigint" ? score : score.text;
}

/** The run's result: row r is row order.at[r] of list order.list[r] (see MergeOrder). */
export class Ranking implements OutputRows {
  readonly size: number;
  /** Each participant's rows. */
  readonly lists: ListRows[];

  constructor(
    readonly order: MergeOrder,
    private readonly columns: KeptColumns[],
    private readonly checks: CheckedRows[],
    private readonly plan: RunPlan,
    /** Per unit: lines of its input before it (0 for units no winner is in); undefined: no line numbers (0). */
    readonly bases: Float64Array | undefined,
  ) {
    this.size = order.size;
    this.lists = columns.map((list, i) => new ListRows(list, checks[i], plan, bases));
  }

  /** The same ranking with some lists' checked rows given again (those a helper held: see RunResult). */
  withChecks(given: Array<CheckedRows | undefined>): Ranking {
    const checks = this.checks.map((check, i) => given[i] ?? check);
    return new Ranking(this.order, this.columns, checks, this.plan, this.bases);
  }

  private list(row: number): ListRows { return this.lists[this.order.list[row]]; }

  score(row: number): ExactScore { return this.list(row).score(this.order.at[row]); }
  writeScore(row: number, out: ByteWriter): void { this.list(row).writeScore(this.order.at[row], out); }
  writeId(row: number, out: ByteWriter): void { this.list(row).writeId(this.order.at[row], out); }
  writeInput(row: number, out: ByteWriter): void { this.list(row).writeInput(this.order.at[row], out); }
  lineNumber(row: number): number { return this.list(row).lineNumber(this.order.at[row]); }
  writeText(row: number, out: ByteWriter): void { this.list(row).writeText(this.order.at[row], out); }
  writeRecord(row: number, out: ByteWriter): void { this.list(row).writeRecord(this.order.at[row], out); }

  /** The results as objects (the library's answer). */
  toWinners(fields: WinnerFields = {}): DecimalWinner[] {
    const winners: DecimalWinner[] = new Array(this.size);
    for (let row = 0; row < this.size; row++) winners[row] = this.list(row).winner(this.order.at[row], fields);
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
  let fault: PlacedFault | undefined;
  for (const check of checks) fault = firstFault(fault, check.fault);
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
    const { list, at, size } = merged.order;
    for (let row = 0; row < size; row++) used[lists[list[row]].units[at[row]]] = 1;
    for (let k = 0; k < used.length; k++) if (used[k]) bases[k] = await numbers.before(k);
  }
  return new Ranking(merged.order, lists, checks, plan, bases);
}

/**
 * The output blocks of a ranking: the lists with a source in `remote` are formatted there (by
 * their helper), the others here (with one thread, every list: the same path).
 */
export function rankingBlocks(
  ranking: Ranking, format: OutputFormat, remote: Array<FragmentSource | undefined>,
): AsyncIterable<Uint8Array> {
  return joinFragments(ranking.order, format, ranking.lists, remote);
}
