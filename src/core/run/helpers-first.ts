// A test knob (RunTuning.helpersFirst): the calling thread claims nothing until every helper
// owns a unit or has ended. A worker takes 50-100 ms to boot, so on a busy machine this thread
// may claim every unit first and a helper owns none; a test that needs a helper to own units
// (to hold and format its rows, say) would then depend on who wins that race. Waiting here is
// asynchronous (the board announces each claim: Claims.nextClaim), never a sleep nor a poll.
import { Claims } from "./claims";
import { Helper } from "./helper";

/**
 * Resolves once each helper (participant i + 2 is helpers[i]) owns a unit or has ended: one that
 * failed to start, or found no unit it accepts, does not hold the run. So does stop() (an abort).
 * Where a claim cannot be awaited (no Atomics.waitAsync) it waits for the helpers' ends: they
 * then own every unit between them.
 */
export async function helpersClaimed(claims: Claims, helpers: Helper[]): Promise<void> {
  const ended = helpers.map(() => false);
  const ends = helpers.map((helper, i) => helper.result.then(() => { ended[i] = true; }, () => { ended[i] = true; }));
  try {
    for (;;) {
      const seen = claims.claimed();
      const waiting = helpers.flatMap((_, i) => (ended[i] || claims.ownsAny(i + 2) ? [] : [ends[i]]));
      if (waiting.length === 0 || claims.stopped()) return;
      const claim = claims.nextClaim(seen);
      await Promise.race(claim ? [claim, ...waiting] : waiting);
    }
  } finally {
    claims.wake(); // a wait the race left behind ends now, not at some later claim
  }
}
