// CRC-32 (the gzip and zlib one: reflected polynomial 0xEDB88320) by slicing: sixteen tables
// of 256 words turn sixteen input bytes into sixteen independent lookups per step. It serves
// short messages and the ends of long ones (crc32.ts).
const POLY: u32 = 0xedb88320;
const tables: usize = memory.data(16 * 256 * 4, 64);
let ready = false;

function buildTables(): void {
  for (let n: u32 = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
    store<u32>(tables + (<usize>n << 2), c);
  }
  // Table k advances a byte's CRC by k more zero bytes.
  for (let n: usize = 0; n < 256; n++) {
    let c = load<u32>(tables + (n << 2));
    for (let k: usize = 1; k < 16; k++) {
      c = load<u32>(tables + (<usize>(c & 0xff) << 2)) ^ (c >>> 8);
      store<u32>(tables + (k << 10) + (n << 2), c);
    }
  }
  ready = true;
}

@inline function entry(table: usize, index: u32): u32 {
  return load<u32>(tables + (table << 10) + (<usize>(index & 0xff) << 2));
}

/** The CRC-32 of `crc`'s message followed by the `length` bytes at `at` (0 starts a message). */
export function crc32Slices(crc: u32, at: usize, length: usize): u32 {
  if (!ready) buildTables();
  let c = ~crc;
  const end = at + length;
  while (at < end && (at & 7) != 0) c = entry(0, c ^ <u32>load<u8>(at++)) ^ (c >>> 8);
  while (end - at >= 16) {
    const a = load<u64>(at);
    const b = load<u64>(at, 8);
    const w0 = <u32>a ^ c;
    const w1 = <u32>(a >>> 32);
    const w2 = <u32>b;
    const w3 = <u32>(b >>> 32);
    // The twelve lookups that do not depend on the running CRC first, in a balanced tree: only
    // w0's four lookups and two xors are on the chain from one step to the next.
    const rest = ((entry(11, w1) ^ entry(10, w1 >>> 8)) ^ (entry(9, w1 >>> 16) ^ entry(8, w1 >>> 24)))
      ^ ((entry(7, w2) ^ entry(6, w2 >>> 8)) ^ (entry(5, w2 >>> 16) ^ entry(4, w2 >>> 24)))
      ^ ((entry(3, w3) ^ entry(2, w3 >>> 8)) ^ (entry(1, w3 >>> 16) ^ entry(0, w3 >>> 24)));
    c = ((entry(15, w0) ^ entry(14, w0 >>> 8)) ^ (entry(13, w0 >>> 16) ^ entry(12, w0 >>> 24))) ^ rest;
    at += 16;
  }
  while (at < end) c = entry(0, c ^ <u32>load<u8>(at++)) ^ (c >>> 8);
  return ~c;
}
