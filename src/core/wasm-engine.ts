// The only file that touches WebAssembly: wraps one instance of the core (assembly/).
import { CoreWinner, FRAMING_KINDS, FramingFault, ScanEngine } from "./engine";

/** The core's exports (assembly/index.ts). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  configure(count: number, keepLines: number): void;
  beginRange(lineBase: number): void;
  reserveInput(bytes: number): number;
  inputSize(): number;
  scan(start: number, end: number, offset: number): number;
  lines(): number;
  errorCode(): number;
  errorAt(): number;
  finish(): number;
  winnerOffset(i: number): number;
  winnerLength(i: number): number;
  winnerLine(i: number): number;
  winnerClass(i: number): number;
  winnerValue(i: number): bigint;
  winnerDigits(i: number): number;
  winnerDigitsLength(i: number): number;
  winnerBytes(i: number): number;
}

const CLASS_BIG_NEGATIVE = 0;
const CLASS_FIT = 1;
const latin1 = new TextDecoder("latin1");

/** Picks the SIMD build when this runtime accepts it. */
export function supportsSimd(simdBytes: BufferSource): boolean {
  return WebAssembly.validate(simdBytes);
}

/** The scan and the heap, run by the WebAssembly core. */
export class WasmEngine implements ScanEngine {
  readonly name = "wasm" as const;
  private readonly core: CoreExports;
  private inputBase = 0;
  private keepLines = false;

  constructor(instance: WebAssembly.Instance) {
    this.core = instance.exports as unknown as CoreExports;
  }

  configure(count: number, keepLines: boolean): void {
    this.keepLines = keepLines;
    this.core.configure(count, keepLines ? 1 : 0);
  }

  beginRange(lineBase: number): void {
    this.core.beginRange(lineBase);
  }

  reserve(bytes: number): Uint8Array {
    const capacity = this.core.inputSize();
    // Grow geometrically so a long line costs amortised linear copying.
    this.inputBase = this.core.reserveInput(bytes > capacity ? Math.max(bytes, capacity * 2) : capacity);
    // Views detach whenever memory grows: always build a fresh one.
    return new Uint8Array(this.core.memory.buffer, this.inputBase, this.core.inputSize());
  }

  scan(start: number, end: number, offset: number): FramingFault | null {
    const code = this.core.scan(this.inputBase + start, this.inputBase + end, offset);
    if (code === 0) return null;
    return { line: this.core.errorAt(), kind: FRAMING_KINDS[code] };
  }

  linesSeen(): number {
    return this.core.lines();
  }

  finish(): CoreWinner[] {
    const core = this.core;
    const count = core.finish();
    const memory = new Uint8Array(core.memory.buffer);
    const winners: CoreWinner[] = [];
    for (let i = 0; i < count; i++) {
      const length = core.winnerLength(i);
      const winner: CoreWinner = {
        score: this.score(memory, i),
        offset: core.winnerOffset(i),
        length,
        line: core.winnerLine(i),
      };
      if (this.keepLines) {
        const kept = core.winnerBytes(i);
        winner.bytes = memory.slice(kept, kept + length);
      }
      winners.push(winner);
    }
    return winners;
  }

  private score(memory: Uint8Array, i: number): bigint {
    const scoreClass = this.core.winnerClass(i);
    if (scoreClass === CLASS_FIT) return this.core.winnerValue(i);
    const at = this.core.winnerDigits(i);
    const digits = latin1.decode(memory.subarray(at, at + this.core.winnerDigitsLength(i)));
    return BigInt(scoreClass === CLASS_BIG_NEGATIVE ? `-${digits}` : digits);
  }
}
