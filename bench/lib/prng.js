'use strict';
// mulberry32: a tiny seeded PRNG, so generated files and random test cases can be
// reproduced from their seed. Shared by the benchmark's generators and the tests.

/** A generator of uint32 values for `seed`. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A generator of floats in [0, 1) for `seed` (the same sequence, divided by 2^32). */
function unitRandom(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

module.exports = { mulberry32, unitRandom };
