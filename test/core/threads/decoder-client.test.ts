// The calling thread's side of a decoder (src/core/threads/decoder-client.ts) over a fake port:
// each published slot wakes a waiting reader; a stop or a thread that is gone ends the wait.
import { DecoderClientPort, DecoderMessage, decoderOver } from "../../../src/core/threads/decoder-client";
import { newRing } from "../../../src/core/input/decode-ring";

function fakePort() {
  let deliver: (message: DecoderMessage) => void = () => {};
  let end: (reason?: string) => void = () => {};
  let terminated = 0;
  const port: DecoderClientPort = {
    listen: (onMessage, onEnd) => { deliver = onMessage; end = onEnd; },
    terminate: async () => { terminated++; },
  };
  return { port, deliver: (message: DecoderMessage) => deliver(message), end: (reason?: string) => end(reason), terminated: () => terminated };
}

test("a reader waiting for a slot is woken by the message that follows it", async () => {
  const fake = fakePort();
  const decoder = decoderOver(fake.port);
  const ring = newRing(2, 8);
  let woken = false;
  const waiting = decoder.published(ring.control, 0).then(() => { woken = true; });
  fake.deliver({ type: "filled" }); // a message before the slot is published wakes nothing
  await Promise.resolve();
  expect(woken).toBe(false);
  Atomics.store(ring.control, 0, 1); // the slot, as the decoder publishes it
  fake.deliver({ type: "filled" });
  await waiting;
  expect(woken).toBe(true);
});

test("opened, its open's error, its decode's error and its close's error each reach their own promise", async () => {
  let fake = fakePort();
  let decoder = decoderOver(fake.port);
  fake.deliver({ type: "failed", error: { kind: "input", detail: "f.gz: cannot open the input: no such file" } });
  await expect(decoder.opened).rejects.toThrow("no such file");
  fake = fakePort();
  decoder = decoderOver(fake.port);
  fake.deliver({ type: "opened" });
  fake.deliver({ type: "failed", error: { kind: "input", detail: "f.gz: damaged gzip data" } });
  fake.deliver({ type: "closed", error: { kind: "input", detail: "f.gz: the input changed while it was read" } });
  await expect(decoder.opened).resolves.toBe(true);
  await expect(decoder.failure()).resolves.toThrow("damaged gzip data");
  await expect(decoder.closed()).resolves.toThrow("changed while it was read");
  await decoder.close();
  expect(fake.terminated()).toBe(1);
});

test("a decoder that stopped before its end fails a waiting read as aborted; one that is gone, as a dead thread", async () => {
  let fake = fakePort();
  let decoder = decoderOver(fake.port);
  const ring = newRing(2, 8);
  fake.deliver({ type: "opened" });
  const stopped = decoder.published(ring.control, 0);
  fake.deliver({ type: "closed" });
  await expect(stopped).rejects.toThrow("aborted");
  fake = fakePort();
  decoder = decoderOver(fake.port);
  const gone = decoder.published(ring.control, 0);
  fake.end("exit code 1");
  await expect(gone).rejects.toThrow(/exited before it reported \(exit code 1\)/);
  await expect(decoder.opened).resolves.toBe(false); // never opened: the calling thread reads the input itself
  await decoder.close(); // nothing to wait for
});
