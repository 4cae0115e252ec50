// When a file is worth more than one thread (kept apart from threads.ts so that plain runs
// never load worker_threads: start-up time counts for small files).

/** Below this size one thread is faster: a worker takes ~30 ms to start. */
export const MIN_THREADED_BYTES = 256 * 1024 * 1024;

/** Tuning for tests: small files can be threaded, in tiny segments. */
export interface ThreadTuning {
  minThreadedBytes?: number;
  segmentBytes?: number;
}

/** How many threads to use for a file of `size` bytes. */
export function threadsFor(size: number, requested: number, tuning: ThreadTuning = {}): number {
  return size < (tuning.minThreadedBytes ?? MIN_THREADED_BYTES) ? 1 : Math.max(1, requested);
}
