// A stable LSD radix sort of rows by keys of 32-bit words, 8 bits at a time: millions of rows
// in a few linear passes, where a comparison sort with a JS comparator took seconds. Keys move
// with the rows, so every pass reads sequentially; 256 buckets keep the scattered writes in cache.

/**
 * Sorts rows by `words` (a key word per row each, least significant word first), ascending
 * and stable; `order` holds the rows' indices. A byte the same for every row costs nothing but
 * its histogram. The arrays given are used as scratch. Returns the rows' indices, sorted.
 */
export function radixSort(words: Uint32Array[], order: Uint32Array): Uint32Array {
  const n = order.length;
  const bytes = words.length * 4;
  // Every byte's histogram in one pass over the keys.
  const histograms = new Uint32Array(bytes * 256);
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const base = w * 1024;
    for (let i = 0; i < n; i++) {
      const v = word[i];
      histograms[base + (v & 255)]++;
      histograms[base + 256 + ((v >>> 8) & 255)]++;
      histograms[base + 512 + ((v >>> 16) & 255)]++;
      histograms[base + 768 + (v >>> 24)]++;
    }
  }
  let from = { order, words: words.slice() };
  let to: typeof from | undefined;
  const starts = new Uint32Array(256);
  const next = new Uint32Array(256);
  for (let b = 0; b < bytes; b++) {
    const w = b >> 2;
    const shift = (b & 3) * 8;
    const histogram = histograms.subarray(b * 256, b * 256 + 256);
    if (n === 0 || histogram[(from.words[w][0] >>> shift) & 255] === n) continue;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      starts[d] = sum;
      sum += histogram[d];
    }
    to ??= { order: new Uint32Array(n), words: words.map(() => new Uint32Array(n)) };
    const key = from.words[w];
    // The indices, and the words still to sort by (this one and the more significant ones).
    const moved: Array<[Uint32Array, Uint32Array]> = [[from.order, to.order]];
    for (let v = w; v < words.length; v++) moved.push([from.words[v], to.words[v]]);
    for (const [source, target] of moved) {
      next.set(starts);
      for (let i = 0; i < n; i++) target[next[(key[i] >>> shift) & 255]++] = source[i];
    }
    [from, to] = [to, from];
  }
  return from.order;
}

/** The identity order of `n` rows. */
export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
