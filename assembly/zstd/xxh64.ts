// XXH64 (seed 0) of a frame's content, fed as blocks are decoded: a zstd frame's checksum is its
// low 32 bits. Four lanes over 32-byte stripes; a partial stripe waits in `stash`.
const P1: u64 = 0x9E3779B185EBCA87;
const P2: u64 = 0xC2B2AE3D27D4EB4F;
const P3: u64 = 0x165667B19E3779F9;
const P4: u64 = 0x85EBCA77C2B2AE63;
const P5: u64 = 0x27D4EB2F165667C5;

let v1: u64 = 0;
let v2: u64 = 0;
let v3: u64 = 0;
let v4: u64 = 0;
let total: u64 = 0;
const stash = memory.data(32);
let stashed: usize = 0;

@inline function round(acc: u64, lane: u64): u64 {
  return rotl<u64>(acc + lane * P2, 31) * P1;
}

@inline function merge(acc: u64, v: u64): u64 {
  return (acc ^ round(0, v)) * P1 + P4;
}

export function xxhReset(): void {
  v1 = P1 + P2;
  v2 = P2;
  v3 = 0;
  v4 = 0 - P1;
  total = 0;
  stashed = 0;
}

function stripes(p: usize, end: usize): usize {
  let a = v1, b = v2, c = v3, d = v4;
  while (end - p >= 32) {
    a = round(a, load<u64>(p));
    b = round(b, load<u64>(p + 8));
    c = round(c, load<u64>(p + 16));
    d = round(d, load<u64>(p + 24));
    p += 32;
  }
  v1 = a; v2 = b; v3 = c; v4 = d;
  return p;
}

/** Adds [p, p + n) to the hash. */
export function xxhUpdate(p: usize, n: usize): void {
  total += <u64>n;
  const end = p + n;
  if (stashed > 0) {
    const take = min(<usize>32 - stashed, n);
    memory.copy(stash + stashed, p, take);
    stashed += take;
    p += take;
    if (stashed < 32) return;
    stripes(stash, stash + 32);
    stashed = 0;
  }
  p = stripes(p, end);
  if (p < end) {
    memory.copy(stash, p, end - p);
    stashed = end - p;
  }
}

/** The hash of everything added since the reset. */
export function xxhDigest(): u64 {
  let h: u64;
  if (total >= 32) {
    h = rotl<u64>(v1, 1) + rotl<u64>(v2, 7) + rotl<u64>(v3, 12) + rotl<u64>(v4, 18);
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    h = merge(h, v4);
  } else {
    h = v3 + P5;
  }
  h += total;
  let p = stash;
  const end = stash + stashed;
  while (end - p >= 8) {
    h ^= round(0, load<u64>(p));
    h = rotl<u64>(h, 27) * P1 + P4;
    p += 8;
  }
  if (end - p >= 4) {
    h ^= <u64>load<u32>(p) * P1;
    h = rotl<u64>(h, 23) * P2 + P3;
    p += 4;
  }
  while (p < end) {
    h ^= <u64>load<u8>(p) * P5;
    h = rotl<u64>(h, 11) * P1;
    p++;
  }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}
