// A compressed block's sequences section (RFC 8878 3.1.1.3.2 and 3.1.1.4): the count, the three
// codes' tables (predefined, one symbol, described, or the last block's), then each sequence
// decoded from the backward bit stream and executed at once: its literals, then its match.
import { backPos, beginBack, readBack } from "./bits";
import { ERROR_BAD_FSE, ERROR_BAD_SEQUENCES, GO } from "./codes";
import { buildTable, countsLog, countsMaxSymbol, readCounts } from "./fse";
import { litPtr, litSize } from "./literals";
import { copyMatch, copyWide } from "./copy";
import { frameFloor, out, setOut, windowSize } from "./state";
import {
  LL_BASE, LL_BITS, LL_MAX, LL_PRE_LOG, ML_BASE, ML_BITS, ML_MAX, ML_PRE_LOG, OF_MAX, OF_PRE_LOG,
  llPredefined, mlPredefined, ofPredefined,
} from "./tables";

const llCustom = memory.data(512 * 4);
const mlCustom = memory.data(512 * 4);
const ofCustom = memory.data(256 * 4);
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
function pick(mode: u32, p: usize, avail: usize, custom: usize, predefined: usize, preLog: u32, maxSymbol: u32, maxLog: u32, current: usize, currentLog: u32): i32 {
  if (mode == 0) {
    chosen = predefined; chosenLog = preLog;
    return 0;
  }
  if (mode == 1) {
    if (avail < 1) return ERROR_BAD_FSE;
    const symbol = <u32>load<u8>(p);
    if (symbol > maxSymbol) return ERROR_BAD_FSE;
    store<u32>(custom, symbol);
    chosen = custom; chosenLog = 0;
    return 1;
  }
  if (mode == 2) {
    const r = readCounts(p, avail, maxSymbol, maxLog);
    if (r < 0) return r;
    if (!buildTable(custom, countsMaxSymbol, countsLog)) return ERROR_BAD_FSE;
    chosen = custom; chosenLog = countsLog;
    return r;
  }
  if (current == 0) return ERROR_BAD_FSE;
  chosen = current; chosenLog = currentLog;
  return 0;
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
    let r = pick(modes >> 6, q, end - q, llCustom, llPredefined, LL_PRE_LOG, LL_MAX, 9, llTable, llLog);
    if (r < 0) return r;
    q += <usize>r; llTable = chosen; llLog = chosenLog;
    r = pick((modes >> 4) & 3, q, end - q, ofCustom, ofPredefined, OF_PRE_LOG, OF_MAX, 8, ofTable, ofLog);
    if (r < 0) return r;
    q += <usize>r; ofTable = chosen; ofLog = chosenLog;
    r = pick((modes >> 2) & 3, q, end - q, mlCustom, mlPredefined, ML_PRE_LOG, ML_MAX, 9, mlTable, mlLog);
    if (r < 0) return r;
    q += <usize>r; mlTable = chosen; mlLog = chosenLog;
    if (!beginBack(q, end - q)) return ERROR_BAD_SEQUENCES;
    let llState = <u32>readBack(llLog);
    let ofState = <u32>readBack(ofLog);
    let mlState = <u32>readBack(mlLog);
    const floor = frameFloor;
    const window = windowSize;
    for (let i: u32 = 0; i < count; i++) {
      const ofEntry = load<u32>(ofTable + (ofState << 2));
      const mlEntry = load<u32>(mlTable + (mlState << 2));
      const llEntry = load<u32>(llTable + (llState << 2));
      const ofCode = ofEntry & 0xff;
      let offset: u64 = (<u64>1 << ofCode) + readBack(ofCode);
      const mlCode = mlEntry & 0xff;
      const ml = <usize>load<u32>(ML_BASE + (mlCode << 2)) + <usize>readBack(<u32>load<u8>(ML_BITS + mlCode));
      const llCode = llEntry & 0xff;
      const ll = <usize>load<u32>(LL_BASE + (llCode << 2)) + <usize>readBack(<u32>load<u8>(LL_BITS + llCode));
      if (offset > 3) {
        offset -= 3;
        rep3 = rep2; rep2 = rep1; rep1 = offset;
      } else {
        const index = offset - (ll == 0 ? 0 : 1);
        if (index == 0) {
          offset = rep1;
        } else if (index == 1) {
          offset = rep2;
          rep2 = rep1; rep1 = offset;
        } else {
          offset = index == 2 ? rep3 : rep1 - 1;
          if (offset == 0) return ERROR_BAD_SEQUENCES;
          rep3 = rep2; rep2 = rep1; rep1 = offset;
        }
      }
      if (i + 1 < count) {
        llState = (llEntry >> 16) + <u32>readBack((llEntry >> 8) & 0xff);
        mlState = (mlEntry >> 16) + <u32>readBack((mlEntry >> 8) & 0xff);
        ofState = (ofEntry >> 16) + <u32>readBack((ofEntry >> 8) & 0xff);
      }
      if (ll > litEnd - lit || ll + ml > oLimit - o) return ERROR_BAD_SEQUENCES;
      copyWide(o, lit, ll);
      o += ll;
      lit += ll;
      if (offset > <u64>(o - floor) || offset > window) return ERROR_BAD_SEQUENCES;
      copyMatch(o, <usize>offset, ml);
      o += ml;
    }
    if (backPos != 0) return ERROR_BAD_SEQUENCES;
  }
  const rest = litEnd - lit;
  if (rest > oLimit - o) return ERROR_BAD_SEQUENCES;
  memory.copy(o, lit, rest);
  setOut(o + rest);
  return GO;
}
