// The run's board (src/core/run/claims.ts): the window board a gzip file cut at deflate blocks
// hands its 32 KiB windows through, unit to unit, across threads.
import { Worker } from "node:worker_threads";
import { Claims } from "../../../src/core/run/claims";
import { WINDOW_BYTES } from "../../../src/core/input/inflate-core";

const windowOf = (fill: number) => new Uint8Array(WINDOW_BYTES).fill(fill);

test("a window published for a unit is what the unit gets, from this thread's board or another view of it", async () => {
  const claims = new Claims(4, undefined, true);
  claims.publishWindow(2, windowOf(7));
  expect(await claims.windowOf(2)).toEqual(windowOf(7));
  const view = new Claims(4, claims.cells); // as a helper sees the board
  expect(await view.windowOf(2)).toEqual(windowOf(7));
  claims.publishWindow(4, windowOf(1)); // past the last unit: no unit waits for it
});

test("a wait ends when another thread publishes the window", async () => {
  const claims = new Claims(3, undefined, true);
  const waiting = claims.windowOf(1);
  // A worker writes the state and the bytes on the shared board, then notifies (as publishWindow does).
  const worker = new Worker(`
    const { workerData } = require("node:worker_threads");
    const cells = workerData;
    const units = 3, owners = 3;
    new Uint8Array(cells.buffer, 4 * (owners + 2 * units) + ${WINDOW_BYTES}, ${WINDOW_BYTES}).fill(9);
    Atomics.store(cells, owners + units + 1, 1);
    Atomics.notify(cells, owners + units + 1);
  `, { eval: true, workerData: claims.cells });
  try {
    expect(await waiting).toEqual(windowOf(9));
  } finally {
    await worker.terminate();
  }
});

test("a wait ends without a window when the run stops, or when a unit before failed", async () => {
  const stopped = new Claims(3, undefined, true);
  const waiting = stopped.windowOf(2);
  stopped.stop();
  expect(await waiting).toBeUndefined();
  const failed = new Claims(3, undefined, true);
  const after = failed.windowOf(2);
  failed.noteError(1);
  expect(await after).toBeUndefined();
});

test("a board without windows refuses to hand one", async () => {
  const claims = new Claims(2);
  expect(() => claims.publishWindow(1, windowOf(0))).toThrow(/internal error/);
  await expect(claims.windowOf(1)).rejects.toThrow(/internal error/);
});
