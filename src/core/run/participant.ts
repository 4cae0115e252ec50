// One participant of a run (the calling thread, or a worker): claims units in order and
// scans each with its own engine, opening and closing the unit's input itself. It reports,
// per unit, the lines it counted and the first fault; the kept lines go back at the end.
import { InputAccess, newProbe } from "../input/access";
import { OpenedUnit, UnitBounds, openUnit } from "../input/units";
import { Claims } from "./claims";
import { ScanEngine } from "../scan/engine";
import { HighestError, toErrorData } from "../model/errors";
import { scanSource } from "../scan/line-buffer";
import { ParticipantResult, UnitReport } from "./reports";
import { RunPlan, Unit } from "../model/plan";
import { StrictChecker } from "../check/strict";
import { Precheck, Prechecked } from "../check/precheck";
import { PlacedFault, firstFault } from "../model/faults";

/** A participant's result, and what it keeps for itself: its prechecked rows. */
export interface ParticipantOutcome {
  result: ParticipantResult;
  prechecked?: Prechecked;
  /** --strict: the first invalid record of its units (it goes into the check of its own winners). */
  strictFault?: PlacedFault;
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
  let strictFault: PlacedFault | undefined;
  const precheck = options.precheck ? new Precheck(engine, options.precheck.keepText) : undefined;
  const probe = newProbe();
  const accepts = options.accepts ? (k: number) => options.accepts!(plan.units[k]) : () => true;
  let readBefore = 0;
  for (let k = claims.claim(id, accepts); k >= 0; k = claims.claim(id, accepts)) {
    if (k > claims.firstError() || claims.stopped()) continue; // nothing there matters any more
    engine.beginUnit(k, !plan.inputs[plan.units[k].input].rereadable);
    const strict = options.strict ? new StrictChecker(k) : undefined;
    let read = 0;
    let bounds: UnitBounds = {};
    const scan = (unit: OpenedUnit) => scanSource(engine, unit.source, {
      startOffset: unit.startOffset,
      chunkSize: options.chunkSize,
      visitor: strict?.visit,
      afterScan: precheck?.afterScan,
      shouldStop: () => claims.stopped() || options.stop?.() === true,
      onProgress: (bytes) => { read = bytes; options.onProgress?.(readBefore + bytes); },
    });
    try {
      const unit = await openUnit(access, plan, k, probe);
      if (unit) {
        try {
          // Integrity before content: a data error counts once its bytes prove intact.
          await scan(unit).catch(async (thrown) => {
            if (thrown instanceof HighestError && thrown.kind === "data") await unit.settle();
            throw thrown;
          });
        } finally {
          bounds = unit.bounds();
          await unit.close();
        }
      }
      reports.push({ unit: k, lines: engine.linesSeen(), bounds });
      strictFault = firstFault(strictFault, strict?.firstFault);
    } catch (thrown) {
      reports.push({ unit: k, lines: engine.linesSeen(), bounds, error: toErrorData(thrown) });
      claims.noteError(k);
    }
    readBefore += read;
  }
  const kept = engine.finish({ shared: options.shareKept });
  const prechecked = precheck?.result(kept);
  return { result: { reports, kept, prechecked: prechecked !== undefined }, prechecked, strictFault };
}
