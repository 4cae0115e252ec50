// A decoder's own side (src/core/threads/decoder-worker.ts) on this thread, over bytes: it opens
// its input, fills the ring, says how it ended, and closes its input on every path.
import * as zlib from "node:zlib";
import { serveDecoder } from "../../../src/core/threads/decoder-worker";
import { DecoderMessage } from "../../../src/core/threads/decoder-client";
import { RingSource, closeRing, newRing } from "../../../src/core/input/decode-ring";
import { InputAccess } from "../../../src/core/input/access";
import { ByteSource, BytesSource } from "../../../src/core/input/source";
import { GzipSource } from "../../../src/core/input/gzip-source";
import { instantiateInflate } from "../../../src/core/input/inflate-core";
import { coreModule } from "../../../src/node/core-file";
import { Claims } from "../../../src/core/run/claims";
import { HighestError, fromErrorData } from "../../../src/core/model/errors";
import { RunPlan } from "../../../src/core/model/plan";

const text = Buffer.from(Array.from({ length: 3000 }, (_, i) => `${i}: {"id":${i}}\n`).join(""));
const plan: RunPlan = { inputs: [{ name: "f.gz", size: 0, segmentable: false, rereadable: false, compression: "gzip", path: "f.gz" }], units: [{ input: 0, from: 0, to: 0, whole: true }] };

/** An access whose one input is `gz` decoded by the core's inflate; it counts opens and closes. */
function accessOf(gz: Uint8Array, openError?: Error) {
  const counts = { opened: 0, closed: 0 };
  const access: InputAccess = {
    async openSequential() {
      if (openError) throw openError;
      counts.opened++;
      const compressed: ByteSource = { ...new BytesSource(gz), read: (t) => bytes.read(t), close: () => { counts.closed++; } };
      const bytes = new BytesSource(gz);
      return new GzipSource(await instantiateInflate(coreModule()), compressed, "f.gz");
    },
    openRandom: () => Promise.reject(new Error("not used")),
    inflater: () => instantiateInflate(coreModule()),
  };
  return { access, counts };
}

async function serve(gz: Uint8Array, slots: number, openError?: Error, stop = false) {
  const ring = newRing(slots, 4096);
  const claims = new Claims(1);
  if (stop) closeRing(ring);
  const messages: DecoderMessage[] = [];
  const { access, counts } = accessOf(gz, openError);
  await serveDecoder({ kind: "decode", plan, claims: claims.cells, input: 0, ring }, { post: (message) => messages.push(message) }, access);
  return { ring, messages, counts };
}

test("it decodes the whole input into the ring, then closes it", async () => {
  const { ring, messages, counts } = await serve(zlib.gzipSync(text), 64);
  expect(messages[0]).toEqual({ type: "opened" });
  expect(messages.at(-1)).toEqual({ type: "closed" });
  // A slot a 4096 bytes, the last ending at the member's end; then an empty one says the input ended.
  expect(messages.filter((m) => m.type === "filled").length).toBe(Math.ceil(text.length / 4096) + 1);
  expect(counts).toEqual({ opened: 1, closed: 1 });
  const source = new RingSource(ring, { published: async () => {}, failure: async () => new Error(), closed: async () => undefined });
  const out: Buffer[] = [];
  const target = new Uint8Array(10_000);
  for (let n = await source.read(target); n > 0; n = await source.read(target)) out.push(Buffer.from(target.subarray(0, n)));
  expect(Buffer.concat(out)).toEqual(text);
});

test("damaged data: its error is posted after the slots before it, and the input is closed", async () => {
  const gz = zlib.gzipSync(text);
  gz[gz.length - 6] ^= 0x55; // the CRC-32
  const { messages, counts } = await serve(gz, 64);
  const failed = messages.find((m) => m.type === "failed") as Extract<DecoderMessage, { type: "failed" }>;
  expect(fromErrorData(failed.error).message).toBe("f.gz: damaged gzip data");
  expect(messages.at(-1)).toEqual({ type: "closed" });
  expect(counts.closed).toBe(1);
});

test("an open that fails posts its error and nothing was opened; a ring closed first opens nothing", async () => {
  const { messages } = await serve(zlib.gzipSync(text), 4, new HighestError("input", "f.gz: cannot open the input: no such file"));
  expect(messages.map((m) => m.type)).toEqual(["failed", "closed"]);
  const early = await serve(zlib.gzipSync(text), 4, undefined, true);
  expect(early.messages).toEqual([{ type: "closed" }]);
  expect(early.counts).toEqual({ opened: 0, closed: 0 });
});
