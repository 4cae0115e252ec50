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
import { wrongIndex } from "../input/gzip-index-unit";

/** What a platform opened for one run: the inputs in order, the run's knobs, engines, access and threads. */
export interface OpenedInputs {
  inputs: PlannedInput[];
  tuning: RunTuning;
  platform: RunPlatform;
  /** Once the run is over: what it made for after it succeeded (indexes written) is kept, or removed when it failed. */
  settled?(succeeded: boolean): void;
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

/**
 * The run; a data error in a run that read files from their indexes is confirmed by the same
 * run from every file's start (integrity before content: a unit decoded from an index point
 * cannot prove alone that its bytes are right). That run throws the error again, or succeeds:
 * then an index was wrong.
 */
async function runConfirmed(opened: OpenedInputs, count: number | bigint, options: HighestOptions): Promise<RunResult> {
  try {
    return await runRanking(opened.inputs, count, options, opened.tuning, opened.platform);
  } catch (thrown) {
    if (!dataErrorFromIndex(thrown, opened.inputs, options)) throw thrown;
    const plain = opened.inputs.map((each) => ({ ...each, index: undefined }));
    await (await runRanking(plain, count, options, opened.tuning, opened.platform)).close();
    throw wrongIndexes(opened.inputs.filter((each) => each.index));
  }
}

/** Indexes that were used, one of which was wrong (exit 1, named). */
function wrongIndexes(indexed: PlannedInput[]): HighestError {
  return indexed.length === 1 ? wrongIndex(indexed[0])
    : new HighestError("input", `one of the indexes ${indexed.map((each) => each.index!.name).join(", ")} does not match its file: remove it, or run with --no-index`);
}

/** A data error in a run that read files from their indexes: it may come from a wrong index (files only: they can be read again). */
function dataErrorFromIndex(thrown: unknown, inputs: PlannedInput[], options: HighestOptions): boolean {
  return thrown instanceof HighestError && thrown.kind === "data" && options.shard === undefined
    && inputs.some((input) => input.index) && inputs.every((input) => input.path !== undefined);
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
    let result: RunResult | undefined;
    try {
      result = await runConfirmed(opened, count, options);
    } finally {
      opened.settled?.(result !== undefined);
    }
    return result;
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
