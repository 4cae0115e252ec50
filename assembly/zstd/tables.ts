// The sequences' fixed tables (RFC 8878 3.1.1.3.2): each literals-length and match-length code's
// baseline and extra bits, and the predefined distributions of the three codes, built into
// decoding tables once.
import { predefinedTable } from "./fse";

export const LL_BASE = memory.data<u32>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64,
  128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
]);
export const LL_BITS = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11,
  12, 13, 14, 15, 16,
]);
export const ML_BASE = memory.data<u32>([
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
  29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
  4099, 8195, 16387, 32771, 65539,
]);
export const ML_BITS = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
]);

const LL_COUNTS = memory.data<i16>([
  4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
  -1, -1, -1, -1,
]);
const ML_COUNTS = memory.data<i16>([
  1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1,
]);
const OF_COUNTS = memory.data<i16>([
  1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
]);

export const LL_MAX: u32 = 35;
export const ML_MAX: u32 = 52;
export const OF_MAX: u32 = 31;
export const LL_PRE_LOG: u32 = 6;
export const ML_PRE_LOG: u32 = 6;
export const OF_PRE_LOG: u32 = 5;

/** Which code a sequence table decodes (how expand() finds a symbol's baseline and extra bits). */
export const KIND_LL: u32 = 0;
export const KIND_ML: u32 = 1;
export const KIND_OF: u32 = 2;

/**
 * Turns an FSE table (u32 entries: symbol | bits << 8 | next state's baseline << 16) into a
 * sequence table of u64 entries: the code's baseline (32 bits) | its extra bits << 32 | the state's
 * bits to read << 40 | the next state's baseline << 48. One load then gives all a field needs.
 */
export function expand(fse: usize, log: u32, to: usize, kind: u32): void {
  const size: u32 = 1 << log;
  for (let u: u32 = 0; u < size; u++) {
    const e = load<u32>(fse + (u << 2));
    const symbol = e & 0xff;
    let baseline: u64;
    let extra: u64;
    if (kind == KIND_LL) {
      baseline = <u64>load<u32>(LL_BASE + (symbol << 2));
      extra = <u64>load<u8>(LL_BITS + symbol);
    } else if (kind == KIND_ML) {
      baseline = <u64>load<u32>(ML_BASE + (symbol << 2));
      extra = <u64>load<u8>(ML_BITS + symbol);
    } else {
      baseline = <u64>1 << <u64>symbol;
      extra = <u64>symbol;
    }
    store<u64>(to + (<usize>u << 3), baseline | (extra << 32) | (<u64>((e >> 8) & 0xff) << 40) | (<u64>(e >> 16) << 48));
  }
}

const scratch = memory.data(64 * 4);
export const llPredefined = memory.data(64 * 8);
export const mlPredefined = memory.data(64 * 8);
export const ofPredefined = memory.data(32 * 8);
let built = false;

export function buildPredefined(): void {
  if (built) return;
  predefinedTable(scratch, LL_COUNTS, 35, LL_PRE_LOG);
  expand(scratch, LL_PRE_LOG, llPredefined, KIND_LL);
  predefinedTable(scratch, ML_COUNTS, 52, ML_PRE_LOG);
  expand(scratch, ML_PRE_LOG, mlPredefined, KIND_ML);
  predefinedTable(scratch, OF_COUNTS, 28, OF_PRE_LOG);
  expand(scratch, OF_PRE_LOG, ofPredefined, KIND_OF);
  built = true;
}
