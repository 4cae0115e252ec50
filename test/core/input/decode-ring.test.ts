// The ring between a decoder and the scan (src/core/input/decode-ring.ts), both ends on this
// thread: a ring with room for every slot a test fills, so the decoder's side never waits.
import { FillEnd, RingPeer, RingSource, closeRing, fillRing, newRing, ringClosed, slotsWritten } from "../../../src/core/input/decode-ring";
import { ByteSource } from "../../../src/core/input/source";
import { HighestError } from "../../../src/core/model/errors";

/** A decoded stream given in pieces: `checkedAt[i]` is what checked() says after piece i; `fail` thrown after the last. */
function pieces(parts: Uint8Array[], checkedAt: number[], fail?: Error): ByteSource & { closed: boolean } {
  let i = 0;
  let offset = 0;
  let consumed = 0;
  return {
    closed: false,
    read(target) {
      if (i === parts.length) {
        if (fail) throw fail;
        return 0;
      }
      const n = Math.min(target.length, parts[i].length - offset);
      target.set(parts[i].subarray(offset, offset + n));
      offset += n;
      consumed += n;
      if (offset === parts[i].length) { i++; offset = 0; }
      return n;
    },
    consumed: () => Math.floor(consumed / 2),
    checked: () => checkedAt[Math.max(0, i - 1)] ?? 0,
  };
}

/** A peer on the same thread: the slots are all there once fillRing returned. */
function peer(failure?: Error): RingPeer & { closes: number } {
  return {
    closes: 0,
    published: async () => { throw new Error("waited for a slot that was never published"); },
    failure: async () => failure ?? new Error("no failure"),
    async closed() { this.closes++; return undefined; },
  };
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

async function readAll(source: ByteSource, chunk: number): Promise<Uint8Array> {
  const out: number[] = [];
  const target = new Uint8Array(chunk);
  for (let n = await source.read(target); n > 0; n = await source.read(target)) out.push(...target.subarray(0, n));
  return Uint8Array.from(out);
}

test("the decoded bytes come through in order, across slots, whatever the read size; progress is the decoder's", async () => {
  const parts = [bytes(1000, 1), bytes(77, 2), bytes(2500, 3)];
  for (const chunk of [1, 13, 4096]) {
    const ring = newRing(16, 256);
    const end = await fillRing(ring, pieces(parts, [0, 0, 0]), () => false);
    expect(end).toEqual({ kind: "ended" });
    expect(slotsWritten(ring.control)).toBe(Math.ceil(3577 / 256)); // the last, partly filled, says the input ended
    const source = new RingSource(ring, peer());
    expect(await readAll(source, chunk)).toEqual(concat(parts));
    expect(source.consumed()).toBe(Math.floor(3577 / 2));
  }
});

test("a decoder's error comes after every byte decoded before it", async () => {
  const ring = newRing(16, 100);
  const damaged = new HighestError("input", "f.gz: damaged gzip data");
  const end = await fillRing(ring, pieces([bytes(250, 4)], [0], damaged), () => false);
  expect(end).toEqual({ kind: "failed", error: damaged });
  const source = new RingSource(ring, peer(damaged));
  const target = new Uint8Array(1000);
  let got = 0;
  for (let i = 0; i < 3; i++) got += await source.read(target.subarray(got)); // 100, 100, 50
  expect(got).toBe(250);
  expect(target.subarray(0, 250)).toEqual(bytes(250, 4));
  await expect(source.read(target)).rejects.toBe(damaged);
});

test("settle waits until the decoder checked past the bytes given, or throws its error if that comes first", async () => {
  // The member the given bytes end in ends (is checked) two slots later: settle passes.
  let ring = newRing(16, 100);
  await fillRing(ring, pieces([bytes(100, 5), bytes(100, 6), bytes(100, 7), bytes(50, 8)], [0, 0, 280, 350]), () => false);
  let source = new RingSource(ring, peer());
  await source.read(new Uint8Array(60));
  await expect(source.settle()).resolves.toBeUndefined();
  // Damaged before the member ends: the error, not the scan's.
  ring = newRing(16, 100);
  const damaged = new HighestError("input", "f.gz: damaged gzip data");
  await fillRing(ring, pieces([bytes(100, 5), bytes(100, 6)], [0, 0], damaged), () => false);
  source = new RingSource(ring, peer(damaged));
  await source.read(new Uint8Array(60));
  await expect(source.settle()).rejects.toBe(damaged);
  // An intact member, then damage: what was given is checked, the scan's error counts.
  ring = newRing(16, 100);
  await fillRing(ring, pieces([bytes(100, 5), bytes(100, 6)], [150, 150], damaged), () => false);
  source = new RingSource(ring, peer(damaged));
  await source.read(new Uint8Array(100));
  await source.read(new Uint8Array(40));
  await expect(source.settle()).resolves.toBeUndefined();
});

test("a closed ring stops the decoder before its next slot, and closing the reader waits for the decoder's close", async () => {
  const ring = newRing(4, 10);
  closeRing(ring);
  expect(ringClosed(ring)).toBe(true);
  const end: FillEnd = await fillRing(ring, pieces([bytes(100, 9)], [0]), () => false);
  expect(end).toEqual({ kind: "stopped" });
  expect(slotsWritten(ring.control)).toBe(0);
  // The board's stop flag does the same.
  expect(await fillRing(newRing(4, 10), pieces([bytes(100, 9)], [0]), () => true)).toEqual({ kind: "stopped" });
  const other = newRing(4, 10);
  const reader = peer();
  await new RingSource(other, reader).close();
  expect(ringClosed(other)).toBe(true);
  expect(reader.closes).toBe(1);
});

test("a full ring holds the decoder until the reader releases a slot (or the ring is closed)", async () => {
  const ring = newRing(2, 10);
  const stops: boolean[] = [];
  // Two slots fill; the third waits: the stop flag, asked while it waits, ends it.
  const end = await fillRing(ring, pieces([bytes(100, 9)], [0]), () => { stops.push(true); return stops.length > 2; });
  expect(end).toEqual({ kind: "stopped" });
  expect(slotsWritten(ring.control)).toBe(2);
});

test("a slot ends where a member ends, as an inline read does; bytes read past it start the next slot", async () => {
  // Members end after 300 bytes (known at the end of the read that gave them) and after 500
  // (known only with the read after it, as when a step with no output ends a member).
  const parts = [bytes(300, 1), bytes(200, 2), bytes(250, 3)];
  let i = 0;
  let checked = 0;
  let ended = false;
  const source: ByteSource = {
    read(target) {
      if (i === parts.length) { ended = true; return 0; }
      if (i === 2) checked = 500;
      target.set(parts[i].subarray(0, target.length));
      const n = Math.min(target.length, parts[i].length);
      if (i === 0) checked = 300;
      i++;
      return n;
    },
    checked: () => (ended ? 750 : checked),
  };
  const ring = newRing(8, 1000);
  await fillRing(ring, source, () => false);
  const lengths = Array.from({ length: slotsWritten(ring.control) }, (_, k) => ring.meta[4 * k]);
  expect(lengths).toEqual([300, 200, 250]);
  expect(await readAll(new RingSource(ring, peer()), 4096)).toEqual(concat(parts));
});
