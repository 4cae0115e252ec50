// The interface both engines implement: the scan and the heap, nothing else. Reading,
// validation and output are shared and live outside the engines. The numbers both scans
// report (score classes, framing codes) are defined here once for the host.
import type { KeptColumns } from "../columns/kept";
import type { EngineKind } from "../model/options";

/** A framing error the scan found: the first one in the lines it was given. */
export interface FramingFault {
  /** 1-based line number within the unit. */
  line: number;
  kind: FramingKind;
  /** Where the line starts in the view the scan was given (its message shows the line's start). */
  start: number;
}

/**
 * "score": not an integer; "decimal": a decimal score without --decimal; "number": with
 * --decimal, not a decimal number; "exponent": a decimal whose exponent is out of range.
 */
export type FramingKind = "score" | "colon" | "long" | "decimal" | "number" | "exponent";

/** How the kept lines are handed back. */
export interface FinishOptions {
  /** Columns in shared memory: for a worker, whose columns then reach the calling thread without a copy. */
  shared?: boolean;
}

/** The scan-and-heap engine. Call configure, then per unit beginUnit and reserve/scan, then finish. */
export interface ScanEngine {
  readonly name: EngineKind;
  /**
   * Starts a run keeping the best `count` lines (Infinity for "all"): the highest scores, or with
   * `lowest` the lowest (finish() then ranks them lowest first and marks the columns lowestFirst);
   * `decimal`: scores may have a fraction and an exponent (--decimal).
   */
  configure(count: number, lowest?: boolean, decimal?: boolean): void;
  /** Starts a unit: line numbers restart at 1; `keepLines` keeps kept lines' bytes. */
  beginUnit(unit: number, keepLines: boolean): void;
  /**
   * Returns a view of the input region, at least `bytes` long, with its contents kept.
   * The view is valid only until the next reserve() or scan(): take a fresh one each time.
   */
  reserve(bytes: number): Uint8Array;
  /** Scans the whole lines in view[start, end); `offset` is the absolute offset of view[start]. */
  scan(start: number, end: number, offset: number): FramingFault | null;
  /**
   * During the scan: how many lines are kept, appended in file order (the count not reached
   * yet), or -1 once they are a heap. See precheck.ts.
   */
  appendedRows(): number;
  /** The offsets and lengths of appended rows [from, to) (while appendedRows() ≥ 0), from index 0 of each array. */
  appendedLines(from: number, to: number, offsets: Float64Array, lengths: Int32Array): void;
  /** Lines of the current unit scanned so far, blank lines included. */
  linesSeen(): number;
  /** Ends the run and returns the kept lines, best first. Afterwards only keptBytes() may be called. */
  finish(options?: FinishOptions): KeptColumns;
  /**
   * After finish(): the kept bytes of row i's line when its unit kept lines (units that cannot
   * be re-read), else undefined. A view, valid until the engine is used again.
   */
  keptBytes(row: number): Uint8Array | undefined;
}

/** Framing error codes as both scans number them (assembly/scan.ts FRAMING_*). */
const FRAMING_KINDS: Record<number, FramingKind> = { 1: "score", 2: "colon", 3: "long", 4: "decimal", 5: "exponent" };

/** The kind of a framing error code; a score that is not a number is "number" when decimal scores are read. */
export function framingKind(code: number, decimal: boolean): FramingKind {
  const kind = FRAMING_KINDS[code];
  return decimal && kind === "score" ? "number" : kind;
}

/** The longest line accepted; a longer one is invalid data (memory stays bounded). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

const FRAMING_MESSAGES: Record<FramingKind, string> = {
  score: "score is not an integer",
  decimal: "score is not an integer (--decimal reads decimal scores)",
  number: "score is not a decimal number",
  exponent: "score's exponent has more than 9 digits once normalised",
  colon: "expected ':' after the score",
  long: `line is longer than ${MAX_LINE_BYTES / 1048576} MiB`,
};

/** The one-line message for a framing error. */
export function framingMessage(kind: FramingKind): string {
  return FRAMING_MESSAGES[kind];
}
