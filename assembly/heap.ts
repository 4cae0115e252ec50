// The bounded min-heap of the best N lines seen so far, in linear memory.
// The root is the weakest kept line, so a new line only has to beat the root.
// Rank: higher score first; on equal scores the earlier line ranks higher. (--lowest: the scan
// hands the heap negated scores, so the same order keeps the lowest; see scan.ts negateScores.)
import { compareScores, CLASS_FIT } from "./bigscore";
import { compareReadWith, floorForFit } from "./normal";

// One entry, 48 bytes.
const VALUE: usize = 0;        // i64  exact score when class is FIT; a decimal's exponent
const LINE: usize = 8;         // i64  1-based line number within its unit
const OFFSET: usize = 16;      // i64  byte offset of the line's first byte
const LENGTH: usize = 24;      // i32  line length, without "\n" and a final "\r"
const CLASS: usize = 28;       // i32  CLASS_*
const BLOB: usize = 32;        // u32  owned copy (line bytes or digits), 0 if none
const DIGITS: usize = 36;      // u32  pointer to the significant digits (big and decimal scores)
const DIGITS_LENGTH: usize = 40; // i32
const UNIT: usize = 44;        // i32  the unit the line is in (units are in input order)
export const ENTRY_SIZE: usize = 48;

// Entries live in pages: the first grows by doubling up to PAGE_ENTRIES (small counts stay
// small), then more pages of PAGE_ENTRIES each, so no single block grows past 3 MiB (one
// block of 16.7 M entries hit the allocator's 1 GiB limit).
const PAGE_SHIFT: i32 = 16;
const PAGE_ENTRIES: i32 = 1 << PAGE_SHIFT;
const MAX_PAGES: i32 = 1 << 12; // 268 M entries: more than 4 GiB of memory holds
const pageTable: usize = memory.data(<i32>(MAX_PAGES * 4));
let entries: usize = 0;      // page 0 (the root is its first entry)
let capacity: i32 = 0;
let size: i32 = 0;
let limit: f64 = 0;          // the count asked for; may be far larger than memory
let scratch: usize = 0;      // one entry of space for sift-down and the candidate
// Until the heap is full, entries are only appended (in file order: a count larger than the
// input never pays for heap order); it becomes a heap, in one linear pass, when it fills.
let isHeap: bool = false;

/**
 * A fitting score must be greater than this to enter the heap: i64.MIN_VALUE while the heap
 * has room, i64.MAX_VALUE when the root is a big positive (or the count is 0), the root's floor
 * when it is a decimal score (normal.ts floorForFit).
 */
export let heapMinFit: i64 = i64.MIN_VALUE;

/** Empties the heap and sets the number of lines it keeps. */
export function heapReset(count: f64): void {
  for (let i = 0; i < size; i++) freeBlob(entryAt(i));
  size = 0;
  isHeap = false;
  limit = count;
  if (scratch == 0) scratch = heap.alloc(ENTRY_SIZE);
  updateMin();
}

/** Number of entries held. */
export function heapSize(): i32 { return size; }

/** Entries appended so far, in file order; -1 once the heap filled (then they are in heap order). */
export function heapAppended(): i32 { return isHeap ? -1 : size; }

/** Address of the page table (u32 page addresses; page 0 is `entries`). */
export function entryPageTable(): usize { return pageTable; }

/** Address of entry i (0 is the root; after heapSortDescending, the best). */
@inline export function entryAt(i: i32): usize {
  if (i < PAGE_ENTRIES) return entries + <usize>i * ENTRY_SIZE;
  return <usize>load<u32>(pageTable + (<usize>(i >> PAGE_SHIFT) << 2)) + <usize>(i & (PAGE_ENTRIES - 1)) * ENTRY_SIZE;
}

export function entryValue(e: usize): i64 { return load<i64>(e + VALUE); }
export function entryLine(e: usize): i64 { return load<i64>(e + LINE); }
export function entryUnit(e: usize): i32 { return load<i32>(e + UNIT); }
export function entryOffset(e: usize): i64 { return load<i64>(e + OFFSET); }
export function entryLength(e: usize): i32 { return load<i32>(e + LENGTH); }
export function entryClass(e: usize): i32 { return load<i32>(e + CLASS); }
export function entryBlob(e: usize): usize { return <usize>load<u32>(e + BLOB); }
export function entryDigits(e: usize): usize { return <usize>load<u32>(e + DIGITS); }
export function entryDigitsLength(e: usize): i32 { return load<i32>(e + DIGITS_LENGTH); }

/** Copies one entry: six i64 moves, cheaper than a bulk memory.copy call for 48 bytes. */
@inline
function copyEntry(to: usize, from: usize): void {
  store<i64>(to, load<i64>(from));
  store<i64>(to, load<i64>(from, 8), 8);
  store<i64>(to, load<i64>(from, 16), 16);
  store<i64>(to, load<i64>(from, 24), 24);
  store<i64>(to, load<i64>(from, 32), 32);
  store<i64>(to, load<i64>(from, 40), 40);
}

/** True when the heap holds `count` lines: a new line must then beat the root. */
@inline export function heapFull(): bool { return <f64>size >= limit; }

/** Does a big-class score (with its line) beat the root? Only called when the heap is full. */
export function bigBeatsRoot(scoreClass: i32, digits: usize, digitsLength: i32): bool {
  if (size == 0) return false; // count 0: nothing enters
  const root = entries;
  const order = compareScores(
    scoreClass, 0, digits, digitsLength,
    load<i32>(root + CLASS), load<i64>(root + VALUE), load<u32>(root + DIGITS), load<i32>(root + DIGITS_LENGTH),
  );
  return order > 0; // equal score: the new line is later, so it ranks lower
}

/**
 * Does a decimal score read in place (digits with a '.' at `dot`, 0: none) beat the root? Only
 * called when the heap is full; nothing is copied for a line that loses.
 */
export function decimalBeatsRoot(negative: bool, exponent: i64, digits: usize, count: i32, dot: usize): bool {
  if (size == 0) return false; // count 0: nothing enters
  const root = entries;
  const order = compareReadWith(
    negative, exponent, digits, count, dot,
    load<i32>(root + CLASS), load<i64>(root + VALUE), load<u32>(root + DIGITS), load<i32>(root + DIGITS_LENGTH),
  );
  return order > 0; // equal score: the new line is later, so it ranks lower
}

/** Does entry a rank below entry b? */
@inline
function ranksBelow(a: usize, b: usize): bool {
  // Two 64-bit scores (the usual case) compare here, without a call: sift-downs at large
  // counts do little else.
  const classA = load<i32>(a + CLASS);
  if (classA == CLASS_FIT && load<i32>(b + CLASS) == CLASS_FIT) {
    const valueA = load<i64>(a + VALUE);
    const valueB = load<i64>(b + VALUE);
    if (valueA != valueB) return valueA < valueB;
  } else {
    const order = compareScores(
      classA, load<i64>(a + VALUE), load<u32>(a + DIGITS), load<i32>(a + DIGITS_LENGTH),
      load<i32>(b + CLASS), load<i64>(b + VALUE), load<u32>(b + DIGITS), load<i32>(b + DIGITS_LENGTH),
    );
    if (order != 0) return order < 0;
  }
  // Equal scores: the later line ranks lower (later unit, or same unit and later line).
  const unitA = load<i32>(a + UNIT);
  const unitB = load<i32>(b + UNIT);
  if (unitA != unitB) return unitA > unitB;
  return load<i64>(a + LINE) > load<i64>(b + LINE);
}

function freeBlob(e: usize): void {
  const blob = <usize>load<u32>(e + BLOB);
  if (blob != 0) heap.free(blob);
}

function updateMin(): void {
  if (!heapFull()) { heapMinFit = i64.MIN_VALUE; return; }
  if (size == 0) { heapMinFit = i64.MAX_VALUE; return; }
  const rootClass = load<i32>(entries + CLASS);
  if (rootClass == CLASS_FIT) heapMinFit = load<i64>(entries + VALUE);
  else heapMinFit = floorForFit(rootClass, load<i64>(entries + VALUE), load<u32>(entries + DIGITS), load<i32>(entries + DIGITS_LENGTH));
}

/** Makes room for one more entry: page 0 grows by doubling (never past the count), then whole pages are added. */
function grow(): void {
  if (capacity < PAGE_ENTRIES) {
    let next = capacity == 0 ? 256 : capacity * 2;
    if (<f64>next > limit) next = <i32>limit;
    const moved = heap.alloc(<usize>next * ENTRY_SIZE);
    if (size > 0) memory.copy(moved, entries, <usize>size * ENTRY_SIZE);
    if (entries != 0) heap.free(entries);
    entries = moved;
    store<u32>(pageTable, <u32>entries);
    capacity = next;
    return;
  }
  const page = capacity >> PAGE_SHIFT;
  if (page >= MAX_PAGES) unreachable();
  store<u32>(pageTable + (<usize>page << 2), <u32>heap.alloc(<usize>PAGE_ENTRIES * ENTRY_SIZE));
  capacity += PAGE_ENTRIES;
}

/**
 * Offers a line that the caller has checked can enter (heap not full, or it beats the root).
 * `blob` is an owned copy the heap frees when the line is evicted (0 if none).
 */
export function heapOffer(
  scoreClass: i32, value: i64, digits: usize, digitsLength: i32,
  unit: i32, line: i64, offset: i64, length: i32, blob: usize,
): void {
  const e = scratch;
  store<i64>(e + VALUE, value);
  store<i64>(e + LINE, line);
  store<i64>(e + OFFSET, offset);
  store<i32>(e + LENGTH, length);
  store<i32>(e + CLASS, scoreClass);
  store<u32>(e + BLOB, <u32>blob);
  store<u32>(e + DIGITS, <u32>digits);
  store<i32>(e + DIGITS_LENGTH, digitsLength);
  store<i32>(e + UNIT, unit);
  if (heapFull()) {
    freeBlob(entries);
    siftDown(0, size);
  } else {
    if (size == capacity) grow();
    copyEntry(entryAt(size++), scratch);
    if (heapFull()) heapify();
  }
  updateMin();
}

/** Makes the appended entries a heap (Floyd: sift down every parent, last first). */
function heapify(): void {
  for (let i = (size - 2) >> 2; i >= 0; i--) {
    copyEntry(scratch, entryAt(i));
    siftDown(i, size);
  }
  isHeap = true;
}

/**
 * Places the scratch entry at hole i within [0, end), moving weakest children up. The heap is
 * 4-ary (children of i: 4i+1..4i+4): at large counts a level costs about a cache miss (the scan's
 * reads pass through the cache between two offers), and four children side by side are fetched
 * together, so half a binary heap's levels take a third less time (10,000 kept of 1.95 M lines:
 * 24 -> 16 ms; 8-ary 19 ms; a binary sift-down that skips the entry's comparison on the way down
 * saved nothing, docs/BENCHMARKS.md).
 */
function siftDown(hole: i32, end: i32): void {
  while (true) {
    const first = 4 * hole + 1;
    if (first >= end) break;
    let child = first;
    let weakest = entryAt(first);
    const last = min(first + 4, end);
    for (let c = first + 1; c < last; c++) {
      const e = entryAt(c);
      if (ranksBelow(e, weakest)) { child = c; weakest = e; }
    }
    if (!ranksBelow(weakest, scratch)) break;
    copyEntry(entryAt(hole), weakest);
    hole = child;
  }
  copyEntry(entryAt(hole), scratch);
}

/**
 * Sorts a full heap in place, best first (heapsort: the weakest goes to the end each step),
 * and returns true; returns false, leaving them in file order, when the heap never filled.
 */
export function heapSortDescending(): bool {
  if (!isHeap) return false;
  for (let end = size - 1; end > 0; end--) {
    copyEntry(scratch, entryAt(end));
    copyEntry(entryAt(end), entries);
    siftDown(0, end);
  }
  return true;
}
