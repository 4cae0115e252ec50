// The export surface of the core: numbers in, numbers out, over memory the core owns.
// The host: configure(), reserveInput() for where to write bytes, scan() on whole lines,
// then finish(), the entries through entryPages() and the winner*() accessors (accessors only
// tests use are in debug.ts, the debug build's entry). Offsets and line numbers cross as f64
// (exact to 2^53); exact scores cross as i64 or as a pointer to their digits.
import {
  entryAt, entryBlob, entryDigits, entryDigitsLength, entryLength,
  entryPageTable, entryUnit, heapAppended, heapReset, heapSize, heapSortDescending,
} from "./heap";
import { errorLine, errorStart, linesSeen, scanBeginUnit, scanLines, scanSetLowest } from "./scan";
import { crc32Combine as crc32Join, crc32Update } from "./crc32";
import {
  inflateBeginAt as inflateStartAt, inflateBitOffset as inflateBitsRead, inflateFindBlock as inflateFind,
  inflateInputAt as inflateInputPlace, inflateInputRoom as inflateInputFree, inflateLastBlock as inflateFinalBlock,
  inflateOutputEnd as inflateOutTo, inflateOutputStart as inflateOutFrom, inflateOutputWidth as inflateOutWidth,
  inflatePush as inflatePushInput, inflateReserve as inflateReserveRegions, inflateReset as inflateResetStream,
  inflateSearchEnd as inflateSearchStop, inflateStep as inflateRun, inflateStops as inflateSetStops,
  inflateTrailerCrc as inflateTrailerCrc32, inflateTrailerSize as inflateTrailerLength, inflateTryBlock as inflateTryBlockAt,
  inflateVerify as inflateSetVerify, inflateHold as inflateHoldOutput, inflateHeld as inflateHeldStart,
  inflateMemberCrc as inflateMemberCrc32, inflateMemberSize as inflateMemberLength,
  inflateWindow as inflateWindowRegion, resolveMarkers,
} from "./inflate";

/** Reads read into 64-byte aligned targets; SIMD reads up to 64 bytes past the sentinel. */
const ALIGN: usize = 64;
const SLACK: usize = 128;

let inputRaw: usize = 0;
let inputBase: usize = 0;
let inputCapacity: usize = 0;

/** Starts a new run keeping the best `count` lines: the highest, or with `lowest` 1 the lowest (scores read negated). */
export function configure(count: f64, lowest: i32): void {
  heapReset(count);
  scanSetLowest(lowest != 0);
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
/** Address of winner i's significant digits when its class is 0 or 2. */
export function winnerDigits(i: i32): usize { return entryDigits(entryAt(i)); }
/** Number of winner i's significant digits when its class is 0 or 2. */
export function winnerDigitsLength(i: i32): i32 { return entryDigitsLength(entryAt(i)); }
/** Address of the kept copy of winner i's line in keepLines runs (else its digits, or 0). */
export function winnerBytes(i: i32): usize { return entryBlob(entryAt(i)); }

// ---- Inflate (assembly/inflate.ts): gzip or raw deflate into an output region ----------------
// The host: inflateReserve() once, inflateReset(format), then repeatedly writes compressed bytes
// at inflateInputAt() (at most inflateInputRoom()), inflatePush(), and inflateStep(), taking the
// elements between inflateOutputStart() and inflateOutputEnd() before the next step. Statuses:
// 0 need input, 1 output full, 2 block end, 3 member end, 4 stream end, 5 trailing bytes after
// the last member; errors: -1 truncated, -2 bad gzip header, -3 header CRC, -4 block type,
// -5 stored length, -6 code lengths, -7 symbol, -8 distance too far, -9 CRC, -10 size (ISIZE).

/** Allocates the inflate's input and output regions (at least 4 KiB and 66 KiB) and resets. Memory may grow. */
export function inflateReserve(inputBytes: f64, outputBytes: f64): void {
  inflateReserveRegions(<usize>inputBytes, <usize>outputBytes);
}
/** Starts a new stream: 0 raw deflate, 1 gzip (any number of members). Empties the input region. */
export function inflateReset(format: i32): void { inflateResetStream(format); }
/** Drops consumed input and returns where the next compressed bytes go. */
export function inflateInputAt(): usize { return inflateInputPlace(); }
/** Bytes that fit at inflateInputAt(). */
export function inflateInputRoom(): f64 { return <f64>inflateInputFree(); }
/** `bytes` were written at inflateInputAt(); `final` when no more input follows. */
export function inflatePush(bytes: f64, final: i32): void { inflatePushInput(<usize>bytes, final != 0); }
/** 0: members' CRC and size are not checked but reported at each member end (status 3), for the host. */
export function inflateVerify(on: i32): void { inflateSetVerify(on != 0); }
/**
 * Stops to report: 1 every block end (status 2), 2 every member end (status 3), 4 every member's
 * first block start, after its header (status 2, with inflateLastBlock() 0).
 */
export function inflateStops(flags: i32): void { inflateSetStops(flags); }
/** Decodes until a status (>= 0) or an error (< 0); errors repeat until a reset. */
export function inflateStep(): i32 { return inflateRun(); }
/** Address of this step's first output element. */
export function inflateOutputStart(): usize { return inflateOutFrom(); }
/** Address past this step's last output element. */
export function inflateOutputEnd(): usize { return inflateOutTo(); }
/** Bytes per output element: 1, or 2 while markers may appear (a byte, or 0x8000 + window index). */
export function inflateOutputWidth(): i32 { return inflateOutWidth(); }
/** Bits of input consumed since the reset (at a block end: where the next block starts). */
export function inflateBitOffset(): f64 { return <f64>inflateBitsRead(); }
/** 1 when the last block read was marked final. */
export function inflateLastBlock(): i32 { return inflateFinalBlock() ? 1 : 0; }
/** The running CRC-32 of the current member's output (when members are checked here). */
export function inflateMemberCrc(): u32 { return inflateMemberCrc32(); }
/** The running size (mod 2^32) of the current member's output (when members are checked here). */
export function inflateMemberSize(): u32 { return inflateMemberLength(); }
/** The CRC-32 of the member trailer read last (status 3). */
export function inflateTrailerCrc(): u32 { return inflateTrailerCrc32(); }
/** The ISIZE of the member trailer read last (status 3). */
export function inflateTrailerSize(): u32 { return inflateTrailerLength(); }

/**
 * Starts decoding at absolute input bit `bit` as a block start inside a stream (after a reset
 * and a push): `markers` 1 gives 16-bit output with markers for the unknown window, 0 makes
 * references before the start an error. The member's trailer is reported (status 3), not checked.
 */
export function inflateBeginAt(bit: f64, markers: i32): void { inflateStartAt(<u64>bit, markers != 0); }
/**
 * 1: keep the output of a start mid-stream (inflateBeginAt with markers) in the region, 16-bit,
 * from inflateHeld() on, until a reset: it grows instead of sliding (members not checked here).
 */
export function inflateHold(on: i32): void { inflateHoldOutput(on != 0); }
/** Address of the first held element. */
export function inflateHeld(): usize { return inflateHeldStart(); }
/** Whether a block header is valid at absolute input bit `bit`: 1 stored, 2 dynamic, 0 not, -1 beyond the data. */
export function inflateTryBlock(bit: f64): i32 { return inflateTryBlockAt(<u64>bit); }
/** The first absolute bit in [from, to) where a stored or dynamic block header is valid, or -1. */
export function inflateFindBlock(from: f64, to: f64): f64 { return inflateFind(<u64>from, <u64>to); }
/** Where the last inflateFindBlock stopped: its result, `to`, or the first candidate past the data. */
export function inflateSearchEnd(): f64 { return inflateSearchStop(); }
/** Address of the 32 KiB window region: the 32768 bytes before a marker chunk's start, for resolving. */
export function inflateWindow(): usize { return inflateWindowRegion(); }
/** Writes `count` bytes at `to` for the 16-bit elements at `from` (in place allowed), markers from the window. */
export function inflateResolve(from: usize, count: f64, to: usize): void { resolveMarkers(from, <usize>count, to); }

/** The CRC-32 of a message `crc` covers followed by `length` bytes at `at` (crc 0 starts one). */
export function crc32(crc: u32, at: usize, length: f64): u32 { return crc32Update(crc, at, <usize>length); }
/** The CRC-32 of A then B from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: u32, crcB: u32, lengthB: f64): u32 { return crc32Join(crcA, crcB, <u64>lengthB); }
