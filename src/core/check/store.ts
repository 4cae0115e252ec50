// The one store of checked rows. A winner's line is checked from its bytes wherever they are in
// hand: read again by the check, kept by the engine (inputs that cannot be re-read), or just
// scanned (large counts, precheck.ts); every route adds it here the same way, and the store
// gives the same CheckedRows. Results stay in columns: the ids' bytes back to back.
import { ByteArena } from "../columns/byte-arena";
import { KeptColumns } from "../columns/kept";
import { RowMap, newRowMap, rowGet, rowSet, rowsBelow } from "../columns/row-map";
import { PlacedFault, firstFault, isEarlier } from "../model/faults";
import { acceptedId, recordProblem } from "./record";
import { LINE_START_BYTES, withLineStart } from "../model/line-start";

/** Distinct problems a record may have, at most (record.ts has 6): a problem's index is below it. */
const PROBLEM_KINDS = 16;

/** The checked rows 0..count-1 of a participant's kept lines. */
export interface CheckedRows {
  count: number;
  /** Row r's id, its JSON text as written (UTF-8), is idBytes[idStart[r], idStart[r] + idLength[r]). */
  idBytes: Uint8Array;
  idStart: Float64Array;
  idLength: Int32Array;
  /** With --lines: row r's line is textBytes[textStart[r], textStart[r] + its length). */
  textBytes?: Uint8Array;
  textStart?: Float64Array;
  /** The first invalid record among them, in file order. */
  fault?: PlacedFault;
}

/** What a check keeps of each row: its id's bytes (and with --lines its line's), or its record's problem. */
export class CheckStore {
  /**
   * Every row's record was added while scanning (precheck.ts): the check only re-reads the rows'
   * scores, since the input may have changed since (a changed input is never an answer).
   */
  filledByScan = false;
  private readonly ids = new ByteArena();
  private readonly texts: ByteArena | undefined;
  private idStart: Float64Array;
  private idLength: Int32Array;
  private textStart: Float64Array | undefined;
  /**
   * Invalid records by row: one number each, the problem's index in problemTexts and where the start
   * of its line is kept (see noteProblem). Rare, but a bad file under --strict may have millions:
   * no string is made per row, only for the one reported (rows()).
   */
  private problems: RowMap<number> = newRowMap();
  private readonly problemTexts: string[] = [];
  /** The first LINE_START_BYTES of each invalid record's line, each after a byte of its length. */
  private readonly lineStarts = new ByteArena();
  private readonly lengthByte = new Uint8Array(1);
  /** A fault found outside the rows (--strict's check of every line): reported if it comes first. */
  private outsideFault: PlacedFault | undefined;

  /** A store for rows 0..capacity-1 (reserve() makes room for more); keepText: keep each row's line (--lines). */
  constructor(capacity: number, keepText: boolean) {
    this.idStart = new Float64Array(capacity);
    this.idLength = new Int32Array(capacity);
    if (keepText) {
      this.texts = new ByteArena();
      this.textStart = new Float64Array(capacity);
    }
  }

  /** Room for rows 0..rows-1 (grows by doubling). */
  reserve(rows: number): void {
    if (rows <= this.idStart.length) return;
    const size = Math.max(rows, this.idStart.length * 2);
    this.idStart = grown(this.idStart, new Float64Array(size));
    this.idLength = grown(this.idLength, new Int32Array(size));
    if (this.textStart) this.textStart = grown(this.textStart, new Float64Array(size));
  }

  /**
   * Checks the record of row's line bytes[lineStart, lineEnd), which starts at recordStart (after
   * the score's ':'), and keeps the id (and the line), or the record's problem.
   */
  add(row: number, bytes: Uint8Array, lineStart: number, recordStart: number, lineEnd: number): void {
    const problem = recordProblem(bytes, recordStart, lineEnd);
    if (problem !== null) {
      this.noteProblem(row, problem, bytes, lineStart, lineEnd);
      return;
    }
    const { idFrom, idTo } = acceptedId;
    this.idStart[row] = this.ids.append(bytes, recordStart + idFrom, recordStart + idTo);
    this.idLength[row] = idTo - idFrom;
    if (this.texts) this.textStart![row] = this.texts.append(bytes, lineStart, lineEnd);
  }

  /** Keeps row's problem and its line's start (bytes[lineStart, lineEnd) is the line without its ending). */
  private noteProblem(row: number, problem: string, bytes: Uint8Array, lineStart: number, lineEnd: number): void {
    let kind = this.problemTexts.indexOf(problem);
    if (kind < 0) kind = this.problemTexts.push(problem) - 1;
    if (kind >= PROBLEM_KINDS) throw new Error(`more than ${PROBLEM_KINDS} kinds of invalid records`);
    const length = Math.min(lineEnd - lineStart, LINE_START_BYTES);
    this.lengthByte[0] = length;
    const at = this.lineStarts.append(this.lengthByte, 0, 1);
    this.lineStarts.append(bytes, lineStart, lineStart + length);
    rowSet(this.problems, row, at * PROBLEM_KINDS + kind);
  }

  /** The message of a row noted by noteProblem: its problem and its line's start. */
  private problemOf(row: number): string {
    const code = rowGet(this.problems, row)!;
    const at = Math.floor(code / PROBLEM_KINDS);
    const kept = this.lineStarts.bytes();
    return withLineStart(this.problemTexts[code % PROBLEM_KINDS], kept, at + 1, at + 1 + kept[at]);
  }

  /**
   * Renumbers rows 0..count-1: row r becomes what row from[r] was (the precheck adds rows in file
   * order, the check reads them best first). The ids stay where they are, in file order: moving
   * them into rank order made the output read them in order, but costs a second arena at the
   * peak (20 M short lines went past 2.5 GiB).
   */
  renumber(from: Uint32Array, count: number): void {
    const idStart = new Float64Array(count);
    const idLength = new Int32Array(count);
    for (let r = 0; r < count; r++) idStart[r] = this.idStart[from[r]];
    for (let r = 0; r < count; r++) idLength[r] = this.idLength[from[r]];
    this.idStart = idStart;
    this.idLength = idLength;
    if (this.textStart) {
      const textStart = new Float64Array(count);
      for (let r = 0; r < count; r++) textStart[r] = this.textStart[from[r]];
      this.textStart = textStart;
    }
    const problems = newRowMap<number>();
    for (let r = 0; r < count && problems.size < this.problems.size; r++) {
      const problem = rowGet(this.problems, from[r]);
      if (problem !== undefined) rowSet(problems, r, problem);
    }
    this.problems = problems;
  }

  /** Notes an invalid record found outside the rows (--strict): rows() reports the first of it and theirs. */
  noteFault(fault: PlacedFault | undefined): void {
    this.outsideFault = firstFault(this.outsideFault, fault);
  }

  /**
   * Rows 0..take-1, with the first invalid record among them and noteFault's in input order
   * (`kept` says where each row is).
   */
  rows(kept: KeptColumns, take: number): CheckedRows {
    let first = -1;
    if (this.problems.size > 0) {
      rowsBelow(this.problems, take, (row) => {
        if (first < 0 || isEarlier(kept.units[row], kept.lines[row], kept.units[first], kept.lines[first])) first = row;
      });
    }
    const fault = firstFault(this.outsideFault, first < 0
      ? undefined : { unit: kept.units[first], line: kept.lines[first], problem: this.problemOf(first) });
    return {
      count: take, idBytes: this.ids.bytes(), idStart: this.idStart.subarray(0, take), idLength: this.idLength.subarray(0, take),
      textBytes: this.texts?.bytes(), textStart: this.textStart?.subarray(0, take), fault,
    };
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The typed arrays inside checked rows, to transfer them to another thread without a copy. */
export function checkedBuffers(rows: CheckedRows): ArrayBuffer[] {
  const arrays = [rows.idBytes, rows.idStart, rows.idLength, rows.textBytes, rows.textStart];
  return [...new Set(arrays.filter((array) => array !== undefined).map((array) => array!.buffer as ArrayBuffer))];
}

/** One CheckedRows of consecutive parts (each for the rows after the previous part's), as if checked at once. */
export function joinChecked(parts: CheckedRows[]): CheckedRows {
  if (parts.length === 1) return parts[0];
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  const keepText = parts.some((part) => part.textStart !== undefined);
  const joined: CheckedRows = {
    count,
    idBytes: new Uint8Array(parts.reduce((sum, part) => sum + part.idBytes.length, 0)),
    idStart: new Float64Array(count), idLength: new Int32Array(count),
    textBytes: keepText ? new Uint8Array(parts.reduce((sum, part) => sum + (part.textBytes?.length ?? 0), 0)) : undefined,
    textStart: keepText ? new Float64Array(count) : undefined,
  };
  let row = 0;
  let idAt = 0;
  let textAt = 0;
  for (const part of parts) {
    joined.idBytes.set(part.idBytes, idAt);
    joined.idLength.set(part.idLength, row);
    for (let r = 0; r < part.count; r++) joined.idStart[row + r] = part.idStart[r] + idAt;
    if (keepText) {
      joined.textBytes!.set(part.textBytes!, textAt);
      for (let r = 0; r < part.count; r++) joined.textStart![row + r] = part.textStart![r] + textAt;
      textAt += part.textBytes!.length;
    }
    joined.fault = firstFault(joined.fault, part.fault);
    idAt += part.idBytes.length;
    row += part.count;
  }
  return joined;
}
