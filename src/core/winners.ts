// Turns the engine's winners (offsets and scores) into checked results: re-reads each
// winner's line (or takes the bytes the engine kept), checks it still says what the scan
// saw, and validates its record. Only these N records are ever parsed as JSON.
import { CoreWinner } from "./engine";
import { dataError, HighestError } from "./errors";
import { hasScore, parseFraming } from "./framing";
import { RecordCheck, checkRecord } from "./record";
import { ByteSource } from "./source";

/** One result: an exact score and the record's id. */
export interface Winner {
  /** The exact score. */
  score: bigint;
  /** The id's JSON text exactly as written in the record (a string keeps its quotes). */
  idJson: string;
  /** The id as a JS value (a number id beyond 2^53 loses digits here: use idJson). */
  id: string | number;
  /** 1-based line number in the input. */
  line: number;
  /** Byte offset of the line in the input. */
  offset: number;
}

/** A record error found on a line; the earliest line wins when several are invalid. */
export interface RecordFault {
  line: number;
  problem: string;
}

/** Winners close together are re-read with one read of at most READ_SPAN bytes, wasting at most READ_GAP between lines. */
const READ_SPAN = 256 * 1024;
const READ_GAP = 4096;

/**
 * Re-reads (or takes the kept bytes of) each winner's line, checks it still has the score
 * the scan saw (else throws: the input changed), and checks its record. Results in order.
 */
export async function checkWinners(coreWinners: CoreWinner[], source: ByteSource): Promise<RecordCheck[]> {
  const checks: RecordCheck[] = new Array(coreWinners.length);
  const check = (i: number, bytes: Uint8Array) => {
    const core = coreWinners[i];
    const framed = bytes.length === core.length ? parseFraming(bytes) : null;
    if (framed === null || !hasScore(bytes, framed, core.score)) {
      throw new HighestError("input", `the input changed while it was read (line ${core.line})`);
    }
    checks[i] = checkRecord(bytes.subarray(framed.recordStart));
  };
  const toRead: number[] = [];
  coreWinners.forEach((core, i) => (core.bytes ? check(i, core.bytes) : toRead.push(i)));
  if (toRead.length > 0 && !source.readAt) {
    throw new HighestError("internal", "internal error: a winner's line was not kept");
  }
  // Reads go in offset order, near neighbours share one read (dense winners are common),
  // and each block is checked before the next is read, so memory holds one block at a time.
  toRead.sort((a, b) => coreWinners[a].offset - coreWinners[b].offset);
  for (let first = 0; first < toRead.length;) {
    const start = coreWinners[toRead[first]].offset;
    let last = first;
    let end = start + coreWinners[toRead[first]].length;
    while (last + 1 < toRead.length) {
      const next = coreWinners[toRead[last + 1]];
      const nextEnd = Math.max(end, next.offset + next.length);
      if (next.offset - end > READ_GAP || nextEnd - start > READ_SPAN) break;
      end = nextEnd;
      last++;
    }
    const block = await source.readAt!(start, end - start);
    for (let k = first; k <= last; k++) {
      const core = coreWinners[toRead[k]];
      check(toRead[k], block.subarray(core.offset - start, Math.min(block.length, core.offset - start + core.length)));
    }
    first = last + 1;
  }
  return checks;
}

/** The results for checked winners; throws the first invalid record in file order. */
export function assembleWinners(coreWinners: CoreWinner[], checks: RecordCheck[], earlierFault?: RecordFault): Winner[] {
  let firstFault = earlierFault;
  const winners: Winner[] = [];
  coreWinners.forEach((core, i) => {
    const check = checks[i];
    if ("problem" in check) {
      if (!firstFault || core.line < firstFault.line) firstFault = { line: core.line, problem: check.problem };
      return;
    }
    winners.push({
      score: core.score, idJson: check.idJson, id: JSON.parse(check.idJson) as string | number,
      line: core.line, offset: core.offset,
    });
  });
  if (firstFault) throw dataError(firstFault.line, firstFault.problem);
  return winners;
}

/** Validates the winners; throws the first invalid one in file order (or a changed-input error). */
export async function resolveWinners(
  coreWinners: CoreWinner[], source: ByteSource, earlierFault?: RecordFault,
): Promise<Winner[]> {
  return assembleWinners(coreWinners, await checkWinners(coreWinners, source), earlierFault);
}
