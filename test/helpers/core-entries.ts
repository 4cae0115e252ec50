// A core's heap entries read as the host reads them: through its page table, by the layout in
// src/core/scan/core-abi.ts (the shipped builds export no per-field accessors but these few).
import { CLASS_WORD, ENTRY_BYTES, LENGTH_WORD, LINE_WORD, OFFSET_WORD, PAGE_SHIFT, UNIT_WORD, VALUE_WORD } from "../../src/core/scan/core-abi";

interface CoreMemory {
  memory: WebAssembly.Memory;
  entryPages(): number;
}

export interface CoreEntry {
  offset: number;
  line: number;
  length: number;
  scoreClass: number;
  unit: number;
  /** The exact score when scoreClass is 1 (CLASS_FIT). */
  value: bigint;
}

/** Entry i (after finish(): row i, best first when winnersRanked()). */
export function coreEntry(core: CoreMemory, i: number): CoreEntry {
  const words = new Int32Array(core.memory.buffer);
  const table = (core.entryPages() >>> 0) >>> 2;
  const w = ((words[table + (i >>> PAGE_SHIFT)] >>> 0) + (i & ((1 << PAGE_SHIFT) - 1)) * ENTRY_BYTES) / 4;
  const wide = (word: number) => (words[w + word] >>> 0) + words[w + word + 1] * 2 ** 32;
  return {
    offset: wide(OFFSET_WORD), line: wide(LINE_WORD), length: words[w + LENGTH_WORD], scoreClass: words[w + CLASS_WORD],
    unit: words[w + UNIT_WORD],
    value: BigInt.asIntN(64, (BigInt(words[w + VALUE_WORD + 1]) << 32n) | BigInt(words[w + VALUE_WORD] >>> 0)),
  };
}
