// The helpersFirst test knob (src/core/run/helpers-first.ts): the calling thread waits, without
// blocking, until each helper owns a unit or has ended; a helper that never starts, or an abort,
// does not hang the run. Moments are made by hand (claims on the board, helpers' results settled).
import { Claims } from "../../../src/core/run/claims";
import { Helper } from "../../../src/core/run/helper";
import { helpersClaimed } from "../../../src/core/run/helpers-first";
import { runRanking } from "../../../src/core/run/run";
import { ParticipantResult } from "../../../src/core/run/reports";
import { JsEngine } from "../../../src/core/scan/js-engine";
import { NodeAccess } from "../../../src/node/access";
import { expandInputs } from "../../../src/node/inputs";
import { helperInThisThread } from "../../helpers/helper-in-thread";
import { tempFolder } from "../../helpers/temp-folder";

/** A helper as the wait sees it (only its result matters), and the hands that settle its result. */
function fakeHelper() {
  let resolve: (result: ParticipantResult) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<ParticipantResult>((yes, no) => { resolve = yes; reject = no; });
  promise.catch(() => {});
  const unused = () => Promise.reject(new Error("not used"));
  const helper: Helper = { result: promise, check: unused, rows: unused, format: () => unused, close: async () => {} };
  return { helper, result: { resolve, reject } };
}

/** Whether `promise` has settled once everything already due has run (a claim's wake-up is a task, not a microtask). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => { done = true; }, () => { done = true; });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

test("waits until each helper owns a unit: claims by others do not end it", async () => {
  const board = new Claims(6);
  const [a, b] = [fakeHelper(), fakeHelper()];
  const wait = helpersClaimed(board, [a.helper, b.helper]);
  expect(await settled(wait)).toBe(false);
  new Claims(6, board.cells).claim(2, () => true); // helper 2 (helpers[0]) takes unit 0
  expect(await settled(wait)).toBe(false);
  new Claims(6, board.cells).claim(1, (k) => k === 3); // not a helper's claim
  expect(await settled(wait)).toBe(false);
  new Claims(6, board.cells).claim(3, () => true); // helper 3 takes unit 1
  expect(await settled(wait)).toBe(true);
  expect([board.ownsAny(2), board.ownsAny(3)]).toEqual([true, true]);
});

test("a helper that ends owning nothing (it failed to start, or found no unit it takes) ends its wait", async () => {
  const board = new Claims(3);
  const [failed, empty, claiming] = [fakeHelper(), fakeHelper(), fakeHelper()];
  const wait = helpersClaimed(board, [failed.helper, empty.helper, claiming.helper]);
  new Claims(3, board.cells).claim(4, () => true);
  expect(await settled(wait)).toBe(false);
  failed.result.reject(new Error("internal error: a worker thread exited before it reported"));
  expect(await settled(wait)).toBe(false);
  // The last end comes with no claim after it: the end itself ends the wait.
  empty.result.resolve({ reports: [], kept: {}, prechecked: false } as unknown as ParticipantResult);
  expect(await settled(wait)).toBe(true);
});

test("stop() (an abort) ends the wait; with no helpers there is none", async () => {
  const board = new Claims(2);
  const wait = helpersClaimed(board, [fakeHelper().helper]);
  expect(await settled(wait)).toBe(false);
  board.stop();
  expect(await settled(wait)).toBe(true);
  expect(await settled(helpersClaimed(new Claims(2), []))).toBe(true);
});

test("a board's claims are announced: nextClaim() resolves at the next claim, wake() ends it too", async () => {
  const board = new Claims(2);
  const next = board.nextClaim(board.claimed())!;
  expect(await settled(next)).toBe(false);
  board.claim(1, () => true);
  expect([await settled(next), board.claimed()]).toEqual([true, 1]);
  const woken = board.nextClaim(board.claimed())!;
  board.wake();
  expect(await settled(woken)).toBe(true);
  expect(await settled(board.nextClaim(0)!)).toBe(true); // already past: at once
});

describe("a run with helpersFirst", () => {
  const temp = tempFolder("helpers-first-");
  const text = Array.from({ length: 2000 }, (_, i) => `${(i * 7919) % 10007}: {"id":${i}}\n`).join("");
  const best = [...text.matchAll(/^(\d+):/gm)].map((m) => BigInt(m[1])).sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)).slice(0, 3);

  // The helpers boot late: after this thread's engine is made, when (without the knob) it has
  // claimed its first unit already; one never boots.
  test.each([true, false])("helpersFirst %s: the helper that starts claims before this thread (without the knob, after); one whose worker never loads does not hang the run", async (helpersFirst) => {
    const file = temp.file(text, "f.data");
    let engineMade: Promise<void> | undefined;
    const { inputs, sources } = await expandInputs([file]);
    let board: Claims | undefined;
    const own = new NodeAccess(inputs, sources);
    let helperOwnedAtFirstOpen: boolean | undefined; // seen when this thread opens its first unit
    const first = () => { helperOwnedAtFirstOpen ??= board!.ownsAny(3); };
    const result = await runRanking(inputs, 3, { engine: "js" }, { threads: 3, segmentBytes: 1024, minThreadedBytes: 0, helpersFirst }, {
      createEngine: async () => {
        engineMade = new Promise((resolve) => setImmediate(resolve)); // a task after this thread goes on
        return new JsEngine();
      },
      access: {
        openSequential: (input) => { first(); return own.openSequential(input); },
        openRandom: (input) => { first(); return own.openRandom(input); },
        inflater: () => own.inflater(),
      },
      startHelper: (job) => {
        board = new Claims(job.plan.units.length, job.claims);
        if (job.id === 2) { // its worker fails to load: it ends without a word, after a while
          const dead = fakeHelper();
          setImmediate(() => dead.result.reject(new Error("internal error: a worker thread exited before it reported")));
          return dead.helper;
        }
        return helperInThisThread(job, NodeAccess.forPaths(job.plan.inputs), Promise.resolve().then(() => engineMade));
      },
    });
    try {
      expect((await result.winners()).map((w) => w.score)).toEqual(best);
    } finally {
      await result.close();
    }
    expect(board!.units).toBeGreaterThan(10);
    if (!helpersFirst) { // the race this knob removes: this thread claims (and opens) first
      expect(helperOwnedAtFirstOpen).toBe(false);
      return;
    }
    expect(helperOwnedAtFirstOpen).toBe(true); // this thread began once the helper that started owned a unit
    expect([board!.ownsAny(1), board!.ownsAny(2), board!.ownsAny(3)]).toEqual([true, false, true]);
  });
});
