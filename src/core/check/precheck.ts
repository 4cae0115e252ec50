// A policy of the check store (store.ts) for large counts: fill it while the kept lines are still
// in memory. Until the count is reached the engine only appends the lines it keeps, in file
// order; each is added to the store right after the scan that kept it, from the bytes just read,
// so a count larger than the input (count = all) reads no record twice. Once the count is reached
// the lines kept so far may still be evicted: the precheck gives up, and the winners are checked
// after the merge as usual. Either way the check re-reads the winners' scores (check.ts).
import { ScanEngine } from "../scan/engine";
import { KeptColumns } from "../columns/kept";
import { ScannedVisitor } from "../scan/line-buffer";
import { CheckStore } from "./store";
import { Framing } from "./framing";

const framing = new Framing();

/** A participant's check store, filled while scanning: rows best first like its kept lines. */
export type Prechecked = CheckStore;

export class Precheck {
  /** Rows 0..added-1 (in file order) are in the store; undefined: given up. */
  private store: CheckStore | undefined;
  private added = 0;
  /** The lines one scan kept: offsets and lengths, asked of the engine at once. */
  private offsets = new Float64Array(4096);
  private lengths = new Int32Array(4096);

  constructor(private readonly engine: ScanEngine, keepText: boolean) {
    this.store = new CheckStore(1024, keepText);
  }

  /** After each scan: adds the lines it kept to the store. */
  readonly afterScan: ScannedVisitor = (view, start, _end, offset) => {
    const store = this.store;
    if (!store) return;
    const rows = this.engine.appendedRows();
    if (rows < 0) {
      this.store = undefined;
      return;
    }
    store.reserve(rows);
    const from = this.added;
    if (rows - from > this.offsets.length) {
      this.offsets = new Float64Array(rows - from);
      this.lengths = new Int32Array(rows - from);
    }
    this.engine.appendedLines(from, rows, this.offsets, this.lengths);
    const base = start - offset;
    for (let row = from; row < rows; row++) {
      const at = (base + this.offsets[row - from]) | 0; // a position in the view: a small integer
      const end = at + this.lengths[row - from];
      if (!framing.read(view, at, end)) throw new Error("internal error: a kept line is not framed");
      store.add(row, view, at, framing.recordStart, end);
    }
    this.added = rows;
  };

  /**
   * After finish(): the store with every kept row, renumbered best first like `kept`, when the
   * engine never stopped appending (kept.fileRows says where each row was in file order); else undefined.
   */
  result(kept: KeptColumns): Prechecked | undefined {
    const store = this.store;
    this.store = undefined;
    if (!store || !kept.fileRows || kept.count !== this.added) return undefined;
    store.renumber(kept.fileRows, kept.count);
    store.filledByScan = true;
    return store;
  }
}
