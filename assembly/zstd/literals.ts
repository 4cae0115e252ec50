// A compressed block's literals section (RFC 8878 3.1.1.3.1): raw (read in place from the input),
// one byte repeated, or Huffman-coded in one or four streams with a table of their own or the
// frame's last (treeless). The sequences then copy literals from litPtr.
import { ERROR_BAD_LITERALS } from "./codes";
import { decodeFour, decodeStream, hufReady, readHuffman } from "./huffman";

const litBuffer = memory.data((128 << 10) + 64, 64);
/** The block's literals: litSize bytes at litPtr. */
export let litPtr: usize = 0;
export let litSize: usize = 0;

/** Reads the literals section at p (the block's `avail` bytes); returns its size, or an error. */
export function readLiterals(p: usize, avail: usize, limit: usize): i32 {
  if (avail < 1) return ERROR_BAD_LITERALS;
  const b0 = <u32>load<u8>(p);
  const type = b0 & 3;
  const format = (b0 >> 2) & 3;
  if (type < 2) {
    let header: usize;
    let size: usize;
    if ((format & 1) == 0) {
      header = 1;
      size = <usize>(b0 >> 3);
    } else if (format == 1) {
      header = 2;
      if (avail < 2) return ERROR_BAD_LITERALS;
      size = <usize>(b0 >> 4) | (<usize>load<u8>(p + 1) << 4);
    } else {
      header = 3;
      if (avail < 3) return ERROR_BAD_LITERALS;
      size = <usize>(b0 >> 4) | (<usize>load<u8>(p + 1) << 4) | (<usize>load<u8>(p + 2) << 12);
    }
    if (size > limit) return ERROR_BAD_LITERALS;
    litSize = size;
    if (type == 0) {
      if (header + size > avail) return ERROR_BAD_LITERALS;
      litPtr = p + header;
      return <i32>(header + size);
    }
    if (header + 1 > avail) return ERROR_BAD_LITERALS;
    memory.fill(litBuffer, load<u8>(p + header), size);
    litPtr = litBuffer;
    return <i32>(header + 1);
  }
  const header: usize = format < 2 ? 3 : <usize>format + 2;
  if (header > avail) return ERROR_BAD_LITERALS;
  const bits: u64 = format < 2 ? 10 : format == 2 ? 14 : 18;
  let value: u64 = 0;
  for (let i: usize = 0; i < header; i++) value |= <u64>load<u8>(p + i) << (<u64>i << 3);
  const mask: u64 = (<u64>1 << bits) - 1;
  const size = <usize>((value >> 4) & mask);
  const compressed = <usize>((value >> (4 + bits)) & mask);
  if (size > limit || header + compressed > avail) return ERROR_BAD_LITERALS;
  let q = p + header;
  let streams = compressed;
  if (type == 2) {
    const r = readHuffman(q, compressed);
    if (r < 0) return r;
    q += <usize>r;
    streams -= <usize>r;
  } else if (!hufReady) {
    return ERROR_BAD_LITERALS;
  }
  const ok = format == 0 ? decodeStream(q, streams, litBuffer, size) : decodeFour(q, streams, litBuffer, size);
  if (!ok) return ERROR_BAD_LITERALS;
  litPtr = litBuffer;
  litSize = size;
  return <i32>(header + compressed);
}
