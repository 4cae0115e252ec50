// Sorting rows by keys of 32-bit words, stable and ascending, without a JS comparator (slow on
// millions of rows). radixSort takes whichever of two ways suits the keys (sortByKey64, below,
// ranks 64-bit scores most significant digit first):
// - packed: when a key and the row's position fit in a double's 53 bits together, one
//   Float64Array is sorted natively: the check's file order (its one caller) mostly is, and a
//   native sort needs no warmed-up JIT, which small sorts never get.
// - LSD radix, 8 bits a pass: linear for millions of rows. Keys move with the rows, so every
//   pass reads sequentially; 256 buckets keep the scattered writes in cache. Each loop is its
//   own small function, so V8 optimizes it early and once (one large function deoptimizes
//   between calls).

/** Rows beyond which the radix passes win over a native sort of packed keys. */
const PACKED_MAX_ROWS = 1 << 20;
/** Bits of a double's mantissa: integers below 2^53 are exact. */
const EXACT_BITS = 53;

/**
 * Sorts rows by `words` (a key word per row each, least significant word first), ascending
 * and stable; `order` holds the rows' indices. The arrays given may be used as scratch.
 * Returns the rows' indices, sorted.
 */
export function radixSort(words: Uint32Array[], order: Uint32Array): Uint32Array {
  const n = order.length;
  if (n <= 1) return order;
  const bits = words.map(significantBits);
  const positionBits = 32 - Math.clz32(n - 1);
  if (n <= PACKED_MAX_ROWS && bits.reduce((sum, b) => sum + b, positionBits) <= EXACT_BITS) {
    return packedSort(words, bits, positionBits, order);
  }
  return radixPasses(words, bits, order);
}

/** Bits the largest value of `word` needs (0 when every value is 0). */
function significantBits(word: Uint32Array): number {
  let any = 0;
  for (let i = 0; i < word.length; i++) any |= word[i];
  return 32 - Math.clz32(any);
}

/** Each row's key, its words side by side, then its position: distinct doubles, so a native sort is stable. */
function packedSort(words: Uint32Array[], bits: number[], positionBits: number, order: Uint32Array): Uint32Array {
  const n = order.length;
  const keys = new Float64Array(n);
  for (let w = words.length - 1; w >= 0; w--) appendWord(keys, words[w], 2 ** bits[w]);
  appendPositions(keys, 2 ** positionBits);
  keys.sort();
  return takePositions(keys, 2 ** positionBits, order);
}

function appendWord(keys: Float64Array, word: Uint32Array, scale: number): void {
  for (let i = 0; i < keys.length; i++) keys[i] = keys[i] * scale + word[i];
}

function appendPositions(keys: Float64Array, scale: number): void {
  for (let i = 0; i < keys.length; i++) keys[i] = keys[i] * scale + i;
}

function takePositions(keys: Float64Array, scale: number, order: Uint32Array): Uint32Array {
  const sorted = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) sorted[i] = order[keys[i] % scale];
  return sorted;
}

/** The radix passes: a pass per byte that is not 0 in every key (a byte that is costs nothing). */
function radixPasses(words: Uint32Array[], bits: number[], order: Uint32Array): Uint32Array {
  const n = order.length;
  const histograms = new Uint32Array(words.length * 1024);
  for (let w = 0; w < words.length; w++) countBytes(words[w], histograms.subarray(w * 1024, w * 1024 + 1024));
  let from = { order, words: words.slice() };
  let to: typeof from | undefined;
  const starts = new Uint32Array(256);
  const next = new Uint32Array(256);
  for (let b = 0; b < words.length * 4; b++) {
    const w = b >> 2;
    const shift = (b & 3) * 8;
    if (shift >= bits[w]) continue;
    const histogram = histograms.subarray(b * 256, b * 256 + 256);
    if (histogram[(from.words[w][0] >>> shift) & 255] === n) continue; // the same byte in every row
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      starts[d] = sum;
      sum += histogram[d];
    }
    to ??= { order: new Uint32Array(n), words: words.map(() => new Uint32Array(n)) };
    const key = from.words[w];
    // The indices, and the words still to sort by (this one and the more significant ones).
    next.set(starts);
    scatter(key, shift, from.order, to.order, next);
    for (let v = w; v < words.length; v++) {
      next.set(starts);
      scatter(key, shift, from.words[v], to.words[v], next);
    }
    [from, to] = [to, from];
  }
  return from.order;
}

/** Every byte's histogram of one word, in one pass. */
function countBytes(word: Uint32Array, histograms: Uint32Array): void {
  for (let i = 0; i < word.length; i++) {
    const v = word[i];
    histograms[v & 255]++;
    histograms[256 + ((v >>> 8) & 255)]++;
    histograms[512 + ((v >>> 16) & 255)]++;
    histograms[768 + (v >>> 24)]++;
  }
}

/** Moves source[i] to its bucket's next place in target, the bucket being key[i]'s byte at `shift`. */
function scatter(key: Uint32Array, shift: number, source: Uint32Array, target: Uint32Array, next: Uint32Array): void {
  for (let i = 0; i < key.length; i++) target[next[(key[i] >>> shift) & 255]++] = source[i];
}

/** The identity order of `n` rows. */
export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** Rows up to this many are sorted by insertion (a bucket of the MSD sort is mostly this small). */
const INSERTION_ROWS = 32;

/**
 * Sorts rows by 64-bit keys (high·2^32 + low, both unsigned), ascending and stable, in place:
 * `order` holds the rows' indices, `high` and `low` their keys (moved with them). Most
 * significant digit first, from the highest bit where the keys differ: scores spread over
 * their range (the usual case) fall into buckets of a few rows after one scatter, where an
 * LSD sort makes a pass per byte. Crowded buckets are sorted the same way on their next bits.
 */
export function sortByKey64(order: Uint32Array, high: Uint32Array, low: Uint32Array): Uint32Array {
  const n = order.length;
  sortRange(order, high, low, new Uint32Array(n), new Uint32Array(n), new Uint32Array(n));
  return order;
}

function sortRange(
  order: Uint32Array, high: Uint32Array, low: Uint32Array, toOrder: Uint32Array, toHigh: Uint32Array, toLow: Uint32Array,
): void {
  const n = order.length;
  if (n <= INSERTION_ROWS) {
    insertionSort(order, high, low, 0, n);
    return;
  }
  const firstHigh = high[0];
  const firstLow = low[0];
  let diffHigh = 0;
  let diffLow = 0;
  for (let i = 1; i < n; i++) {
    diffHigh |= high[i] ^ firstHigh;
    diffLow |= low[i] ^ firstLow;
  }
  if (diffHigh === 0 && diffLow === 0) return; // all equal: already in (stable) order
  const top = diffHigh !== 0 ? 63 - Math.clz32(diffHigh) : 31 - Math.clz32(diffLow);
  // About one row per bucket, 2^8 to 2^16 buckets: the counts stay in cache.
  const bits = Math.min(16, Math.max(8, 32 - Math.clz32(n)));
  const shift = Math.max(0, top - bits + 1);
  const mask = (1 << Math.min(bits, top + 1)) - 1;
  const digit = (i: number): number => (shift >= 32
    ? (high[i] >>> (shift - 32)) & mask
    : shift === 0 ? low[i] & mask : ((high[i] << (32 - shift)) | (low[i] >>> shift)) & mask);
  const starts = new Uint32Array(mask + 2);
  for (let i = 0; i < n; i++) starts[digit(i) + 1]++;
  for (let d = 1; d <= mask + 1; d++) starts[d] += starts[d - 1];
  const next = starts.slice(0, mask + 1);
  for (let i = 0; i < n; i++) {
    const to = next[digit(i)]++;
    toOrder[to] = order[i];
    toHigh[to] = high[i];
    toLow[to] = low[i];
  }
  order.set(toOrder.subarray(0, n));
  high.set(toHigh.subarray(0, n));
  low.set(toLow.subarray(0, n));
  for (let d = 0; d <= mask; d++) {
    const from = starts[d];
    const to = starts[d + 1];
    if (to - from < 2) continue;
    if (to - from <= INSERTION_ROWS) insertionSort(order, high, low, from, to);
    else {
      sortRange(order.subarray(from, to), high.subarray(from, to), low.subarray(from, to),
        toOrder.subarray(from, to), toHigh.subarray(from, to), toLow.subarray(from, to));
    }
  }
}

/** Stable insertion sort of rows [from, to) by their 64-bit keys (a few rows: no view made for them). */
function insertionSort(order: Uint32Array, high: Uint32Array, low: Uint32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const row = order[i];
    const h = high[i];
    const l = low[i];
    let j = i - 1;
    while (j >= from && (high[j] > h || (high[j] === h && low[j] > l))) {
      order[j + 1] = order[j];
      high[j + 1] = high[j];
      low[j + 1] = low[j];
      j--;
    }
    order[j + 1] = row;
    high[j + 1] = h;
    low[j + 1] = l;
  }
}

/**
 * Rows 0..take-1 by their distinct positions `positions[r]`, ascending, in linear time: each row
 * goes to its position's slot and the filled slots are read in order (a sort of count = all's
 * millions of rows cost a second). Undefined when the positions spread too far past `take`.
 */
export function orderByPositions(positions: Uint32Array, take: number): Uint32Array | undefined {
  let span = 0;
  for (let r = 0; r < take; r++) if (positions[r] >= span) span = positions[r] + 1;
  const order = new Uint32Array(take);
  if (span === take) { // the usual case, every row taken: the positions are a permutation
    for (let r = 0; r < take; r++) order[positions[r]] = r;
    return order;
  }
  if (span > 4 * take + 1024) return undefined;
  const slots = new Int32Array(span).fill(-1);
  for (let r = 0; r < take; r++) slots[positions[r]] = r;
  for (let at = 0, k = 0; at < span; at++) if (slots[at] >= 0) order[k++] = slots[at];
  return order;
}
