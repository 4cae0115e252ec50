// The shared board of a run: which participant owns which unit, the first unit that failed,
// and a stop flag. On a SharedArrayBuffer where threads run (Atomics: compare-and-swap claims,
// so a participant that starts late simply takes fewer units); a plain buffer otherwise.

const FIRST_ERROR = 0; // the first unit whose scan failed (units after it need no scan)
const STOP = 1;        // 1: stop at the next read (abort, or the run failed)
const HELPERS_READ = 2; // KiB the helpers have read (progress: the calling thread adds its own)
const OWNERS = 3;      // then one owner per unit (0 = free)

/** Claims of one run, shareable with worker threads. */
export class Claims {
  readonly cells: Int32Array;
  /** No unit below it is free for this participant. */
  private cursor = 0;

  /** A new board, or (cells) a view of one another thread made. */
  constructor(readonly units: number, cells?: Int32Array) {
    if (!cells) {
      const bytes = 4 * (OWNERS + units);
      const buffer = typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      cells = new Int32Array(buffer);
      cells[FIRST_ERROR] = units;
    }
    this.cells = cells;
  }

  /** Claims the next free unit that `accepts` for participant `id` (1-based); -1 when none is left. */
  claim(id: number, accepts: (unit: number) => boolean): number {
    const cells = this.cells;
    // Owned units stay owned, and what this participant does not accept it never will: a
    // cursor of its own (each participant has its own Claims over the shared cells) never goes back.
    for (; this.cursor < this.units; this.cursor++) {
      const k = this.cursor;
      if (Atomics.load(cells, OWNERS + k) !== 0 || !accepts(k)) continue;
      if (Atomics.compareExchange(cells, OWNERS + k, 0, id) === 0) {
        this.cursor++;
        return k;
      }
    }
    return -1;
  }

  /** Does participant `id` own any unit? (Final once every unit is claimed.) */
  ownsAny(id: number): boolean {
    for (let k = 0; k < this.units; k++) if (Atomics.load(this.cells, OWNERS + k) === id) return true;
    return false;
  }

  /** Notes that unit k failed: later units need not be scanned. */
  noteError(k: number): void {
    for (;;) {
      const first = Atomics.load(this.cells, FIRST_ERROR);
      if (k >= first || Atomics.compareExchange(this.cells, FIRST_ERROR, first, k) === first) return;
    }
  }

  /** Units after this one need no scan. */
  firstError(): number {
    return Atomics.load(this.cells, FIRST_ERROR);
  }

  /** A helper read `kib` KiB more. */
  addHelperRead(kib: number): void {
    Atomics.add(this.cells, HELPERS_READ, kib);
  }

  /** Bytes the helpers have read so far (to the KiB). */
  helpersRead(): number {
    return Atomics.load(this.cells, HELPERS_READ) * 1024;
  }

  /** Asks every participant to stop at its next read. */
  stop(): void {
    Atomics.store(this.cells, STOP, 1);
  }

  stopped(): boolean {
    return Atomics.load(this.cells, STOP) === 1;
  }
}
