// A compressed block's sequences section (RFC 8878 3.1.1.3.2 and 3.1.1.4): the count, the three
// codes' tables (predefined, one symbol, described, or the last block's), then each sequence
// decoded from the backward bit stream and executed at once: its literals, then its match.
import { backPos, backStart, beginBack, bitsBelow } from "./bits";
import { ERROR_BAD_FSE, ERROR_BAD_SEQUENCES, GO } from "./codes";
import { copyMatch, copyWide } from "./copy";
import { buildTable, countsLog, countsMaxSymbol, readCounts } from "./fse";
import { litPtr, litSize } from "./literals";
import { frameFloor, out, setOut, windowSize } from "./state";
import {
  KIND_LL, KIND_ML, KIND_OF, LL_MAX, LL_PRE_LOG, ML_MAX, ML_PRE_LOG, OF_MAX, OF_PRE_LOG, expand, llPredefined, mlPredefined,
  ofPredefined,
} from "./tables";

const fseScratch = memory.data(512 * 4);
const llCustom = memory.data(512 * 8);
const mlCustom = memory.data(512 * 8);
const ofCustom = memory.data(256 * 8);
let llTable: usize = 0;
let mlTable: usize = 0;
let ofTable: usize = 0;
let llLog: u32 = 0;
let mlLog: u32 = 0;
let ofLog: u32 = 0;
let rep1: u64 = 1;
let rep2: u64 = 4;
let rep3: u64 = 8;

/** A new frame: no tables to repeat, the repeat offsets start at 1, 4, 8. */
export function forgetSequences(): void {
  llTable = 0; mlTable = 0; ofTable = 0;
  rep1 = 1; rep2 = 4; rep3 = 8;
}

let chosen: usize = 0;
let chosenLog: u32 = 0;

/** The table a mode picks (chosen, chosenLog); returns the bytes its description took, or an error. */
function pick(mode: u32, p: usize, avail: usize, kind: u32, custom: usize, predefined: usize, preLog: u32, maxSymbol: u32, maxLog: u32, current: usize, currentLog: u32): i32 {
  if (mode == 0) {
    chosen = predefined; chosenLog = preLog;
    return 0;
  }
  if (mode == 3) {
    if (current == 0) return ERROR_BAD_FSE;
    chosen = current; chosenLog = currentLog;
    return 0;
  }
  let r: i32 = 1;
  if (mode == 1) {
    if (avail < 1) return ERROR_BAD_FSE;
    const symbol = <u32>load<u8>(p);
    if (symbol > maxSymbol) return ERROR_BAD_FSE;
    store<u32>(fseScratch, symbol);
    chosenLog = 0;
  } else {
    r = readCounts(p, avail, maxSymbol, maxLog);
    if (r < 0) return r;
    if (!buildTable(fseScratch, countsMaxSymbol, countsLog)) return ERROR_BAD_FSE;
    chosenLog = countsLog;
  }
  expand(fseScratch, chosenLog, custom, kind);
  chosen = custom;
  return r;
}

/** (1 << n) - 1 for n = 0..31. */
const MASKS = memory.data<u64>([
  0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023, 2047, 4095, 8191, 16383, 32767, 65535, 0x1ffff, 0x3ffff, 0x7ffff, 0xfffff,
  0x1fffff, 0x3fffff, 0x7fffff, 0xffffff, 0x1ffffff, 0x3ffffff, 0x7ffffff, 0xfffffff, 0x1fffffff, 0x3fffffff, 0x7fffffff,
]);
/** Bits left from which a whole sequence (at most 31 + 16 + 16 + 9 + 9 + 8 bits, two container loads) needs no checks. */
const FAST_BITS: i64 = 128;

/** `n` bits below `pos` from the container (bits from `base` up), or from the stream near its start. */
@inline function take(container: u64, base: i64, start: usize, pos: i64, n: u64): u64 {
  const at = pos - <i64>n - base;
  if (at >= 0) return (container >> <u64>at) & ((<u64>1 << n) - 1);
  return bitsBelow(start, pos, <u32>n);
}

/** Decodes and executes the sequences section at p (`avail` bytes, to the block's end); at most `limit` bytes out. */
export function readSequences(p: usize, avail: usize, limit: usize): i32 {
  const end = p + avail;
  if (avail < 1) return ERROR_BAD_SEQUENCES;
  let count = <u32>load<u8>(p);
  let q = p + 1;
  if (count >= 128) {
    if (count == 255) {
      if (end - q < 2) return ERROR_BAD_SEQUENCES;
      count = <u32>load<u16>(q) + 0x7f00;
      q += 2;
    } else {
      if (end - q < 1) return ERROR_BAD_SEQUENCES;
      count = ((count - 128) << 8) + <u32>load<u8>(q);
      q += 1;
    }
  }
  let o = out;
  const oLimit = o + limit;
  let lit = litPtr;
  const litEnd = litPtr + litSize;
  if (count == 0) {
    if (q != end) return ERROR_BAD_SEQUENCES;
  } else {
    if (end - q < 1) return ERROR_BAD_SEQUENCES;
    const modes = <u32>load<u8>(q++);
    if ((modes & 3) != 0) return ERROR_BAD_SEQUENCES;
    let r = pick(modes >> 6, q, end - q, KIND_LL, llCustom, llPredefined, LL_PRE_LOG, LL_MAX, 9, llTable, llLog);
    if (r < 0) return r;
    q += <usize>r; llTable = chosen; llLog = chosenLog;
    r = pick((modes >> 4) & 3, q, end - q, KIND_OF, ofCustom, ofPredefined, OF_PRE_LOG, OF_MAX, 8, ofTable, ofLog);
    if (r < 0) return r;
    q += <usize>r; ofTable = chosen; ofLog = chosenLog;
    r = pick((modes >> 2) & 3, q, end - q, KIND_ML, mlCustom, mlPredefined, ML_PRE_LOG, ML_MAX, 9, mlTable, mlLog);
    if (r < 0) return r;
    q += <usize>r; mlTable = chosen; mlLog = chosenLog;
    if (!beginBack(q, end - q)) return ERROR_BAD_SEQUENCES;
    const start = backStart;
    let pos = backPos;
    let llState = <u32>bitsBelow(start, pos, llLog);
    pos -= <i64>llLog;
    let ofState = <u32>bitsBelow(start, pos, ofLog);
    pos -= <i64>ofLog;
    let mlState = <u32>bitsBelow(start, pos, mlLog);
    pos -= <i64>mlLog;
    const lt = llTable, mt = mlTable, ot = ofTable;
    const floor = frameFloor;
    const window = windowSize;
    let r1 = rep1, r2 = rep2, r3 = rep3;
    for (let i: u32 = 0; i < count; i++) {
      const ofEntry = load<u64>(ot + (<usize>ofState << 3));
      const mlEntry = load<u64>(mt + (<usize>mlState << 3));
      const llEntry = load<u64>(lt + (<usize>llState << 3));
      let offset: u64, ml: usize, ll: usize;
      const more = i + 1 < count;
      if (pos >= FAST_BITS && more) {
        // Far from the stream's start: each container load is in the stream and holds what is
        // read from it (47 bits, then 42), so the reads need no checks; the masks come from a table.
        let at = ((pos + 7) >> 3) - 8;
        let c = load<u64>(start + <usize>at);
        let avail = pos - (at << 3);
        let n = (ofEntry >> 32) & 0xff;
        avail -= <i64>n;
        offset = <u64><u32>ofEntry + ((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3)));
        n = (mlEntry >> 32) & 0xff;
        avail -= <i64>n;
        ml = <usize>(<u64><u32>mlEntry + ((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3))));
        pos = (at << 3) + avail;
        at = ((pos + 7) >> 3) - 8;
        c = load<u64>(start + <usize>at);
        avail = pos - (at << 3);
        n = (llEntry >> 32) & 0xff;
        avail -= <i64>n;
        ll = <usize>(<u64><u32>llEntry + ((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3))));
        n = (llEntry >> 40) & 0xff;
        avail -= <i64>n;
        llState = <u32>(llEntry >> 48) + <u32>((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3)));
        n = (mlEntry >> 40) & 0xff;
        avail -= <i64>n;
        mlState = <u32>(mlEntry >> 48) + <u32>((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3)));
        n = (ofEntry >> 40) & 0xff;
        avail -= <i64>n;
        ofState = <u32>(ofEntry >> 48) + <u32>((c >> <u64>avail) & load<u64>(MASKS + (<usize>n << 3)));
        pos = (at << 3) + avail;
      } else {
        // A container of the 57 to 64 bits below pos (from the stream's start near its end): the
        // offset's and match length's extra bits fit (31 + 16), then after a reload the literals
        // length's and the three states' (16 + 26).
        let base: i64 = 0;
        let container: u64;
        if (pos >= 64) { base = (((pos + 7) >> 3) - 8) << 3; }
        container = load<u64>(start + <usize>(base >> 3));
        let n = (ofEntry >> 32) & 0xff;
        offset = (ofEntry & 0xffffffff) + take(container, base, start, pos, n);
        pos -= <i64>n;
        n = (mlEntry >> 32) & 0xff;
        ml = <usize>((mlEntry & 0xffffffff) + take(container, base, start, pos, n));
        pos -= <i64>n;
        base = 0;
        if (pos >= 64) { base = (((pos + 7) >> 3) - 8) << 3; }
        container = load<u64>(start + <usize>(base >> 3));
        n = (llEntry >> 32) & 0xff;
        ll = <usize>((llEntry & 0xffffffff) + take(container, base, start, pos, n));
        pos -= <i64>n;
        if (more) {
          n = (llEntry >> 40) & 0xff;
          llState = <u32>(llEntry >> 48) + <u32>take(container, base, start, pos, n);
          pos -= <i64>n;
          n = (mlEntry >> 40) & 0xff;
          mlState = <u32>(mlEntry >> 48) + <u32>take(container, base, start, pos, n);
          pos -= <i64>n;
          n = (ofEntry >> 40) & 0xff;
          ofState = <u32>(ofEntry >> 48) + <u32>take(container, base, start, pos, n);
          pos -= <i64>n;
        }
      }
      if (offset > 3) {
        offset -= 3;
        r3 = r2; r2 = r1; r1 = offset;
      } else {
        const index = offset - (ll == 0 ? 0 : 1);
        if (index == 0) {
          offset = r1;
        } else if (index == 1) {
          offset = r2;
          r2 = r1; r1 = offset;
        } else {
          offset = index == 2 ? r3 : r1 - 1;
          if (offset == 0) return ERROR_BAD_SEQUENCES;
          r3 = r2; r2 = r1; r1 = offset;
        }
      }
      if (ll > litEnd - lit || ll + ml > oLimit - o) return ERROR_BAD_SEQUENCES;
      copyWide(o, lit, ll);
      o += ll;
      lit += ll;
      if (offset > <u64>(o - floor) || offset > window) return ERROR_BAD_SEQUENCES;
      copyMatch(o, <usize>offset, ml);
      o += ml;
    }
    rep1 = r1; rep2 = r2; rep3 = r3;
    if (pos != 0) return ERROR_BAD_SEQUENCES;
  }
  const rest = litEnd - lit;
  if (rest > oLimit - o) return ERROR_BAD_SEQUENCES;
  memory.copy(o, lit, rest);
  setOut(o + rest);
  return GO;
}
