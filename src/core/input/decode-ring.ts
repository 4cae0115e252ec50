// A ring of fixed slots in shared memory between a thread that decodes one whole compressed input
// and the thread that scans what it decodes (run/decode-beside.ts places them). The decoder fills
// slots in order from its ByteSource (the same GzipSource or ZstdSource an inline read uses) and
// waits, with Atomics.wait, while every slot is full; the scanning side reads slots in order and
// never blocks (a browser's main thread may not): it waits asynchronously for the next slot, woken by
// a message the decoder posts after each slot. Nothing is allocated per slot.
//
// A slot ends at a member or frame end, as each read of the inline route does. Each slot carries its bytes, the compressed bytes taken so far (progress), how far the decoded
// output is checked (the end of the last member or frame whose checks passed: settle() waits for
// it to pass the scan's position), and whether the input ended or failed after those bytes: the
// decoder's error surfaces at the same point of the stream as an inline read's. Decoded bytes are
// copied twice (the decoder's memory to a slot, a slot to the scan's target): the decoder's memory
// is its own thread's, the scan's target this thread's, and the ring is the memory both can see.
import { ByteSource } from "./source";

/** Slots, and bytes a slot, of a ring (measured: docs/BENCHMARKS.md, "decode beside the scan"). */
export const RING_SLOTS = 4;
export const RING_SLOT_BYTES = 1 << 20;

const WRITTEN = 0; // slots published by the decoder
const TAKEN = 1;   // slots released by the reader
const CLOSED = 2;  // 1: the reader is done (or the run is over): the decoder stops
const CONTROL = 4;

const LENGTH = 0;   // per slot: its bytes,
const CONSUMED = 1; // compressed bytes taken so far,
const CHECKED = 2;  // decoded bytes known intact so far,
const STATUS = 3;   // and what follows its bytes:
const META = 4;
const MORE = 0;
const ENDED = 1;
const FAILED = 2;

/** A ring's shared memory, as it crosses to the decoder's thread. */
export interface RingBuffers {
  control: Int32Array;
  meta: Float64Array;
  data: Uint8Array;
  slotBytes: number;
}

/** A new ring (shared memory: only where threads run). */
export function newRing(slots = RING_SLOTS, slotBytes = RING_SLOT_BYTES): RingBuffers {
  return {
    control: new Int32Array(new SharedArrayBuffer(4 * CONTROL)),
    meta: new Float64Array(new SharedArrayBuffer(8 * META * slots)),
    data: new Uint8Array(new SharedArrayBuffer(slots * slotBytes)),
    slotBytes,
  };
}

const slotsOf = (ring: RingBuffers) => ring.meta.length / META;

/** Tells the decoder to stop (the reader is done, or the run is over) and wakes it if it waits. */
export function closeRing(ring: RingBuffers): void {
  Atomics.store(ring.control, CLOSED, 1);
  Atomics.notify(ring.control, TAKEN);
}

/** Slots the decoder has published so far. */
export function slotsWritten(control: Int32Array): number {
  return Atomics.load(control, WRITTEN);
}

/** Is the ring closed (the decoder stops)? */
export function ringClosed(ring: RingBuffers): boolean {
  return Atomics.load(ring.control, CLOSED) === 1;
}

/** How the decoder's side ended: the input's end, an error (published after its bytes), or a stop. */
export type FillEnd = { kind: "ended" } | { kind: "failed"; error: unknown } | { kind: "stopped" };

/**
 * The decoder's side: fills slots from `source` until it ends or fails (published as the last
 * slot's status) or the ring is closed or `stopped()`. `published` is called after each slot
 * (the message that wakes the reader). Blocks its thread while the ring is full.
 */
export async function fillRing(ring: RingBuffers, source: ByteSource, stopped: () => boolean, published?: () => void): Promise<FillEnd> {
  const { control, meta, data, slotBytes } = ring;
  const slots = slotsOf(ring);
  const halted = () => ringClosed(ring) || stopped();
  let decoded = 0; // bytes read from `source`
  let carried = 0; // of them, at the end of the last slot, the next slot's first
  let carriedFrom = 0;
  for (let written = 0; ; written++) {
    for (let taken = Atomics.load(control, TAKEN); written - taken >= slots; taken = Atomics.load(control, TAKEN)) {
      if (halted()) return { kind: "stopped" };
      // Woken by every release and by closeRing; the timeout only re-reads the board's stop flag.
      Atomics.wait(control, TAKEN, taken, 1000);
    }
    if (halted()) return { kind: "stopped" };
    const slot = written % slots;
    const view = data.subarray(slot * slotBytes, (slot + 1) * slotBytes);
    const slotStart = decoded - carried; // decoded offset of the slot's first byte
    let filled = carried;
    if (carried > 0) data.copyWithin(slot * slotBytes, carriedFrom, carriedFrom + carried); // from the slot before (there are two at least)
    carried = 0;
    let end: FillEnd | undefined;
    try {
      while (filled < slotBytes) {
        const n = await source.read(view.subarray(filled));
        if (n === 0) { end = { kind: "ended" }; break; }
        filled += n;
        decoded += n;
        // A slot ends where a member or frame does, as each read of an inline decode does: a read
        // of the scan never spans one, so settle() asks about the same member as on one thread.
        const checked = source.checked?.();
        if (checked === undefined || checked <= slotStart) continue;
        if (checked < decoded) {
          // The member ended before this read's bytes (a step that gave none ended it): they start the next slot.
          carried = decoded - checked;
          carriedFrom = slot * slotBytes + filled - carried;
          filled -= carried;
          break;
        }
        if (checked === decoded) break;
      }
    } catch (error) {
      end = { kind: "failed", error };
    }
    const at = slot * META;
    meta[at + LENGTH] = filled;
    meta[at + CONSUMED] = source.consumed?.() ?? 0;
    meta[at + CHECKED] = source.checked?.() ?? Infinity;
    meta[at + STATUS] = end === undefined ? MORE : end.kind === "ended" ? ENDED : FAILED;
    Atomics.store(control, WRITTEN, written + 1);
    Atomics.notify(control, WRITTEN);
    published?.();
    if (end) return end;
  }
}

/** What the reader needs from the decoder beyond the ring (threads/decoder-client.ts). */
export interface RingPeer {
  /** Resolves once more than `written` slots are published; rejects once the decoder is gone without publishing its end. */
  published(control: Int32Array, written: number): Promise<void>;
  /** The error the decoder failed with (a slot's status said it failed). */
  failure(): Promise<Error>;
  /** Once the decoder closed its input: an error its close found (the file changed), else undefined. */
  closed(): Promise<Error | undefined>;
}

/** The scanning side: the decoded bytes, in order, from the ring (an ordinary ByteSource). */
export class RingSource implements ByteSource {
  private next = 0;       // the slot taken next
  private current = -1;   // the slot being read (-1: none)
  private offset = 0;     // bytes of it given
  private given = 0;      // decoded bytes given to the scan
  private status = MORE;
  private consumedBytes = 0;
  private done = false;

  constructor(private readonly ring: RingBuffers, private readonly peer: RingPeer, readonly size?: number) {}

  consumed(): number {
    return this.consumedBytes;
  }

  async read(target: Uint8Array): Promise<number> {
    const { meta, data, slotBytes } = this.ring;
    for (;;) {
      if (this.current >= 0) {
        const at = this.current * META;
        const left = meta[at + LENGTH] - this.offset;
        if (left > 0) {
          const n = Math.min(left, target.length);
          const from = this.current * slotBytes + this.offset;
          target.set(data.subarray(from, from + n));
          this.offset += n;
          this.given += n;
          return n;
        }
        this.release();
        if (this.status === ENDED) return 0;
        if (this.status === FAILED) throw await this.peer.failure();
      }
      if (this.done) return 0;
      await this.take();
    }
  }

  /**
   * Before a data error in the bytes given is reported: waits until the decoder has checked
   * past them (their member or frame ended with its checks passing), or throws its error if
   * that comes first. The slots it passes are dropped: the scan of this unit is over.
   */
  async settle(): Promise<void> {
    const { meta } = this.ring;
    for (;;) {
      if (this.current >= 0) {
        const at = this.current * META;
        if (meta[at + CHECKED] >= this.given || this.status === ENDED) return;
        this.release();
        if (this.status === FAILED) throw await this.peer.failure();
      }
      if (this.done) return;
      await this.take();
    }
  }

  /** The decoder stops (if it has not ended) and closes its input; what its close found is this close's error. */
  async close(): Promise<void> {
    if (this.current >= 0) this.release();
    this.done = true;
    closeRing(this.ring);
    const error = await this.peer.closed();
    if (error) throw error;
  }

  /** Takes the next published slot, waiting for it. */
  private async take(): Promise<void> {
    const { control, meta } = this.ring;
    while (Atomics.load(control, WRITTEN) <= this.next) await this.peer.published(control, this.next);
    this.current = this.next % slotsOf(this.ring);
    this.next++;
    this.offset = 0;
    const at = this.current * META;
    this.status = meta[at + STATUS];
    this.consumedBytes = meta[at + CONSUMED];
    if (this.status !== MORE) this.done = true;
  }

  /** The slot being read goes back to the decoder. */
  private release(): void {
    const control = this.ring.control;
    Atomics.store(control, TAKEN, this.next);
    Atomics.notify(control, TAKEN);
    this.current = -1;
  }
}
