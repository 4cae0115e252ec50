// Line boundaries in a file: where the byte ranges scanned by different threads begin.
import * as fs from "node:fs";

const WINDOW = 64 * 1024;
/** One window per thread, reused: a fresh 64 KiB buffer per call made peak RSS grow with the file (per segment). */
const window = new Uint8Array(WINDOW);

/** The first line start at or after `at` (the size if none). */
export function lineStartAtOrAfter(fd: number, at: number, size: number): number {
  if (at <= 0) return 0;
  if (at >= size) return size;
  // A line starts at `at` when the byte before it is a newline: search from at - 1.
  for (let position = at - 1; position < size; position += WINDOW) {
    const n = fs.readSync(fd, window, 0, WINDOW, position);
    if (n === 0) break;
    const newline = window.subarray(0, n).indexOf(10);
    if (newline >= 0) return position + newline + 1;
  }
  return size;
}
