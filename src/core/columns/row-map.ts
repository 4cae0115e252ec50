// Values by row, for the rows that have one (scores beyond 64 bits, kept bytes of lines that
// cannot be re-read, invalid records): pages of rows, each made when a row in it is first set.
// Not a Map, which holds at most 2^24 entries, nor one JS array, which V8 ends with a fatal
// error past about 2^27 elements: a run may keep more rows than either. Plain data with
// functions, not a class: it crosses threads with the columns, and a structured clone keeps no prototype.

const PAGE_BITS = 12;
const PAGE_ROWS = 1 << PAGE_BITS;

/** Values (never undefined) by row number (below 2^32). */
export interface RowMap<T> {
  /** How many rows have a value. */
  size: number;
  pages: Array<Array<T | undefined> | undefined>;
}

export function newRowMap<T>(): RowMap<T> {
  return { size: 0, pages: [] };
}

export function rowGet<T>(map: RowMap<T>, row: number): T | undefined {
  return map.pages[row >>> PAGE_BITS]?.[row & (PAGE_ROWS - 1)];
}

export function rowSet<T>(map: RowMap<T>, row: number, value: T): void {
  const pages = map.pages;
  const p = row >>> PAGE_BITS;
  while (pages.length <= p) pages.push(undefined); // no holes: the page list stays a fast array
  const page = (pages[p] ??= new Array<T | undefined>(PAGE_ROWS).fill(undefined));
  const i = row & (PAGE_ROWS - 1);
  if (page[i] === undefined) map.size++;
  page[i] = value;
}

export function rowDelete<T>(map: RowMap<T>, row: number): void {
  const page = map.pages[row >>> PAGE_BITS];
  const i = row & (PAGE_ROWS - 1);
  if (page === undefined || page[i] === undefined) return;
  page[i] = undefined;
  map.size--;
}

/** Calls `visit` with each row below `limit` that has a value, in ascending order (pages without one cost nothing). */
export function rowsBelow<T>(map: RowMap<T>, limit: number, visit: (row: number) => void): void {
  const pages = map.pages;
  for (let p = 0; p < pages.length && p * PAGE_ROWS < limit; p++) {
    const page = pages[p];
    if (page === undefined) continue;
    const end = Math.min(PAGE_ROWS, limit - p * PAGE_ROWS);
    for (let i = 0; i < end; i++) if (page[i] !== undefined) visit(p * PAGE_ROWS + i);
  }
}
