// The shared board of a run: which participant owns which unit, the first unit that failed,
// and a stop flag. On a SharedArrayBuffer where threads run (Atomics: compare-and-swap claims,
// so a participant that starts late simply takes fewer units); a plain buffer otherwise.

const FIRST_ERROR = 0; // the first unit whose scan failed (units after it need no scan)
const STOP = 1;        // 1: stop at the next read (abort, or the run failed)
const HELPERS_READ = 2; // KiB the helpers have read (progress: the calling thread adds its own)
const CLAIMED = 3;     // units claimed so far, announced: a thread may wait for the next (helpers-first.ts)
const OWNERS = 4;      // then one owner per unit (0 = free)

type WaitAsync = (cells: Int32Array, index: number, value: number) =>
  { async: false; value: string } | { async: true; value: Promise<string> };

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
        Atomics.add(cells, CLAIMED, 1);
        Atomics.notify(cells, CLAIMED); // once per unit (units are large): no waiter, no cost to speak of
        return k;
      }
    }
    return -1;
  }

  /** Who owns unit k (0: nobody yet). */
  owner(k: number): number {
    return Atomics.load(this.cells, OWNERS + k);
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

  /** Units claimed so far, by anyone. */
  claimed(): number {
    return Atomics.load(this.cells, CLAIMED);
  }

  /**
   * Resolves once a claim after the first `seen` is made (or stop() is called, or wake()), without
   * blocking this thread; undefined where it cannot wait (no Atomics.waitAsync, or no shared memory).
   */
  nextClaim(seen: number): Promise<void> | undefined {
    const { waitAsync } = Atomics as unknown as { waitAsync?: WaitAsync }; // ES2024: not in every runtime
    if (!waitAsync || typeof SharedArrayBuffer !== "function" || !(this.cells.buffer instanceof SharedArrayBuffer)) return undefined;
    const waited = waitAsync(this.cells, CLAIMED, seen);
    return waited.async ? waited.value.then(() => {}) : Promise.resolve();
  }

  /** Ends every nextClaim() still waiting (whoever waited has stopped waiting). */
  wake(): void {
    Atomics.notify(this.cells, CLAIMED);
  }

  /** Asks every participant to stop at its next read. */
  stop(): void {
    Atomics.store(this.cells, STOP, 1);
    this.wake();
  }

  stopped(): boolean {
    return Atomics.load(this.cells, STOP) === 1;
  }
}
