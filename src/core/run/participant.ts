// One participant of a run (the calling thread, or a worker): claims units in order and
// scans each with its own engine, opening and closing the unit's input itself. It reports,
// per unit, the lines it counted and the first fault; the kept lines go back at the end.
import { RecordFault } from "../model/faults";
import { InputAccess, RangeSource, lineStartAtOrAfter, newProbe } from "../input/access";
import { bgzfStartIn, bgzfUnitSource } from "../input/bgzf";
import { CrcPiece } from "../input/cut-points";
import { gzipUnit } from "../input/gzip-blocks";
import { Claims } from "./claims";
import { ScanEngine } from "../scan/engine";
import { ErrorData, toErrorData } from "../model/errors";
import { KeptColumns } from "../columns/kept";
import { scanSource } from "../scan/line-buffer";
import { PlannedInput, RunPlan, Unit, messageName } from "../model/plan";
import { ByteSource } from "../input/source";
import { StrictChecker } from "../check/strict";
import { Precheck, Prechecked } from "../check/precheck";

/** What a participant reports for one unit; line numbers are local to the unit. */
export interface UnitReport {
  unit: number;
  /** Lines in the unit (blank ones included). */
  lines: number;
  /**
   * Where the unit really starts in its input: a plain segment at a line start, a BGZF unit at a
   * member start, another gzip unit at a block start (bit / 8) (undefined: none in its range, it owns nothing).
   */
  start?: number;
  /** Where a gzip unit's own members or blocks end (the next unit's start): units must tile the file. */
  end?: number;
  /** A gzip unit cut at blocks: its output by member, to check each member's CRC-32 and size across units. */
  pieces?: CrcPiece[];
  recordFault?: RecordFault;
  error?: ErrorData;
}

/** What a participant hands back at the end (it keeps its engine: it checks its own winners later). */
export interface ParticipantResult {
  reports: UnitReport[];
  kept: KeptColumns;
  /** Every kept line was checked as it was kept (precheck.ts): its rows cost no check later. */
  prechecked: boolean;
}

/** A participant's result, and what it keeps for itself: its prechecked rows. */
export interface ParticipantOutcome {
  result: ParticipantResult;
  prechecked?: Prechecked;
}

export interface ParticipantOptions {
  strict: boolean;
  chunkSize?: number;
  /** Called with the bytes this participant has read so far, after each read. */
  onProgress?: (bytes: number) => void;
  /** Asked before each read: true stops this participant (an abort signal). */
  stop?: () => boolean;
  /** Hand the kept lines back in shared memory (a worker: they cross to the calling thread). */
  shareKept?: boolean;
  /** Check lines as they are kept (large counts, see precheck.ts); keepText: keep their bytes too (--lines). */
  precheck?: { keepText: boolean };
  /** Units this participant may take (workers take only units of inputs they can open). */
  accepts?: (unit: Unit) => boolean;
}

/** Claims and scans units until none are left. `id` is 1-based; the calling thread is 1. */
export async function scanUnits(
  engine: ScanEngine, plan: RunPlan, claims: Claims, id: number, access: InputAccess, options: ParticipantOptions,
): Promise<ParticipantOutcome> {
  const reports: UnitReport[] = [];
  const precheck = options.precheck ? new Precheck(engine, options.precheck.keepText) : undefined;
  const probe = newProbe();
  const accepts = options.accepts ? (k: number) => options.accepts!(plan.units[k]) : () => true;
  let readBefore = 0;
  for (let k = claims.claim(id, accepts); k >= 0; k = claims.claim(id, accepts)) {
    if (k > claims.firstError() || claims.stopped()) continue; // nothing there matters any more
    const unit = plan.units[k];
    const input = plan.inputs[unit.input];
    engine.beginUnit(k, !input.rereadable);
    const strict = options.strict ? new StrictChecker() : undefined;
    let start: number | undefined = 0;
    let end: number | undefined;
    let pieces: CrcPiece[] | undefined;
    let read = 0;
    try {
      const scan = (source: ByteSource, startOffset: number) => scanSource(engine, source, {
        startOffset,
        chunkSize: options.chunkSize,
        visitor: strict?.visit,
        afterScan: precheck?.afterScan,
        shouldStop: () => claims.stopped() || options.stop?.() === true,
        onProgress: (bytes) => { read = bytes; options.onProgress?.(readBefore + bytes); },
      });
      if (unit.whole) {
        const source = await access.openSequential(unit.input);
        try { await scan(source, 0); } finally { await source.close?.(); }
      } else if (input.compression === "bgzf") {
        const file = await access.openRandom(unit.input);
        try {
          const name = messageName(input);
          start = await bgzfStartIn(file, unit.from, unit.to, input.size, name, probe);
          if (start !== undefined) {
            const source = bgzfUnitSource(await access.inflater(), file, start, unit.to, input.size, name);
            await scan(source, 0);
            end = source.ownedEnd;
          }
        } finally {
          await file.close();
        }
      } else if (input.compression === "gzip") {
        const file = await access.openRandom(unit.input);
        try {
          const { source, bounds } = gzipUnit(await access.inflater(), file, { from: unit.from, to: unit.to, size: input.size }, messageName(input), {
            windowBefore: () => claims.windowOf(k),
            publishWindow: (window) => claims.publishWindow(k + 1, window),
          });
          await scan(source, 0);
          ({ start, end, pieces } = bounds());
        } finally {
          await file.close();
        }
      } else {
        const file = await access.openRandom(unit.input);
        try {
          const name = messageName(input);
          start = await lineStartAtOrAfter(file, unit.from, input.size, name, probe);
          const end = await lineStartAtOrAfter(file, unit.to, input.size, name, probe);
          await scan(new RangeSource(file, start, end, name), start);
        } finally {
          await file.close();
        }
      }
      reports.push({ unit: k, lines: engine.linesSeen(), start, end, pieces, recordFault: strict?.firstFault });
    } catch (thrown) {
      reports.push({ unit: k, lines: engine.linesSeen(), start, error: toErrorData(thrown) });
      claims.noteError(k);
    }
    readBefore += read;
  }
  const kept = engine.finish({ shared: options.shareKept });
  const prechecked = precheck?.result(kept);
  return { result: { reports, kept, prechecked: prechecked !== undefined }, prechecked };
}
