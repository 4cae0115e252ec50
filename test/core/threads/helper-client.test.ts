// The calling thread's side of a helper (src/core/threads/helper-client.ts) over a fake port:
// answers reach the commands that asked for them, in order, however early the commands are given.
import { HelperClientPort, HelperCommand, HelperMessage, helperOver } from "../../../src/core/threads/helper-client";
import { ParticipantResult } from "../../../src/core/run/reports";

function fakePort() {
  const sent: HelperCommand[] = [];
  let deliver: (message: HelperMessage) => void = () => {};
  let end: (reason?: string) => void = () => {};
  const port: HelperClientPort = {
    post: (command) => { sent.push(command); },
    listen: (onMessage, onEnd) => { deliver = onMessage; end = onEnd; },
    terminate: async () => {},
  };
  return { port, sent, deliver: (message: HelperMessage) => deliver(message), end: (reason?: string) => end(reason) };
}

const scanned = { reports: [], kept: { count: 0 }, prechecked: false } as unknown as ParticipantResult;
const checked = { count: 0, idBytes: new Uint8Array(0), idStart: new Float64Array(0), idLength: new Int32Array(0) };

test("a check asked before the scan is reported gets its own answer, and the scan its own", async () => {
  const fake = fakePort();
  const helper = helperOver(fake.port);
  const check = helper.check([{ from: 0, to: 0 }], false); // asked while "scanned" is still awaited
  fake.deliver({ type: "scanned", result: scanned });
  fake.deliver({ type: "checked", checks: [checked] });
  await expect(helper.result).resolves.toBe(scanned);
  await expect(check).resolves.toEqual([checked]);
  expect(fake.sent.map((command) => command.type)).toEqual(["check"]);
});

test("a helper that ends unasked fails every pending answer", async () => {
  const fake = fakePort();
  const helper = helperOver(fake.port);
  const check = helper.check([{ from: 0, to: 0 }], false);
  fake.end("exit code 1");
  await expect(helper.result).rejects.toThrow(/exited before it reported \(exit code 1\)/);
  await expect(check).rejects.toThrow(/exited before it reported/);
});
