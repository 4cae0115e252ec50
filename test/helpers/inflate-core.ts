// The core's inflate (assembly/inflate.ts) through its exports, for tests: an instance of a
// build, and drivers that feed compressed bytes in chunks and collect what each step gives.
import * as fs from "node:fs";
import * as path from "node:path";
import { InflateExports } from "../../src/core/input/inflate-core";
import { buildFileName } from "../../src/core/scan/wasm-engine";
import { WASM_DIR } from "../../src/node/core-file";

export type Build = "simd" | "scalar" | "debug";

/** The inflate's exports (assembly/index.ts). Addresses arrive as signed i32: read them with `>>> 0`. */
export interface InflateCore extends Omit<InflateExports, "memory"> {
  memory: WebAssembly.Memory;
  reserveInput(bytes: number): number;
  inflateVerify(on: number): void;
  inflateOutputWidth(): number;
  // Starting mid-stream: not used by the host (a gzip file that is not BGZF is read from its start).
  inflateBeginAt(bit: number, markers: number): void;
  inflateTryBlock(bit: number): number;
  inflateFindBlock(from: number, to: number): number;
  inflateSearchEnd(): number;
  inflateHold(on: number): void;
  inflateHeld(): number;
  inflateWindow(): number;
  inflateResolve(from: number, count: number, to: number): void;
  crc32(crc: number, at: number, length: number): number;
  crc32Combine(crcA: number, crcB: number, lengthB: number): number;
}

export const STATUS = { needInput: 0, outputFull: 1, blockEnd: 2, memberEnd: 3, streamEnd: 4, trailing: 5 } as const;
export const ERROR = {
  truncated: -1, header: -2, headerCrc: -3, blockType: -4, storedLength: -5, codes: -6, symbol: -7,
  distance: -8, crc: -9, size: -10,
} as const;
export const RAW = 0;
export const GZIP = 1;

const modules = new Map<Build, WebAssembly.Module>();

/** A fresh instance of a build (instantiated as a host would, from the .wasm file). */
export async function loadInflate(build: Build, inputBytes = 1 << 16, outputBytes = 1 << 18): Promise<InflateCore> {
  let module = modules.get(build);
  if (!module) {
    module = await WebAssembly.compile(fs.readFileSync(path.join(WASM_DIR, buildFileName(build))));
    modules.set(build, module);
  }
  const core = (await WebAssembly.instantiate(module, {})).exports as unknown as InflateCore;
  core.inflateReserve(inputBytes, outputBytes);
  return core;
}

export interface Decoded {
  /** The last status or error. */
  status: number;
  /** All output, markers (16-bit elements) widened into `elements` when there were any. */
  output: Buffer;
  /** The output as 16-bit elements (bytes and markers), only when `wide` was asked. */
  elements?: Uint16Array;
  /** Output-full statuses seen. */
  outputFull: number;
  /** With stops & 1: each block end's bit offset and the output length there. */
  blockEnds: { bit: number; out: number }[];
  /** Member-end statuses: the trailer's CRC and size, and the output length there. */
  members: { crc: number; size: number; out: number }[];
  /** Widths of the steps' outputs, in order (1 bytes, 2 markers possible). */
  widths: number[];
}

export interface DriveOptions {
  /** Compressed bytes per push (at most the input region's room). */
  chunk?: number;
  stops?: number;
  /** false: members' CRC and size are reported, not checked. */
  verify?: boolean;
  /** Collect 16-bit elements (for marker output). */
  wide?: boolean;
  /** Stop at the first block end at or after this bit (a chunk's end, as a host would). */
  stopAtBit?: number;
}

/** Feeds `data` from `pos` (already partly pushed: `pushed` bytes) and steps until an end or error. */
function drive(core: InflateCore, data: Uint8Array, pushed: number, options: DriveOptions): Decoded {
  const chunk = options.chunk ?? 1 << 16;
  let pos = pushed;
  const parts: Uint8Array[] = [];
  const wideParts: Uint16Array[] = [];
  const result: Decoded = { status: 0, output: Buffer.alloc(0), outputFull: 0, blockEnds: [], members: [], widths: [] };
  let produced = 0;
  const feed = () => {
    const at = core.inflateInputAt() >>> 0;
    const n = Math.min(chunk, core.inflateInputRoom(), data.length - pos);
    new Uint8Array(core.memory.buffer, at, n).set(data.subarray(pos, pos + n));
    pos += n;
    core.inflatePush(n, pos === data.length ? 1 : 0);
  };
  if (pushed === 0) feed();
  for (;;) {
    const status = core.inflateStep();
    const start = core.inflateOutputStart() >>> 0;
    const end = core.inflateOutputEnd() >>> 0;
    const width = core.inflateOutputWidth();
    if (end > start) {
      result.widths.push(width);
      if (width === 1) {
        const bytes = new Uint8Array(core.memory.buffer, start, end - start).slice();
        parts.push(bytes);
        if (options.wide) wideParts.push(Uint16Array.from(bytes));
      } else {
        const elements = new Uint16Array(core.memory.buffer.slice(start, end));
        wideParts.push(elements);
        parts.push(Uint8Array.from(elements, (v) => v & 0xff));
      }
      produced += (end - start) / width;
    }
    result.status = status;
    if (status === STATUS.needInput) {
      if (pos === data.length) throw new Error("need input after the final push");
      feed();
    } else if (status === STATUS.outputFull) {
      result.outputFull++;
    } else if (status === STATUS.blockEnd) {
      const bit = core.inflateBitOffset();
      result.blockEnds.push({ bit, out: produced });
      if (options.stopAtBit !== undefined && bit >= options.stopAtBit) break;
    } else if (status === STATUS.memberEnd) {
      result.members.push({ crc: core.inflateTrailerCrc() >>> 0, size: core.inflateTrailerSize() >>> 0, out: produced });
    } else {
      break;
    }
  }
  result.output = Buffer.concat(parts);
  if (options.wide) {
    const all = new Uint16Array(produced);
    let at = 0;
    for (const part of wideParts) { all.set(part, at); at += part.length; }
    result.elements = all;
  }
  return result;
}

/** Decodes a whole gzip (or raw deflate) stream. */
export function inflateAll(core: InflateCore, data: Uint8Array, format = GZIP, options: DriveOptions = {}): Decoded {
  core.inflateReset(format);
  core.inflateStops(options.stops ?? 0);
  if (options.verify === false) core.inflateVerify(0);
  return drive(core, data, 0, options);
}

/**
 * Decodes from the middle: `data` is the stream from byte `origin` on (pushed as one piece, at
 * most the input region's size, then fed in chunks); the decoding starts at absolute bit `bit`.
 */
export function inflateFrom(core: InflateCore, data: Uint8Array, bit: number, markers: boolean, format = GZIP,
  options: DriveOptions = {}): Decoded {
  core.inflateReset(format);
  core.inflateStops(options.stops ?? 0);
  const first = pushFirst(core, data);
  core.inflateBeginAt(bit, markers ? 1 : 0);
  return drive(core, data, first, { ...options, wide: options.wide ?? markers });
}

/** After a reset: pushes as much of `data` as the input region takes; returns how much. */
export function pushFirst(core: InflateCore, data: Uint8Array): number {
  const at = core.inflateInputAt() >>> 0;
  const n = Math.min(core.inflateInputRoom(), data.length);
  new Uint8Array(core.memory.buffer, at, n).set(data.subarray(0, n));
  core.inflatePush(n, n === data.length ? 1 : 0);
  return n;
}

/** Replaces markers in `elements` with bytes of `window` (the 32 KiB before), by the core's inflateResolve. */
export function resolve(core: InflateCore, elements: Uint16Array, window: Uint8Array): Buffer {
  if (window.length !== 32768) throw new Error("the window is 32768 bytes");
  const scratch = core.reserveInput(elements.length * 2) >>> 0;
  new Uint8Array(core.memory.buffer, core.inflateWindow() >>> 0, 32768).set(window);
  new Uint16Array(core.memory.buffer, scratch, elements.length).set(elements);
  core.inflateResolve(scratch, elements.length, scratch);
  return Buffer.from(new Uint8Array(core.memory.buffer, scratch, elements.length).slice());
}
