// FSE (tANS) tables: a table description read from its normalized counts (RFC 8878 4.1.1), and
// the decoding table built from them (sequences.ts makes RLE mode's one-entry tables). An entry is a u32:
// symbol | bits to read << 8 | baseline of the next state << 16.
import { ERROR_BAD_FSE } from "./codes";

/** Normalized counts of the table being read (i16 each, -1: "less than one"). */
export const norm = memory.data(256 * 2);
/** Per symbol, the next state number while the table is built (u16 each). */
const next = memory.data(256 * 2);
/** What the last readCounts found: the accuracy log and the largest symbol. */
export let countsLog: u32 = 0;
export let countsMaxSymbol: u32 = 0;

@inline function peek32(p: usize, bit: usize): u32 {
  return <u32>(load<u64>(p + (bit >> 3)) >> (bit & 7));
}

/**
 * Reads a table description at p (at most `avail` bytes): returns its size in bytes, or an error.
 * The loads may read up to 8 bytes past `avail` (the input region has slack).
 */
export function readCounts(p: usize, avail: usize, maxSymbol: u32, maxLog: u32): i32 {
  if (avail < 1) return ERROR_BAD_FSE;
  let bit: usize = 0;
  const log = (<u32>load<u8>(p) & 15) + 5;
  if (log > maxLog) return ERROR_BAD_FSE;
  bit = 4;
  let remaining: i32 = (1 << log) + 1;
  let threshold: i32 = 1 << log;
  let nbBits: u32 = log + 1;
  let symbol: u32 = 0;
  while (remaining > 1 && symbol <= maxSymbol) {
    const max = (2 * threshold - 1) - remaining;
    let value: i32;
    const bits = peek32(p, bit);
    if (<i32>(bits & <u32>(threshold - 1)) < max) {
      value = <i32>(bits & <u32>(threshold - 1));
      bit += nbBits - 1;
    } else {
      value = <i32>(bits & <u32>(2 * threshold - 1));
      if (value >= threshold) value -= max;
      bit += nbBits;
    }
    const count = value - 1;
    remaining -= count < 0 ? -count : count;
    store<i16>(norm + (symbol << 1), <i16>count);
    symbol++;
    if (count == 0) {
      // Zeros follow in 2-bit repeat fields; 3 means three more and another field.
      let repeat: u32;
      do {
        repeat = peek32(p, bit) & 3;
        bit += 2;
        for (let i: u32 = 0; i < repeat; i++) {
          if (symbol > maxSymbol) return ERROR_BAD_FSE;
          store<i16>(norm + (symbol << 1), 0);
          symbol++;
        }
        if ((bit >> 3) > avail) return ERROR_BAD_FSE;
      } while (repeat == 3);
    }
    while (remaining < threshold) {
      nbBits--;
      threshold >>= 1;
    }
    if ((bit >> 3) > avail) return ERROR_BAD_FSE;
  }
  if (remaining != 1) return ERROR_BAD_FSE;
  const size = (bit + 7) >> 3;
  if (size > avail) return ERROR_BAD_FSE;
  countsLog = log;
  countsMaxSymbol = symbol - 1;
  return <i32>size;
}

/** Builds the decoding table of the counts in `norm` (symbols 0..maxSymbol) at `table`; false if they do not fill it. */
export function buildTable(table: usize, maxSymbol: u32, log: u32): bool {
  const size: u32 = 1 << log;
  let high = size - 1;
  for (let s: u32 = 0; s <= maxSymbol; s++) {
    const count = <i32>load<i16>(norm + (s << 1));
    if (count == -1) {
      store<u32>(table + (high << 2), s);
      high--;
      store<u16>(next + (s << 1), 1);
    } else {
      store<u16>(next + (s << 1), <u16>max(count, 0));
    }
  }
  const step = (size >> 1) + (size >> 3) + 3;
  const mask = size - 1;
  let position: u32 = 0;
  for (let s: u32 = 0; s <= maxSymbol; s++) {
    const count = <i32>load<i16>(norm + (s << 1));
    for (let i = 0; i < count; i++) {
      store<u32>(table + (position << 2), s);
      do { position = (position + step) & mask; } while (position > high);
    }
  }
  if (position != 0) return false;
  for (let u: u32 = 0; u < size; u++) {
    const s = load<u32>(table + (u << 2)) & 0xff;
    const state = <u32>load<u16>(next + (s << 1));
    store<u16>(next + (s << 1), <u16>(state + 1));
    const bits = log - (31 - clz<u32>(state));
    const baseline = (state << bits) - size;
    store<u32>(table + (u << 2), s | (bits << 8) | (baseline << 16));
  }
  return true;
}

/** Builds a table from fixed counts (the predefined distributions): `counts` i16 each. */
export function predefinedTable(table: usize, counts: usize, maxSymbol: u32, log: u32): void {
  memory.copy(norm, counts, (maxSymbol + 1) << 1);
  buildTable(table, maxSymbol, log);
}
