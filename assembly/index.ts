// The export surface of the core: numbers in, numbers out, over memory the core owns.
// The host: configure(), reserveInput() for where to write bytes, scan() on whole lines,
// then finish(), the entries through entryPages() and the winner*() accessors (accessors only
// tests use are in debug.ts, the debug build's entry). Offsets and line numbers cross as f64
// (exact to 2^53); exact scores cross as i64 or as a pointer to their digits.
import {
  entryAt, entryBlob, entryDigits, entryDigitsLength, entryLength,
  entryPageTable, entryUnit, heapAppended, heapReset, heapSize, heapSortDescending,
} from "./heap";
import { errorLine, errorStart, linesSeen, scanBeginUnit, scanLines, scanSetDecimal, scanSetLowest } from "./scan";
/** Reads read into 64-byte aligned targets; SIMD reads up to 64 bytes past the sentinel. */
const ALIGN: usize = 64;
const SLACK: usize = 128;

let inputRaw: usize = 0;
let inputBase: usize = 0;
let inputCapacity: usize = 0;

/**
 * Starts a new run keeping the best `count` lines: the highest, or with `lowest` 1 the lowest
 * (scores read negated); `decimal` 1 reads decimal scores too (--decimal).
 */
export function configure(count: f64, lowest: i32, decimal: i32): void {
  heapReset(count);
  scanSetLowest(lowest != 0);
  scanSetDecimal(decimal != 0);
  scanBeginUnit(0, false);
}

/**
 * Starts a new unit (a byte range of a file, or a whole stream): line numbers restart at 1,
 * kept lines carry `unit` (ties go to the earlier unit), and `keepLines` copies their bytes
 * (for units that cannot be re-read).
 */
export function beginUnit(unit: i32, keepLines: bool): void {
  scanBeginUnit(unit, keepLines);
}

/**
 * Makes the input region at least `bytes` long (plus slack), keeping its contents,
 * and returns its 64-byte aligned address. Memory may grow: rebuild views after calling.
 */
export function reserveInput(bytes: f64): usize {
  const wanted = <usize>bytes;
  if (wanted > inputCapacity) {
    const raw = heap.alloc(wanted + SLACK + ALIGN);
    const base = (raw + ALIGN - 1) & ~(ALIGN - 1);
    if (inputCapacity > 0) memory.copy(base, inputBase, inputCapacity);
    if (inputRaw != 0) heap.free(inputRaw);
    inputRaw = raw;
    inputBase = base;
    inputCapacity = wanted;
  }
  return inputBase;
}

/** Capacity of the input region in bytes (not counting the slack). */
export function inputSize(): f64 { return <f64>inputCapacity; }

/**
 * Scans the whole lines in [start, end) of the input region; `offset` is the absolute byte
 * offset of `start`. Returns 0, or the kind of the first framing error (see errorAt()).
 */
export function scan(start: usize, end: usize, offset: f64): i32 {
  return scanLines(start, end, <i64>offset);
}

/** Lines scanned so far, blank lines included. */
export function lines(): f64 { return <f64>linesSeen; }
/** The first framing error's line number (1-based), 0 if none. */
export function errorAt(): f64 { return <f64>errorLine; }
/** Address of the first byte of the first framing error's line, in the input region (for the message). */
export function errorLineStart(): usize { return errorStart; }

let ranked = false;

/**
 * Ends the run and returns how many lines are kept: best first when the heap filled, else
 * (the count was never reached) in file order, for the host to sort (see winnersRanked).
 */
export function finish(): i32 {
  ranked = heapSortDescending();
  return heapSize();
}

/**
 * During the scan: lines kept so far, appended in file order (their entries: see entryPages()),
 * or -1 once the count was reached and they are a heap. The host may check them as they come.
 */
export function keptInFileOrder(): i32 { return heapAppended(); }

/** 1 when finish() left the winners best first, 0 when in file order (unit, then line). */
export function winnersRanked(): i32 { return ranked ? 1 : 0; }

/**
 * Address of the entries' page table, for hosts that read many entries without a call each:
 * entry i is at u32 table[i >> 16] + (i & 0xffff) * 48 (heap.ts: PAGE_SHIFT, ENTRY_SIZE), its
 * fields at VALUE 0, LINE 8, OFFSET 16, LENGTH 24, CLASS 28, UNIT 44.
 */
export function entryPages(): usize { return entryPageTable(); }

/** Length of winner i's line, without its line ending. */
export function winnerLength(i: i32): i32 { return entryLength(entryAt(i)); }
/** Unit of winner i. */
export function winnerUnit(i: i32): i32 { return entryUnit(entryAt(i)); }
/**
 * Address of winner i's significant digits when its class is not 1 (FIT). For a decimal score
 * (classes 3 and 4) its exponent is the value, and its score as written stands just before
 * the digits, after the kept line if any (decimal.ts keepDecimal).
 */
export function winnerDigits(i: i32): usize { return entryDigits(entryAt(i)); }
/** Number of winner i's significant digits when its class is not 1 (FIT). */
export function winnerDigitsLength(i: i32): i32 { return entryDigitsLength(entryAt(i)); }
/** Address of the kept copy of winner i's line in keepLines runs (else its digits, or 0). */
export function winnerBytes(i: i32): usize { return entryBlob(entryAt(i)); }

// ---- Inflate (assembly/inflate/): gzip or raw deflate into an output region ------------------
export {
  inflateBitOffset, inflateInputAt, inflateInputRoom, inflateOutputEnd, inflateOutputStart, inflatePush, inflateReserve,
  inflateReset, inflateStep, inflateStops, inflateTrailerCrc,
  inflateMemberCrc, inflateResumeAt, inflateStopAt, inflateTrailerSize, inflateWindowAt, inflateWindowFilled,
} from "./inflate/api";

// ---- zstd (assembly/zstd/): frames of zstd into an output region holding their window -------
export {
  zstdFrameChecksum, zstdInputAt, zstdInputOffset, zstdInputRoom, zstdOutputEnd, zstdOutputStart, zstdPush, zstdReserve, zstdReset,
  zstdStep, zstdStops,
} from "./zstd/api";
