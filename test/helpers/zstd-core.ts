// The core's zstd decoder (assembly/zstd/) through its exports, for tests: an instance of a build,
// a driver that feeds compressed bytes in chunks and collects what each step gives, frames made
// by hand (raw and RLE blocks, any header), and files made by the zstd command.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ZstdExports } from "../../src/core/input/zstd-core";
import { buildFileName } from "../../src/core/wasm/core-module";
import { WASM_DIR } from "../../src/node/core-file";

export type Build = "simd" | "scalar" | "debug";
export interface ZstdCore extends Omit<ZstdExports, "memory"> {
  memory: WebAssembly.Memory;
}

export const STATUS = { needInput: 0, outputFull: 1, frameEnd: 3, streamEnd: 4 } as const;
export const ERROR = {
  truncated: -1, magic: -2, header: -3, dictionary: -4, window: -5, block: -6, literals: -7, huffman: -8, fse: -9,
  sequences: -10, checksum: -11, size: -12,
} as const;

const modules = new Map<Build, WebAssembly.Module>();

/** A fresh instance of a build, its zstd regions reserved. */
export function loadZstd(build: Build, inputBytes = 1 << 20, outputBytes = 4 << 20): ZstdCore {
  let module = modules.get(build);
  if (!module) {
    module = new WebAssembly.Module(fs.readFileSync(path.join(WASM_DIR, buildFileName(build))));
    modules.set(build, module);
  }
  const core = new WebAssembly.Instance(module, {}).exports as unknown as ZstdCore;
  core.zstdReserve(inputBytes, outputBytes);
  return core;
}

export interface Decoded {
  /** The last status or error. */
  status: number;
  output: Buffer;
  outputFull: number;
  frameEnds: number;
  /** The memory's size at the end (it grows with the windows). */
  memoryBytes: number;
}

/** Decodes `input` fed `chunk` bytes at a time (stopping at frame ends when asked), to the stream's end or an error. */
export function decodeAll(core: ZstdCore, input: Uint8Array, chunk = 1 << 20, stopAtFrames = false): Decoded {
  core.zstdReset();
  core.zstdStops(stopAtFrames ? 2 : 0);
  const parts: Buffer[] = [];
  let fed = 0;
  let outputFull = 0;
  let frameEnds = 0;
  for (let steps = 0; steps < 10_000_000; steps++) {
    const status = core.zstdStep();
    const start = core.zstdOutputStart() >>> 0;
    const end = core.zstdOutputEnd() >>> 0;
    if (end > start) parts.push(Buffer.from(new Uint8Array(core.memory.buffer, start, end - start)));
    if (status === STATUS.needInput) {
      const at = core.zstdInputAt() >>> 0;
      const n = Math.min(chunk, core.zstdInputRoom(), input.length - fed);
      new Uint8Array(core.memory.buffer, at, n).set(input.subarray(fed, fed + n));
      fed += n;
      core.zstdPush(n, n === 0 ? 1 : 0);
    } else if (status === STATUS.outputFull) {
      outputFull++;
    } else if (status === STATUS.frameEnd) {
      frameEnds++;
    } else {
      return { status, output: Buffer.concat(parts), outputFull, frameEnds, memoryBytes: core.memory.buffer.byteLength };
    }
  }
  throw new Error("the decoder did not finish");
}

export interface FrameHeader {
  /** Window descriptor byte (absent: single segment). */
  windowByte?: number;
  /** Declared content size, and the field's size in bytes (1 only for single segment, 2, 4 or 8). */
  size?: number;
  sizeBytes?: 1 | 2 | 4 | 8;
  dictionary?: number;
  dictionaryBytes?: 1 | 2 | 4;
  reservedBit?: boolean;
}

/** A frame header without a checksum flag. */
export function frameHeader(h: FrameHeader): Buffer {
  const single = h.windowByte === undefined;
  const fcsFlag = h.sizeBytes === undefined ? 0 : { 1: 0, 2: 1, 4: 2, 8: 3 }[h.sizeBytes];
  const dictFlag = h.dictionaryBytes === undefined ? 0 : { 1: 1, 2: 2, 4: 3 }[h.dictionaryBytes];
  const bytes = [0x28, 0xb5, 0x2f, 0xfd, (fcsFlag << 6) | (single ? 32 : 0) | (h.reservedBit ? 8 : 0) | dictFlag];
  if (!single) bytes.push(h.windowByte!);
  for (let i = 0; i < (h.dictionaryBytes ?? 0); i++) bytes.push(Math.floor((h.dictionary ?? 0) / 256 ** i) & 0xff);
  const fcs = h.sizeBytes === 2 ? (h.size ?? 0) - 256 : h.size ?? 0;
  for (let i = 0; i < (h.sizeBytes ?? 0); i++) bytes.push(Math.floor(fcs / 256 ** i) & 0xff);
  return Buffer.from(bytes);
}

/** A raw block (type 0) or an RLE block (type 1: `rle` repeated `size` times). */
export function rawBlock(data: Uint8Array, last: boolean): Buffer {
  const header = (data.length << 3) | (last ? 1 : 0);
  return Buffer.concat([Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16]), data]);
}
export function rleBlock(byte: number, size: number, last: boolean): Buffer {
  const header = (size << 3) | 2 | (last ? 1 : 0);
  return Buffer.from([header & 0xff, (header >> 8) & 0xff, header >> 16, byte]);
}
/** A skippable frame of `data`. */
export function skippable(data: Uint8Array, nibble = 0): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from([0x50 + nibble, 0x2a, 0x4d, 0x18]), size, data]);
}

/** The zstd command's output for `data` with `args` (e.g. ["-3"]). */
export function zstdCompress(data: Uint8Array, args: string[], command = "zstd"): Buffer {
  const result = spawnSync(command, [...args, "-q", "-c"], { input: data, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** What `zstd -dc` gives for `data`: its output, or undefined when it fails. */
export function zstdDecompress(data: Uint8Array): Buffer | undefined {
  const result = spawnSync("zstd", ["-dc", "-q"], { input: data, maxBuffer: 1 << 30 });
  return result.status === 0 ? result.stdout : undefined;
}
