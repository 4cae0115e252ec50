// Gzip files made every way the world makes them, from the same plain bytes: the gzip, pigz
// and bgzip commands, Node's zlib at any level (0: stored blocks), members cut anywhere
// (mid-line, tiny, empty, huge), deflate blocks ended anywhere (a flush mid-line), and a
// member with every optional header field. A missing command is reported, never faked.
import { spawnSync } from "node:child_process";
import * as zlib from "node:zlib";

/** Why `command` cannot be run here (undefined: it can). */
export function missingCommand(command: string): string | undefined {
  const run = spawnSync(command, ["--version"], { stdio: "ignore" });
  if (run.error) return `${command} is not installed (Debian: ${command === "bgzip" ? "tabix" : command})`;
  return undefined;
}

/** `command args…` with `input` on standard input; its standard output. */
export function compressWith(command: string, args: string[], input: Uint8Array): Buffer {
  const run = spawnSync(command, args, { input, maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** One member per piece, the pieces cut at `cuts` (offsets into `bytes`, ascending; a repeat makes an empty member). */
export function membersAt(bytes: Uint8Array, cuts: number[], level = 6): Buffer {
  const bounds = [0, ...cuts, bytes.length];
  return Buffer.concat(bounds.slice(1).map((end, i) => zlib.gzipSync(bytes.subarray(bounds[i], end), { level })));
}

/** One member whose deflate blocks end at `cuts`: the flushes cycle through sync (window kept), full (window reset) and block (no byte alignment). */
export async function flushedAt(bytes: Uint8Array, cuts: number[], level = 6): Promise<Buffer> {
  const flushes = [zlib.constants.Z_SYNC_FLUSH, zlib.constants.Z_FULL_FLUSH, zlib.constants.Z_BLOCK];
  const gzip = zlib.createGzip({ level });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => { gzip.on("end", resolve); gzip.on("error", reject); });
  let at = 0;
  for (const [i, cut] of cuts.entries()) {
    gzip.write(bytes.subarray(at, cut));
    await new Promise<void>((resolve) => gzip.flush(flushes[i % flushes.length], () => resolve()));
    at = cut;
  }
  gzip.end(bytes.subarray(at));
  await ended;
  return Buffer.concat(out);
}

/** A member with FTEXT, FEXTRA (two subfields), FNAME, FCOMMENT and FHCRC set (zlib checks the header CRC). */
export function memberWithEveryField(bytes: Uint8Array): Buffer {
  const extra = Buffer.from([0x41, 0x42, 3, 0, 1, 2, 3, 0x43, 0x44, 0, 0]);
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0x1f, 0x78, 0x56, 0x34, 0x12, 0, 3, extra.length, 0]), extra,
    Buffer.from("records.txt\0", "latin1"), Buffer.from("a comment\0", "latin1"),
  ]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(zlib.crc32(header) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(bytes), 0);
  trailer.writeUInt32LE(bytes.length % 2 ** 32, 4);
  return Buffer.concat([header, headerCrc, zlib.deflateRawSync(bytes), trailer]);
}

/** Offsets inside lines (never at a line start): inside scores, before a "\n", between "\r" and "\n". */
export function midLineOffsets(bytes: Buffer, pick: (n: number) => number, count: number): number[] {
  const cuts = new Set<number>();
  for (let tries = 0; cuts.size < count && tries < count * 20; tries++) {
    const at = 1 + pick(bytes.length - 1);
    if (bytes[at - 1] !== 0x0a) cuts.add(at);
  }
  // The awkward places, where there are any: between "\r" and "\n", just before a "\n".
  const crlf = bytes.indexOf(Buffer.from("\r\n"));
  if (crlf > 0) cuts.add(crlf + 1);
  const newline = bytes.indexOf(0x0a, bytes.length >> 1);
  if (newline > 0 && bytes[newline - 1] !== 0x0a) cuts.add(newline);
  return [...cuts].sort((a, b) => a - b);
}
