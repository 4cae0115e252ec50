// CRC-32 (gzip's) of two pieces of data joined, from each piece's CRC-32 and the second's
// length, without the data: zlib's crc32_combine (multiplication modulo the polynomial, and
// x^(8·length) by squaring). Units of an indexed gzip file each check a piece of a member; the
// joined pieces are checked against the member's trailer.
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial (bit-reflected, x^0 at bit 31). */
function multiply(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = (b & 1) !== 0 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31. */
const X2N: number[] = [];
for (let p = 0x40000000, k = 0; k < 32; k++) {
  X2N.push(p);
  p = multiply(p, p);
}

/** x^(n·2^k) modulo the polynomial. */
function x2nmodp(n: number, k: number): number {
  let p = 0x80000000;
  while (n > 0) {
    if (n % 2 === 1) p = multiply(X2N[k & 31], p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC-32 of A then B, from crc(A), crc(B) and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multiply(x2nmodp(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0;
}
