// Checking kept lines while they are still in memory, for large counts. Until the count is
// reached the engine only appends the lines it keeps, in file order; each is then checked
// right after the scan that kept it, from the bytes just read: a count larger than the input
// (count = all) never re-reads anything. Once the count is reached the lines kept so far may
// still be evicted: the precheck gives up, and the winners are checked after the merge as usual.
// Invalid records are noted, not reported: only a winner's counts (the run decides).
import { ByteArena } from "../columns/byte-arena";
import { PlacedFault, isEarlier } from "../model/faults";
import { CheckedRows } from "./check";
import { ScanEngine } from "../scan/engine";
import { KeptColumns } from "../columns/kept";
import { ScannedVisitor } from "../scan/line-buffer";
import { checkRecord } from "./record";
import { RowMap, newRowMap, rowGet, rowSet } from "../columns/row-map";

/** The prechecked rows of a participant, best first (see Precheck.result). */
export interface Prechecked {
  rows: CheckedRows;
  faults: PrecheckedFaults;
}

/** Invalid records among prechecked rows, by row ascending: fault i is row rows[i], in unit units[i] at line lines[i]. */
export interface PrecheckedFaults {
  count: number;
  rows: Uint32Array;
  units: Int32Array;
  lines: Float64Array;
  /** Fault i's problem, by i. */
  problems: RowMap<string>;
}

export class Precheck {
  private checked = 0;
  private alive = true;
  private ids = new ByteArena();
  private texts: ByteArena | undefined;
  private idStart = new Float64Array(1024);
  private idLength = new Int32Array(1024);
  private textStart: Float64Array | undefined;
  /** Invalid records by file row: the problem, and the unit and line (known to the participant). */
  private faults: RowMap<string> = newRowMap();
  /** The lines one scan kept: offsets and lengths, asked of the engine at once. */
  private offsets = new Float64Array(4096);
  private lengths = new Int32Array(4096);

  constructor(private readonly engine: ScanEngine, keepText: boolean) {
    if (keepText) {
      this.texts = new ByteArena();
      this.textStart = new Float64Array(1024);
    }
  }

  /** After each scan: checks the lines it kept. */
  readonly afterScan: ScannedVisitor = (view, start, _end, offset) => {
    if (!this.alive) return;
    const rows = this.engine.appendedRows();
    if (rows < 0) {
      this.drop();
      return;
    }
    if (rows > this.idStart.length) this.grow(rows);
    const from = this.checked;
    if (rows - from > this.offsets.length) {
      this.offsets = new Float64Array(rows - from);
      this.lengths = new Int32Array(rows - from);
    }
    this.engine.appendedLines(from, rows, this.offsets, this.lengths);
    const base = start - offset;
    for (let row = from; row < rows; row++) {
      const at = (base + this.offsets[row - from]) | 0; // a position in the view: a small integer
      const end = at + this.lengths[row - from];
      // The scan framed the line: its first ':' ends the score (no view made for the framing).
      const recordStart = view.indexOf(0x3a, at) + 1;
      const record = checkRecord(view.subarray(recordStart, end));
      if ("problem" in record) rowSet(this.faults, row, record.problem);
      else {
        this.idStart[row] = this.ids.append(view, recordStart + record.idFrom, recordStart + record.idTo);
        this.idLength[row] = record.idTo - record.idFrom;
      }
      if (this.texts) this.textStart![row] = this.texts.append(view, at, end);
    }
    this.checked = rows;
  };

  private grow(rows: number): void {
    const size = Math.max(rows, this.idStart.length * 2);
    const idStart = new Float64Array(size);
    idStart.set(this.idStart);
    this.idStart = idStart;
    const idLength = new Int32Array(size);
    idLength.set(this.idLength);
    this.idLength = idLength;
    if (this.textStart) {
      const textStart = new Float64Array(size);
      textStart.set(this.textStart);
      this.textStart = textStart;
    }
  }

  private drop(): void {
    this.alive = false;
    this.ids = new ByteArena();
    this.texts = undefined;
    this.idStart = new Float64Array(0);
    this.idLength = new Int32Array(0);
    this.textStart = undefined;
    this.faults = newRowMap();
  }

  /**
   * After finish(): every kept row checked, best first like `kept`, when the engine never
   * stopped appending (kept.fileRows says where each row was in file order); else undefined.
   */
  result(kept: KeptColumns): Prechecked | undefined {
    const fileRows = kept.fileRows;
    if (!this.alive || !fileRows || kept.count !== this.checked) return undefined;
    const n = kept.count;
    // The ids stay where they are, in file order (moving them into rank order made the output
    // read them in order, but costs a second arena at the peak: 20 M short lines went past 2.5 GiB).
    const rows: CheckedRows = {
      count: n, idBytes: this.ids.bytes(), idStart: new Float64Array(n), idLength: new Int32Array(n),
      textBytes: this.texts?.bytes(), textStart: this.textStart ? new Float64Array(n) : undefined,
    };
    for (let r = 0; r < n; r++) rows.idStart[r] = this.idStart[fileRows[r]];
    for (let r = 0; r < n; r++) rows.idLength[r] = this.idLength[fileRows[r]];
    if (rows.textStart) for (let r = 0; r < n; r++) rows.textStart[r] = this.textStart![fileRows[r]];
    const count = this.faults.size;
    const faults: PrecheckedFaults = {
      count, rows: new Uint32Array(count), units: new Int32Array(count), lines: new Float64Array(count), problems: newRowMap(),
    };
    for (let r = 0, i = 0; i < count; r++) {
      const problem = rowGet(this.faults, fileRows[r]);
      if (problem === undefined) continue;
      faults.rows[i] = r;
      faults.units[i] = kept.units[r];
      faults.lines[i] = kept.lines[r];
      rowSet(faults.problems, i++, problem);
    }
    this.drop();
    return { rows, faults };
  }
}

/** Rows 0..take-1 of prechecked rows, with the first invalid record among them (in file order). */
export function prefixOf(prechecked: Prechecked, take: number): CheckedRows {
  const { rows, faults } = prechecked;
  const { units, lines } = faults;
  let first = -1;
  for (let i = 0; i < faults.count && faults.rows[i] < take; i++) {
    if (first < 0 || isEarlier(units[i], lines[i], units[first], lines[first])) first = i;
  }
  const fault: PlacedFault | undefined = first < 0 ? undefined : { unit: units[first], line: lines[first], problem: rowGet(faults.problems, first)! };
  return {
    count: take, idBytes: rows.idBytes, idStart: rows.idStart.subarray(0, take), idLength: rows.idLength.subarray(0, take),
    textBytes: rows.textBytes, textStart: rows.textStart?.subarray(0, take), fault,
  };
}
