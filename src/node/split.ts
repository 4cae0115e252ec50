// Splits a file into byte ranges that start on line boundaries, one per worker thread.
import * as fs from "node:fs";

const WINDOW = 64 * 1024;

/** The first line start at or after `at` (the size if none). */
function lineStartAtOrAfter(fd: number, at: number, size: number): number {
  if (at <= 0) return 0;
  const window = new Uint8Array(WINDOW);
  // A line starts at `at` when the byte before it is a newline: search from at - 1.
  for (let position = at - 1; position < size; position += WINDOW) {
    const n = fs.readSync(fd, window, 0, WINDOW, position);
    if (n === 0) break;
    const newline = window.subarray(0, n).indexOf(10);
    if (newline >= 0) return position + newline + 1;
  }
  return size;
}

/** `parts` ranges [start, end) covering [0, size), each starting on a line boundary (some may be empty). */
export function splitOnLines(fd: number, size: number, parts: number): Array<[number, number]> {
  const bounds = [0];
  for (let k = 1; k < parts; k++) {
    bounds.push(Math.max(bounds[k - 1], lineStartAtOrAfter(fd, Math.floor((size * k) / parts), size)));
  }
  bounds.push(size);
  return bounds.slice(0, -1).map((start, k) => [start, bounds[k + 1]] as [number, number]);
}
