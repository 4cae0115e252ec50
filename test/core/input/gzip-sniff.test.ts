// input/gzip-sniff.ts: a source read once in order is told gzip or plain by its first bytes alone.
import { gzipSync } from "node:zlib";
import { ByteSource, BytesSource } from "../../../src/core/input/source";
import { SniffingSource } from "../../../src/core/input/gzip-sniff";
import { InflateExports, instantiateInflate } from "../../../src/core/input/inflate-core";
import { coreModule } from "../../../src/node/core-file";

const text = "5:{\"id\":1}\n7:{\"id\":2}\n".repeat(50);

/** A source giving at most `most` bytes per read (a pipe may give 1), and noting its close. */
class Trickle implements ByteSource {
  private at = 0;
  closed = false;
  constructor(private readonly data: Uint8Array, private readonly most: number) {}
  read(target: Uint8Array): number {
    const n = Math.min(target.length, this.most, this.data.length - this.at);
    target.set(this.data.subarray(this.at, this.at + n));
    this.at += n;
    return n;
  }
  close(): void { this.closed = true; }
}

async function readAll(source: ByteSource, size = 7): Promise<Buffer> {
  const parts: Buffer[] = [];
  const target = new Uint8Array(size);
  for (let n = await source.read(target); n > 0; n = await source.read(target)) parts.push(Buffer.from(target.subarray(0, n)));
  return Buffer.concat(parts);
}

let inflaters = 0;
const inflater = (): Promise<InflateExports> => { inflaters++; return instantiateInflate(coreModule()); };

test("plain bytes go on untouched, whatever the read sizes, and no inflate is made", async () => {
  for (const most of [1, 2, 3, 5, 1000]) {
    const before = inflaters;
    const source = new SniffingSource(new Trickle(Buffer.from(text), most), inflater, "-");
    expect((await readAll(source)).toString()).toBe(text);
    expect([inflaters - before, source.consumed()]).toEqual([0, undefined]);
  }
  expect((await readAll(new SniffingSource(new BytesSource(new Uint8Array(0)), inflater, "-"))).length).toBe(0);
  expect((await readAll(new SniffingSource(new BytesSource(Uint8Array.of(0x1f)), inflater, "-"))).toString("latin1")).toBe("\x1f");
});

test("gzip is decoded, told by its magic bytes even when they arrive one at a time; consumed counts the compressed bytes", async () => {
  const packed = gzipSync(text);
  for (const most of [1, 3, 1 << 20]) {
    const source = new SniffingSource(new Trickle(packed, most), inflater, "-");
    expect((await readAll(source, 100)).toString()).toBe(text);
    await source.settle();
    expect(source.consumed()).toBe(packed.length);
  }
});

test("another compressed format is refused by name, not read as text", async () => {
  const zstd = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0);
  await expect(readAll(new SniffingSource(new BytesSource(zstd), inflater, "in.zst"))).rejects.toThrow(/zstd/);
});

test("close() closes the raw source, gzip or not", async () => {
  for (const data of [Buffer.from(text), gzipSync(text)]) {
    const raw = new Trickle(data, 64);
    const source = new SniffingSource(raw, inflater, "-");
    await source.read(new Uint8Array(4));
    await source.close();
    expect(raw.closed).toBe(true);
  }
});
