// The interface both engines implement: the scan and the heap, nothing else.
// Reading, validation and output are shared and live outside the engines.

/** A framing error the scan found: the first one in the lines it was given. */
export interface FramingFault {
  line: number;
  kind: "score" | "colon";
}

/** A kept line as the engine reports it: exact score and where the line is. */
export interface CoreWinner {
  score: bigint;
  /** Absolute byte offset of the line's first byte. */
  offset: number;
  /** Line length without its line ending. */
  length: number;
  /** 1-based line number, counted from the start of what this engine scanned. */
  line: number;
  /** The line's bytes, when the engine was told to keep them (inputs that cannot be re-read). */
  bytes?: Uint8Array;
}

/** The scan-and-heap engine. Call configure, then reserve/scan repeatedly, then finish. */
export interface ScanEngine {
  readonly name: "wasm" | "js";
  /** Starts a run keeping the best `count` lines (Infinity for "all"). */
  configure(count: number, keepLines: boolean): void;
  /**
   * Starts a new byte range: line numbers restart at 1, and the lines kept from it are
   * numbered lineBase + line (so ranges scanned apart still merge in file order).
   */
  beginRange(lineBase: number): void;
  /**
   * Returns a view of the input region, at least `bytes` long, with its contents kept.
   * The view is valid only until the next reserve() or scan(): take a fresh one each time.
   */
  reserve(bytes: number): Uint8Array;
  /** Scans the whole lines in view[start, end); `offset` is the absolute offset of view[start]. */
  scan(start: number, end: number, offset: number): FramingFault | null;
  /** Lines scanned so far, blank lines included. */
  linesSeen(): number;
  /** Ends the run and returns the kept lines, best first. */
  finish(): CoreWinner[];
}

/** Makes a fresh engine (each run and each worker thread gets its own). */
export type EngineFactory = (kind: "wasm" | "js") => ScanEngine;

/** Kinds of framing error as the scans number them. */
export const FRAMING_KINDS: Record<number, FramingFault["kind"]> = { 1: "score", 2: "colon" };

/** The one-line message for a framing error. */
export function framingMessage(kind: FramingFault["kind"]): string {
  return kind === "score" ? "score is not an integer" : "expected ':' after the score";
}
