// The shared board of a run: which participant owns which unit, the first unit that failed,
// and a stop flag. On a SharedArrayBuffer where threads run (Atomics: compare-and-swap claims,
// so a participant that starts late simply takes fewer units); a plain buffer otherwise.
// A run that cuts a gzip file (input/gzip-blocks.ts) also has a window board: each unit's 32 KiB
// of decoded bytes before its start, handed on by the unit before when it knows them.
import { WINDOW_BYTES } from "../input/inflate-core";

const FIRST_ERROR = 0; // the first unit whose scan failed (units after it need no scan)
const STOP = 1;        // 1: stop at the next read (abort, or the run failed)
const HELPERS_READ = 2; // KiB the helpers have read (progress: the calling thread adds its own)
const OWNERS = 3;      // then one owner per unit (0 = free), then (windowed) one window state per unit
const WINDOW_PENDING = 0;
const WINDOW_READY = 1;
/** How often a wait for a window looks whether the run stopped or failed before it. */
const WAIT_SLICE_MS = 50;

/** Claims of one run, shareable with worker threads. */
export class Claims {
  readonly cells: Int32Array;
  /** No unit below it is free for this participant. */
  private cursor = 0;

  /** The windows (windowed boards): unit k's at k * WINDOW_BYTES. */
  private readonly windows: Uint8Array | undefined;

  /** A new board, or (cells) a view of one another thread made; `windowed`: with a window board. */
  constructor(readonly units: number, cells?: Int32Array, windowed = false) {
    if (!cells) {
      const bytes = 4 * (OWNERS + units) + (windowed ? 4 * units + WINDOW_BYTES * units : 0);
      const buffer = typeof SharedArrayBuffer === "function" ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      cells = new Int32Array(buffer, 0, OWNERS + units * (windowed ? 2 : 1));
      cells[FIRST_ERROR] = units;
    }
    this.cells = cells;
    if (cells.length > OWNERS + units) this.windows = new Uint8Array(cells.buffer, 4 * (OWNERS + 2 * units), WINDOW_BYTES * units);
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

  /** Unit k's window is known: the 32 KiB before its start. */
  publishWindow(k: number, window: Uint8Array): void {
    if (k >= this.units) return;
    const state = this.windowState(k);
    if (window.length !== WINDOW_BYTES) throw new Error(`internal error: a window of ${window.length} bytes`);
    this.windows!.set(window, k * WINDOW_BYTES);
    Atomics.store(this.cells, state, WINDOW_READY);
    if (this.cells.buffer instanceof ArrayBuffer) return; // no thread waits on a plain buffer
    Atomics.notify(this.cells, state);
  }

  /**
   * Unit k's window once the unit before publishes it (a view of the board), or undefined when
   * the run stopped or failed before unit k (nothing after it matters).
   */
  async windowOf(k: number): Promise<Uint8Array | undefined> {
    const state = this.windowState(k);
    for (;;) {
      const value = Atomics.load(this.cells, state);
      if (value === WINDOW_READY) return this.windows!.subarray(k * WINDOW_BYTES, (k + 1) * WINDOW_BYTES);
      if (this.stopped() || this.firstError() < k) return undefined;
      if (this.cells.buffer instanceof ArrayBuffer) {
        // One participant takes the units in order: the unit before has published already.
        throw new Error(`internal error: unit ${k}'s window is awaited on a board no other thread shares`);
      }
      await waitAsync(this.cells, state, WINDOW_PENDING, WAIT_SLICE_MS);
    }
  }

  private windowState(k: number): number {
    if (!this.windows) throw new Error("internal error: a window asked of a run without a window board");
    return OWNERS + this.units + k;
  }
}

/**
 * Resolves when `cells[index]` is no longer `value`, or after `ms`. Atomics.waitAsync where
 * there is one, with a timer beside it all the same: a pending waitAsync alone does not keep
 * Node's event loop (a worker's) alive.
 */
function waitAsync(cells: Int32Array, index: number, value: number, ms: number): Promise<unknown> {
  const wait = (Atomics as unknown as {
    waitAsync?: (array: Int32Array, index: number, value: number, timeout: number) => { async: boolean; value: unknown };
  }).waitAsync;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms); });
  if (!wait) return timeout;
  const result = wait(cells, index, value, ms);
  if (!result.async) {
    clearTimeout(timer);
    return Promise.resolve(result.value);
  }
  return Promise.race([result.value as Promise<unknown>, timeout]).finally(() => clearTimeout(timer));
}
