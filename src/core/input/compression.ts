// Compressed inputs, told by their magic bytes alone (never by a name), on every platform: gzip
// and zstd are read, the other formats are refused by name rather than read as text. The messages
// for gzip and zstd that cannot be read are here too, so that Node and browsers word them alike.
import { HighestError } from "../model/errors";
import type { InputCompression } from "../model/plan";

/** A compressed format an input may be in. */
export type Compression = "gzip" | "zstd" | "xz" | "bzip2" | "zip";

/** Each format's first bytes (a pair is a range of byte values) and, for those not read, how to decompress them. */
const FORMATS: Array<{ format: Compression; magic: Array<number | [number, number]>; decompress?: string }> = [
  { format: "gzip", magic: [0x1f, 0x8b] },
  { format: "zstd", magic: [0x28, 0xb5, 0x2f, 0xfd] },
  // A zstd skippable frame (magic 0x184D2A50 to 0x184D2A5F) may come first.
  { format: "zstd", magic: [[0x50, 0x5f], 0x2a, 0x4d, 0x18] },
  { format: "xz", magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], decompress: "xz -dc" },
  // "BZh" and the block size, '1' to '9': every bzip2 stream starts so.
  { format: "bzip2", magic: [0x42, 0x5a, 0x68, [0x31, 0x39]], decompress: "bzip2 -dc" },
  { format: "zip", magic: [0x50, 0x4b, 0x03, 0x04], decompress: "unzip -p" },
];

/** The most first bytes classifyMagic looks at: read this many (or the whole input if shorter) before asking it. */
export const MAGIC_BYTES = Math.max(...FORMATS.map((entry) => entry.magic.length));

/** The compressed format an input's first bytes announce (the whole signature must be there), or undefined: plain. */
export function classifyMagic(head: Uint8Array): Compression | undefined {
  const found = FORMATS.find(({ magic }) => magic.length <= head.length && magic.every((expected, i) =>
    typeof expected === "number" ? head[i] === expected : head[i] >= expected[0] && head[i] <= expected[1]));
  return found?.format;
}

/** A compressed format the core reads. */
export type ReadCompression = "gzip" | "zstd";

/** How an input that starts with `head` is compressed (undefined: plain). Throws for a compressed format we do not read. */
export function readCompression(name: string, head: Uint8Array): ReadCompression | undefined {
  const format = classifyMagic(head);
  if (format !== undefined && format !== "gzip" && format !== "zstd") throw unsupportedCompression(name, format);
  return format;
}


/** The first bytes a file's classification reads: enough for a BGZF header. */
export const HEAD_BYTES = 18;

/**
 * How a file (an input read by position) is compressed: BGZF when its first member is (then it
 * is cut at members), other gzip (one unit), zstd (one unit), or plain (undefined). Throws for
 * formats we do not read.
 */
export function fileCompression(name: string, head: Uint8Array): InputCompression | undefined {
  const format = readCompression(name, head);
  if (format !== "gzip") return format;
  return isBgzfHeader(head) ? "bgzf" : "gzip";
}

/** A BGZF member header, up to its BC subfield's value. */
export const BGZF_HEADER_BYTES = 18;

/** Is there a BGZF member header at bytes[i]? bgzip's form: FLG.FEXTRA only, XLEN 6, one BC subfield of 2 bytes. */
export function isBgzfHeader(bytes: Uint8Array, i = 0): boolean {
  return bytes.length - i >= BGZF_HEADER_BYTES && bytes[i] === 0x1f && bytes[i + 1] === 0x8b && bytes[i + 2] === 8
    && bytes[i + 3] === 4 && bytes[i + 10] === 6 && bytes[i + 11] === 0 && bytes[i + 12] === 0x42
    && bytes[i + 13] === 0x43 && bytes[i + 14] === 2 && bytes[i + 15] === 0;
}


/** An input in a compressed format we do not read (exit 1). */
export function unsupportedCompression(name: string, format: Compression): HighestError {
  const hint = FORMATS.find((entry) => entry.format === format)?.decompress;
  return new HighestError("input", `${name}: ${format} input is not supported${hint ? ` (decompress it first, e.g. ${hint})` : ""}`);
}

/** gzip data that ends inside a member (exit 1). */
export function truncatedGzip(name: string): HighestError {
  return new HighestError("input", `${name}: truncated gzip data`);
}

/** gzip data that is not valid: a bad header, deflate data, CRC-32 or length, or bytes after the last member that do not begin another (exit 1). */
export function damagedGzip(name: string): HighestError {
  return new HighestError("input", `${name}: damaged gzip data`);
}

/** zstd data that ends inside a frame (exit 1). */
export function truncatedZstd(name: string): HighestError {
  return new HighestError("input", `${name}: truncated zstd data`);
}

/** zstd data that is not valid: a bad frame header, block, table, sequence, checksum or size, or bytes after the last frame that begin none (exit 1). */
export function damagedZstd(name: string): HighestError {
  return new HighestError("input", `${name}: damaged zstd data`);
}

/** A zstd frame made with a dictionary (exit 1): the dictionary is not at hand. */
export function zstdDictionary(name: string): HighestError {
  return new HighestError("input", `${name}: zstd frame needs a dictionary, which is not supported (decompress it first, e.g. zstd -dc -D dictionary)`);
}

/** A zstd frame whose window is over the decoder's limit (exit 1). */
export function zstdWindow(name: string): HighestError {
  return new HighestError("input", `${name}: zstd frame needs a window over 128 MiB, which is not supported (decompress it first, e.g. zstd -dc --long=31)`);
}
