// Seeded random numbers for generated test inputs, so a failing case is reproduced from its seed.
// (The benchmark has its own generator in bench/lib: tests import nothing from bench/.)

/** uint32 values from `seed`: a Weyl sequence through murmur3's finalizer. */
export function seededUint32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Floats in [0, 1) from `seed`. */
export function seededUnit(seed: number): () => number {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}

/** Seeded draws for a test's parameters: floats in [0, 1), integers in [lo, hi], picks. */
export function seededDraws(seed: number) {
  const random = seededUnit(seed);
  return {
    random,
    int: (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)],
  };
}
