// Turns the merged kept lines into checked results: re-reads each winner's line (or takes
// the bytes the engine kept), checks it still says what the scan saw, and validates its
// record. Only these N records are ever parsed as JSON.
import { InputAccess, changedError } from "./access";
import { KeptLine } from "./engine";
import { HighestError, dataError } from "./errors";
import { hasScore, parseFraming } from "./framing";
import { LineNumbers, PlacedFault } from "./merge";
import { RunPlan } from "./participant";
import { messageName } from "./plan";
import { checkRecord } from "./record";

/** One result: an exact score, the record's id, and where the line is. */
export interface Winner {
  /** The exact score. */
  score: bigint;
  /** The id's JSON text exactly as written in the record (a string keeps its quotes). */
  idJson: string;
  /** The id as a JS value (a number id beyond 2^53 loses digits here: use idJson). */
  id: string | number;
  /** The input's name: the path as given or found, "-" for standard input. */
  input: string;
  /** 1-based line number in that input (0 in a shard run that did not count the lines before its part). */
  line: number;
  /** Byte offset of the line in its (decompressed) input. */
  offset: number;
  /** The line as it stands in its input, without its line ending (only when asked: --lines). */
  text?: Uint8Array;
}

/** A winner's record, checked: its id's JSON text (and its line), or why it is invalid. */
export type CheckedLine = { idJson: string; text?: Uint8Array } | { problem: string };

/** Winners close together are re-read with one read of at most READ_SPAN bytes, wasting at most READ_GAP between lines. */
const READ_SPAN = 256 * 1024;
const READ_GAP = 4096;

/**
 * Re-reads (or takes the kept bytes of) each winner's line, checks it still has the score
 * the scan saw (else throws: the input changed), and checks its record. Results in order.
 * Each input is opened once, and closed before the next.
 */
export async function checkWinners(kept: KeptLine[], plan: RunPlan, access: InputAccess, keepText: boolean): Promise<CheckedLine[]> {
  const checks: CheckedLine[] = new Array(kept.length);
  const inputOf = (i: number) => plan.units[kept[i].unit].input;
  const check = (i: number, bytes: Uint8Array) => {
    const line = kept[i];
    const framed = bytes.length === line.length ? parseFraming(bytes) : null;
    if (framed === null || !hasScore(bytes, framed, line.score)) throw changedError(messageName(plan.inputs[inputOf(i)]));
    const record = checkRecord(bytes.subarray(framed.recordStart));
    checks[i] = keepText && "idJson" in record ? { idJson: record.idJson, text: bytes.slice() } : record;
  };
  const toRead: number[] = [];
  kept.forEach((line, i) => (line.bytes ? check(i, line.bytes) : toRead.push(i)));
  // Reads go by input, in offset order; near neighbours share one read (dense winners are
  // common), and each block is checked before the next is read, so memory holds one block.
  toRead.sort((a, b) => inputOf(a) - inputOf(b) || kept[a].offset - kept[b].offset);
  for (let first = 0; first < toRead.length;) {
    const input = inputOf(toRead[first]);
    if (!plan.inputs[input].rereadable) throw new HighestError("internal", "internal error: a winner's line was not kept");
    const file = await access.openRandom(input);
    try {
      while (first < toRead.length && inputOf(toRead[first]) === input) {
        const start = kept[toRead[first]].offset;
        let last = first;
        let end = start + kept[toRead[first]].length;
        while (last + 1 < toRead.length && inputOf(toRead[last + 1]) === input) {
          const next = kept[toRead[last + 1]];
          const nextEnd = Math.max(end, next.offset + next.length);
          if (next.offset - end > READ_GAP || nextEnd - start > READ_SPAN) break;
          end = nextEnd;
          last++;
        }
        const block = await file.readAt(start, end - start);
        for (let k = first; k <= last; k++) {
          const line = kept[toRead[k]];
          check(toRead[k], block.subarray(line.offset - start, Math.min(block.length, line.offset - start + line.length)));
        }
        first = last + 1;
      }
    } finally {
      await file.close();
    }
  }
  return checks;
}

/** The results for checked winners; throws the first invalid record in input order. */
export async function assembleWinners(
  kept: KeptLine[], checks: CheckedLine[], plan: RunPlan, numbers: LineNumbers, options: { strictFault?: PlacedFault; nameInputs: boolean; lineNumbers: boolean },
): Promise<Winner[]> {
  let fault = options.strictFault;
  for (let i = 0; i < kept.length; i++) {
    const check = checks[i];
    if ("problem" in check && (!fault || kept[i].unit < fault.unit || (kept[i].unit === fault.unit && kept[i].line < fault.line))) {
      fault = { unit: kept[i].unit, line: kept[i].line, problem: check.problem };
    }
  }
  if (fault) {
    const name = messageName(plan.inputs[plan.units[fault.unit].input]);
    const error = dataError((await numbers.before(fault.unit)) + fault.line, fault.problem);
    throw options.nameInputs ? new HighestError("data", fault.problem, error.line, name) : error;
  }
  const winners: Winner[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i];
    const check = checks[i] as { idJson: string; text?: Uint8Array };
    const unit = plan.units[line.unit];
    const winner: Winner = {
      score: line.score, idJson: check.idJson, id: JSON.parse(check.idJson) as string | number,
      input: plan.inputs[unit.input].name,
      line: options.lineNumbers ? (await numbers.before(line.unit)) + line.line : 0,
      offset: line.offset,
    };
    if (check.text) winner.text = check.text;
    winners[i] = winner;
  }
  return winners;
}
