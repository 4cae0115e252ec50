// Work sharing between threads: the file is cut into fixed-size segments (each widened to
// line boundaries); every thread, the main one included, claims the next free segment,
// scans it with its own engine, and reports per segment its line count and first fault.
// Claims are compare-and-swap on shared memory, so a thread that starts late (a worker
// boots in ~30 ms) simply takes fewer segments, and one that never claimed can be dropped.
import { ErrorData, toErrorData } from "../core/errors";
import { CoreWinner, ScanEngine } from "../core/engine";
import { scanSource } from "../core/line-buffer";
import { StrictChecker } from "../core/strict";
import { RecordFault } from "../core/winners";
import { FileSource } from "./file-source";
import { lineStartAtOrAfter } from "./split";

/** Nominal bytes per segment. At most 1 GiB, so a segment never holds 2^32 lines. */
export const SEGMENT_BYTES = 32 * 1024 * 1024;
const MAX_SEGMENT_BYTES = 2 ** 30;
/** Kept lines of segment k are numbered k * LINE_KEY + local line (exact in f64 below 2^21 segments). */
export const LINE_KEY = 2 ** 32;

// Layout of the shared Int32Array: a claim hint, the first segment with an error, then one owner per segment.
const NEXT = 0;
const FIRST_ERROR = 1;
const OWNERS = 2;

/** Shared state of one threaded run. */
export interface SegmentPlan {
  fd: number;
  name: string;
  size: number;
  segmentBytes: number;
  segments: number;
  /** Int32Array over a SharedArrayBuffer (see the layout above). */
  claims: Int32Array;
  /** Bytes scanned per participant (each writes only its own slot), for progress. */
  scanned: Float64Array;
}

/** What a participant reports for one segment; line numbers are local to the segment. */
export interface SegmentReport {
  segment: number;
  lines: number;
  recordFault?: RecordFault;
  error?: ErrorData;
}

/** What a participant hands back at the end. */
export interface ParticipantResult {
  reports: SegmentReport[];
  /** Kept lines, numbered segment * LINE_KEY + local line. */
  winners: CoreWinner[];
}

/** A plan for a file of `size` bytes read by `participants` threads (segmentBytes: tests use tiny ones). */
export function makePlan(fd: number, name: string, size: number, participants: number, segmentBytes = SEGMENT_BYTES): SegmentPlan {
  segmentBytes = Math.min(Math.max(1, Math.floor(segmentBytes)), MAX_SEGMENT_BYTES);
  const segments = Math.max(1, Math.ceil(size / segmentBytes));
  const claims = new Int32Array(new SharedArrayBuffer(4 * (OWNERS + segments)));
  claims[FIRST_ERROR] = segments;
  const scanned = new Float64Array(new SharedArrayBuffer(8 * participants));
  return { fd, name, size, segmentBytes, segments, claims, scanned };
}

/** Claims the next free segment for participant `id` (1-based); -1 when all are taken. */
function claim(plan: SegmentPlan, id: number): number {
  for (let k = Atomics.load(plan.claims, NEXT); k < plan.segments; k++) {
    if (Atomics.compareExchange(plan.claims, OWNERS + k, 0, id) === 0) {
      Atomics.store(plan.claims, NEXT, k + 1);
      return k;
    }
  }
  return -1;
}

/** True when participant `id` owns at least one segment; after all are claimed this is final. */
export function ownsAny(plan: SegmentPlan, id: number): boolean {
  for (let k = 0; k < plan.segments; k++) if (Atomics.load(plan.claims, OWNERS + k) === id) return true;
  return false;
}

function noteError(plan: SegmentPlan, segment: number): void {
  for (;;) {
    const first = Atomics.load(plan.claims, FIRST_ERROR);
    if (segment >= first || Atomics.compareExchange(plan.claims, FIRST_ERROR, first, segment) === first) return;
  }
}

export interface ParticipantOptions {
  strict: boolean;
  chunkSize?: number;
  /** Called after each chunk this participant reads. */
  onChunk?: () => void;
}

/** Claims and scans segments until none are left. `id` is 1-based; the main thread is 1. */
export async function scanSegments(
  engine: ScanEngine, plan: SegmentPlan, id: number, options: ParticipantOptions,
): Promise<ParticipantResult> {
  const reports: SegmentReport[] = [];
  let scannedBefore = 0;
  for (let k = claim(plan, id); k >= 0; k = claim(plan, id)) {
    if (k > Atomics.load(plan.claims, FIRST_ERROR)) continue; // past an error: nothing there matters
    const start = lineStartAtOrAfter(plan.fd, k * plan.segmentBytes, plan.size);
    const end = lineStartAtOrAfter(plan.fd, (k + 1) * plan.segmentBytes, plan.size);
    engine.beginRange(k * LINE_KEY);
    const strict = options.strict ? new StrictChecker() : undefined;
    try {
      await scanSource(engine, FileSource.range(plan.fd, plan.name, start, end), {
        startOffset: start,
        chunkSize: options.chunkSize,
        visitor: strict?.visit,
        onProgress: (bytes) => {
          plan.scanned[id - 1] = scannedBefore + bytes;
          options.onChunk?.();
        },
      });
      reports.push({ segment: k, lines: engine.linesSeen(), recordFault: strict?.firstFault });
    } catch (thrown) {
      reports.push({ segment: k, lines: engine.linesSeen(), error: toErrorData(thrown) });
      noteError(plan, k);
    }
    scannedBefore += end - start;
  }
  return { reports, winners: engine.finish() };
}
