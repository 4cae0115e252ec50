// The scan engine run by an instance of the WebAssembly core (assembly/): the scan and the heap
// there, their results read through the core's exports (core-abi.ts for the entry layout). The
// core is compiled and instantiated by wasm/core-module.ts.
import { CLASS_BIG_NEGATIVE, CLASS_BIG_POSITIVE, CLASS_DECIMAL_NEGATIVE, CLASS_FIT } from "../columns/score-class";
import { ExactScore, printedDecimal } from "../columns/decimal-score";
import { TWO_32 } from "../model/numbers";
import { CLASS_WORD, ENTRY_BYTES, LENGTH_WORD, LINE_WORD, OFFSET_WORD, PAGE_SHIFT, UNIT_WORD, VALUE_WORD } from "./core-abi";
import { FinishOptions, FramingFault, ScanEngine, framingKind } from "./engine";
import { KeptColumns, negateScores, newColumns, rankOrderOfFileOrder, rankScoresInPlace } from "../columns/kept";
import { newRowMap, rowSet } from "../columns/row-map";

import type { EngineKind } from "../model/options";
import { instantiateCore, instantiateCoreAsync } from "../wasm/core-module";

/** The core's exports (assembly/index.ts). Addresses are u32 but arrive as signed i32: read them with `>>> 0`. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  /** `lowest` 1: keep the lowest scores; `decimal` 1: read decimal scores (a call without them passes 0). */
  configure(count: number, lowest?: number, decimal?: number): void;
  beginUnit(unit: number, keepLines: number): void;
  reserveInput(bytes: number): number;
  inputSize(): number;
  scan(start: number, end: number, offset: number): number;
  lines(): number;
  errorAt(): number;
  errorLineStart(): number;
  finish(): number;
  winnersRanked(): number;
  keptInFileOrder(): number;
  entryPages(): number;
  winnerLength(i: number): number;
  winnerUnit(i: number): number;
  winnerDigits(i: number): number;
  winnerDigitsLength(i: number): number;
  winnerBytes(i: number): number;
}

const latin1 = new TextDecoder("latin1");
const PAGE_MASK = (1 << PAGE_SHIFT) - 1;

/** The scan and the heap, run by one instance of the WebAssembly core. */
export class WasmEngine implements ScanEngine {
  readonly name: EngineKind = "wasm";
  /** The instance's exports; dropped after finish() when no line's bytes are kept (its memory can go). */
  private exports: CoreExports | undefined;
  private finalMemoryBytes = 0;
  private inputBase = 0;
  /** Units whose kept lines' bytes the core holds. */
  private readonly keptUnits = new Set<number>();
  /** After finish(), when the host ranked the rows: the core's entry of each row. */
  private entryOfRow: Uint32Array | null = null;
  private wordView: Int32Array | undefined;
  private entryIndex: ((entry: number) => number) | undefined;
  /** --lowest: the core read every score negated (assembly/scan.ts); finish() negates them back. */
  private lowest = false;
  /** --decimal: the core reads decimal scores too. */
  private decimal = false;

  /** Instantiates synchronously (fine off a browser's main thread, and in Node). */
  static create(module: WebAssembly.Module): WasmEngine {
    return new WasmEngine(instantiateCore(module));
  }

  /** Instantiates asynchronously (a browser's main thread refuses large synchronous instances). */
  static async instantiate(module: WebAssembly.Module): Promise<WasmEngine> {
    return new WasmEngine(await instantiateCoreAsync(module));
  }

  private constructor(exports: WebAssembly.Exports) {
    this.exports = exports as unknown as CoreExports;
  }

  private get core(): CoreExports {
    if (!this.exports) throw new Error("the engine's memory was released after finish()");
    return this.exports;
  }

  configure(count: number, lowest = false, decimal = false): void {
    this.keptUnits.clear();
    this.lowest = lowest;
    this.decimal = decimal;
    this.core.configure(count, lowest ? 1 : 0, decimal ? 1 : 0);
  }

  beginUnit(unit: number, keepLines: boolean): void {
    if (keepLines) this.keptUnits.add(unit);
    this.core.beginUnit(unit, keepLines ? 1 : 0);
  }

  reserve(bytes: number): Uint8Array {
    const capacity = this.core.inputSize();
    // Grow geometrically so a long line costs amortised linear copying.
    this.inputBase = this.core.reserveInput(bytes > capacity ? Math.max(bytes, capacity * 2) : capacity) >>> 0;
    // Views detach whenever memory grows: always build a fresh one.
    return new Uint8Array(this.core.memory.buffer, this.inputBase, this.core.inputSize());
  }

  scan(start: number, end: number, offset: number): FramingFault | null {
    const code = this.core.scan(this.inputBase + start, this.inputBase + end, offset);
    if (code === 0) return null;
    return { line: this.core.errorAt(), kind: framingKind(code, this.decimal), start: (this.core.errorLineStart() >>> 0) - this.inputBase };
  }

  linesSeen(): number {
    return this.core.lines();
  }

  /** Bytes of linear memory the instance holds now, or held at finish() (tests check it does not grow with the count). */
  memoryBytes(): number {
    return this.exports ? this.exports.memory.buffer.byteLength : this.finalMemoryBytes;
  }

  finish(options: FinishOptions = {}): KeptColumns {
    const core = this.core;
    const count = core.finish();
    const words = this.words();
    const memory = new Uint8Array(core.memory.buffer);
    // An entry's fields: core-abi.ts.
    const wordsOf = this.entryWords(words);
    let entryOfRow: Uint32Array | undefined;
    const columns = newColumns(count, options.shared);
    const { classes, high, low, units, lines, offsets, lengths } = columns;
    let scoresRanked = false;
    if (core.winnersRanked() === 0) {
      // The count was never reached: the core kept every line, in file order. Rank them here by
      // score (read in order; the sort leaves them in rank order), then read the rest of each
      // entry once in rank order.
      for (let i = 0; i < count; i++) {
        const w = wordsOf(i);
        classes[i] = words[w + CLASS_WORD];
        low[i] = words[w + VALUE_WORD];
        high[i] = words[w + VALUE_WORD + 1];
        if (words[w + CLASS_WORD] !== CLASS_FIT) rowSet(columns.big, i, this.exactScore(memory, i, words, w));
      }
      entryOfRow = rankScoresInPlace(columns);
      scoresRanked = entryOfRow !== undefined;
      if (!entryOfRow) {
        entryOfRow = rankOrderOfFileOrder(columns);
        columns.big = newRowMap();
      }
    }
    for (let row = 0; row < count; row++) {
      const entry = entryOfRow ? entryOfRow[row] : row;
      const w = wordsOf(entry);
      lines[row] = (words[w + LINE_WORD] >>> 0) + words[w + LINE_WORD + 1] * TWO_32;
      offsets[row] = (words[w + OFFSET_WORD] >>> 0) + words[w + OFFSET_WORD + 1] * TWO_32;
      lengths[row] = words[w + LENGTH_WORD];
      units[row] = words[w + UNIT_WORD];
    }
    if (!scoresRanked) {
      for (let row = 0; row < count; row++) {
        const entry = entryOfRow ? entryOfRow[row] : row;
        const w = wordsOf(entry);
        classes[row] = words[w + CLASS_WORD];
        low[row] = words[w + VALUE_WORD];
        high[row] = words[w + VALUE_WORD + 1];
        if (classes[row] !== CLASS_FIT) rowSet(columns.big, row, this.exactScore(memory, entry, words, w));
      }
    }
    if (this.lowest) {
      negateScores(columns);
      columns.lowestFirst = true;
    }
    // Entries are in file order when the host ranked them: say where each row is, for the check.
    if (entryOfRow) columns.fileRows = entryOfRow;
    this.entryOfRow = entryOfRow ?? null;
    if (this.keptUnits.size === 0) {
      // The columns are copies and no kept bytes are needed: let the instance and its memory go now,
      // before the check and the output need memory of their own.
      this.finalMemoryBytes = this.memoryBytes();
      this.exports = undefined;
      // The view over that memory would keep it alive as long as the engine (to the end of the run).
      this.wordView = undefined;
      this.entryIndex = undefined;
    }
    return columns;
  }

  appendedRows(): number {
    return this.core.keptInFileOrder();
  }

  appendedLines(from: number, to: number, offsets: Float64Array, lengths: Int32Array): void {
    const words = this.words();
    const entryIndex = this.entryIndex!;
    for (let row = from; row < to; row++) {
      const w = entryIndex(row);
      offsets[row - from] = (words[w + OFFSET_WORD] >>> 0) + words[w + OFFSET_WORD + 1] * TWO_32;
      lengths[row - from] = words[w + LENGTH_WORD];
    }
  }

  /** The memory as 32-bit words (a view made again only when memory grew). */
  private words(): Int32Array {
    const buffer = this.core.memory.buffer;
    if (this.wordView?.buffer !== buffer) {
      this.wordView = new Int32Array(buffer);
      this.entryIndex = this.entryWords(this.wordView);
    }
    return this.wordView;
  }

  /** The word index of entry i, from the core's page table (no call into the core per entry). */
  private entryWords(words: Int32Array): (entry: number) => number {
    const table = (this.core.entryPages() >>> 0) >>> 2;
    return (entry) => ((words[table + (entry >>> PAGE_SHIFT)] >>> 0) + (entry & PAGE_MASK) * ENTRY_BYTES) / 4;
  }

  keptBytes(row: number): Uint8Array | undefined {
    const entry = this.entryOfRow ? this.entryOfRow[row] : row;
    if (!this.keptUnits.has(this.core.winnerUnit(entry))) return undefined;
    const at = this.core.winnerBytes(entry) >>> 0;
    return new Uint8Array(this.core.memory.buffer, at, this.core.winnerLength(entry));
  }

  /** Entry i's exact score when its class is not FIT (its words from w): a big integer, or a decimal score. */
  private exactScore(memory: Uint8Array, i: number, words: Int32Array, w: number): ExactScore {
    const scoreClass = words[w + CLASS_WORD];
    const at = this.core.winnerDigits(i) >>> 0;
    const digits = latin1.decode(memory.subarray(at, at + this.core.winnerDigitsLength(i)));
    if (scoreClass <= CLASS_BIG_POSITIVE) return BigInt(scoreClass === CLASS_BIG_NEGATIVE ? `-${digits}` : digits);
    // A decimal: its score as written is between the kept line (if any) and the digits (assembly/decimal.ts keepDecimal).
    let written = this.core.winnerBytes(i) >>> 0;
    if (this.keptUnits.has(words[w + UNIT_WORD])) written += words[w + LENGTH_WORD];
    return {
      negative: scoreClass === CLASS_DECIMAL_NEGATIVE, exponent: words[w + VALUE_WORD], digits,
      text: printedDecimal(memory, written, at),
    };
  }
}
