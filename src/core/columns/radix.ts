// The one sort of rows by key on the host: stable and ascending, by 64-bit keys (high·2^32 + low,
// both unsigned words), without a JS comparator (slow on millions of rows). Its policy, in one
// place (sortByKey64), by what the keys are:
// - within a span of a few times the rows (the check's file order from where the engine says
//   rows are, count = all's millions of them): each row goes straight to its key's place;
// - narrow enough that a key and the row's position fit in a double's 53 bits, and not millions
//   of rows (the check's order by offset): one native sort of those doubles, which needs no
//   warmed-up JIT (the 10,000 winners' order is sorted once, by code that never warms up);
// - else most significant digit first, from the highest bit where the keys differ: scores spread
//   over their range fall into buckets of a few rows after one scatter; crowded buckets are
//   sorted the same way on their next bits, and a few rows by insertion.
// Callers sort by several keys with one pass per key, least significant first (it is stable).

/** The identity order of `n` rows. */
export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** Rows up to this many are sorted by insertion (a bucket of the MSD sort is mostly this small). */
const INSERTION_ROWS = 32;

/**
 * Sorts rows by their 64-bit keys, ascending and stable, in place: `order` holds the rows'
 * indices, `high` and `low` their keys (moved with them). Returns `order`.
 */
export function sortByKey64(order: Uint32Array, high: Uint32Array, low: Uint32Array): Uint32Array {
  const n = order.length;
  if (n > INSERTION_ROWS && (placeDense(order, high, low) || sortPacked(order, high, low))) return order;
  sortRange(order, high, low, new Uint32Array(n), new Uint32Array(n), new Uint32Array(n));
  return order;
}

/**
 * Sorts rows whose keys share their high word and whose low words span at most a few times
 * the rows, by placing each row (a counting sort: linear, and no scratch but the counts; the
 * high words, all equal, hold the order meanwhile). False, and nothing changed, otherwise.
 */
function placeDense(order: Uint32Array, high: Uint32Array, low: Uint32Array): boolean {
  const n = order.length;
  const firstHigh = high[0];
  let min = low[0];
  let max = low[0];
  for (let i = 1; i < n; i++) {
    if (high[i] !== firstHigh) return false;
    const key = low[i];
    if (key < min) min = key;
    else if (key > max) max = key;
  }
  const span = max - min + 1;
  if (span > 4 * n + 1024) return false;
  const starts = new Uint32Array(span + 1);
  for (let i = 0; i < n; i++) starts[low[i] - min + 1]++;
  for (let k = 1; k <= span; k++) starts[k] += starts[k - 1];
  for (let i = 0; i < n; i++) high[starts[low[i] - min]++] = order[i];
  order.set(high);
  high.fill(firstHigh);
  // The keys in order: starts[k] is now where key min + k's rows end.
  for (let k = 0, i = 0; k < span; k++) for (; i < starts[k]; i++) low[i] = min + k;
  return true;
}

/** Rows beyond which the MSD passes win over a native sort of packed keys. */
const PACKED_MAX_ROWS = 1 << 20;

/**
 * Sorts rows whose key and position fit a double's 53 bits together, by one native sort of
 * those doubles (distinct: the sort is stable). False, and nothing changed, otherwise.
 */
function sortPacked(order: Uint32Array, high: Uint32Array, low: Uint32Array): boolean {
  const n = order.length;
  if (n > PACKED_MAX_ROWS) return false;
  const highBits = significantBits(high);
  const keyBits = highBits > 0 ? 32 + highBits : significantBits(low);
  const scale = 2 ** (32 - Math.clz32(n - 1)); // room for a position
  if (keyBits + Math.log2(scale) > 53) return false;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (high[i] * 2 ** 32 + low[i]) * scale + i;
  keys.sort();
  const rows = order.slice();
  const highs = high.slice();
  const lows = low.slice();
  for (let i = 0; i < n; i++) {
    const from = keys[i] % scale;
    order[i] = rows[from];
    high[i] = highs[from];
    low[i] = lows[from];
  }
  return true;
}

/** Bits the largest value of `word` needs (0 when every value is 0). */
function significantBits(word: Uint32Array): number {
  let any = 0;
  for (let i = 0; i < word.length; i++) any |= word[i];
  return 32 - Math.clz32(any);
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
