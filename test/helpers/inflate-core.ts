// The core's inflate (assembly/inflate.ts) through its exports, for tests: an instance of a
// build, and drivers that feed compressed bytes in chunks and collect what each step gives.
import * as fs from "node:fs";
import * as path from "node:path";
import { InflateExports } from "../../src/core/input/inflate-core";
import { buildFileName } from "../../src/core/wasm/core-module";
import { WASM_DIR } from "../../src/node/core-file";

export type Build = "simd" | "scalar" | "debug";

/** The inflate's exports (assembly/index.ts) and the scan's input region (room for test bytes). */
export interface InflateCore extends Omit<InflateExports, "memory"> {
  memory: WebAssembly.Memory;
  reserveInput(bytes: number): number;
}

export const STATUS = { needInput: 0, outputFull: 1, memberEnd: 3, streamEnd: 4, trailing: 5 } as const;
export const ERROR = {
  truncated: -1, header: -2, headerCrc: -3, blockType: -4, storedLength: -5, codes: -6, symbol: -7,
  distance: -8, crc: -9, size: -10,
} as const;
export const RAW = 0;
export const GZIP = 1;
/** inflateStops: stop at every member's end (status 3). */
export const STOP_AT_MEMBER_END = 2;

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
  output: Buffer;
  /** Output-full statuses seen. */
  outputFull: number;
  /** Member-end statuses: the trailer's CRC, and the output length there. */
  members: { crc: number; out: number }[];
}

export interface DriveOptions {
  /** Compressed bytes per push (at most the input region's room). */
  chunk?: number;
  stops?: number;
}

/** Feeds `data` and steps until an end or an error. */
function drive(core: InflateCore, data: Uint8Array, options: DriveOptions): Decoded {
  const chunk = options.chunk ?? 1 << 16;
  let pos = 0;
  const parts: Uint8Array[] = [];
  const result: Decoded = { status: 0, output: Buffer.alloc(0), outputFull: 0, members: [] };
  let produced = 0;
  const feed = () => {
    const at = core.inflateInputAt() >>> 0;
    const n = Math.min(chunk, core.inflateInputRoom(), data.length - pos);
    new Uint8Array(core.memory.buffer, at, n).set(data.subarray(pos, pos + n));
    pos += n;
    core.inflatePush(n, pos === data.length ? 1 : 0);
  };
  feed();
  for (;;) {
    const status = core.inflateStep();
    const start = core.inflateOutputStart() >>> 0;
    const end = core.inflateOutputEnd() >>> 0;
    if (end > start) {
      parts.push(new Uint8Array(core.memory.buffer, start, end - start).slice());
      produced += end - start;
    }
    result.status = status;
    if (status === STATUS.needInput) {
      if (pos === data.length) throw new Error("need input after the final push");
      feed();
    } else if (status === STATUS.outputFull) {
      result.outputFull++;
    } else if (status === STATUS.memberEnd) {
      result.members.push({ crc: core.inflateTrailerCrc() >>> 0, out: produced });
    } else {
      break;
    }
  }
  result.output = Buffer.concat(parts);
  return result;
}

/** Decodes a whole gzip (or raw deflate) stream. */
export function inflateAll(core: InflateCore, data: Uint8Array, format = GZIP, options: DriveOptions = {}): Decoded {
  core.inflateReset(format);
  core.inflateStops(options.stops ?? 0);
  return drive(core, data, options);
}
