// What a caller may ask of a run: one options type for every platform.
import { Shard } from "./plan";

export type EngineKind = "wasm" | "js";

/** The builds of the core (assembly/): one source, compiled with SIMD, without, and with checks (tests). */
export type CoreBuild = "simd" | "scalar" | "debug";

/** Progress of a run. */
export interface Progress {
  bytesRead: number;
  /** Known for files and Blobs, not for streams. */
  totalBytes?: number;
}

/** Options of a run. */
export interface RankOptions {
  /** Validate every record's JSON and id, not only the winners'. */
  strict?: boolean;
  /** "wasm" (default) or "js", the pure-JavaScript engine of the same algorithm. */
  engine?: EngineKind;
  /** Called after each read. */
  onProgress?: (progress: Progress) => void;
  /** Stops the run; it then rejects with kind "aborted" once everything it opened is released. */
  signal?: AbortSignal;
  /** Only the I-th of K byte-balanced parts of the inputs (--shard I/K). */
  shard?: Shard;
  /** Keep each winner's line (Winner.text), for --lines. */
  lineTexts?: boolean;
  /** The lowest scores, lowest first (--lowest); equal scores still go to the earlier input, then line. */
  lowest?: boolean;
  /** Give each winner its record's JSON text as written (Winner.record), for --records. */
  records?: boolean;
  /**
   * Scores may have a fraction and an exponent (--decimal): compared exactly by value, printed as
   * written (less a '+' and the integer part's leading zeros); such a Winner.score is that text.
   */
  decimal?: boolean;
}

/**
 * Test knobs: tiny reads, small segments, threads for small runs, a given core build (Node), line
 * numbers asked or not. Never options of the library: they reach a run through the internal
 * entries tests import (src/node/internal.ts, src/browser/internal.ts; model/knobs.ts).
 */
export interface RunKnobs {
  /** Bytes per read. */
  chunkSize?: number;
  segmentBytes?: number;
  minThreadedBytes?: number;
  build?: CoreBuild;
  lineNumbers?: boolean;
  /** Compressed bytes between the points of an index written (--write-index). */
  indexSpacing?: number;
  /** Threaded runs: the calling thread claims nothing until each helper owns a unit or has ended (run/helpers-first.ts). */
  helpersFirst?: boolean;
}

/** How the internal entries take the knobs beside the options: `chunkSize` and the rest as `tuning`. */
export interface TestKnobs {
  chunkSize?: number;
  tuning?: RunKnobs;
}

/**
 * The options of highest() on every platform: Node's library, a browser's, and highestInWorker.
 * An option that does not apply on a platform is a usage error there, never ignored.
 */
export interface HighestOptions extends RankOptions {
  /** Threads (this one + helpers) for large inputs; Node's default: the available cores (as the CLI); browsers' default 1, more only where threadsAvailable(). */
  threads?: number;
  /** Browsers: where the core's .wasm builds are served, a folder or one .wasm file (default: the core the bundle embeds). */
  wasmUrl?: string | URL;
  /** Browsers: where the helper worker script highest.helper.mjs is served (default: the script the bundle embeds, as a Blob URL). */
  helperUrl?: string | URL;
  /** Browsers: called when a helper worker's script runs, with the threads the run has now (2, 3, …); a helper that cannot start is not counted. */
  onThreads?: (threads: number) => void;
  /** Browsers: called with each warning line of the run (`highest: warning: …`, an index left out) instead of console.warn, so a page can show it. */
  onWarning?: (warning: string) => void;
  /**
   * Node: follow symbolic links inside directories given as inputs (to files and directories,
   * each directory entered once), as the CLI's -L/--follow. Browsers have no links: a usage error there.
   */
  follow?: boolean;
  /**
   * gzip that is not BGZF: the index of its points (GZIDX, indexed_gzip's format) that lets threads
   * and --shard parts share it. Node: by default X.gzidx beside each gzip file X; a path here is the
   * index of a run's one input; false ignores indexes (--no-index). Browsers: a Blob, the index of
   * the run's one input (a .gz File and its .gzidx), or a list with one entry per input (a Blob, or
   * null for an input without one). An index that does not match is left out with a warning.
   */
  index?: false | string | Blob | ReadonlyArray<Blob | null | undefined>;
  /** Node: each gzip file X that is not BGZF and is read from its start also gets X.gzidx, written once the run succeeds (--write-index). */
  writeIndex?: boolean;
}
