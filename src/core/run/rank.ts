// One run of the library, the same on every platform (Node's highest() and rankInputs(), a
// browser's highest()): the options checked before anything is opened, the inputs opened by the
// platform, the run, and what the caller handed over released once, on every path. An abort
// releases it at once, so that a read waiting on a stream with no data yet ends: what failed
// because of that is the abort.
import { HighestError, asHighestError } from "../model/errors";
import { HighestOptions, RankOptions, RunKnobs, TestKnobs } from "../model/options";
import { DecimalWinner } from "../model/winner";
import { KNOB_CHECKS, OptionCheck, validateRun } from "../model/option-checks";
import { PlannedInput } from "../model/plan";
import { RunPlatform, RunTuning, runRanking } from "./run";
import { RunResult } from "./result";

/** What a platform opened for one run: the inputs in order, the run's knobs, engines, access and threads. */
export interface OpenedInputs {
  inputs: PlannedInput[];
  tuning: RunTuning;
  platform: RunPlatform;
}

/** What a platform supplies to rank(): its own options, how it opens inputs, how it releases what it was given. */
export interface LibraryPlatform<Input> {
  /** The options only this platform takes (beyond RankOptions and threads). */
  optionChecks: Record<string, OptionCheck>;
  open(given: Input[], options: HighestOptions, knobs: RunKnobs): Promise<OpenedInputs>;
  /** Releases one input a caller handed over (a no-op for what needs none); must not throw. */
  release(item: Input): Promise<void>;
}

/** The same platform taking test knobs beside its options (TestKnobs): what the internal entries run on. */
export function withKnobs<Input>(platform: LibraryPlatform<Input>): LibraryPlatform<Input> {
  return { ...platform, optionChecks: { ...platform.optionChecks, ...KNOB_CHECKS } };
}

/** The best `count` records of the inputs (one, or a list ranked as one), in columns; close the result. */
export async function rank<Input>(
  platform: LibraryPlatform<Input>, input: Input | Input[], count: number | bigint, given: HighestOptions & TestKnobs,
): Promise<RunResult> {
  const inputs = Array.isArray(input) ? input : [input];
  let released: Promise<unknown> | undefined;
  const release = () => (released ??= Promise.all(inputs.map((item) => platform.release(item))));
  let releasedOnAbort = false;
  const onAbort = () => { releasedOnAbort = true; void release(); };
  let signal: AbortSignal | undefined; // known to be one once the options are checked
  try {
    validateRun(inputs, count, given, platform.optionChecks); // bad arguments fail before anything is opened
    const { chunkSize, tuning, ...options } = given;
    signal = options.signal;
    signal?.addEventListener("abort", onAbort, { once: true });
    const opened = await platform.open(inputs, options, { ...tuning, chunkSize: chunkSize ?? tuning?.chunkSize });
    return await runRanking(opened.inputs, count, options, opened.tuning, opened.platform);
  } catch (thrown) {
    throw releasedOnAbort ? new HighestError("aborted", "aborted") : asHighestError(thrown);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await release(); // on every path, also the inputs the run never reached
  }
}

/** The winners of a result as objects, the result closed on every path. */
export async function winnersOf(result: RunResult, options: RankOptions): Promise<DecimalWinner[]> {
  try {
    return await result.winners({ text: options.lineTexts === true, record: options.records === true });
  } finally {
    await result.close();
  }
}
