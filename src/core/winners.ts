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

/**
 * Re-reads (or takes the kept bytes of) each winner's line, checks it still has the score
 * the scan saw (else throws: the input changed), and checks its record. Results in order.
 */
export async function checkWinners(coreWinners: CoreWinner[], source: ByteSource): Promise<RecordCheck[]> {
  const checks: RecordCheck[] = [];
  for (const core of coreWinners) {
    const bytes = core.bytes ?? (await readLine(source, core));
    const framed = bytes.length === core.length ? parseFraming(bytes) : null;
    if (framed === null || !hasScore(bytes, framed, core.score)) {
      throw new HighestError("input", `the input changed while it was read (line ${core.line})`);
    }
    checks.push(checkRecord(bytes.subarray(framed.recordStart)));
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

async function readLine(source: ByteSource, winner: CoreWinner): Promise<Uint8Array> {
  if (!source.readAt) throw new HighestError("internal", "internal error: a winner's line was not kept");
  return await source.readAt(winner.offset, winner.length);
}
